//! The collection page: its title and a list of its articles, newest first, each linking to
//! the reader.

use crate::app::link::NavLink;
use crate::model::{Article, Collection};
use crate::query::Query;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleListProps {
    pub collection: Rc<Collection>,
    pub query: Query,
    pub on_navigate: Callback<Query>,
}

/// The articles newest first (by instant, then by id so the order is stable).
#[must_use]
pub fn newest_first(articles: &[Rc<Article>]) -> Vec<Rc<Article>> {
    let mut sorted = articles.to_vec();
    sorted.sort_by(|a, b| {
        b.published
            .epoch_seconds()
            .cmp(&a.published.epoch_seconds())
            .then_with(|| a.id.cmp(&b.id))
    });
    sorted
}

#[component]
pub fn ArticleList(props: &ArticleListProps) -> Html {
    let collection = &props.collection;
    let title = collection
        .title
        .clone()
        .unwrap_or_else(|| "Articles".to_owned());
    let lang = collection
        .language
        .as_ref()
        .map(|l| AttrValue::from(l.as_str().to_owned()));
    let count = match collection.articles.len() {
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    };
    html! {
        <section class="av-collection" aria-labelledby="av-collection-title" {lang}>
            <h1 id="av-collection-title" class="av-collection__title" tabindex="-1">{ title }</h1>
            <p class="av-collection__count">{ count }</p>
            <ol class="av-cards">
                { for newest_first(&collection.articles).iter().map(|article| {
                    let language = article.language_or(collection.language.as_ref());
                    html! {
                        <li class="av-card" key={article.id.clone()}
                            lang={language.map(|l| AttrValue::from(l.as_str().to_owned()))}
                            dir={language.map(crate::model::LanguageTag::direction)}>
                            <h2 class="av-card__title">
                                <NavLink to={props.query.with_article(Some(&article.id))} on_navigate={props.on_navigate.clone()} class="av-card__link">
                                    { article.title.clone() }
                                </NavLink>
                            </h2>
                            if let Some(standfirst) = &article.standfirst {
                                <p class="av-card__standfirst">{ standfirst.clone() }</p>
                            }
                            <p class="av-card__meta">
                                <time datetime={article.published.to_machine()}>{ article.published.date.to_long_english() }</time>
                            </p>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
