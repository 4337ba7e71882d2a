//! A published page: the viewer's own components rendered to HTML by Yew's server renderer
//! ([`prerender`]), inside a document ([`document`]) whose head says what the page is and loads
//! the viewer, which takes over once it has drawn the same view.

use crate::app::dates::DateFormat;
use crate::app::link::LinkPolicy;
use crate::app::view::{viewer_frame, View};
use crate::app::Prerendered;
use crate::i18n::Rules;
use crate::publish::dates::shared_date_format;
use crate::publish::files::AppFiles;
use crate::publish::head::Head;
use crate::site::SiteRoot;
use crate::state::AppState;
use crate::text::escape_html;
use std::rc::Rc;
use yew::prelude::*;

/// A published page's Content Security Policy (as in `index.html`, plus the inline `prefs.js`):
/// scripts only from the site or with exactly `inline_script_hash`, no other inline script,
/// Trusted Types required for any script-creating sink.
#[must_use]
pub fn content_security_policy(inline_script_hash: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' '{inline_script_hash}' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' https:; connect-src 'self' https:; font-src 'self'; \
manifest-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; \
require-trusted-types-for 'script'"
    )
}

#[derive(Properties, PartialEq)]
struct PrerenderProps {
    state: Rc<AppState>,
    links: LinkPolicy,
    dates: DateFormat,
}

/// The browser shell's markup for a state, without its effects: the same frame and view.
#[component]
fn Prerender(props: &PrerenderProps) -> Html {
    let view = html! {
        <View state={Rc::clone(&props.state)} on_navigate={Callback::noop()} on_action={Callback::noop()} />
    };
    html! {
        <ContextProvider<LinkPolicy> context={props.links.clone()}>
        <ContextProvider<Prerendered> context={Prerendered}>
        <ContextProvider<DateFormat> context={props.dates.clone()}>
            { viewer_frame(props.state.prefs, &props.state.ui(Rules::default()), false, NodeRef::default(), view) }
        </ContextProvider<DateFormat>>
        </ContextProvider<Prerendered>>
        </ContextProvider<LinkPolicy>>
    }
}

/// The viewer's markup for `state` on a page whose links start from `root`, its dates in the
/// words the viewer's `Intl` will use ([`crate::publish::dates`]).
#[must_use]
pub fn prerender(state: Rc<AppState>, root: &SiteRoot) -> String {
    let links = LinkPolicy {
        article_url: None,
        site: Some(root.clone()),
    };
    let renderer = yew::LocalServerRenderer::<Prerender>::with_props(PrerenderProps {
        state,
        links,
        dates: shared_date_format(),
    })
    .hydratable(false);
    futures::executor::block_on(renderer.render())
}

/// Which page of the site a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The root page: the list, and the viewer for `?…` links (`?article=ID` is sent on to the
    /// article's page by `prefs.js` before anything is drawn).
    Collection,
    Article,
}

/// A complete page: `head`'s tags, `prefs.js` inline (it runs before the first paint, so a
/// request for it would hold the paint back), the viewer's scripts (with integrity; `boot.js`
/// starts the WebAssembly, and with it the data, only once the page itself has loaded and been
/// painted), and the prerendered view beside the viewer's still hidden mount point.
#[must_use]
pub fn document(
    head: &Head,
    app: &AppFiles,
    root: &SiteRoot,
    kind: PageKind,
    prerendered: &str,
) -> String {
    let file = |name: &str| escape_html(&format!("{}{}{name}", root.as_str(), app.dir));
    let sri = |name: &str| app.integrity_of(name).to_owned();
    let page = match kind {
        PageKind::Collection => " data-av-page=\"collection\"",
        PageKind::Article => "",
    };
    let styles = format!(
        "<link rel=\"stylesheet\" href=\"{}\" integrity=\"{}\">\n",
        file("site.css"),
        sri("site.css")
    );
    let root_attr = escape_html(root.as_str());
    format!(
        "<!doctype html>\n<html lang=\"en\"{page}>\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
{head}<link rel=\"alternate\" type=\"application/feed+json\" href=\"{root_attr}feed.json\">\n\
<script>{prefs}</script>\n\
{styles}<noscript><link rel=\"stylesheet\" href=\"{noscript}\" integrity=\"{noscript_sri}\"></noscript>\n\
<link rel=\"icon\" href=\"{icon}\" type=\"image/svg+xml\">\n\
<link rel=\"modulepreload\" href=\"{glue}\" integrity=\"{glue_sri}\">\n\
<link rel=\"modulepreload\" href=\"{stopped}\" integrity=\"{stopped_sri}\">\n\
<script type=\"module\" src=\"{boot}\" integrity=\"{boot_sri}\"></script>\n\
</head>\n<body>\n<div id=\"article-viewer\" data-site-root=\"{root_attr}\" hidden></div>\n\
<div id=\"article-viewer-prerendered\">{prerendered}</div>\n</body>\n</html>\n",
        head = head.to_html(),
        csp = escape_html(&content_security_policy(&app.inline_prefs.hash)),
        prefs = app.inline_prefs.text,
        icon = file("favicon.svg"),
        noscript = file("noscript.css"),
        noscript_sri = sri("noscript.css"),
        glue = file("article-viewer.js"),
        glue_sri = sri("article-viewer.js"),
        stopped = file("stopped.js"),
        stopped_sri = sri("stopped.js"),
        boot = file("boot.js"),
        boot_sri = sri("boot.js"),
    )
}
