//! The browser shell: holds the reducer, loads the file the state asks for, keeps the URL and
//! the document title in step, and renders [`View`].

use crate::app::reader::ARTICLE_TITLE_ID;
use crate::app::view::View;
use crate::format::{parse_body_file, parse_collection, Parsed};
use crate::model::{directory_of, MapUrls};
use crate::query::Query;
use crate::state::{Action, AppState, Load, LoadError};
use crate::web;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(web::current_query()));

    // Load whenever the state asks for a new request.
    {
        let dispatcher = state.dispatcher();
        let source = state.query.source().to_owned();
        use_effect_with(state.request, move |request| {
            let request = *request;
            wasm_bindgen_futures::spawn_local(async move {
                let result = web::fetch_text(&source).await.and_then(|text| {
                    parse_collection(&text)
                        .map(|parsed| Parsed {
                            collection: parsed.collection.resolved_against(&source),
                            ..parsed
                        })
                        .map_err(LoadError::from)
                });
                dispatcher.dispatch(Action::Loaded { request, result });
            });
        });
    }

    // Load the body of an opened article that has a body_url.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.pending_body(), move |pending| {
            if let Some((id, url)) = pending.clone() {
                dispatcher.dispatch(Action::BodyStarted { id: id.clone() });
                wasm_bindgen_futures::spawn_local(async move {
                    let result = web::fetch_text(url.as_str()).await.and_then(|text| {
                        let (mut blocks, notices) = parse_body_file(&text)?;
                        let base = directory_of(url.as_str());
                        blocks.map_urls(&|u| u.relative_to(base));
                        Ok((blocks, notices))
                    });
                    dispatcher.dispatch(Action::BodyLoaded { id, result });
                });
            }
        });
    }

    // Back and Forward.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            let listener =
                web::listen_for_history(move |query| dispatcher.dispatch(Action::Navigate(query)));
            move || drop(listener)
        });
    }

    // Title and focus follow the article shown.
    {
        let title = match (&state.load, &state.query.article) {
            (Load::Ready(parsed), Some(id)) => parsed.collection.find(id).map(|a| a.title.clone()),
            (Load::Ready(parsed), None) => parsed.collection.title.clone(),
            _ => None,
        };
        let focus_target = match (&state.load, &state.query.article) {
            (Load::Ready(_), Some(_)) => Some(ARTICLE_TITLE_ID),
            (Load::Ready(_), None) => Some("av-collection-title"),
            _ => None,
        };
        use_effect_with((state.query.article.clone(), title), move |(_, title)| {
            web::set_title(title.as_deref().unwrap_or("Article viewer"));
        });
        let first_render = use_mut_ref(|| true);
        use_effect_with(
            (state.query.article.clone(), focus_target),
            move |(_, target)| {
                if let Some(target) = target {
                    // The first page keeps the browser's own focus; later navigations move it.
                    if !std::mem::replace(&mut *first_render.borrow_mut(), false) {
                        web::focus_and_scroll_to_top(target);
                    }
                }
            },
        );
    }

    let on_navigate = {
        let dispatcher = state.dispatcher();
        Callback::from(move |query: Query| {
            web::push_query(&query);
            dispatcher.dispatch(Action::Navigate(query));
        })
    };
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    html! {
        <div class="av-root">
            <main class="av-main" id="av-main">
                <View state={std::rc::Rc::new((*state).clone())} {on_navigate} {on_action} />
            </main>
        </div>
    }
}
