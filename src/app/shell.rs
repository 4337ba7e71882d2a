//! The browser shell: holds the reducer, runs the effects in [`hooks`] (loading the file and
//! bodies the state asks for, the URL, the host page, the document title, focus and scroll),
//! picks the interface language's words, and renders [`View`]. It runs stand-alone (the
//! page's own viewer, owning the URL) or embedded in a host page ([`Embedded`]: its own shadow
//! root, the host's URL left alone unless asked, events on the host element).

use crate::app::dates::DateFormat;
use crate::app::hooks;
use crate::app::latest::use_latest;
use crate::app::link::LinkPolicy;
use crate::app::view::{viewer_frame, View};
use crate::embed::EmbedOptions;
use crate::query::Query;
use crate::state::{Action, AppState, Load};
use crate::web;
use std::rc::Rc;
use yew::prelude::*;

/// An embedded viewer: the host element it belongs to, its first view and its options.
#[derive(Clone, PartialEq)]
pub struct Embedded {
    pub host: web_sys::Element,
    pub initial: Query,
    pub options: EmbedOptions,
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// `None` for the stand-alone page.
    #[prop_or_default]
    pub embedded: Option<Embedded>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let embedded = props.embedded.clone();
    // Whether this viewer owns the address bar: stand-alone, or embedded with data-sync-url.
    let owns_url = embedded.as_ref().is_none_or(|e| e.options.sync_url);
    let state = use_reducer({
        let embedded = embedded.clone();
        move || {
            let mut prefs = web::load_preferences();
            let in_url = web::current_query();
            let query = match &embedded {
                None => {
                    web::take_over_scroll_restoration();
                    in_url
                }
                Some(e) if e.options.sync_url && !in_url.to_search().is_empty() => {
                    crate::embed::within_element(in_url, e.initial.src.as_deref())
                }
                Some(e) => e.initial.clone(),
            };
            if let Some(theme) = embedded.as_ref().and_then(|e| e.options.theme) {
                prefs.theme = theme;
            }
            let host_language = embedded
                .as_ref()
                .and_then(|e| e.options.ui_language.clone());
            AppState::new(query, web::today())
                .with_preferences(prefs)
                .with_language_wishes(host_language, web::preferred_languages())
        }
    });
    let root = use_node_ref();
    let share_status = use_state(|| None::<AttrValue>);
    let date_format = use_memo((), |()| DateFormat(Rc::new(web::intl_date_text)));
    // A published site's pages (stand-alone only: an embedded viewer keeps its host's address).
    let site = use_memo((), {
        let standalone = embedded.is_none();
        move |()| standalone.then(web::published_site).flatten()
    });
    let link_policy = LinkPolicy {
        article_url: embedded
            .as_ref()
            .and_then(|e| e.options.article_url.clone()),
        site: (*site).clone(),
    };

    let standalone = embedded.is_none();
    let host = embedded.as_ref().map(|e| e.host.clone());
    // Where the list was scrolled to when an article was opened from it.
    let list_scroll = use_mut_ref(|| 0.0_f64);
    // The open article's id and title, if one is open.
    let opened = state
        .query
        .article
        .as_deref()
        .and_then(|id| state.find(id))
        .map(|a| (a.id.clone(), a.title.clone()));
    let title = match (&state.load, &state.query.article, &opened) {
        (_, _, Some((_, title))) => Some(title.clone()),
        (Load::Ready(loaded), None, _) => loaded.parsed.collection.title.clone(),
        _ => None,
    };

    hooks::use_saved_preferences(state.prefs, standalone);
    // Files from other sites only when the page (or the embedded viewer's element) lists them.
    let allowed = use_memo((), {
        let element = embedded.as_ref().map(|e| e.options.sources.clone());
        move |()| web::page_allowed_sources().with(&element.unwrap_or_default())
    });
    hooks::use_collection_loader(&state, (*site).clone(), (*allowed).clone());
    hooks::use_takeover(state.is_settled());
    hooks::use_search_indexer(&state);
    hooks::use_body_loader(&state);
    hooks::use_archive_loader(&state);
    // An embedded viewer keeps its element's file whatever the address or the host asks for.
    let pinned_src = embedded.as_ref().map(|e| e.initial.src.clone());
    hooks::use_history_and_host_requests(&state, owns_url, host.clone(), pinned_src);
    hooks::use_host_view_events(host, state.query.clone(), opened.clone());
    let ui = state.ui(web::intl_rules());
    hooks::use_catalogue_loader(&state);
    hooks::use_document_title(
        standalone,
        state.query.article.clone(),
        title,
        ui.t("viewer-name"),
    );
    hooks::use_rest_of_list(&state, root.clone());
    hooks::use_focus_and_scroll(
        root.clone(),
        state.query.article.clone(),
        matches!(state.load, Load::Ready(_)),
        list_scroll.clone(),
        standalone,
        link_policy.clone(),
    );

    // The latest state's facts that the callbacks below need, so each callback is made once
    // (and components that receive it can skip re-rendering when nothing else changed).
    let showing_list = use_latest(&state.query.article.is_none());
    let on_navigate = (*use_memo(owns_url, {
        let dispatcher = state.dispatcher();
        move |&owns_url| {
            Callback::from(move |query: Query| {
                if *showing_list.borrow() && query.article.is_some() {
                    *list_scroll.borrow_mut() = web::scroll_y();
                }
                if owns_url {
                    web::push_query(&query);
                }
                dispatcher.dispatch(Action::Navigate(query));
            })
        }
    }))
    .clone();
    // Typing a search: the first change adds a history entry, the following ones replace it,
    // so Back returns to the view before the search rather than through every keystroke.
    let searching = use_latest(&state.query.q.is_some());
    let on_search = (*use_memo(owns_url, {
        let dispatcher = state.dispatcher();
        move |&owns_url| {
            Callback::from(move |query: Query| {
                if owns_url {
                    if *searching.borrow() {
                        web::replace_query(&query);
                    } else {
                        web::push_query(&query);
                    }
                }
                dispatcher.dispatch(Action::Navigate(query));
            })
        }
    }))
    .clone();
    let on_share = {
        let share_status = share_status.clone();
        let article = opened;
        let url = match (&article, &link_policy.article_url) {
            (Some((id, _)), Some(pattern)) => {
                crate::embed::article_link(pattern, id).map(|url| url.as_str().to_owned())
            }
            _ if owns_url => None,
            _ => Some(state.query.to_search()),
        };
        Callback::from(move |()| {
            let share_status = share_status.clone();
            let title = article.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
            let url = url
                .clone()
                .map_or_else(web::current_url, |u| web::absolute_url(&u));
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = web::share_or_copy(&url, &title).await;
                share_status.set(Some(AttrValue::from(outcome)));
            });
        })
    };
    // A new page clears the last share message.
    {
        let share_status = share_status.clone();
        use_effect_with(state.query.article.clone(), move |_| share_status.set(None));
    }
    let on_action = (*use_memo((), {
        let dispatcher = state.dispatcher();
        move |()| Callback::from(move |action| dispatcher.dispatch(action))
    }))
    .clone();
    let prefs = state.prefs;
    let view = html! {
        <View state={Rc::new((*state).clone())} {on_navigate} {on_action} {on_share} {on_search}
            share_status={(*share_status).clone()} />
    };
    html! {
        <ContextProvider<DateFormat> context={(*date_format).clone()}>
        <ContextProvider<LinkPolicy> context={link_policy}>
            { viewer_frame(prefs, &ui, embedded.is_some(), root, view) }
        </ContextProvider<LinkPolicy>>
        </ContextProvider<DateFormat>>
    }
}

/// Reads `host`'s attributes by their `data-*` names (see [`crate::embed::attribute_name`]).
pub fn host_attributes(host: &web_sys::Element) -> impl Fn(&str) -> Option<String> + '_ {
    let custom = host
        .tag_name()
        .eq_ignore_ascii_case(crate::embed::CUSTOM_ELEMENT);
    move |name: &str| host.get_attribute(crate::embed::attribute_name(name, custom))
}

/// Mounts an embedded viewer: `container` (inside the host's shadow root) receives the viewer;
/// `host` is the element with the attributes, which also receives its events. Destroying the
/// handle removes the viewer with its listeners.
pub fn mount_embedded(container: web_sys::Element, host: web_sys::Element) -> yew::AppHandle<App> {
    let (initial, options) = crate::embed::read_attributes(&host_attributes(&host));
    let embedded = Embedded {
        host,
        initial,
        options,
    };
    yew::Renderer::<App>::with_root_and_props(
        container,
        AppProps {
            embedded: Some(embedded),
        },
    )
    .render()
}
