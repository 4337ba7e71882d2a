//! The browser shell's effects, one named hook each: saving preferences, loading the collection
//! (a large file read and indexed a slice at a time) and article bodies, Back/Forward and a
//! host's requests, events for the host page, the document title, the interface language's
//! catalogue, and focus and scroll. `reading.rs` reads a fetched file for the collection loader.

use crate::app::focus;
use crate::app::link::LinkPolicy;
use crate::app::reader::ARTICLE_TITLE_ID;
use crate::format::parse_body_bytes;
use crate::model::{directory_of, MapUrls, SafeUrl};
use crate::prefs::Preferences;
use crate::query::Query;
use crate::search::SearchBuilder;
use crate::site::SiteRoot;
use crate::sources::AllowedSources;
use crate::state::{Action, AppState, Load, LoadError, Loaded};
use crate::web;
use reading::{build_index, fetch_file, in_slices, read_file, resolve_in_slices};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

mod reading;

/// Reading preferences are saved as they change.
#[hook]
pub fn use_saved_preferences(prefs: Preferences, standalone: bool) {
    use_effect_with(prefs, move |prefs| {
        web::save_preferences(*prefs, standalone)
    });
}

/// Fetches the interface language's catalogue when the state wants one it does not have.
#[hook]
pub fn use_catalogue_loader(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    use_effect_with(state.wanted_catalogue(), move |wanted| {
        if let Some(code) = *wanted {
            wasm_bindgen_futures::spawn_local(async move {
                let result = web::fetch_catalogue(code).await;
                let code = code.to_owned();
                dispatcher.dispatch(Action::CatalogueArrived { code, result });
            });
        }
    });
}

/// Fetches, reads and indexes the file whenever the state asks for a new request. On a
/// published site the file is found from the site's root, whichever page is open.
#[hook]
pub fn use_collection_loader(
    state: &UseReducerHandle<AppState>,
    site: Option<SiteRoot>,
    allowed: AllowedSources,
) {
    let dispatcher = state.dispatcher();
    let source = state.query.source().to_owned();
    use_effect_with(state.request, move |request| {
        let request = *request;
        let source = site.map_or_else(|| source.clone(), |site| site.resolve(&source));
        let refused = allowed.check(&source, &web::page_origin()).err();
        wasm_bindgen_futures::spawn_local(async move {
            let progress = |percent| dispatcher.dispatch(Action::Progress { request, percent });
            if let Some(origin) = refused {
                let result = Err(LoadError::Refused { origin });
                dispatcher.dispatch(Action::Loaded { request, result });
                return;
            }
            let bytes = match fetch_file(&source).await {
                Ok(bytes) => bytes,
                Err(error) => {
                    dispatcher.dispatch(Action::Loaded {
                        request,
                        result: Err(error),
                    });
                    return;
                }
            };
            if crate::archive::is_manifest(&bytes) {
                let result = crate::archive::open_manifest(&source, &bytes)
                    .map(|archive| Rc::new(Loaded::archive(archive, &source)))
                    .map_err(LoadError::Archive);
                dispatcher.dispatch(Action::Loaded { request, result });
                return;
            }
            let result = match read_file(bytes, progress).await.map_err(LoadError::from) {
                Ok(mut parsed) => {
                    resolve_in_slices(&mut parsed.collection, &source).await;
                    let index = build_index(&parsed, progress).await;
                    Ok(Rc::new(Loaded::file(parsed, index)))
                }
                Err(error) => Err(error),
            };
            dispatcher.dispatch(Action::Loaded { request, result });
        });
    });
}

/// Terms read per step of search indexing (about 30 typical articles).
const SEARCH_STEP: usize = 10_000;

/// Builds the search index the first time a search is asked for, a slice at a time between
/// the browser's tasks, so typing stays responsive.
#[hook]
pub fn use_search_indexer(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    let loaded = match (&state.load, state.wants_search_index()) {
        (crate::state::Load::Ready(loaded), true) => Some(Rc::clone(loaded)),
        _ => None,
    };
    let request = state.request;
    use_effect_with((request, loaded.is_some()), move |_| {
        if let Some(loaded) = loaded {
            wasm_bindgen_futures::spawn_local(async move {
                let mut builder = SearchBuilder::over(&loaded.index);
                in_slices(|| builder.step(SEARCH_STEP), || ()).await;
                let index = Rc::new(builder.finish());
                dispatcher.dispatch(Action::SearchIndexed { request, index });
            });
        }
    });
}

/// On a published page, the viewer replaces the prerendered copy once its own view is complete.
#[hook]
pub fn use_takeover(settled: bool) {
    use_effect_with(settled, |settled| {
        if *settled {
            web::finish_takeover();
        }
    });
}

/// Loads the body of an opened (or prefetched) article that has a `body_url` at once, and
/// those of an archive search's cards once the search has stayed the same for
/// [`EXCERPT_BODIES_AFTER_MS`] (see [`AppState::excerpt_bodies`]).
#[hook]
pub fn use_body_loader(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    use_effect_with(state.pending_body(), move |pending| {
        load_bodies(&dispatcher, pending.iter().cloned().collect());
    });
    let dispatcher = state.dispatcher();
    use_effect_with(state.excerpt_bodies(), move |pending| {
        let pending = pending.clone();
        let timer = (!pending.is_empty()).then(|| {
            gloo_timers::callback::Timeout::new(EXCERPT_BODIES_AFTER_MS, move || {
                load_bodies(&dispatcher, pending);
            })
        });
        // A new search (or page) before it fires cancels it.
        move || drop(timer)
    });
}

/// How long a search of an archive stays the same before its cards' bodies are fetched.
pub const EXCERPT_BODIES_AFTER_MS: u32 = 250;

/// Marks the bodies as loading (one change) and fetches each.
fn load_bodies(dispatcher: &UseReducerDispatcher<AppState>, pending: Vec<(String, SafeUrl)>) {
    if pending.is_empty() {
        return;
    }
    let ids = pending.iter().map(|(id, _)| id.clone()).collect();
    dispatcher.dispatch(Action::BodiesStarted { ids });
    for (id, url) in pending {
        let dispatcher = dispatcher.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = web::fetch_bytes(url.as_str()).await.and_then(|bytes| {
                let (mut blocks, notices) = parse_body_bytes(&bytes)?;
                let base = directory_of(url.as_str());
                blocks.map_urls(&|u| u.relative_to(base));
                Ok((blocks, notices))
            });
            dispatcher.dispatch(Action::BodyLoaded { id, result });
        });
    }
}

/// Fetches the files of a sharded archive that the view needs (the parts its filter needs, the
/// cards on screen, where an opened article is), each once; a failed one waits for Retry.
#[hook]
pub fn use_archive_loader(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    let loaded = match &state.load {
        crate::state::Load::Ready(loaded) => Some(Rc::clone(loaded)),
        _ => None,
    };
    let request = state.request;
    use_effect_with(state.archive_wants(), move |wants| {
        let archive = loaded
            .as_ref()
            .and_then(|l| l.archive.clone().map(|a| (a, l.base.clone())));
        if let Some((archive, base)) = archive {
            for (file, want) in wants.clone() {
                dispatcher.dispatch(Action::ArchiveStarted {
                    request,
                    file: file.clone(),
                });
                let dispatcher = dispatcher.clone();
                let archive = Rc::clone(&archive);
                let url = format!("{base}{file}");
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match web::fetch_bytes(&url).await {
                        Ok(bytes) => crate::archive::read_piece(&archive, &want, &url, &bytes),
                        Err(error) => Err(format!("{file}: {error}")),
                    };
                    dispatcher.dispatch(Action::ArchiveArrived {
                        request,
                        file,
                        result,
                    });
                });
            }
        }
    });
}

/// Back and Forward (when this viewer owns the URL), and a host's requests to show a view.
#[hook]
pub fn use_history_and_host_requests(
    state: &UseReducerHandle<AppState>,
    owns_url: bool,
    host: Option<web_sys::Element>,
    pinned_src: Option<Option<String>>,
) {
    let dispatcher = state.dispatcher();
    use_effect_with((), move |()| {
        let pin = move |query: Query| match &pinned_src {
            Some(src) => crate::embed::within_element(query, src.as_deref()),
            None => query,
        };
        let history = owns_url
            .then(|| {
                let dispatcher = dispatcher.clone();
                let pin = pin.clone();
                web::listen_for_history(move |query| {
                    dispatcher.dispatch(Action::Navigate(pin(query)));
                })
            })
            .flatten();
        let themes = host.as_ref().map(|host| {
            let dispatcher = dispatcher.clone();
            web::listen_for_theme_requests(host, move |theme| {
                dispatcher.dispatch(Action::SetTheme(theme));
            })
        });
        let requests = host.map(|host| {
            web::listen_for_navigate_requests(&host, move |query| {
                dispatcher.dispatch(Action::Show(pin(query)));
            })
        });
        move || drop((history, requests, themes))
    });
}

/// Tells the host page what is shown (embedded viewers only).
#[hook]
pub fn use_host_view_events(
    host: Option<web_sys::Element>,
    query: crate::query::Query,
    opened: Option<(String, String)>,
) {
    use_effect_with((query, opened), move |(query, opened)| {
        if let Some(host) = host {
            web::dispatch_view_events(&host, query, opened.as_ref());
        }
    });
}

/// The document title follows the open article or the collection (stand-alone page only).
#[hook]
pub fn use_document_title(
    standalone: bool,
    article: Option<String>,
    title: Option<String>,
    untitled: AttrValue,
) {
    use_effect_with((article, title, untitled), move |(_, title, untitled)| {
        if standalone {
            web::set_title(title.as_deref().unwrap_or(untitled));
        }
    });
}

/// Tells the reducer how many cards fill the screen ([`Action::Screenful`]), so a changed
/// list's first frame draws no more than the reader sees. Measured just after a paint, when the
/// page's layout is up to date and reading it costs nothing (measured when a change starts, it
/// forced a layout of the page on every search keystroke).
fn note_screenful(root: &NodeRef, dispatcher: &UseReducerDispatcher<AppState>) {
    let cards = root
        .cast::<web_sys::Element>()
        .and_then(|root| web::items_to_fill_window(&root, ".av-card"));
    if let Some(cards) = cards {
        dispatcher.dispatch(Action::Screenful(cards));
    }
}

/// A list that has just changed draws its first cards, and a file that has just loaded its list
/// without the filter panel's sections; once they are painted, the rest, in the next frame
/// ([`AppState::draws_later`]). The cards that fill the screen are measured then,
/// and once the first list is painted, for the next change.
#[hook]
pub fn use_rest_of_list(state: &UseReducerHandle<AppState>, root: NodeRef) {
    let dispatcher = state.dispatcher();
    let list_shown = matches!(state.load, Load::Ready(_)) && state.query.article.is_none();
    {
        let (dispatcher, root) = (dispatcher.clone(), root.clone());
        use_effect_with(list_shown, move |&list_shown| {
            if list_shown {
                web::in_frame_after_next_paint(move || note_screenful(&root, &dispatcher));
            }
        });
    }
    use_effect_with(state.draws_later(), move |&later| {
        if later {
            // In a task, not at the start of a frame: the rest is rendered in that task and laid
            // out in the next frame, rather than both in one long task.
            web::after_next_paint(move || {
                note_screenful(&root, &dispatcher);
                dispatcher.dispatch(Action::DrawRest);
            });
        }
    });
}

/// An opened article starts at its top with its heading focused (and, opened from a search,
/// with its first match in view); back on the list, the scroll
/// position and the article's card return. The first view keeps the browser's own.
#[hook]
pub fn use_focus_and_scroll(
    root: NodeRef,
    article: Option<String>,
    ready: bool,
    list_scroll: Rc<RefCell<f64>>,
    standalone: bool,
    links: LinkPolicy,
) {
    let previous = use_mut_ref(|| None::<Option<String>>);
    use_effect_with((article, ready), move |(article, ready)| {
        let Some(root) = root.cast::<web_sys::Element>() else {
            return;
        };
        if !*ready {
            return;
        }
        let Some(before) = previous.borrow_mut().replace(article.clone()) else {
            return;
        };
        match (before, article) {
            (_, Some(_)) => {
                web::scroll_to_top_of(&root, standalone);
                focus::focus_within(&root, &format!("#{ARTICLE_TITLE_ID}"));
                // Opened from a search: its first match in the text comes into view.
                if let Ok(Some(first)) = root.query_selector("#av-article-body mark.av-mark") {
                    first.scroll_into_view();
                }
            }
            (Some(from), None) => {
                web::scroll_to(*list_scroll.borrow());
                focus::focus_within(&root, &links.card_link_selector(&from));
            }
            (None, None) => {}
        }
    });
}
