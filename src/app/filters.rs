//! The filter panel: date presets, from/to inputs, the timeline (a bar chart that can be
//! clicked or dragged, and the same choices as a keyboard list of years and months), and the
//! region tree with counts, collapse and expand, and a find box. On narrow screens the panel
//! is a disclosure; on wide ones it is a sidebar.

use crate::date::CivilDate;
use crate::filter::{Filter, Index, Outcome, RegionChoice, YearMonth};
use crate::text::fold;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    pub index: Rc<Index>,
    pub outcome: Rc<Outcome>,
    pub filter: Filter,
    pub today: CivilDate,
    pub on_change: Callback<Filter>,
}

#[component]
pub fn FilterPanel(props: &FilterPanelProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let active = props.filter.regions.len() + usize::from(props.filter.has_dates());
    let label = if active == 0 {
        "Filters".to_owned()
    } else {
        format!("Filters ({active} active)")
    };
    html! {
        <aside class="av-filters" aria-label="Filters">
            <button type="button" class="av-filters__toggle av-button av-button--secondary"
                aria-expanded={if *open { "true" } else { "false" }} aria-controls="av-filters-body" onclick={toggle}>
                { label }
            </button>
            <div id="av-filters-body" class={classes!("av-filters__body", open.then_some("is-open"))}>
                <DateFilter index={Rc::clone(&props.index)} outcome={Rc::clone(&props.outcome)} filter={props.filter.clone()}
                    today={props.today} on_change={props.on_change.clone()} />
                <RegionFilter index={Rc::clone(&props.index)} outcome={Rc::clone(&props.outcome)} filter={props.filter.clone()}
                    today={props.today} on_change={props.on_change.clone()} />
            </div>
        </aside>
    }
}

/// A preset period ending today: its name and its first day.
#[must_use]
pub fn presets(today: CivilDate) -> [(&'static str, CivilDate); 3] {
    let back = |days: i64| CivilDate::from_days_since_epoch(today.days_since_epoch() - days);
    [
        ("Last 7 days", back(6)),
        ("Last 30 days", back(29)),
        ("Last 12 months", back(364)),
    ]
}

fn date_value(date: Option<CivilDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

#[component]
fn DateFilter(props: &FilterPanelProps) -> Html {
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
            <h2 id="av-date-heading" class="av-filter__title">{ "Date" }</h2>
            <ul class="av-presets">
                { for presets(props.today).into_iter().map(|(name, from)| {
                    let count = props.index.count_between(filter, from, props.today);
                    let pressed = filter.from == Some(from) && filter.to == Some(props.today);
                    let next = Filter { from: Some(from), to: Some(props.today), ..filter.clone() };
                    html! {
                        <li>
                            <button type="button" class="av-preset" aria-pressed={pressed.to_string()}
                                onclick={props.on_change.reform(move |_: MouseEvent| next.clone())}>
                                { name }<span class="av-count">{ count }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <div class="av-dates-inputs">
                <label class="av-field">
                    <span>{ "From" }</span>
                    <input class="av-input" type="date" value={date_value(filter.from)} min={min.clone()} max={max.clone()} onchange={on_date(true)} />
                </label>
                <label class="av-field">
                    <span>{ "To" }</span>
                    <input class="av-input" type="date" value={date_value(filter.to)} {min} {max} onchange={on_date(false)} />
                </label>
            </div>
            <Timeline index={Rc::clone(&props.index)} outcome={Rc::clone(&props.outcome)} filter={filter.clone()}
                today={props.today} on_change={props.on_change.clone()} />
        </section>
    }
}

/// A bar of the timeline: a month (or a year, for collections spanning over ten years).
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    pub label: String,
    pub first: CivilDate,
    pub last: CivilDate,
    pub count: u32,
}

/// Contiguous months from the first to the last with articles (years when that is more than
/// 120 months), with counts for the current regions.
#[must_use]
pub fn timeline_buckets(index: &Index, outcome: &Outcome) -> Vec<Bucket> {
    let (Some(&first), Some(&last)) = (index.months.first(), index.months.last()) else {
        return Vec::new();
    };
    let span = (last.year - first.year) * 12 + i32::from(last.month) - i32::from(first.month) + 1;
    let count_of = |month: YearMonth| {
        index
            .months
            .binary_search(&month)
            .map_or(0, |m| outcome.month_counts[m])
    };
    if span > 120 {
        return (first.year..=last.year)
            .map(|year| Bucket {
                label: year.to_string(),
                first: YearMonth { year, month: 1 }.first_day(),
                last: YearMonth { year, month: 12 }.last_day(),
                count: (1..=12)
                    .map(|month| count_of(YearMonth { year, month }))
                    .sum(),
            })
            .collect();
    }
    let mut month = first;
    let mut buckets = Vec::new();
    loop {
        buckets.push(Bucket {
            label: month.label(),
            first: month.first_day(),
            last: month.last_day(),
            count: count_of(month),
        });
        if month == last {
            break;
        }
        month = if month.month == 12 {
            YearMonth {
                year: month.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                month: month.month + 1,
                ..month
            }
        };
    }
    buckets
}

#[component]
fn Timeline(props: &FilterPanelProps) -> Html {
    let buckets = timeline_buckets(&props.index, &props.outcome);
    let drag = use_state(|| None::<(usize, usize)>);
    let expanded = use_state(HashSet::<i32>::new);
    if buckets.is_empty() {
        return Html::default();
    }
    let filter = &props.filter;
    let highest = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let n = buckets.len();
    let in_range = |b: &Bucket| {
        filter.has_dates()
            && filter.from.is_none_or(|f| f <= b.last)
            && filter.to.is_none_or(|t| b.first <= t)
    };
    let select = |from: CivilDate, to: CivilDate| Filter {
        from: Some(from),
        to: Some(to),
        ..filter.clone()
    };

    let dragging = *drag;
    let bars = buckets.iter().enumerate().map(|(i, bucket)| {
        // Bar height out of 100, in integers (no float formatting code in the Wasm).
        let height = if bucket.count == 0 { 0 } else { 2 + 98 * u64::from(bucket.count) / u64::from(highest) };
        let selected = match dragging {
            Some((a, b)) => a.min(b) <= i && i <= a.max(b),
            None => in_range(bucket),
        };
        let onpointerdown = {
            let drag = drag.clone();
            Callback::from(move |event: PointerEvent| {
                // Touch captures the pointer on its first target; release it so the drag
                // reaches the other bars.
                let target = event.target_unchecked_into::<web_sys::Element>();
                let _ = target.release_pointer_capture(event.pointer_id());
                event.prevent_default();
                drag.set(Some((i, i)));
            })
        };
        let onpointerenter = {
            let drag = drag.clone();
            Callback::from(move |_: PointerEvent| {
                if let Some((anchor, _)) = *drag {
                    drag.set(Some((anchor, i)));
                }
            })
        };
        html! {
            <g class={classes!("av-bar", selected.then_some("is-selected"))}>
                <rect class="av-bar__hit" x={i.to_string()} y="0" width="1" height="100" {onpointerdown} {onpointerenter}>
                    <title>{ format!("{}: {}", bucket.label, bucket.count) }</title>
                </rect>
                <rect class="av-bar__fill" x={format!("{i}.1")} y={(100 - height).to_string()} width="0.8" height={height.to_string()} />
            </g>
        }
    });
    let finish = {
        let drag = drag.clone();
        let buckets = buckets.clone();
        let on_change = props.on_change.clone();
        let filter = filter.clone();
        Callback::from(move |_: PointerEvent| {
            if let Some((a, b)) = *drag {
                let (from, to) = (&buckets[a.min(b)], &buckets[a.max(b)]);
                on_change.emit(Filter {
                    from: Some(from.first),
                    to: Some(to.last),
                    ..filter.clone()
                });
                drag.set(None);
            }
        })
    };
    let cancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };

    // The keyboard list: years, each opening its months.
    let mut years: Vec<(i32, u32)> = Vec::new();
    for (m, month) in props.index.months.iter().enumerate() {
        let count = props.outcome.month_counts[m];
        match years.last_mut() {
            Some((year, total)) if *year == month.year => *total += count,
            _ => years.push((month.year, count)),
        }
    }
    let year_items = years.into_iter().rev().map(|(year, total)| {
        let is_open = expanded.contains(&year);
        let toggle = {
            let expanded = expanded.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*expanded).clone();
                if !next.remove(&year) {
                    next.insert(year);
                }
                expanded.set(next);
            })
        };
        let whole_year = select(YearMonth { year, month: 1 }.first_day(), YearMonth { year, month: 12 }.last_day());
        let year_pressed = filter.from == whole_year.from && filter.to == whole_year.to;
        let months = props.index.months.iter().enumerate().filter(|(_, m)| m.year == year).map(|(m, &month)| {
            let next = select(month.first_day(), month.last_day());
            let pressed = filter.from == next.from && filter.to == next.to;
            let count = props.outcome.month_counts[m];
            html! {
                <li>
                    <button type="button" class="av-month" aria-pressed={pressed.to_string()}
                        onclick={props.on_change.reform(move |_: MouseEvent| next.clone())}>
                        { crate::date::month_name(month.month) }<span class="av-count">{ count }</span>
                    </button>
                </li>
            }
        });
        html! {
            <li class="av-year">
                <div class="av-year__row">
                    <button type="button" class="av-disclosure" aria-expanded={is_open.to_string()}
                        aria-label={format!("Months of {year}")} onclick={toggle}>
                        <span aria-hidden="true">{ if is_open { "▾" } else { "▸" } }</span>
                    </button>
                    <button type="button" class="av-month" aria-pressed={year_pressed.to_string()}
                        onclick={props.on_change.reform(move |_: MouseEvent| whole_year.clone())}>
                        { year }<span class="av-count">{ total }</span>
                    </button>
                </div>
                if is_open {
                    <ul class="av-months">{ for months }</ul>
                }
            </li>
        }
    });
    html! {
        <div class="av-timeline">
            <h3 class="av-filter__subtitle" id="av-timeline-heading">{ "Articles per month" }</h3>
            <svg class="av-chart" viewBox={format!("0 0 {n} 100")} preserveAspectRatio="none" aria-hidden="true"
                onpointerup={finish} onpointerleave={cancel.clone()} onpointercancel={cancel}>
                { for bars }
            </svg>
            <p class="av-chart__range" aria-hidden="true">
                <span>{ buckets.first().map(|b| b.label.clone()).unwrap_or_default() }</span>
                <span>{ buckets.last().map(|b| b.label.clone()).unwrap_or_default() }</span>
            </p>
            <ul class="av-years" aria-labelledby="av-timeline-heading">{ for year_items }</ul>
        </div>
    }
}

#[component]
fn RegionFilter(props: &FilterPanelProps) -> Html {
    let index = &props.index;
    let filter = &props.filter;
    let needle = use_state(String::new);
    let expanded = use_state(|| {
        // Open the branches that lead to a selected region.
        let mut open = HashSet::new();
        for choice in &filter.regions {
            if let RegionChoice::Path(path) = choice {
                let mut node = index.node_of(path).and_then(|n| index.nodes[n].parent);
                while let Some(n) = node {
                    open.insert(n);
                    node = index.nodes[n].parent;
                }
            }
        }
        open
    });
    let visible = index.search_regions(&needle);
    let oninput = {
        let needle = needle.clone();
        Callback::from(move |event: InputEvent| {
            needle.set(
                event
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
        })
    };
    let toggle_choice = |choice: RegionChoice| {
        let filter = filter.clone();
        props.on_change.reform(move |_: Event| {
            let mut next = filter.clone();
            if next.regions.contains(&choice) {
                next.regions.retain(|c| c != &choice);
            } else {
                next.regions.push(choice.clone());
            }
            next
        })
    };
    let ctx = TreeContext {
        index,
        outcome: &props.outcome,
        filter,
        visible: visible.as_deref(),
        expanded: &expanded,
        toggle_choice: &toggle_choice,
    };
    let matches_any = visible.as_ref().is_none_or(|v| v.iter().any(|x| *x));
    let unspecified_visible =
        visible.is_none() || fold("Unspecified region").contains(&fold(needle.trim()));
    html! {
        <section class="av-filter" aria-labelledby="av-region-heading">
            <h2 id="av-region-heading" class="av-filter__title">{ "Region" }</h2>
            <label class="av-field">
                <span>{ "Find a region" }</span>
                <input class="av-input" type="search" value={(*needle).clone()} {oninput} autocomplete="off" />
            </label>
            if !matches_any && !unspecified_visible {
                <p class="av-status">{ format!("No region is called \"{}\".", needle.trim()) }</p>
            }
            <ul class="av-tree">
                { for index.roots.iter().map(|&root| render_node(&ctx, root)) }
                if unspecified_visible && index.unspecified_total > 0 {
                    <li class="av-tree__item">
                        <div class="av-tree__row">
                            <span class="av-disclosure av-disclosure--leaf" aria-hidden="true"></span>
                            <label class="av-check">
                                <input type="checkbox" checked={filter.regions.contains(&RegionChoice::Unspecified)}
                                    onchange={toggle_choice(RegionChoice::Unspecified)} />
                                <span>{ "Unspecified region" }</span>
                                <span class="av-count">{ props.outcome.unspecified_count }</span>
                            </label>
                        </div>
                    </li>
                }
            </ul>
        </section>
    }
}

struct TreeContext<'a, F: Fn(RegionChoice) -> Callback<Event>> {
    index: &'a Index,
    outcome: &'a Outcome,
    filter: &'a Filter,
    visible: Option<&'a [bool]>,
    expanded: &'a UseStateHandle<HashSet<usize>>,
    toggle_choice: &'a F,
}

fn render_node<F: Fn(RegionChoice) -> Callback<Event>>(
    ctx: &TreeContext<'_, F>,
    node: usize,
) -> Html {
    if ctx.visible.is_some_and(|v| !v[node]) {
        return Html::default();
    }
    let region = &ctx.index.nodes[node];
    let choice = RegionChoice::Path(region.path.clone());
    let has_children = !region.children.is_empty();
    // While searching, every branch that holds a match is open.
    let is_open = ctx.visible.is_some() || ctx.expanded.contains(&node);
    let toggle = {
        let expanded = ctx.expanded.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*expanded).clone();
            if !next.remove(&node) {
                next.insert(node);
            }
            expanded.set(next);
        })
    };
    html! {
        <li class="av-tree__item" key={node.to_string()}>
            <div class="av-tree__row">
                if has_children {
                    <button type="button" class="av-disclosure" aria-expanded={is_open.to_string()}
                        aria-label={format!("Regions in {}", region.name())} onclick={toggle}>
                        <span aria-hidden="true">{ if is_open { "▾" } else { "▸" } }</span>
                    </button>
                } else {
                    <span class="av-disclosure av-disclosure--leaf" aria-hidden="true"></span>
                }
                <label class="av-check">
                    <input type="checkbox" checked={ctx.filter.regions.contains(&choice)} onchange={(ctx.toggle_choice)(choice.clone())} />
                    <span>{ region.name().to_owned() }</span>
                    <span class="av-count">{ ctx.outcome.region_counts[node] }</span>
                </label>
            </div>
            if has_children && is_open {
                <ul class="av-tree__children">
                    { for region.children.iter().map(|&child| render_node(ctx, child)) }
                </ul>
            }
        </li>
    }
}
