//! The collection page: the count, active filters, the cards (a page at a time, each drawn by
//! [`crate::app::card`]) and the filter panel. Filtering itself happens in [`crate::filter`]; this only renders the outcome.

use crate::app::arriving::{failed_filter, list_entries, waiting_entry, ListEntry};
use crate::app::card::{ArticleCard, CardLinks};
use crate::app::dates::DateFormat;
use crate::app::filters::FilterPanel;
use crate::app::latest::use_latest;
use crate::app::outcome::use_outcome;
use crate::app::search::{
    empty_search, search_words, use_search, LoadedBodies, SearchBox, SearchWords,
};
use crate::app::use_ui;
use crate::archive::Arrived;
use crate::date::{CivilDate, Timestamp};
use crate::filter::{Facet, Filter, Outcome, RegionChoice, SortOrder};
use crate::i18n::Ui;
use crate::model::LanguageTag;
use crate::query::Query;
use crate::search::SearchIndex;
use crate::state::{Action, Loaded, PAGE_SIZE};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CollectionPageProps {
    pub loaded: Rc<Loaded>,
    /// What of an archive has arrived (empty for a file).
    #[prop_or_default]
    pub arrived: Rc<Arrived>,
    /// The file's search index, once built (a search is shown only then).
    #[prop_or_default]
    pub search: Option<Rc<SearchIndex>>,
    /// A search typed in the search box (the shell records it without a history entry per key).
    #[prop_or_default]
    pub on_search: Callback<Query>,
    pub query: Query,
    pub today: CivilDate,
    pub list_limit: usize,
    /// How many of them are drawn now (fewer in the frame in which the list changes).
    pub drawn: usize,
    /// Whether the filter panel's sections are drawn (not in the frame in which a file loads).
    #[prop_or(true)]
    pub panel: bool,
    /// Bodies read from their own files (an archive search's cards take excerpts from them).
    #[prop_or_default]
    pub bodies: LoadedBodies,
    pub on_navigate: Callback<Query>,
    pub on_action: Callback<Action>,
}

/// "1 article", "3 articles", in the interface's language.
#[must_use]
pub fn articles_count(ui: &Ui, n: usize) -> String {
    ui.n("articles", n as u64, &[])
}

/// How a region choice reads in a sentence: "Europe › France", "Unspecified region".
fn region_label(ui: &Ui, choice: &RegionChoice) -> String {
    match choice {
        RegionChoice::Path(path) => path.segments().join(" › "),
        RegionChoice::Unspecified => ui.t("unspecified-region").to_string(),
    }
}

#[component]
pub fn CollectionPage(props: &CollectionPageProps) -> Html {
    let ui = use_ui();
    let date_format = use_context::<DateFormat>().unwrap_or_default();
    let index = Rc::clone(&props.loaded.index);
    let filter = props.query.filter();
    let searched = use_search(props.search.clone(), props.query.q.clone());
    let found = searched.as_ref().map(|(found, _)| Rc::clone(found));
    let outcome = use_outcome(
        &props.loaded,
        &props.arrived,
        (filter.clone(), props.query.sort),
        found,
        props.query.q.clone(),
    );
    // An archive searches its own index (in `use_outcome`); its words mark the cards.
    let archive_words = use_memo(
        (props.loaded.archive.is_some(), props.query.q.clone()),
        |(is_archive, q)| q.as_deref().filter(|_| *is_archive).map(search_words),
    );
    let words = searched
        .as_ref()
        .map(|(_, words)| words.clone())
        .or_else(|| (*archive_words).clone());
    // Before an archive's first answer (the rank sets a linked filter needs are on their way).
    let waiting = outcome.is_none();
    let outcome = outcome.unwrap_or_else(|| Rc::new(index.nothing()));
    let archive = props.loaded.archive.clone();
    // A search asked for whose index is still being built (a file's; an archive's parts are
    // waited for as its other parts are).
    let preparing = props.query.q.is_some() && words.is_none();
    let collection = &props.loaded.parsed.collection;
    // The title is the collection's own words, in its language; the rest is the interface's.
    let (title, lang, dir) = match (&collection.title, &collection.language) {
        (Some(title), language) => (
            title.clone(),
            language
                .as_ref()
                .map(|l| AttrValue::from(l.as_str().to_owned())),
            language.as_ref().map(LanguageTag::direction),
        ),
        (None, _) => (ui.t("articles-title").to_string(), None, None),
    };
    let shown = outcome.matches.len();
    let total = index.len();
    let count_text = if waiting {
        ui.t("loading").to_string()
    } else if preparing {
        ui.t("preparing-search").to_string()
    } else if filter.is_empty() && props.query.q.is_none() {
        articles_count(&ui, total)
    } else {
        ui.n(
            "shown-of-articles",
            total as u64,
            &[("shown", &ui.number(shown as u64))],
        )
    };

    let mut notices = props.query.ignored.clone();
    for choice in &filter.regions {
        if !index.knows(choice) {
            notices.push(ui.f("no-article-in-region", &[("region", &choice.to_param())]));
        }
    }

    // The query the callbacks start from: the latest, read when they run, so each callback is
    // made once per `on_navigate` and the components holding it can skip re-rendering.
    let latest_query = use_latest(&props.query);
    let navigate_filter = (*use_memo(props.on_navigate.clone(), {
        let latest_query = latest_query.clone();
        move |on_navigate| {
            let on_navigate = on_navigate.clone();
            Callback::from(move |filter: Filter| {
                let next = latest_query.borrow().with_filter(filter);
                on_navigate.emit(next);
            })
        }
    }))
    .clone();
    let on_sort = {
        let on_navigate = props.on_navigate.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let sort = match value.as_str() {
                "oldest" => SortOrder::OldestFirst,
                "best" => SortOrder::BestMatch,
                _ => SortOrder::NewestFirst,
            };
            let next = latest_query.borrow().with_sort(sort);
            on_navigate.emit(next);
        })
    };

    let failed_part = match (&archive, waiting) {
        (Some(archive), true) => {
            let search = props.query.search_query();
            props.arrived.failed_part(archive, &filter, search.as_ref())
        }
        _ => None,
    };
    let visible = outcome
        .matches
        .iter()
        .take(props.drawn.min(props.list_limit));
    // Cards still to come a frame later: the list says it is being updated.
    let busy = props.drawn < props.list_limit.min(outcome.matches.len());
    let entries = match &archive {
        None => visible
            .map(|rank| ListEntry::Card(Rc::clone(index.article(rank))))
            .collect(),
        Some(archive) => list_entries(visible, archive, &props.arrived),
    };
    let remaining = shown.saturating_sub(props.list_limit);
    html! {
        <div class="av-collection">
            <header class="av-collection__header">
                <h1 id="av-collection-title" class="av-collection__title" tabindex="-1" {lang} {dir}>{ title }</h1>
                <p class="av-collection__count" part="count" role="status" aria-live="polite" aria-atomic="true">{ count_text }</p>
                // An archive published without a search index has nothing to search.
                if archive.as_ref().is_none_or(|a| a.manifest.search.is_some()) {
                    <SearchBox query={props.query.clone()} on_search={props.on_search.clone()} />
                }
                if !notices.is_empty() {
                    <ul class="av-notices" aria-label={ui.t("address-notices")}>
                        { for notices.iter().map(|n| html! { <li class="av-notice">{ n.clone() }</li> }) }
                    </ul>
                }
            </header>
            <div class="av-collection__layout">
                <FilterPanel index={Rc::clone(&index)} outcome={Rc::clone(&outcome)} filter={filter.clone()}
                    today={props.today} on_change={navigate_filter.clone()} sections={props.panel} />
                <section class="av-results" aria-label={ui.t("articles-title")}>
                    <div class="av-results__bar">
                        { active_filters(&ui, &date_format, &ActiveFiltersProps { filter: filter.clone(), on_change: navigate_filter.clone(), q: props.query.q.clone() }) }
                        <label class="av-sort">
                            <span>{ ui.t("order") }</span>
                            <select class="av-select" onchange={on_sort}>
                                if props.query.q.is_some() {
                                    <option value="best" selected={props.query.sort == SortOrder::BestMatch}>{ ui.t("order-best") }</option>
                                }
                                <option value="newest" selected={props.query.sort == SortOrder::NewestFirst}>{ ui.t("order-newest") }</option>
                                <option value="oldest" selected={props.query.sort == SortOrder::OldestFirst}>{ ui.t("order-oldest") }</option>
                            </select>
                        </label>
                    </div>
                    if waiting {
                        if let Some((file, why)) = failed_part {
                            { failed_filter(&ui, &file, &why, &props.on_action) }
                        }
                    } else if shown == 0 && props.query.q.is_some() && !preparing {
                        { empty_search(&ui, &props.query, &props.on_navigate) }
                    } else if shown == 0 {
                        { empty_result(&ui, &EmptyResultProps { filter: filter.clone(), outcome: Rc::clone(&outcome), on_change: navigate_filter }) }
                    } else {
                        <ContextProvider<CardLinks> context={CardLinks { list: props.query.clone(), on_navigate: props.on_navigate.clone() }}>
                        <ContextProvider<Option<SearchWords>> context={words.clone()}>
                        <ContextProvider<LoadedBodies> context={props.bodies.clone()}>
                        <ol class="av-cards" aria-busy={busy.then_some("true")}>
                            { for entries.iter().map(|entry| match entry {
                                ListEntry::Card(article) => html! {
                                    <ArticleCard key={article.id.clone()} article={Rc::clone(article)}
                                        fallback_language={collection.language.clone()}
                                        on_action={props.on_action.clone()} />
                                },
                                waiting => waiting_entry(&ui, waiting, &props.on_action),
                            }) }
                        </ol>
                        </ContextProvider<LoadedBodies>>
                        </ContextProvider<Option<SearchWords>>>
                        </ContextProvider<CardLinks>>
                        if remaining > 0 {
                            <button type="button" class="av-button av-button--secondary av-more"
                                onclick={props.on_action.reform(|_: MouseEvent| Action::ShowMore)}>
                                { ui.n("show-more", remaining.min(PAGE_SIZE) as u64, &[("remaining", &ui.number(remaining as u64))]) }
                            </button>
                        }
                    }
                </section>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ActiveFiltersProps {
    pub filter: Filter,
    pub on_change: Callback<Filter>,
    /// The search in force, if any.
    pub q: Option<String>,
}

/// What was searched for, as the list's heading quotes it: one quoted phrase without its own
/// quotes (the heading adds its language's), anything else as typed.
fn unquoted(q: &str) -> &str {
    let q = q.trim();
    q.strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'))
        .unwrap_or(q)
}

/// The filters in force, each with a button that removes it, and "Clear all".
pub fn active_filters(ui: &Ui, date_format: &DateFormat, props: &ActiveFiltersProps) -> Html {
    let filter = &props.filter;
    if filter.is_empty() {
        let text = match &props.q {
            Some(q) => ui.f("articles-matching", &[("words", unquoted(q))]),
            None => ui.t("showing-every-article").to_string(),
        };
        return html! { <p class="av-active av-active--none">{ text }</p> };
    }
    let chip = |label: String, without: Filter| {
        let on_change = props.on_change.clone();
        html! {
            <li>
                <button type="button" class="av-chip av-chip--removable" aria-label={ui.f("remove-filter", &[("filter", &label)])}
                    onclick={Callback::from(move |_: MouseEvent| on_change.emit(without.clone()))}>
                    { label }<span aria-hidden="true">{ " ×" }</span>
                </button>
            </li>
        }
    };
    let day = |date: CivilDate| {
        let timestamp = Timestamp { date, time: None };
        date_format.text(&timestamp, Some(ui.code())).exact
    };
    let date_label = match (filter.from, filter.to) {
        (Some(from), Some(to)) => {
            Some(ui.f("dates-between", &[("from", &day(from)), ("to", &day(to))]))
        }
        (Some(from), None) => Some(ui.f("dates-from", &[("from", &day(from))])),
        (None, Some(to)) => Some(ui.f("dates-until", &[("to", &day(to))])),
        (None, None) => None,
    };
    let clear = props.on_change.reform(|_: MouseEvent| Filter::default());
    html! {
        <div class="av-active">
            <ul class="av-active__list" aria-label={ui.t("active-filters")}>
                { for filter.regions.iter().map(|choice| {
                    let mut without = filter.clone();
                    without.regions.retain(|c| c != choice);
                    chip(region_label(ui, choice), without)
                }) }
                { for Facet::ALL.into_iter().flat_map(|facet| filter.facets.of(facet).iter().map(move |value| (facet, value))).map(|(facet, value)| {
                    let without = Filter { facets: filter.facets.toggled(facet, value), ..filter.clone() };
                    chip(ui.f("facet-chip", &[("facet", &ui.t(facet.message())), ("value", value)]), without)
                }) }
                if let Some(label) = date_label {
                    { chip(label, Filter { from: None, to: None, ..filter.clone() }) }
                }
            </ul>
            <button type="button" class="av-link-button" onclick={clear}>{ ui.t("clear-all-filters") }</button>
        </div>
    }
}

pub struct EmptyResultProps {
    pub filter: Filter,
    pub outcome: Rc<Outcome>,
    pub on_change: Callback<Filter>,
}

/// Says which filters exclude everything, and offers to clear them.
pub fn empty_result(ui: &Ui, props: &EmptyResultProps) -> Html {
    let filter = &props.filter;
    let outcome = &props.outcome;
    // What the filters other than dates ask for: "in Asia or Europe; tagged Sport".
    let either = |values: Vec<String>| values.join(&ui.t("values-or"));
    let mut asked = Vec::new();
    if !filter.regions.is_empty() {
        let regions = filter.regions.iter().map(|c| region_label(ui, c)).collect();
        asked.push(ui.f("asked-in", &[("values", &either(regions))]));
    }
    for facet in Facet::ALL {
        if !filter.facets.of(facet).is_empty() {
            let key = format!("asked-{}", facet.param());
            asked.push(ui.f(
                &key,
                &[("values", &either(filter.facets.of(facet).to_vec()))],
            ));
        }
    }
    let asked = asked.join(&ui.t("asked-and"));
    let reason = if !asked.is_empty() && outcome.region_only == 0 {
        ui.f("no-article-is", &[("asked", &asked)])
    } else if filter.has_dates() && outcome.dates_only == 0 {
        ui.t("no-article-in-dates").to_string()
    } else {
        ui.f(
            "none-in-both",
            &[
                ("asked", &asked),
                (
                    "asked-count",
                    &articles_count(ui, outcome.region_only as usize),
                ),
                (
                    "dates-count",
                    &articles_count(ui, outcome.dates_only as usize),
                ),
            ],
        )
    };
    let clear_regions = Filter {
        regions: Vec::new(),
        ..filter.clone()
    };
    let clear_dates = Filter {
        from: None,
        to: None,
        ..filter.clone()
    };
    html! {
        <div class="av-empty" role="status">
            <h2 class="av-empty__title">{ ui.t("no-match-title") }</h2>
            <p>{ reason }</p>
            <div class="av-empty__actions">
                if !filter.regions.is_empty() && filter.has_dates() {
                    <button type="button" class="av-button av-button--secondary" onclick={props.on_change.reform(move |_: MouseEvent| clear_regions.clone())}>{ ui.t("clear-regions") }</button>
                    <button type="button" class="av-button av-button--secondary" onclick={props.on_change.reform(move |_: MouseEvent| clear_dates.clone())}>{ ui.t("clear-dates") }</button>
                }
                <button type="button" class="av-button" onclick={props.on_change.reform(|_: MouseEvent| Filter::default())}>{ ui.t("clear-all-filters") }</button>
            </div>
        </div>
    }
}
