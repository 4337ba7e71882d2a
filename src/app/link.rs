//! Links between views of the viewer. Each is a real link (so it can be opened in a new tab or
//! copied) whose plain left click is handled inside the app instead: `?…` on the viewer's own
//! page, a page of the site on a published site, a host's page with `data-article-url`.
//! [`FilterLinks`]: an article's tags, bylines and source as links to the list filtered by them.

use crate::filter::{Choices, Facet, Filter};
use crate::query::Query;
use crate::site::SiteRoot;
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

/// Where links go: with `article_url` (an embed's `data-article-url`), articles open on the
/// host's own pages instead of in the viewer; with `site` (a published site), views are the
/// site's pages (`articles/<id>/`) rather than query strings on one page.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LinkPolicy {
    pub article_url: Option<String>,
    pub site: Option<SiteRoot>,
}

impl LinkPolicy {
    /// The `href` of an in-viewer link to `query`.
    #[must_use]
    pub fn href(&self, query: &Query) -> String {
        match &self.site {
            Some(site) => site.href(query),
            None => href_for(query),
        }
    }

    /// A CSS selector for the list's link to article `id` (to give it focus again).
    #[must_use]
    pub fn card_link_selector(&self, id: &str) -> String {
        match &self.site {
            Some(_) => format!(
                ".av-card__link[href*=\"{}\"]",
                crate::site::article_path(id)
            ),
            None => format!(".av-card__link[href$=\"article={id}\"]"),
        }
    }
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
        <a class={props.class.clone()} href={policy.href(&props.to)} {onclick}>{ props.children.clone() }</a>
    }
}

/// Where an article's tags, bylines and source link to: the list (`list`, the view the reader
/// came from) filtered by that value alone.
#[derive(Clone, PartialEq)]
pub struct FilterLinks {
    pub list: Query,
    pub on_navigate: Callback<Query>,
}

impl FilterLinks {
    /// The list of the articles with `value` in `facet`.
    #[must_use]
    pub fn to(&self, facet: Facet, value: &str) -> Query {
        let mut facets = Choices::default();
        facets.add(facet, value.trim());
        self.list.with_filter(Filter {
            facets,
            ..Filter::default()
        })
    }

    /// A link to that list, showing `text`.
    pub fn link(&self, facet: Facet, value: &str, class: &'static str, text: Html) -> Html {
        html! {
            <NavLink to={self.to(facet, value)} on_navigate={self.on_navigate.clone()} class={class}>{ text }</NavLink>
        }
    }
}
