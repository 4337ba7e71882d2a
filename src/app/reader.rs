//! One article as a reader page: header (title, standfirst, byline, dates, source), lead image,
//! the body (its blocks are drawn by [`crate::app::blocks`]), the footer, and the lightbox.
//! Text is always inserted as text, never as HTML.

use crate::app::blocks::render_block;
use crate::app::dates::DateTime;
use crate::app::figure::{caption, Figure, LightboxOpener};
use crate::app::link::FilterLinks;
use crate::app::panels::reason_of;
use crate::app::search::{marked, SearchWords};
use crate::app::use_ui;
use crate::filter::Facet;
use crate::i18n::Ui;
use crate::model::{Article, Body, Image, LanguageTag};
use crate::state::BodyLoad;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
    /// The collection's language, used when the article has none.
    #[prop_or_default]
    pub fallback_language: Option<LanguageTag>,
    /// For an article with `body_url`: where loading its body stands.
    #[prop_or_default]
    pub loaded_body: Option<BodyLoad>,
    /// Asks to load a failed `body_url` again.
    #[prop_or_default]
    pub on_retry_body: Callback<()>,
    /// Tags, bylines and the source as links to the list filtered by them (`None`: plain text,
    /// as where there is no list to filter).
    #[prop_or_default]
    pub filter_links: Option<FilterLinks>,
}

/// The `id` of the article's heading, the target of focus after navigation.
pub const ARTICLE_TITLE_ID: &str = "av-article-title";

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let ui = use_ui();
    let article = &props.article;
    let language = article.language_or(props.fallback_language.as_ref());
    let lang = language.map(|l| AttrValue::from(l.as_str().to_owned()));
    let dir = language.map(LanguageTag::direction);
    let lightbox = use_state(|| None::<Image>);
    // Opened from a search: its words are marked in the text.
    let marks = use_context::<Option<SearchWords>>().flatten();
    let open_lightbox = {
        let lightbox = lightbox.clone();
        Callback::from(move |image: Image| lightbox.set(Some(image)))
    };
    let close_lightbox = {
        let lightbox = lightbox.clone();
        Callback::from(move |()| lightbox.set(None))
    };
    html! {
        <ContextProvider<LightboxOpener> context={LightboxOpener(open_lightbox)}>
        <article class="av-article" lang={lang.clone()} {dir} aria-labelledby={ARTICLE_TITLE_ID}>
            <header class="av-article__header">
                if !article.regions.is_empty() {
                    <p class="av-kicker">
                        <span class="av-visually-hidden" lang={ui.code()}>{ ui.t("regions-prefix") }{ " " }</span>
                        { article.regions.iter().map(|r| r.leaf().to_owned()).collect::<Vec<_>>().join(" · ") }
                    </p>
                }
                <h1 id={ARTICLE_TITLE_ID} class="av-article__title" part="headline" tabindex="-1">{ article.title.clone() }</h1>
                if let Some(standfirst) = &article.standfirst {
                    <p class="av-standfirst" part="standfirst">{ marked(standfirst, marks.as_ref()) }</p>
                }
                { article_meta(&ui, &ArticleProps { article: Rc::clone(article), language: lang, links: props.filter_links.clone() }) }
            </header>
            if let Some(image) = &article.image {
                <Figure image={image.clone()} lead=true />
            }
            <div class="av-article__body" id={ARTICLE_BODY_ID} tabindex="-1">
                { render_body(&ui, &article.body, props.loaded_body.as_ref(), &props.on_retry_body, marks.as_ref()) }
            </div>
            { article_footer(&ui, &ArticleProps { article: Rc::clone(article), language: None, links: props.filter_links.clone() }) }
        </article>
        <Lightbox image={(*lightbox).clone()} on_close={close_lightbox} />
        </ContextProvider<LightboxOpener>>
    }
}

/// The `id` of the article text, the skip link's target.
pub const ARTICLE_BODY_ID: &str = "av-article-body";

#[derive(Properties, PartialEq)]
pub struct LightboxProps {
    pub image: Option<Image>,
    pub on_close: Callback<()>,
}

/// The enlarged image: a modal `<dialog>`, so focus stays inside it and Escape closes it; a
/// click outside the picture closes it too, and focus returns to the image that opened it.
#[component]
pub fn Lightbox(props: &LightboxProps) -> Html {
    let ui = use_ui();
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with(props.image.is_some(), move |open| {
            if let Some(element) = dialog.cast::<web_sys::HtmlDialogElement>() {
                if *open && !element.open() {
                    let _ = element.show_modal();
                } else if !*open && element.open() {
                    element.close();
                }
            }
        });
    }
    let onclose = props.on_close.reform(|_: Event| ());
    let onclick = {
        let on_close = props.on_close.clone();
        let dialog = dialog.clone();
        Callback::from(move |event: MouseEvent| {
            // A click on the dialog element itself is a click on its backdrop.
            let target = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if target.is_some() && target == dialog.cast::<web_sys::Element>() {
                on_close.emit(());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <dialog class="av-lightbox" ref={dialog} aria-label={ui.t("enlarged-image")} {onclose} {onclick}>
            if let Some(image) = &props.image {
                <figure class="av-lightbox__figure">
                    <img class="av-lightbox__image" src={image.src.as_str().to_owned()} alt={image.alt.clone()}
                        width={image.width.map(|w| w.to_string())} height={image.height.map(|h| h.to_string())} />
                    { caption(&ui, image) }
                </figure>
            }
            <button type="button" class="av-button av-lightbox__close" onclick={close}>{ ui.t("close") }</button>
        </dialog>
    }
}

fn render_body(
    ui: &Ui,
    body: &Body,
    loaded: Option<&BodyLoad>,
    on_retry: &Callback<()>,
    marks: Option<&SearchWords>,
) -> Html {
    match (body, loaded) {
        (Body::Blocks(blocks), _) => blocks.iter().map(|b| render_block(b, marks)).collect(),
        (Body::Remote(_), Some(BodyLoad::Ready { blocks, .. })) => {
            blocks.iter().map(|b| render_block(b, marks)).collect()
        }
        (Body::Remote(url), Some(BodyLoad::Failed(error))) => html! {
            <div class="av-panel av-panel--error" role="alert">
                <p class="av-panel__title">{ ui.t("body-failed-title") }</p>
                <dl class="av-panel__facts">
                    <dt>{ ui.t("fact-file") }</dt>
                    <dd><code class="av-code">{ url.as_str().to_owned() }</code></dd>
                    <dt>{ ui.t("fact-problem") }</dt>
                    <dd>{ reason_of(ui, error) }</dd>
                </dl>
                <button type="button" class="av-button" onclick={on_retry.reform(|_: MouseEvent| ())}>{ ui.t("try-again") }</button>
            </div>
        },
        (Body::Remote(_), _) => {
            html! { <p class="av-status" role="status">{ ui.t("loading-body") }</p> }
        }
    }
}

struct ArticleProps {
    article: Rc<Article>,
    language: Option<AttrValue>,
    links: Option<FilterLinks>,
}

/// A word of the interface inside an article that may be in another language or direction:
/// isolated in the interface's own, so "By" or "Published" never reorder with the text beside
/// them.
pub fn label(ui: &Ui, key: &str) -> Html {
    html! { <span class="av-label" lang={ui.code()} dir={ui.direction()}>{ ui.t(key) }</span> }
}

/// Names as a sentence ("A, B and C"), each a link to the list of their articles when `links`
/// are given.
fn join_names(ui: &Ui, names: &[String], links: Option<&FilterLinks>) -> Html {
    let name = |name: &String| match links {
        Some(links) => links.link(Facet::Author, name, "av-link", html! { { name.clone() } }),
        None => html! { { name.clone() } },
    };
    html! {
        { for names.iter().enumerate().map(|(at, one)| html! {
            <>
                if at > 0 {
                    <span lang={ui.code()}>{ if at + 1 == names.len() { ui.t("names-last-separator") } else { ui.t("names-separator") } }</span>
                }
                { name(one) }
            </>
        }) }
    }
}

fn article_meta(ui: &Ui, props: &ArticleProps) -> Html {
    let article = &props.article;
    html! {
        <div class="av-meta">
            if !article.byline.is_empty() {
                <p class="av-byline" part="byline">{ label(ui, "by") }{ " " }<span class="av-byline__names">{ join_names(ui, &article.byline, props.links.as_ref()) }</span></p>
            }
            <p class="av-dates">
                if let Some(published) = article.published {
                    <span class="av-dates__published">{ label(ui, "published") }{ " " }<DateTime timestamp={published} language={props.language.clone()} /></span>
                }
                if let Some(updated) = &article.updated {
                    <span class="av-dates__updated">{ label(ui, "updated") }{ " " }<DateTime timestamp={*updated} language={props.language.clone()} /></span>
                }
                if let Some(minutes) = article.reading_minutes() {
                    <span class="av-dates__reading" lang={ui.code()} dir={ui.direction()}>{ ui.n("minutes-read", minutes as u64, &[]) }</span>
                }
            </p>
            if let Some(source) = &article.source {
                <p class="av-source">
                    { label(ui, "source-prefix") }{ " " }
                    if let Some(url) = &source.url {
                        <a class="av-link" href={url.as_str().to_owned()}>{ source.name.clone() }</a>
                    } else {
                        { source.name.clone() }
                    }
                    if let Some(links) = &props.links {
                        { " · " }
                        // The interface's words keep their language and direction inside an
                        // article in another; the name takes its own.
                        { links.link(Facet::Source, &source.name, "av-link av-source__filter", all_from(ui, source.name.trim())) }
                    }
                </p>
            }
        </div>
    }
}

fn article_footer(ui: &Ui, props: &ArticleProps) -> Html {
    let article = &props.article;
    if article.tags.is_empty() && article.regions.is_empty() && article.url.is_none() {
        return Html::default();
    }
    html! {
        <footer class="av-article__footer">
            if !article.regions.is_empty() {
                <h2 class="av-footer__heading">{ ui.t("regions") }</h2>
                <ul class="av-chips">
                    { for article.regions.iter().map(|r| html! { <li class="av-chip">{ r.to_string() }</li> }) }
                </ul>
            }
            if !article.tags.is_empty() {
                <h2 class="av-footer__heading">{ ui.t("tags") }</h2>
                <ul class="av-chips">
                    { for article.tags.iter().map(|t| match &props.links {
                        Some(links) => html! { <li>{ links.link(Facet::Tag, t, "av-chip av-chip--link", html! { { t.clone() } }) }</li> },
                        None => html! { <li class="av-chip">{ t.clone() }</li> },
                    }) }
                </ul>
            }
            if let Some(url) = &article.url {
                <p class="av-original"><a class="av-link" href={url.as_str().to_owned()}>{ ui.t("read-original") }</a></p>
            }
        </footer>
    }
}

/// "All from <name>": the interface's words around the name, which keeps its own direction.
fn all_from(ui: &Ui, name: &str) -> Html {
    let text = ui.t("all-from");
    let (before, after) = text.split_once("{source}").unwrap_or((&text, ""));
    html! {
        <span lang={ui.code()} dir={ui.direction()}>
            { before.to_owned() }<bdi>{ name.to_owned() }</bdi>{ after.to_owned() }
        </span>
    }
}
