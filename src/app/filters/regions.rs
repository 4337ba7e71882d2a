//! The region tree: a checkbox and a count per node, branches that collapse and expand, and a
//! find box that shows matching regions with their ancestors.
//!
//! Each row is a [`RegionRow`] component whose props are plain values (name, count, checked,
//! open) and callbacks made once, so a filter change re-renders only the rows whose count or
//! state changed: toggling a region changes its own checkbox, not the other rows' counts.

use super::{disclosure_arrow, FilterPanelProps};
use crate::app::latest::use_latest;
use crate::app::use_ui;
use crate::filter::{Filter, Index, Outcome, RegionChoice};
use crate::i18n::Ui;
use crate::text::fold;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// Which branches are open; toggled by node.
#[derive(Clone, Default, PartialEq)]
struct Expanded(HashSet<usize>);

impl Reducible for Expanded {
    type Action = usize;

    fn reduce(self: Rc<Self>, node: usize) -> Rc<Self> {
        let mut open = self.0.clone();
        if !open.remove(&node) {
            open.insert(node);
        }
        Rc::new(Self(open))
    }
}

/// The branches leading to the selected regions, open at first.
fn leading_to_selection(index: &Index, filter: &Filter) -> Expanded {
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
    Expanded(open)
}

/// The choice a row stands for: a node of the tree, or `None` for "Unspecified region".
type RowChoice = Option<usize>;

#[component]
pub(super) fn RegionFilter(props: &FilterPanelProps) -> Html {
    let ui = use_ui();
    let index = &props.index;
    let filter = &props.filter;
    let needle = use_state(String::new);
    let expanded = use_reducer(|| leading_to_selection(index, filter));
    let visible = index.search_regions(&needle);
    let oninput = super::typed_into(&needle);
    // Made once per file and `on_change`; each reads the latest filter when it runs.
    let latest = use_latest(filter);
    let on_choice = (*use_memo(
        (Rc::clone(index), props.on_change.clone()),
        move |(index, on_change)| {
            let (index, on_change) = (Rc::clone(index), on_change.clone());
            Callback::from(move |row: RowChoice| {
                let choice = match row {
                    Some(node) => RegionChoice::Path(index.nodes[node].path.clone()),
                    None => RegionChoice::Unspecified,
                };
                let mut next = latest.borrow().clone();
                if next.regions.contains(&choice) {
                    next.regions.retain(|c| c != &choice);
                } else {
                    next.regions.push(choice);
                }
                on_change.emit(next);
            })
        },
    ))
    .clone();
    let on_open = (*use_memo((), {
        let dispatcher = expanded.dispatcher();
        move |()| Callback::from(move |node: usize| dispatcher.dispatch(node))
    }))
    .clone();
    let tree = Tree {
        ui: &ui,
        index,
        outcome: &props.outcome,
        selected: selected_nodes(index, filter),
        visible: visible.as_deref(),
        expanded: &expanded.0,
        on_choice: &on_choice,
        on_open: &on_open,
    };
    let matches_any = visible.as_ref().is_none_or(|v| v.iter().any(|x| *x));
    let unspecified = ui.t("unspecified-region");
    let unspecified_visible =
        visible.is_none() || fold(&unspecified).contains(&fold(needle.trim()));
    html! {
        <section class="av-filter" aria-labelledby="av-region-heading">
            <h2 id="av-region-heading" class="av-filter__title">{ ui.t("region") }</h2>
            <label class="av-field">
                <span>{ ui.t("find-region") }</span>
                <input class="av-input" type="search" value={(*needle).clone()} {oninput} autocomplete="off" />
            </label>
            if !matches_any && !unspecified_visible {
                <p class="av-status">{ ui.f("no-region-called", &[("name", needle.trim())]) }</p>
            }
            <ul class="av-tree">
                { tree.rows(&index.roots) }
                if unspecified_visible && index.unspecified_total > 0 {
                    <li class="av-tree__item" key="~unspecified">
                        <RegionRow choice={None::<usize>} name={unspecified} count={props.outcome.unspecified_count}
                            checked={filter.regions.contains(&RegionChoice::Unspecified)} open={None::<bool>}
                            on_choice={on_choice.clone()} on_open={on_open.clone()} />
                    </li>
                }
            </ul>
        </section>
    }
}

/// The nodes the filter selects (a link holds at most [`crate::query::MAX_URL_REGIONS`]), so
/// drawing the tree costs nothing in proportion to its size beyond the rows it shows.
fn selected_nodes(index: &Index, filter: &Filter) -> Vec<usize> {
    filter
        .regions
        .iter()
        .filter_map(|choice| match choice {
            RegionChoice::Path(path) => index.node_of(path),
            RegionChoice::Unspecified => None,
        })
        .collect()
}

/// What every branch of the tree is drawn from.
struct Tree<'a> {
    ui: &'a Ui,
    index: &'a Index,
    outcome: &'a Outcome,
    selected: Vec<usize>,
    visible: Option<&'a [bool]>,
    expanded: &'a HashSet<usize>,
    on_choice: &'a Callback<RowChoice>,
    on_open: &'a Callback<usize>,
}

/// Most rows shown in one branch (or at the top): when a branch has more, the ones with the
/// most articles are shown, in name order, and the rest are reached with the find box.
pub const MAX_ROWS_PER_BRANCH: usize = 200;

impl Tree<'_> {
    /// The rows of `nodes` (siblings, in name order) that are visible, at most
    /// [`MAX_ROWS_PER_BRANCH`] of them, and a line saying how many more there are.
    fn rows(&self, nodes: &[usize]) -> Html {
        let mut shown: Vec<usize> = nodes
            .iter()
            .copied()
            .filter(|&n| self.visible.is_none_or(|v| v[n]))
            .collect();
        let more = shown.len().saturating_sub(MAX_ROWS_PER_BRANCH);
        if more > 0 {
            // Keep the largest, then put them back in name order (their order in `nodes`):
            // linear in the number of siblings, whatever it is.
            let region = &self.index.nodes;
            let mut ranked: Vec<(usize, usize)> = shown.iter().copied().enumerate().collect();
            ranked.select_nth_unstable_by(MAX_ROWS_PER_BRANCH - 1, |&(pa, a), &(pb, b)| {
                region[b].total.cmp(&region[a].total).then(pa.cmp(&pb))
            });
            ranked.truncate(MAX_ROWS_PER_BRANCH);
            ranked.sort_unstable();
            shown = ranked.into_iter().map(|(_, node)| node).collect();
        }
        let ui = self.ui;
        html! {
            <>
                { for shown.iter().map(|&node| self.branch(node)) }
                if more > 0 {
                    <li class="av-tree__more" key="~more">
                        { ui.n("more-regions", more as u64, &[]) }
                    </li>
                }
            </>
        }
    }

    /// A node's list item: its row, and its open children.
    fn branch(&self, node: usize) -> Html {
        if self.visible.is_some_and(|v| !v[node]) {
            return Html::default();
        }
        let region = &self.index.nodes[node];
        let has_children = !region.children.is_empty();
        // While searching, every branch that holds a match is open.
        let is_open = self.visible.is_some() || self.expanded.contains(&node);
        html! {
            <li class="av-tree__item" key={node}>
                <RegionRow choice={Some(node)} name={AttrValue::from(region.name().to_owned())}
                    count={self.outcome.region_counts[node]} checked={self.selected.contains(&node)}
                    open={has_children.then_some(is_open)}
                    on_choice={self.on_choice.clone()} on_open={self.on_open.clone()} />
                if has_children && is_open {
                    <ul class="av-tree__children">{ self.rows(&region.children) }</ul>
                }
            </li>
        }
    }
}

#[derive(Properties, PartialEq)]
struct RegionRowProps {
    choice: RowChoice,
    name: AttrValue,
    count: u32,
    checked: bool,
    /// `None` for a leaf; otherwise whether its children are shown.
    open: Option<bool>,
    on_choice: Callback<RowChoice>,
    on_open: Callback<usize>,
}

/// One row: the disclosure button (for a branch), the checkbox, the name and the count.
#[component]
fn RegionRow(props: &RegionRowProps) -> Html {
    let ui = use_ui();
    let choice = props.choice;
    let onchange = props.on_choice.reform(move |_: Event| choice);
    let disclosure = match (props.open, choice) {
        (Some(is_open), Some(node)) => html! {
            <button type="button" class="av-disclosure" aria-expanded={is_open.to_string()}
                aria-label={ui.f("regions-in", &[("region", &props.name)])} onclick={props.on_open.reform(move |_: MouseEvent| node)}>
                <span aria-hidden="true">{ disclosure_arrow(&ui, is_open) }</span>
            </button>
        },
        _ => html! { <span class="av-disclosure av-disclosure--leaf" aria-hidden="true"></span> },
    };
    html! {
        <div class="av-tree__row">
            { disclosure }
            <label class="av-check">
                <input type="checkbox" checked={props.checked} {onchange} />
                <span>{ props.name.clone() }</span>
                <span class="av-count">{ ui.number(props.count.into()) }</span>
            </label>
        </div>
    }
}
