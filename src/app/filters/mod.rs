//! The filter panel: date presets, from/to inputs, the timeline (a bar chart that can be
//! clicked or dragged, and the same choices as a keyboard list of years and months), the
//! region tree with counts, collapse and expand, and a find box, and the tag, author and
//! source lists. On narrow screens the panel
//! is a disclosure; on wide ones it is a sidebar. This file holds the panel and the date
//! section; `timeline.rs` the chart and the year/month list; `regions.rs` the region tree;
//! `facet.rs` the tag, author and source lists.

mod facet;
mod regions;
mod timeline;

pub use timeline::{timeline_buckets, Bucket};

use crate::app::use_ui;
use crate::date::CivilDate;
use crate::filter::{Facet, Filter, Index, Outcome};
use crate::i18n::Ui;
use facet::FacetFilter;
use regions::RegionFilter;
use std::rc::Rc;
use timeline::Timeline;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    pub index: Rc<Index>,
    pub outcome: Rc<Outcome>,
    pub filter: Filter,
    pub today: CivilDate,
    pub on_change: Callback<Filter>,
    /// Whether its sections are drawn (the panel's frame and button always are).
    #[prop_or(true)]
    pub sections: bool,
}

#[component]
pub fn FilterPanel(props: &FilterPanelProps) -> Html {
    let ui = use_ui();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let chosen: usize = Facet::ALL
        .iter()
        .map(|f| props.filter.facets.of(*f).len())
        .sum();
    let active = props.filter.regions.len() + usize::from(props.filter.has_dates()) + chosen;
    let label = if active == 0 {
        ui.t("filters").to_string()
    } else {
        ui.n("filters-active", active as u64, &[])
    };
    html! {
        <aside class="av-filters" part="filters" aria-label={ui.t("filters")}>
            <button type="button" class="av-filters__toggle av-button av-button--secondary"
                aria-expanded={if *open { "true" } else { "false" }} aria-controls="av-filters-body" onclick={toggle}>
                { label }
            </button>
            <div id="av-filters-body" class={classes!("av-filters__body", open.then_some("is-open"))}>
                if props.sections {
                <DateFilter index={Rc::clone(&props.index)} outcome={Rc::clone(&props.outcome)} filter={props.filter.clone()}
                    today={props.today} on_change={props.on_change.clone()} />
                <RegionFilter index={Rc::clone(&props.index)} outcome={Rc::clone(&props.outcome)} filter={props.filter.clone()}
                    today={props.today} on_change={props.on_change.clone()} />
                { for Facet::ALL.into_iter().map(|facet| html! {
                    <FacetFilter key={facet.param()} {facet} index={Rc::clone(&props.index)} outcome={Rc::clone(&props.outcome)}
                        filter={props.filter.clone()} on_change={props.on_change.clone()} />
                }) }
                }
            </div>
        </aside>
    }
}

/// A find box's input handler: keeps `needle` equal to what is typed.
fn typed_into(needle: &UseStateHandle<String>) -> Callback<InputEvent> {
    let needle = needle.clone();
    Callback::from(move |event: InputEvent| {
        needle.set(
            event
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        );
    })
}

/// A preset period ending today: its name's key in the catalogue and its first day.
#[must_use]
pub fn presets(today: CivilDate) -> [(&'static str, CivilDate); 3] {
    let back = |days: i64| CivilDate::from_days_since_epoch(today.days_since_epoch() - days);
    [
        ("last-7-days", back(6)),
        ("last-30-days", back(29)),
        ("last-12-months", back(364)),
    ]
}

/// A disclosure button's triangle: down when open, else pointing the way the interface reads.
pub(super) fn disclosure_arrow(ui: &Ui, open: bool) -> &'static str {
    match (open, ui.right_to_left()) {
        (true, _) => "▾",
        (false, true) => "◂",
        (false, false) => "▸",
    }
}

fn date_value(date: Option<CivilDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

#[component]
fn DateFilter(props: &FilterPanelProps) -> Html {
    let ui = use_ui();
    let filter = &props.filter;
    let on_date = |is_from: bool| {
        let filter = filter.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let date = CivilDate::parse(&value).ok();
            let mut next = filter.clone();
            if is_from {
                next.from = date
            } else {
                next.to = date
            }
            if let (Some(from), Some(to)) = (next.from, next.to) {
                if from > to {
                    (next.from, next.to) = (Some(to), Some(from));
                }
            }
            on_change.emit(next);
        })
    };
    let (min, max) = match (props.index.months.first(), props.index.months.last()) {
        (Some(first), Some(last)) => (
            Some(first.first_day().to_string()),
            Some(last.last_day().to_string()),
        ),
        _ => (None, None),
    };
    html! {
        <section class="av-filter" aria-labelledby="av-date-heading">
            <h2 id="av-date-heading" class="av-filter__title">{ ui.t("date") }</h2>
            <ul class="av-presets">
                { for presets(props.today).into_iter().map(|(name, from)| {
                    let count = props.index.count_between(&props.outcome, from, props.today);
                    let pressed = filter.from == Some(from) && filter.to == Some(props.today);
                    let next = Filter { from: Some(from), to: Some(props.today), ..filter.clone() };
                    html! {
                        <li>
                            <button type="button" class="av-preset" aria-pressed={pressed.to_string()}
                                onclick={props.on_change.reform(move |_: MouseEvent| next.clone())}>
                                { ui.t(name) }<span class="av-count">{ ui.number(count.into()) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <div class="av-dates-inputs">
                <label class="av-field">
                    <span>{ ui.t("date-from") }</span>
                    <input class="av-input" type="date" value={date_value(filter.from)} min={min.clone()} max={max.clone()} onchange={on_date(true)} />
                </label>
                <label class="av-field">
                    <span>{ ui.t("date-to") }</span>
                    <input class="av-input" type="date" value={date_value(filter.to)} {min} {max} onchange={on_date(false)} />
                </label>
            </div>
            <Timeline index={Rc::clone(&props.index)} outcome={Rc::clone(&props.outcome)} filter={filter.clone()}
                today={props.today} on_change={props.on_change.clone()} />
        </section>
    }
}
