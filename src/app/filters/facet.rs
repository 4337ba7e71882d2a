//! A tag, author or source facet in the filter panel: the values with the most articles first
//! (the chosen ones always shown), a checkbox and a count each, "Show all" for the rest, and a
//! find box when there are many. Rows are [`FacetRow`] components with plain props and a
//! callback made once, so a filter change re-renders only the rows whose count or state changed.

use crate::app::latest::use_latest;
use crate::app::use_ui;
use crate::filter::{Facet, Filter, Index, Outcome};
use crate::text::fold;
use std::rc::Rc;
use yew::prelude::*;

/// Values shown before "Show all".
pub const SHOWN_FIRST: usize = 8;
/// Most values drawn at once (the find box reaches the rest).
pub const MAX_SHOWN: usize = 300;

#[derive(Properties, PartialEq)]
pub(super) struct FacetFilterProps {
    pub index: Rc<Index>,
    pub outcome: Rc<Outcome>,
    pub filter: Filter,
    pub on_change: Callback<Filter>,
    pub facet: Facet,
}

#[component]
pub(super) fn FacetFilter(props: &FacetFilterProps) -> Html {
    let ui = use_ui();
    let facet = props.facet;
    let panel = props;
    let values = &panel.index.facets[facet.slot()];
    let counts = &panel.outcome.facet_counts[facet.slot()];
    let chosen = panel.filter.facets.of(facet);
    let needle = use_state(String::new);
    let all = use_state(|| false);
    let latest = use_latest(&panel.filter);
    let on_choice = (*use_memo(
        (facet, panel.on_change.clone()),
        move |(facet, on_change)| {
            let (facet, on_change) = (*facet, on_change.clone());
            Callback::from(move |name: AttrValue| {
                let mut next = latest.borrow().clone();
                next.facets = next.facets.toggled(facet, &name);
                on_change.emit(next);
            })
        },
    ))
    .clone();
    if values.is_empty() {
        return Html::default();
    }
    let folded = fold(needle.trim());
    let finding = !folded.is_empty();
    let limit = if *all || finding {
        MAX_SHOWN
    } else {
        SHOWN_FIRST
    };
    let mut shown: Vec<usize> = (0..values.len())
        .filter(|&v| !finding || fold(&values.names[v]).contains(&folded))
        .take(limit)
        .collect();
    // The chosen values stay in view, whatever their rank.
    for name in chosen {
        if let Some(v) = values.find(name) {
            if !shown.contains(&v) {
                shown.push(v);
            }
        }
    }
    let heading = format!("av-{}-heading", facet.param());
    let oninput = super::typed_into(&needle);
    let toggle_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(!*all))
    };
    let hidden = values.len().saturating_sub(SHOWN_FIRST);
    html! {
        <section class="av-filter" aria-labelledby={heading.clone()}>
            <h2 id={heading} class="av-filter__title">{ ui.t(facet.message()) }</h2>
            if values.len() > SHOWN_FIRST {
                <label class="av-field">
                    <span>{ ui.t(&format!("find-{}", facet.param())) }</span>
                    <input class="av-input" type="search" value={(*needle).clone()} {oninput} autocomplete="off" />
                </label>
            }
            if finding && shown.is_empty() {
                <p class="av-status">{ ui.f(&format!("no-{}-called", facet.param()), &[("name", needle.trim())]) }</p>
            }
            <ul class="av-facet">
                { for shown.iter().map(|&v| {
                    let name = AttrValue::from(values.names[v].clone());
                    let checked = chosen.iter().any(|c| c == name.as_str());
                    html! {
                        <li key={v}>
                            <FacetRow {name} count={counts.get(v).copied().unwrap_or(0)} {checked} on_choice={on_choice.clone()} />
                        </li>
                    }
                }) }
            </ul>
            if !finding && hidden > 0 {
                <button type="button" class="av-link-button" aria-expanded={all.to_string()} onclick={toggle_all}>
                    { if *all { ui.t("show-fewer").to_string() } else { ui.n("show-all", values.len() as u64, &[("hidden", &ui.number(hidden as u64))]) } }
                </button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FacetRowProps {
    name: AttrValue,
    count: u32,
    checked: bool,
    on_choice: Callback<AttrValue>,
}

/// One value: its checkbox, its name and its count.
#[component]
fn FacetRow(props: &FacetRowProps) -> Html {
    let ui = use_ui();
    let name = props.name.clone();
    let onchange = props.on_choice.reform(move |_: Event| name.clone());
    html! {
        <label class="av-check">
            <input type="checkbox" checked={props.checked} {onchange} />
            // Names come from the articles, in any script: each takes its own direction.
            <span dir="auto">{ props.name.clone() }</span>
            <span class="av-count">{ ui.number(props.count.into()) }</span>
        </label>
    }
}
