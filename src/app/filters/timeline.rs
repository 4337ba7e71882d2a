//! The timeline: a bar per month (or per year over long spans) that can be clicked or dragged
//! to choose dates, and the same choices as a keyboard list of years and months.

use super::{disclosure_arrow, FilterPanelProps};
use crate::app::use_ui;
use crate::date::CivilDate;
use crate::filter::{Filter, Index, Outcome, YearMonth};
use crate::i18n::Ui;
use std::collections::HashSet;
use yew::prelude::*;

/// A bar of the timeline: a month (or a year, for collections spanning over ten years).
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    pub label: String,
    pub first: CivilDate,
    pub last: CivilDate,
    pub count: u32,
}

/// Contiguous months from the first to the last with articles (years when that is more than
/// 120 months; decades, centuries or millennia when it is more than 120 years), with counts for the current regions.
#[must_use]
pub fn timeline_buckets(ui: &Ui, index: &Index, outcome: &Outcome) -> Vec<Bucket> {
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
    let years = last.year - first.year + 1;
    if years > 120 {
        // Centuries of dates (or wrong ones): a bar per decade, century or millennium, so the
        // chart keeps at most 120 bars.
        let step = [10, 100, 1000, 10_000]
            .into_iter()
            .find(|step| years / step < 120)
            .unwrap_or(10_000);
        let period = |year: i32| year.div_euclid(step) * step;
        let start = period(first.year);
        let mut buckets: Vec<Bucket> = (start..=period(last.year))
            .step_by(usize::try_from(step).unwrap_or(10))
            .map(|from| Bucket {
                label: if step == 10 {
                    format!("{from}s")
                } else {
                    format!("{from}–{}", from + step - 1)
                },
                first: YearMonth {
                    year: from,
                    month: 1,
                }
                .first_day(),
                last: YearMonth {
                    year: from + step - 1,
                    month: 12,
                }
                .last_day(),
                count: 0,
            })
            .collect();
        for (month, &count) in index.months.iter().zip(&outcome.month_counts) {
            let at = usize::try_from((period(month.year) - start) / step).unwrap_or(0);
            if let Some(bucket) = buckets.get_mut(at) {
                bucket.count += count;
            }
        }
        return buckets;
    }
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
            label: ui.month_year(month.year, month.month),
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
pub(super) fn Timeline(props: &FilterPanelProps) -> Html {
    let ui = use_ui();
    let buckets = timeline_buckets(&ui, &props.index, &props.outcome);
    let drag = use_state(|| None::<(usize, usize)>);
    let expanded = use_state(HashSet::<i32>::new);
    if buckets.is_empty() {
        return Html::default();
    }
    let filter = &props.filter;
    // What one bar stands for: a month, a year, or a longer period.
    let heading = match buckets.first() {
        Some(b) if (b.first.year, b.first.month) == (b.last.year, b.last.month) => {
            ui.t("per-month")
        }
        Some(b) if b.first.year == b.last.year => ui.t("per-year"),
        _ => ui.t("per-period"),
    };
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
        let height = if bucket.count == 0 {
            0
        } else {
            2 + 98 * u64::from(bucket.count) / u64::from(highest)
        };
        let selected = match dragging {
            Some((a, b)) => a.min(b) <= i && i <= a.max(b),
            None => in_range(bucket),
        };
        html! {
            <Bar key={i} index={i} height={height} selected={selected}
                title={AttrValue::from(ui.n("bar-title", u64::from(bucket.count), &[("period", &bucket.label)]))} />
        }
    });
    // One pair of listeners on the chart for every bar: the bar is found from the event's
    // target, so bars carry no callbacks and unchanged bars are not re-rendered.
    let bar_of = |event: &PointerEvent| {
        event
            .target_dyn_into::<web_sys::Element>()
            .and_then(|target| target.get_attribute("data-bar"))
            .and_then(|value| value.parse::<usize>().ok())
    };
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(i) = bar_of(&event) else { return };
            // Touch captures the pointer on its first target; release it so the drag
            // reaches the other bars.
            let target = event.target_unchecked_into::<web_sys::Element>();
            let _ = target.release_pointer_capture(event.pointer_id());
            event.prevent_default();
            drag.set(Some((i, i)));
        })
    };
    let onpointerover = {
        let drag = drag.clone();
        Callback::from(move |event: PointerEvent| {
            if let (Some((anchor, _)), Some(i)) = (*drag, bar_of(&event)) {
                drag.set(Some((anchor, i)));
            }
        })
    };
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
    // As many years as that are read by period, like the chart.
    let period_items = |buckets: &[Bucket]| -> Html {
        buckets
            .iter()
            .rev()
            .map(|bucket| {
                let next = select(bucket.first, bucket.last);
                let pressed = filter.from == next.from && filter.to == next.to;
                html! {
                    <li class="av-year">
                        <button type="button" class="av-month" aria-pressed={pressed.to_string()}
                            onclick={props.on_change.reform(move |_: MouseEvent| next.clone())}>
                            { bucket.label.clone() }<span class="av-count">{ ui.number(bucket.count.into()) }</span>
                        </button>
                    </li>
                }
            })
            .collect()
    };
    let year_items = |years: Vec<(i32, u32)>| -> Html {
        years.into_iter().rev().map(|(year, total)| {
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
                        { ui.month(month.month) }<span class="av-count">{ ui.number(count.into()) }</span>
                    </button>
                </li>
            }
        });
        html! {
            <li class="av-year">
                <div class="av-year__row">
                    <button type="button" class="av-disclosure" aria-expanded={is_open.to_string()}
                        aria-label={ui.f("months-of", &[("year", &year.to_string())])} onclick={toggle}>
                        <span aria-hidden="true">{ disclosure_arrow(&ui, is_open) }</span>
                    </button>
                    <button type="button" class="av-month" aria-pressed={year_pressed.to_string()}
                        onclick={props.on_change.reform(move |_: MouseEvent| whole_year.clone())}>
                        { year }<span class="av-count">{ ui.number(total.into()) }</span>
                    </button>
                </div>
                if is_open {
                    <ul class="av-months">{ for months }</ul>
                }
            </li>
        }
    }).collect()
    };
    let list_items = if years.len() > 120 {
        period_items(&buckets)
    } else {
        year_items(years)
    };
    html! {
        <div class="av-timeline">
            <h3 class="av-filter__subtitle" id="av-timeline-heading">{ heading }</h3>
            <svg class="av-chart" viewBox={format!("0 0 {n} 100")} preserveAspectRatio="none" aria-hidden="true"
                {onpointerdown} {onpointerover} onpointerup={finish} onpointerleave={cancel.clone()} onpointercancel={cancel}>
                { for bars }
            </svg>
            <p class="av-chart__range" aria-hidden="true">
                <span>{ buckets.first().map(|b| b.label.clone()).unwrap_or_default() }</span>
                <span>{ buckets.last().map(|b| b.label.clone()).unwrap_or_default() }</span>
            </p>
            <ul class="av-years" aria-labelledby="av-timeline-heading">{ list_items }</ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct BarProps {
    index: usize,
    /// Out of 100.
    height: u64,
    selected: bool,
    /// "April 2025: 12 articles", shown on hover.
    title: AttrValue,
}

/// One bar of the chart; `data-bar` tells the chart's listeners which one was pointed at.
#[component]
fn Bar(props: &BarProps) -> Html {
    let i = props.index;
    html! {
        <g class={classes!("av-bar", props.selected.then_some("is-selected"))}>
            <rect class="av-bar__hit" data-bar={i.to_string()} x={i.to_string()} y="0" width="1" height="100">
                <title>{ props.title.clone() }</title>
            </rect>
            <rect class="av-bar__fill" x={format!("{i}.1")} y={(100 - props.height).to_string()} width="0.8" height={props.height.to_string()} />
        </g>
    }
}
