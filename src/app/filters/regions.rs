//! The region tree: a checkbox and a count per node, branches that collapse and expand, and a
//! find box that shows matching regions with their ancestors.

use super::FilterPanelProps;
use crate::filter::{Filter, Index, Outcome, RegionChoice};
use crate::text::fold;
use std::collections::HashSet;
use yew::prelude::*;

#[component]
pub(super) fn RegionFilter(props: &FilterPanelProps) -> Html {
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
