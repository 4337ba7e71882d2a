//! The browser shell: holds the reducer, loads the file the state asks for, keeps the URL and
//! the document title in step, and renders [`View`].

use crate::app::dates::DateFormat;
use crate::app::reader::ARTICLE_TITLE_ID;
use crate::app::view::View;
use crate::format::{parse_body_bytes, parse_collection_bytes, Parsed};
use crate::model::{directory_of, MapUrls};
use crate::prefs::Choice;
use crate::query::Query;
use crate::state::{Action, AppState, Load, LoadError};
use crate::web;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        web::take_over_scroll_restoration();
        AppState::new(web::current_query(), web::today()).with_preferences(web::load_preferences())
    });
    let share_status = use_state(|| None::<AttrValue>);
    let date_format = use_memo((), |()| DateFormat(std::rc::Rc::new(web::intl_date_text)));

    // Reading preferences are saved as they change.
    use_effect_with(state.prefs, |prefs| web::save_preferences(*prefs));
    // Where the list was scrolled to when an article was opened from it.
    let list_scroll = use_mut_ref(|| 0.0_f64);

    // Load whenever the state asks for a new request.
    {
        let dispatcher = state.dispatcher();
        let source = state.query.source().to_owned();
        use_effect_with(state.request, move |request| {
            let request = *request;
            wasm_bindgen_futures::spawn_local(async move {
                let result = web::fetch_bytes(&source).await.and_then(|bytes| {
                    parse_collection_bytes(&bytes)
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
                    let result = web::fetch_bytes(url.as_str()).await.and_then(|bytes| {
                        let (mut blocks, notices) = parse_body_bytes(&bytes)?;
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

    // Title, focus and scroll follow the view: an opened article starts at its top with its
    // heading focused; back on the list, the scroll position and the article's card return.
    {
        let ready = matches!(state.load, Load::Ready(_));
        let title = match (&state.load, &state.query.article) {
            (Load::Ready(loaded), Some(id)) => {
                loaded.parsed.collection.find(id).map(|a| a.title.clone())
            }
            (Load::Ready(loaded), None) => loaded.parsed.collection.title.clone(),
            _ => None,
        };
        use_effect_with((state.query.article.clone(), title), move |(_, title)| {
            web::set_title(title.as_deref().unwrap_or("Article viewer"));
        });
        let previous = use_mut_ref(|| None::<Option<String>>);
        let list_scroll = list_scroll.clone();
        use_effect_with(
            (state.query.article.clone(), ready),
            move |(article, ready)| {
                if *ready {
                    // The first view keeps the browser's own focus and position.
                    if let Some(before) = previous.borrow_mut().replace(article.clone()) {
                        match (before, article) {
                            (_, Some(_)) => {
                                web::scroll_to(0.0);
                                web::focus(&format!("#{ARTICLE_TITLE_ID}"));
                            }
                            (Some(from), None) => {
                                web::scroll_to(*list_scroll.borrow());
                                web::focus(&format!(".av-card__link[href$=\"article={from}\"]"));
                            }
                            (None, None) => {}
                        }
                    }
                }
            },
        );
    }

    let on_navigate = {
        let dispatcher = state.dispatcher();
        let showing_list = state.query.article.is_none();
        Callback::from(move |query: Query| {
            if showing_list && query.article.is_some() {
                *list_scroll.borrow_mut() = web::scroll_y();
            }
            web::push_query(&query);
            dispatcher.dispatch(Action::Navigate(query));
        })
    };
    let on_share = {
        let share_status = share_status.clone();
        let title = match (&state.load, &state.query.article) {
            (Load::Ready(loaded), Some(id)) => {
                loaded.parsed.collection.find(id).map(|a| a.title.clone())
            }
            _ => None,
        }
        .unwrap_or_default();
        Callback::from(move |()| {
            let share_status = share_status.clone();
            let title = title.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = web::share_or_copy(&web::current_url(), &title).await;
                share_status.set(Some(AttrValue::from(outcome)));
            });
        })
    };
    // A new page clears the last share message.
    {
        let share_status = share_status.clone();
        use_effect_with(state.query.article.clone(), move |_| share_status.set(None));
    }
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let prefs = state.prefs;
    html! {
        <ContextProvider<DateFormat> context={(*date_format).clone()}>
            <div class="av-root" data-theme={prefs.theme.value()} data-size={prefs.text_size.to_string()}
                data-width={prefs.width.value()} data-font={prefs.font.value()}>
                <main class="av-main" id="av-main">
                    <View state={std::rc::Rc::new((*state).clone())} {on_navigate} {on_action} {on_share}
                        share_status={(*share_status).clone()} />
                </main>
            </div>
        </ContextProvider<DateFormat>>
    }
}
