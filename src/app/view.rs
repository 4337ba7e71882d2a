//! The page for a state: loading, the error panel, the list, one article, or "not found".
//! Pure: the browser shell passes callbacks in, and the `ssr` tests render it directly.

use crate::app::collection::CollectionPage;
use crate::app::link::NavLink;
use crate::app::panels::{ErrorPanel, Loading, ProblemList};
use crate::app::reader::ArticleView;
use crate::query::Query;
use crate::state::{Action, AppState, Load};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub state: Rc<AppState>,
    pub on_navigate: Callback<Query>,
    /// Actions from the page itself, such as Retry.
    pub on_action: Callback<Action>,
}

#[component]
pub fn View(props: &ViewProps) -> Html {
    let state = &props.state;
    let source = AttrValue::from(state.query.source().to_owned());
    let loaded = match &state.load {
        Load::Loading => return html! { <Loading {source} /> },
        Load::Failed(error) => {
            return html! { <ErrorPanel {source} error={error.clone()} on_retry={props.on_action.reform(|()| Action::Retry)} /> }
        }
        Load::Ready(loaded) => loaded,
    };
    let parsed = &loaded.parsed;
    let list_query = state.query.with_article(None);
    let back = html! {
        <nav class="av-nav" aria-label="Viewer">
            <NavLink to={list_query} on_navigate={props.on_navigate.clone()} class="av-nav__back">
                { "← All articles" }
            </NavLink>
        </nav>
    };
    match &state.query.article {
        Some(id) => match parsed.collection.find(id) {
            Some(article) => html! {
                <>
                    { back }
                    <ArticleView article={Rc::clone(article)} fallback_language={parsed.collection.language.clone()}
                        loaded_body={state.bodies.get(id).cloned()}
                        on_retry_body={props.on_action.reform({ let id = id.clone(); move |()| Action::BodyRetry { id: id.clone() } })} />
                </>
            },
            None => html! {
                <>
                    { back }
                    <section class="av-panel av-panel--error" role="alert" aria-labelledby="av-missing-title">
                        <h1 id="av-missing-title" class="av-panel__title" tabindex="-1">{ "Article not found" }</h1>
                        <p>{ format!("There is no article with id \"{id}\" in {source}.") }</p>
                        <ProblemList skipped={parsed.skipped.clone()} notices={Vec::new()} />
                    </section>
                </>
            },
        },
        None => html! {
            <>
                <CollectionPage loaded={Rc::clone(loaded)} query={state.query.clone()} today={state.today} list_limit={state.list_limit}
                    on_navigate={props.on_navigate.clone()} on_action={props.on_action.clone()} />
                <ProblemList skipped={parsed.skipped.clone()} notices={parsed.notices.clone()} />
            </>
        },
    }
}
