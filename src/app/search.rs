//! Search in the list: the search box above the cards, what a search found ([`use_search`]),
//! a card's excerpt with the matched words marked, and the panel for a search that found nothing. The words come from [`SearchWords`], provided by the collection page while a
//! search is shown.

use crate::app::use_ui;
use crate::filter::Filter;
use crate::i18n::Ui;
use crate::query::Query;
use crate::search::excerpt::{excerpt, phrase_excerpt};
use crate::search::{SearchIndex, SearchQuery};
use crate::state::BodyLoad;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Bodies read from their own files, by article id: an archive search's cards (which hold no
/// text) take their excerpts from them. Compared by identity: every change makes a new map.
#[derive(Clone, Debug, Default)]
pub struct LoadedBodies(pub Rc<HashMap<String, BodyLoad>>);

impl PartialEq for LoadedBodies {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl LoadedBodies {
    /// An article's body, once it has arrived.
    #[must_use]
    pub fn blocks_of(&self, id: &str) -> Option<Rc<Vec<crate::model::Block>>> {
        match self.0.get(id)? {
            BodyLoad::Ready { blocks, .. } => Some(Rc::clone(blocks)),
            _ => None,
        }
    }
}

/// The words of the search being shown (folded), for marking matches, and its quoted phrases
/// (folded words, spaced), for placing excerpts.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchWords {
    pub words: Rc<Vec<String>>,
    pub phrases: Rc<Vec<String>>,
}

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub query: Query,
    /// A new search, as typed (the shell records it in the address).
    pub on_search: Callback<Query>,
}

/// A labelled search field; every change searches (the list updates as the reader types).
#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let ui = use_ui();
    let oninput = {
        let query = props.query.clone();
        let on_search = props.on_search.clone();
        Callback::from(move |event: InputEvent| {
            let value = event
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            on_search.emit(query.with_search(&value));
        })
    };
    html! {
        <div class="av-search" role="search">
            <label class="av-search__label" for="av-search-input">{ ui.t("search-articles") }</label>
            <input id="av-search-input" class="av-input av-search__input" type="search" autocomplete="off"
                spellcheck="false" value={props.query.q.clone().unwrap_or_default()} {oninput} />
        </div>
    }
}

/// Characters of text in a card's excerpt.
const EXCERPT_CHARS: usize = 160;

fn pieces_html(pieces: Vec<crate::search::excerpt::Piece>) -> Html {
    html! {
        { for pieces.into_iter().map(|piece| if piece.marked {
            html! { <mark class="av-mark">{ piece.text }</mark> }
        } else {
            html! { { piece.text } }
        }) }
    }
}

/// The part of `text` around the first match, matches marked; `None` without a match.
#[must_use]
pub fn marked_excerpt(text: &str, words: &SearchWords) -> Option<Html> {
    let pieces = excerpt(text, &words.words, EXCERPT_CHARS)?;
    Some(html! { <p class="av-card__excerpt">{ pieces_html(pieces) }</p> })
}

/// The part of the first of `texts` where a quoted phrase of the search is, or else of the first
/// with a matched word; matches marked. Texts are made only as far as needed (without a phrase,
/// up to the first with a match).
pub fn best_excerpt(texts: impl IntoIterator<Item = String>, words: &SearchWords) -> Option<Html> {
    if words.phrases.is_empty() {
        return texts
            .into_iter()
            .find_map(|text| marked_excerpt(&text, words));
    }
    let mut read = Vec::new();
    for text in texts {
        if let Some(pieces) = phrase_excerpt(&text, &words.words, &words.phrases, EXCERPT_CHARS) {
            return Some(html! { <p class="av-card__excerpt">{ pieces_html(pieces) }</p> });
        }
        read.push(text);
    }
    read.iter().find_map(|text| marked_excerpt(text, words))
}

/// Text, with a search's words marked when there is one (an opened article's text).
pub fn marked(text: &str, marks: Option<&SearchWords>) -> Html {
    marks
        .and_then(|words| marked_text(text, words))
        .unwrap_or_else(|| html! { { text.to_owned() } })
}

/// A short text (a title) whole, its matches marked; `None` without a match.
#[must_use]
pub fn marked_text(text: &str, words: &SearchWords) -> Option<Html> {
    crate::search::excerpt::marked(text, &words.words).map(pieces_html)
}

/// What a search (the query's `q`) found, best first, and its words for marking; `None` without
/// a search or before its index is built.
#[hook]
pub fn use_search(
    search: Option<Rc<SearchIndex>>,
    q: Option<String>,
) -> Option<(Rc<Vec<u32>>, SearchWords)> {
    let key = (search.as_ref().map_or(0, |s| Rc::as_ptr(s) as usize), q);
    (*use_memo(key, move |(_, q)| {
        let (search, q) = (search?, q.as_deref()?);
        let query = SearchQuery::parse(q);
        let found: Vec<u32> = search.search(&query).iter().map(|hit| hit.rank).collect();
        Some((Rc::new(found), words_of(&query)))
    }))
    .clone()
}

/// The words of a query to mark: those typed, and the prefix being typed.
fn words_of(query: &SearchQuery) -> SearchWords {
    let mut words = query.words.clone();
    words.extend(query.prefix.clone());
    SearchWords {
        words: Rc::new(words),
        phrases: Rc::new(query.phrases.clone()),
    }
}

/// The words to mark for a search typed as `q`.
#[must_use]
pub fn search_words(q: &str) -> SearchWords {
    words_of(&SearchQuery::parse(q))
}

/// A search that found nothing: what was searched for, and buttons to clear the search or the
/// filters.
pub fn empty_search(ui: &Ui, query: &Query, on_navigate: &Callback<Query>) -> Html {
    let filter = query.filter();
    let without_search = query.with_search("");
    let without_filters = query.with_filter(Filter::default());
    html! {
        <div class="av-empty" role="status">
            <p class="av-empty__title">{ ui.f(if filter.is_empty() { "search-no-match" } else { "search-no-match-filtered" },
                &[("words", query.q.as_deref().unwrap_or_default())]) }</p>
            <div class="av-empty__actions">
                <button type="button" class="av-button av-button--secondary"
                    onclick={on_navigate.reform(move |_: MouseEvent| without_search.clone())}>
                    { ui.t("clear-search") }
                </button>
                if !filter.is_empty() {
                    <button type="button" class="av-button av-button--secondary"
                        onclick={on_navigate.reform(move |_: MouseEvent| without_filters.clone())}>
                        { ui.t("clear-the-filters") }
                    </button>
                }
            </div>
        </div>
    }
}
