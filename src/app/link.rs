//! Links between views of the viewer. Each is a real `<a href="?…">` (so it can be opened in a
//! new tab or copied) whose plain left click is handled inside the app instead.

use crate::query::Query;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NavLinkProps {
    pub to: Query,
    pub on_navigate: Callback<Query>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// The `href` for a view: its query string, or `?` for the default view.
#[must_use]
pub fn href_for(query: &Query) -> String {
    let search = query.to_search();
    if search.is_empty() {
        "?".to_owned()
    } else {
        search
    }
}

/// Where article links go when the viewer is embedded with `data-article-url`: the host's own
/// article pages instead of in-viewer navigation.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LinkPolicy {
    pub article_url: Option<String>,
}

#[component]
pub fn NavLink(props: &NavLinkProps) -> Html {
    let policy = use_context::<LinkPolicy>().unwrap_or_default();
    let host_link = props.to.article.as_deref().and_then(|id| {
        policy
            .article_url
            .as_ref()
            .and_then(|pattern| crate::embed::article_link(pattern, id))
            .map(|url| url.as_str().to_owned())
    });
    if let Some(href) = host_link {
        return html! { <a class={props.class.clone()} {href}>{ props.children.clone() }</a> };
    }
    let onclick = {
        let to = props.to.clone();
        let on_navigate = props.on_navigate.clone();
        Callback::from(move |event: MouseEvent| {
            let modified =
                event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
            if event.button() == 0 && !modified {
                event.prevent_default();
                on_navigate.emit(to.clone());
            }
        })
    };
    html! {
        <a class={props.class.clone()} href={href_for(&props.to)} {onclick}>{ props.children.clone() }</a>
    }
}
