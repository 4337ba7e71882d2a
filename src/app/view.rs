//! The viewer's frame ([`viewer_frame`]: the interface language's `lang` and `dir`, the reading
//! preferences) and the page for a state: a toolbar (back link, copy link, reading options)
//! above loading, the error panel, the collection, one article (with a skip link and
//! previous/next), or "not found". Pure: the browser shell passes callbacks in, and the `ssr`
//! tests render it directly.

use crate::app::collection::CollectionPage;
use crate::app::controls::ReaderControls;
use crate::app::focus;
use crate::app::link::{FilterLinks, NavLink};
use crate::app::outcome::use_outcome;
use crate::app::panels::{loading, problem_list, ErrorPanel};
use crate::app::reader::{ArticleView, ARTICLE_BODY_ID};
use crate::app::search::{search_words, use_search, LoadedBodies, SearchWords};
use crate::app::use_ui;
use crate::archive::Lookup;
use crate::i18n::Ui;
use crate::prefs::{Choice, Preferences};
use crate::query::Query;
use crate::state::{Action, AppState, Load, Loaded};
use std::rc::Rc;
use yew::prelude::*;

/// The viewer's outer element (its reading preferences as attributes, which the styles read)
/// around its landmark: `main` on a page of its own, a labelled section inside a host page
/// (which has its own main landmark). Inside it, `ui` is in context for every component.
pub fn viewer_frame(
    prefs: Preferences,
    ui: &Ui,
    in_host_page: bool,
    root: NodeRef,
    content: Html,
) -> Html {
    html! {
        <div class="av-root" ref={root} lang={ui.code()} dir={ui.direction()} data-theme={prefs.theme.value()}
            data-size={prefs.text_size.to_string()} data-width={prefs.width.value()} data-font={prefs.font.value()}>
            <ContextProvider<Ui> context={ui.clone()}>
            if in_host_page {
                <section class="av-main" aria-label={ui.t("viewer-name")}>{ content }</section>
            } else {
                <main class="av-main">{ content }</main>
            }
            </ContextProvider<Ui>>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub state: Rc<AppState>,
    pub on_navigate: Callback<Query>,
    /// Actions from the page itself, such as Retry.
    pub on_action: Callback<Action>,
    /// Copies or shares the current article's address.
    #[prop_or_default]
    pub on_share: Callback<()>,
    /// What the last copy or share did: its catalogue key (`link-copied`).
    #[prop_or_default]
    pub share_status: Option<AttrValue>,
    /// A search typed in the search box.
    #[prop_or_default]
    pub on_search: Callback<Query>,
}

#[component]
pub fn View(props: &ViewProps) -> Html {
    let ui = use_ui();
    let state = &props.state;
    let on_prefs = props.on_action.reform(Action::SetPreferences);
    let controls = html! { <ReaderControls prefs={state.prefs} on_change={on_prefs} /> };
    let source = AttrValue::from(state.query.source().to_owned());
    let page = match &state.load {
        Load::Loading => loading(&ui, &source, state.load_progress),
        Load::Failed(error) => html! {
            <ErrorPanel {source} error={error.clone()} on_retry={props.on_action.reform(|()| Action::Retry)} />
        },
        Load::Ready(loaded) => match &state.query.article {
            Some(id) => {
                return html! {
                    <ArticlePage loaded={Rc::clone(loaded)} id={AttrValue::from(id.clone())} state={Rc::clone(state)}
                        on_navigate={props.on_navigate.clone()} on_action={props.on_action.clone()}
                        on_share={props.on_share.clone()} share_status={props.share_status.clone()} />
                }
            }
            None => html! {
                <>
                    <CollectionPage loaded={Rc::clone(loaded)} arrived={Rc::clone(&state.arrived)} search={state.search.clone()} on_search={props.on_search.clone()} query={state.query.clone()} today={state.today} list_limit={state.list_limit} drawn={state.cards_drawn()} panel={!state.panel_later} bodies={LoadedBodies(Rc::clone(&state.bodies))}
                        on_navigate={props.on_navigate.clone()} on_action={props.on_action.clone()} />
                    { problem_list(&ui, &loaded.parsed.skipped, &loaded.parsed.notices) }
                </>
            },
        },
    };
    html! {
        <>
            <div class="av-toolbar">{ controls }</div>
            { page }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ArticlePageProps {
    loaded: Rc<Loaded>,
    id: AttrValue,
    state: Rc<AppState>,
    on_navigate: Callback<Query>,
    on_action: Callback<Action>,
    on_share: Callback<()>,
    share_status: Option<AttrValue>,
}

#[component]
fn ArticlePage(props: &ArticlePageProps) -> Html {
    let ui = use_ui();
    let state = &props.state;
    let index = Rc::clone(&props.loaded.index);
    let filter = state.query.filter();
    // The filtered list the reader came from, for previous and next.
    let searched = use_search(state.search.clone(), state.query.q.clone());
    // An archive searches its own index (in `use_outcome`); the words are marked the same way.
    let words = searched
        .as_ref()
        .map(|(_, words)| words.clone())
        .or_else(|| {
            let q = state.query.q.as_deref();
            q.filter(|_| props.loaded.archive.is_some())
                .map(search_words)
        });
    let found = searched.map(|(found, _)| found);
    let outcome = use_outcome(
        &props.loaded,
        &state.arrived,
        (filter, state.query.sort),
        found,
        state.query.q.clone(),
    );
    let collection = &props.loaded.parsed.collection;
    let list_query = state.query.with_article(None);
    // An archive's index has no tag, author or source facets (yet): no list to filter by them.
    let filter_links = (!index.facets.iter().all(|f| f.is_empty())).then(|| FilterLinks {
        list: list_query.clone(),
        on_navigate: props.on_navigate.clone(),
    });
    let skip = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        // Look inside this viewer (which may sit in a shadow root), not the whole document.
        if let Some(root) = event
            .target_dyn_into::<web_sys::Element>()
            .and_then(|e| focus::viewer_root_of(&e))
        {
            focus::focus_within(&root, &format!("#{ARTICLE_BODY_ID}"));
        }
    });
    let toolbar = html! {
        <div class="av-toolbar">
            <a class="av-skip" href={format!("#{ARTICLE_BODY_ID}")} onclick={skip}>{ ui.t("skip-to-text") }</a>
            <nav class="av-nav" aria-label={ui.t("viewer-navigation")}>
                <NavLink to={list_query} on_navigate={props.on_navigate.clone()} class="av-nav__back"><span aria-hidden="true">{ back_arrow(&ui) }</span>{ ui.t("all-articles") }</NavLink>
            </nav>
            <div class="av-toolbar__actions">
                <button type="button" class="av-button av-button--secondary" onclick={props.on_share.reform(|_: MouseEvent| ())}>
                    { ui.t("copy-link") }
                </button>
                <span class="av-status-message" role="status">{ props.share_status.as_deref().map(|key| ui.t(key)).unwrap_or_default() }</span>
                <ReaderControls prefs={state.prefs} on_change={props.on_action.reform(Action::SetPreferences)} />
            </div>
        </div>
    };
    let found = match state.lookup(&props.loaded, &props.id) {
        Lookup::Found(article) => Some(article),
        Lookup::Pending => {
            return html! {
                <>
                    { toolbar }
                    <p class="av-status" role="status" aria-live="polite">{ ui.t("loading") }</p>
                </>
            };
        }
        Lookup::Failed(file, why) => {
            return html! {
                <>
                    { toolbar }
                    <section class="av-panel av-panel--error" role="alert" aria-labelledby="av-missing-title">
                        <h1 id="av-missing-title" class="av-panel__title" tabindex="-1">{ ui.t("article-failed-title") }</h1>
                        <p>{ why }</p>
                        <button type="button" class="av-button"
                            onclick={props.on_action.reform(move |_: MouseEvent| Action::ArchiveRetry { file: file.clone() })}>
                            { ui.t("retry") }
                        </button>
                    </section>
                </>
            };
        }
        Lookup::Missing => None,
    };
    let Some(article) = found else {
        // An article the file has but that was left out says why, first.
        let skipped = &props.loaded.parsed.skipped;
        let (title, why) = match skipped.iter().find(|p| p.path.is_in_article(&props.id)) {
            Some(problem) => (
                ui.t("article-left-out-title"),
                ui.f(
                    "article-left-out",
                    &[
                        ("id", &props.id),
                        ("file", state.query.source()),
                        ("problem", &problem.to_string()),
                    ],
                ),
            ),
            None => (
                ui.t("article-not-found-title"),
                ui.f(
                    "article-not-found",
                    &[("id", &props.id), ("file", state.query.source())],
                ),
            ),
        };
        return html! {
            <>
                { toolbar }
                <section class="av-panel av-panel--error" role="alert" aria-labelledby="av-missing-title">
                    <h1 id="av-missing-title" class="av-panel__title" tabindex="-1">{ title }</h1>
                    <p>{ why }</p>
                    { problem_list(&ui, skipped, &[]) }
                </section>
            </>
        };
    };
    let archive = props.loaded.archive.as_ref();
    let rank = match archive {
        Some(_) => state.arrived.ranks.get(article.id.as_str()).copied(),
        None => index.rank_of(&article),
    };
    let position = rank.and_then(|rank| outcome.as_ref()?.matches.position(rank));
    let neighbour = |offset: isize| {
        let at = position?.checked_add_signed(offset)?;
        let rank = outcome.as_ref()?.matches.get(at)?;
        let article = match archive {
            Some(_) => state.arrived.article(rank)?,
            None => index.article(rank),
        };
        Some((
            state.query.with_article(Some(&article.id)),
            article.title.clone(),
        ))
    };
    html! {
        <>
            { toolbar }
            <ContextProvider<Option<SearchWords>> context={words}>
            <ArticleView article={Rc::clone(&article)} fallback_language={collection.language.clone()}
                loaded_body={state.bodies.get(props.id.as_str()).cloned()}
                on_retry_body={props.on_action.reform({ let id = props.id.to_string(); move |()| Action::BodyRetry { id: id.clone() } })}
                filter_links={filter_links} />
            </ContextProvider<Option<SearchWords>>>
            <nav class="av-pager" aria-label={ui.t("more-articles")}>
                if let Some((to, title)) = neighbour(-1) {
                    <NavLink {to} on_navigate={props.on_navigate.clone()} class="av-pager__link av-pager__previous">
                        <span class="av-pager__label">{ ui.t("previous") }</span>{ title }
                    </NavLink>
                }
                if let Some((to, title)) = neighbour(1) {
                    <NavLink {to} on_navigate={props.on_navigate.clone()} class="av-pager__link av-pager__next">
                        <span class="av-pager__label">{ ui.t("next") }</span>{ title }
                    </NavLink>
                }
            </nav>
        </>
    }
}

/// The back link's arrow, pointing back in the interface's reading direction.
fn back_arrow(ui: &Ui) -> &'static str {
    if ui.right_to_left() {
        "→ "
    } else {
        "← "
    }
}
