//! One card of the collection list ([`ArticleCard`]): linked title (marked while a search is
//! shown), standfirst or excerpt, date, a few regions, reading time and thumbnail; and
//! [`CardLinks`], the context every card's title link reads the list's query from.

use crate::app::dates::DateTime;
use crate::app::link::NavLink;
use crate::app::search::{best_excerpt, marked_text, LoadedBodies, SearchWords};
use crate::app::use_ui;
use crate::model::{Article, LanguageTag};
use crate::query::Query;
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// What every card's title link needs from the list: the list's own query (the link keeps its
/// filters, so Back and previous/next work from the article) and how to navigate. Given by
/// context, so a filter change re-renders the title links and not the cards around them.
#[derive(Clone, PartialEq)]
pub struct CardLinks {
    pub list: Query,
    pub on_navigate: Callback<Query>,
}

#[derive(Properties, PartialEq)]
pub struct ArticleCardProps {
    pub article: Rc<Article>,
    #[prop_or_default]
    pub fallback_language: Option<LanguageTag>,
    /// Hovering or focusing the card sends [`Action::Prefetch`] for a body kept in its own file.
    pub on_action: Callback<Action>,
}

#[derive(Properties, PartialEq)]
struct CardTitleProps {
    id: AttrValue,
    title: AttrValue,
}

/// A card's linked title: the list's query with the article's id.
#[component]
fn CardTitle(props: &CardTitleProps) -> Html {
    let Some(links) = use_context::<CardLinks>() else {
        return html! { { props.title.clone() } };
    };
    // While a search is shown, the matched words of the title are marked too.
    let words = use_context::<Option<SearchWords>>().flatten();
    let title = words
        .and_then(|words| marked_text(&props.title, &words))
        .unwrap_or_else(|| html! { { props.title.clone() } });
    html! {
        <NavLink to={links.list.with_article(Some(&props.id))} on_navigate={links.on_navigate} class="av-card__link">
            { title }
        </NavLink>
    }
}

/// Regions named on a card; the rest are counted.
const CARD_REGIONS: usize = 4;

/// One article in the list: linked title, standfirst, date, regions, reading time, thumbnail.
#[component]
pub fn ArticleCard(props: &ArticleCardProps) -> Html {
    let ui = use_ui();
    let article = &props.article;
    let language = article.language_or(props.fallback_language.as_ref());
    let regions = ui.short_list(article.regions.iter().map(|r| r.leaf()), CARD_REGIONS);
    let prefetch = {
        let id = article.id.clone();
        let remote = matches!(article.body, crate::model::Body::Remote(_));
        let on_action = props.on_action.clone();
        move || {
            if remote {
                on_action.emit(Action::Prefetch(id.clone()));
            }
        }
    };
    // mouseover rather than mouseenter: it bubbles, so Yew's delegated listener sees it.
    let onmouseover = {
        let prefetch = prefetch.clone();
        Callback::from(move |_: MouseEvent| prefetch())
    };
    let onfocusin = Callback::from(move |_: FocusEvent| prefetch());
    // While a search is shown: the part of the standfirst or text where the words are.
    let words = use_context::<Option<SearchWords>>().flatten();
    // An archive's card holds no text: its body, once read from its own file, has it. The
    // excerpt is cut again only when the words or that body change (bodies arrive one by one,
    // and each arrival renders every card).
    let body = use_context::<LoadedBodies>().and_then(|bodies| bodies.blocks_of(&article.id));
    let body_key = body.as_ref().map(|blocks| Rc::as_ptr(blocks) as usize);
    let key = (words, Rc::as_ptr(article) as usize, body_key);
    let card = Rc::clone(article);
    let excerpt = (*use_memo(key, move |(words, _, _)| {
        let (words, article) = (words.as_ref()?, &card);
        let standfirst = article.standfirst.clone().unwrap_or_default();
        let text = std::iter::once_with(|| crate::search::body_text(article));
        let loaded = std::iter::once_with(|| {
            let mut text = String::new();
            if let Some(blocks) = body.as_deref() {
                crate::search::add_blocks_text(blocks, &mut text);
            }
            text
        });
        best_excerpt(std::iter::once(standfirst).chain(text).chain(loaded), words)
    }))
    .clone();
    html! {
        <li class="av-card" part="card" lang={language.map(|l| AttrValue::from(l.as_str().to_owned()))} dir={language.map(LanguageTag::direction)}
            {onmouseover} {onfocusin}>
            <div class="av-card__text">
                <h2 class="av-card__title" part="card-title">
                    <CardTitle id={article.id.clone()} title={article.title.clone()} />
                </h2>
                if let Some(excerpt) = excerpt {
                    { excerpt }
                } else if let Some(standfirst) = &article.standfirst {
                    <p class="av-card__standfirst">{ standfirst.clone() }</p>
                }
                <p class="av-card__meta">
                    if let Some(published) = article.published {
                        <DateTime timestamp={published} language={language.map(|l| AttrValue::from(l.as_str().to_owned()))} date_only=true />
                    } else {
                        <span lang={ui.code()}>{ ui.t("undated") }</span>
                    }
                    if !regions.is_empty() {
                        <span class="av-card__regions"><span class="av-visually-hidden" lang={ui.code()}>{ ui.t("regions-prefix") }{ " " }</span>{ regions }</span>
                    }
                    if let Some(minutes) = article.reading_minutes() {
                        <span lang={ui.code()} dir={ui.direction()}>{ ui.n("minutes-read", minutes as u64, &[]) }</span>
                    }
                </p>
            </div>
            if let Some(image) = &article.image {
                <img class="av-card__image" src={image.src.as_str().to_owned()} alt={image.alt.clone()}
                    width={image.width.map(|w| w.to_string())} height={image.height.map(|h| h.to_string())}
                    loading="lazy" decoding="async" />
            }
        </li>
    }
}
