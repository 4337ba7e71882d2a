//! The browser shell: holds the reducer, loads the file the state asks for, keeps the URL, the
//! document title, focus and scroll in step, and renders [`View`]. It runs stand-alone (the
//! page's own viewer, owning the URL) or embedded in a host page ([`Embedded`]: its own shadow
//! root, the host's URL left alone unless asked, events on the host element).

use crate::app::dates::DateFormat;
use crate::app::link::LinkPolicy;
use crate::app::reader::ARTICLE_TITLE_ID;
use crate::app::view::View;
use crate::embed::EmbedOptions;
use crate::format::{parse_body_bytes, parse_collection_bytes, Parsed};
use crate::model::{directory_of, MapUrls};
use crate::prefs::Choice;
use crate::query::Query;
use crate::state::{Action, AppState, Load, LoadError};
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
                Some(e) if e.options.sync_url && !in_url.to_search().is_empty() => in_url,
                Some(e) => e.initial.clone(),
            };
            if let Some(theme) = embedded.as_ref().and_then(|e| e.options.theme) {
                prefs.theme = theme;
            }
            AppState::new(query, web::today()).with_preferences(prefs)
        }
    });
    let root = use_node_ref();
    let share_status = use_state(|| None::<AttrValue>);
    let date_format = use_memo((), |()| DateFormat(Rc::new(web::intl_date_text)));
    let link_policy = LinkPolicy {
        article_url: embedded
            .as_ref()
            .and_then(|e| e.options.article_url.clone()),
    };

    // Reading preferences are saved as they change.
    {
        let standalone = embedded.is_none();
        use_effect_with(state.prefs, move |prefs| {
            web::save_preferences(*prefs, standalone)
        });
    }
    // Where the list was scrolled to when an article was opened from it.
    let list_scroll = use_mut_ref(|| 0.0_f64);

    // Load whenever the state asks for a new request.
    {
        let dispatcher = state.dispatcher();
        let source = state.query.source().to_owned();
        use_effect_with(state.request, move |request| {
            let request = *request;
            wasm_bindgen_futures::spawn_local(async move {
                let progress = |percent| dispatcher.dispatch(Action::Progress { request, percent });
                let result = match web::fetch_bytes(&source).await {
                    Ok(bytes) => read_file(bytes, progress)
                        .await
                        .map(|parsed| Parsed {
                            collection: parsed.collection.resolved_against(&source),
                            ..parsed
                        })
                        .map_err(LoadError::from),
                    Err(error) => Err(error),
                };
                match result {
                    // A large collection is indexed a slice at a time too.
                    Ok(parsed) if parsed.collection.articles.len() > INDEX_SLICE => {
                        let index = build_index(&parsed, progress).await;
                        dispatcher.dispatch(Action::LoadedIndexed {
                            request,
                            parsed,
                            index,
                        });
                    }
                    result => dispatcher.dispatch(Action::Loaded { request, result }),
                }
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

    // Back and Forward (when this viewer owns the URL), and a host's requests to show a view.
    {
        let dispatcher = state.dispatcher();
        let host = embedded.as_ref().map(|e| e.host.clone());
        use_effect_with((), move |()| {
            let history = owns_url
                .then(|| {
                    let dispatcher = dispatcher.clone();
                    web::listen_for_history(move |query| {
                        dispatcher.dispatch(Action::Navigate(query))
                    })
                })
                .flatten();
            let requests = host.map(|host| {
                web::listen_for_navigate_requests(&host, move |query| {
                    dispatcher.dispatch(Action::Show(query));
                })
            });
            move || drop((history, requests))
        });
    }

    // The open article's id and title, if one is open.
    let opened = match (&state.load, &state.query.article) {
        (Load::Ready(loaded), Some(id)) => loaded
            .parsed
            .collection
            .find(id)
            .map(|a| (a.id.clone(), a.title.clone())),
        _ => None,
    };

    // Tell the host page what is shown.
    {
        let host = embedded.as_ref().map(|e| e.host.clone());
        let opened = opened.clone();
        use_effect_with((state.query.clone(), opened), move |(query, opened)| {
            if let Some(host) = host {
                web::dispatch_view_events(&host, query, opened.as_ref());
            }
        });
    }

    // Title, focus and scroll follow the view: an opened article starts at its top with its
    // heading focused; back on the list, the scroll position and the article's card return.
    {
        let ready = matches!(state.load, Load::Ready(_));
        let title = match (&state.load, &state.query.article, &opened) {
            (_, _, Some((_, title))) => Some(title.clone()),
            (Load::Ready(loaded), None, _) => loaded.parsed.collection.title.clone(),
            _ => None,
        };
        let standalone = embedded.is_none();
        use_effect_with((state.query.article.clone(), title), move |(_, title)| {
            if standalone {
                web::set_title(title.as_deref().unwrap_or("Article viewer"));
            }
        });
        let previous = use_mut_ref(|| None::<Option<String>>);
        let list_scroll = list_scroll.clone();
        let root = root.clone();
        use_effect_with(
            (state.query.article.clone(), ready),
            move |(article, ready)| {
                let Some(root) = root.cast::<web_sys::Element>() else {
                    return;
                };
                if *ready {
                    // The first view keeps the browser's own focus and position.
                    if let Some(before) = previous.borrow_mut().replace(article.clone()) {
                        match (before, article) {
                            (_, Some(_)) => {
                                web::scroll_to_top_of(&root, standalone);
                                web::focus_within(&root, &format!("#{ARTICLE_TITLE_ID}"));
                            }
                            (Some(from), None) => {
                                web::scroll_to(*list_scroll.borrow());
                                web::focus_within(
                                    &root,
                                    &format!(".av-card__link[href$=\"article={from}\"]"),
                                );
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
            if owns_url {
                web::push_query(&query);
            }
            dispatcher.dispatch(Action::Navigate(query));
        })
    };
    let on_share = {
        let share_status = share_status.clone();
        let article = opened;
        let url = match (&article, &link_policy.article_url) {
            (Some((id, _)), Some(pattern)) => {
                Some(pattern.replace("{id}", &crate::query::encode(id)))
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
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let prefs = state.prefs;
    let view = html! {
        <View state={Rc::new((*state).clone())} {on_navigate} {on_action} {on_share}
            share_status={(*share_status).clone()} />
    };
    html! {
        <ContextProvider<DateFormat> context={(*date_format).clone()}>
        <ContextProvider<LinkPolicy> context={link_policy}>
            <div class="av-root" ref={root} data-theme={prefs.theme.value()} data-size={prefs.text_size.to_string()}
                data-width={prefs.width.value()} data-font={prefs.font.value()}>
                if embedded.is_some() {
                    // The host page has its own main landmark.
                    <section class="av-main" aria-label="Article viewer">{ view }</section>
                } else {
                    <main class="av-main">{ view }</main>
                }
            </div>
        </ContextProvider<LinkPolicy>>
        </ContextProvider<DateFormat>>
    }
}

/// Files larger than this are read a slice at a time, with progress shown between slices.
const CHUNKED_READ_BYTES: usize = 1_000_000;

/// Reads a fetched file; a large one in slices, yielding to the browser between them so the
/// page keeps responding, and reporting progress.
async fn read_file(
    bytes: Vec<u8>,
    on_progress: impl Fn(u8),
) -> Result<Parsed, crate::format::FormatError> {
    use crate::format::{ChunkedReader, Step};
    if bytes.len() < CHUNKED_READ_BYTES {
        return parse_collection_bytes(&bytes);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return parse_collection_bytes(error.as_bytes()),
    };
    let mut reader = ChunkedReader::new(text);
    loop {
        match reader.step() {
            Step::Working(progress) => {
                on_progress(progress.percent);
                web::next_task().await;
            }
            Step::Done(result) => return result,
        }
    }
}

/// Articles indexed per slice.
const INDEX_SLICE: usize = 10_000;

/// Builds the filter index between frames, reporting progress as 90–100 %.
async fn build_index(
    parsed: &Parsed,
    on_progress: impl Fn(u8),
) -> std::rc::Rc<crate::filter::Index> {
    let mut builder = crate::filter::IndexBuilder::new(&parsed.collection.articles);
    while !builder.step(INDEX_SLICE) {
        let (done, total) = builder.progress();
        on_progress(u8::try_from(90 + done * 10 / total.max(1)).unwrap_or(100));
        web::next_task().await;
    }
    std::rc::Rc::new(builder.finish())
}

/// Mounts an embedded viewer: `container` (inside the host's shadow root) receives the viewer;
/// `host` is the element with the `data-*` attributes, which also receives its events.
pub fn mount_embedded(container: web_sys::Element, host: web_sys::Element) {
    let get = |name: &str| host.get_attribute(name);
    let (initial, options) = crate::embed::read_attributes(&get);
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
    .render();
}
