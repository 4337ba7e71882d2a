//! Sorting a slice of work at a time ([`SlicedSort`]: runs sorted one after another, then
//! merged pairwise, so a million items never make one long task), and sibling regions in name
//! order (byte order, as `str` compares), in one go for a short list ([`sort_by_name`]) or in
//! slices for a long one ([`NameSort`]), and the articles' newest-first keys and order.
//! The first eight bytes of each name, read as one big-endian number, settle most comparisons
//! without touching the strings.

use super::{to_u32, RegionNode};
use crate::model::Article;
use std::cmp::Ordering;
use std::rc::Rc;

/// Names sorted per run before merging; a list this short is sorted in one go.
pub const RUN: usize = 8_192;

/// A name's sort key: its first eight bytes, then its node (whose name breaks ties).
type Keyed = (u64, u32);

fn keyed(nodes: &[RegionNode], list: &[usize]) -> Vec<Keyed> {
    let prefix = |name: &str| {
        let mut bytes = [0_u8; 8];
        for (slot, byte) in bytes.iter_mut().zip(name.bytes()) {
            *slot = byte;
        }
        u64::from_be_bytes(bytes)
    };
    list.iter()
        .map(|&n| (prefix(nodes[n].name()), to_u32(n)))
        .collect()
}

fn compare(nodes: &[RegionNode], a: &Keyed, b: &Keyed) -> Ordering {
    a.0.cmp(&b.0)
        .then_with(|| nodes[a.1 as usize].name().cmp(nodes[b.1 as usize].name()))
}

/// Sorts sibling nodes by name in one go.
pub fn sort_by_name(nodes: &[RegionNode], list: &mut Vec<usize>) {
    if list.len() < 64 {
        list.sort_unstable_by(|&a, &b| nodes[a].name().cmp(nodes[b].name()));
        return;
    }
    let mut keys = keyed(nodes, list);
    keys.sort_unstable_by(|a, b| compare(nodes, a, b));
    list.clear();
    list.extend(keys.into_iter().map(|(_, node)| node as usize));
}

/// A long list of siblings being sorted by name a slice at a time.
pub struct NameSort(SlicedSort<Keyed>);

impl NameSort {
    #[must_use]
    pub fn new(nodes: &[RegionNode], list: &[usize]) -> Self {
        Self(SlicedSort::new(keyed(nodes, list)))
    }

    /// Sorts or merges for about `budget` names' worth of work; `true` once in order.
    pub fn step(&mut self, nodes: &[RegionNode], budget: usize) -> bool {
        self.0.step(budget, |a, b| compare(nodes, a, b))
    }

    /// The nodes in name order (the rest of the work is done now if any is left).
    #[must_use]
    pub fn finish(self, nodes: &[RegionNode]) -> Vec<usize> {
        self.0
            .finish(|a, b| compare(nodes, a, b))
            .into_iter()
            .map(|(_, node)| node as usize)
            .collect()
    }
}

/// Any list sorted a slice of work at a time: runs of [`RUN`] sorted one per step, then merged
/// pairwise, a pass at a time. The order is the one `sort_unstable_by` gives when no two items
/// compare equal.
pub struct SlicedSort<T> {
    keys: Vec<T>,
    spare: Vec<T>,
    /// 0 while runs are being sorted; then the length of the sorted runs being merged.
    width: usize,
    /// Where the current pass has got to.
    at: usize,
    /// Within the pair of runs being merged from `at`, the next item of each run (a merge of
    /// two long runs goes on over several steps).
    merging: Option<(usize, usize)>,
}

impl<T: Copy> SlicedSort<T> {
    #[must_use]
    pub fn new(keys: Vec<T>) -> Self {
        Self {
            spare: Vec::new(),
            keys,
            width: 0,
            at: 0,
            merging: None,
        }
    }

    /// Sorts or merges for about `budget` items' worth of work (at least one run, or one item
    /// merged); `true` once the list is in order.
    pub fn step(&mut self, budget: usize, compare: impl Fn(&T, &T) -> Ordering) -> bool {
        let len = self.keys.len();
        let mut spent = 0;
        while spent < budget && !self.is_sorted() {
            if self.width == 0 {
                let end = (self.at + RUN).min(len);
                self.keys[self.at..end].sort_unstable_by(&compare);
                spent += 2 * (end - self.at);
                self.at = end;
                if self.at == len {
                    (self.width, self.at) = (RUN, 0);
                    self.spare = self.keys.clone();
                }
                continue;
            }
            let middle = (self.at + self.width).min(len);
            let end = (self.at + 2 * self.width).min(len);
            let cursor = self.merging.get_or_insert((self.at, middle));
            let room = budget.saturating_sub(spent).max(1);
            spent += merge(
                &self.keys,
                cursor,
                (middle, end),
                &mut self.spare,
                room,
                &compare,
            );
            if *cursor != (middle, end) {
                continue;
            }
            self.merging = None;
            self.at = end;
            if self.at == len {
                std::mem::swap(&mut self.keys, &mut self.spare);
                (self.width, self.at) = (self.width * 2, 0);
            }
        }
        self.is_sorted()
    }

    fn is_sorted(&self) -> bool {
        self.width >= self.keys.len() && (self.width > 0 || self.keys.len() <= 1)
    }

    /// The items in order (the rest of the work is done now if any is left).
    #[must_use]
    pub fn finish(mut self, compare: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
        while !self.step(usize::MAX, &compare) {}
        self.keys
    }
}

/// Merges up to `limit` more items of the sorted runs `keys[..middle]` and `keys[middle..end]`
/// into `out`, from `cursor` (the next item of each run, moved on); returns how many.
fn merge<T: Copy>(
    keys: &[T],
    cursor: &mut (usize, usize),
    (middle, end): (usize, usize),
    out: &mut [T],
    limit: usize,
    compare: impl Fn(&T, &T) -> Ordering,
) -> usize {
    let (mut left, mut right) = *cursor;
    // Items already merged: those taken from both runs.
    let start = left + right - middle;
    let stop = start.saturating_add(limit).min(end);
    for slot in &mut out[start..stop] {
        let take_left = right == end
            || (left < middle && compare(&keys[left], &keys[right]) != Ordering::Greater);
        if take_left {
            *slot = keys[left];
            left += 1;
        } else {
            *slot = keys[right];
            right += 1;
        }
    }
    *cursor = (left, right);
    stop - start
}

/// Article positions, newest first (by calendar day, then instant, then id), then the undated
/// ones by id: their sort keys, side by side (day, instant, position), so comparing two needs no
/// lookups; an undated article sorts after every dated one.
pub fn newest_first_keys(articles: &[Rc<Article>]) -> impl Iterator<Item = ArticleKey> + '_ {
    articles.iter().enumerate().map(|(position, a)| {
        let (day, instant) = a.published.map_or((i64::MIN, i64::MIN), |p| {
            (p.date.days_since_epoch(), p.epoch_seconds())
        });
        (day, instant, to_u32(position))
    })
}

/// An article's place in newest-first order: day, instant, position in the file.
pub type ArticleKey = (i64, i64, u32);

/// Newest first; ids are unique, so no two articles tie and an unstable sort is exact.
pub fn newer_first(articles: &[Rc<Article>], a: &ArticleKey, b: &ArticleKey) -> std::cmp::Ordering {
    (b.0, b.1)
        .cmp(&(a.0, a.1))
        .then_with(|| articles[a.2 as usize].id.cmp(&articles[b.2 as usize].id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RegionPath;

    fn nodes(names: &[String]) -> Vec<RegionNode> {
        names
            .iter()
            .map(|name| RegionNode {
                path: RegionPath::parse(name).unwrap_or_else(|e| panic!("{name}: {e}")),
                parent: None,
                children: Vec::new(),
                total: 0,
            })
            .collect()
    }

    #[test]
    fn any_sliced_sort_gives_the_order_of_a_plain_sort() {
        let mut seed = 11_u64;
        for len in [0, 1, RUN, RUN + 1, 4 * RUN + 3] {
            let keys: Vec<(u64, u32)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (seed >> 54, u32::try_from(i).unwrap_or(u32::MAX))
                })
                .collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            let mut sliced = SlicedSort::new(keys);
            while !sliced.step(777, Ord::cmp) {}
            assert_eq!(sliced.finish(Ord::cmp), expected, "{len} keys");
        }
    }

    #[test]
    fn a_sliced_sort_gives_the_order_of_a_plain_sort_for_every_length_around_the_run() {
        let mut seed = 7_u64;
        for len in [
            0,
            1,
            2,
            63,
            64,
            RUN - 1,
            RUN,
            RUN + 1,
            3 * RUN + 17,
            5 * RUN,
        ] {
            let names: Vec<String> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    // Many share their first eight bytes, so ties reach the strings.
                    format!("Region {:04} {}", (seed >> 40) % 300, seed >> 50)
                })
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .rev()
                .collect();
            let nodes = nodes(&names);
            let list: Vec<usize> = (0..nodes.len()).collect();
            let mut expected = list.clone();
            expected.sort_by(|&a, &b| nodes[a].name().cmp(nodes[b].name()));
            let mut sliced = NameSort::new(&nodes, &list);
            let mut steps = 0;
            while !sliced.step(&nodes, 1_000) {
                steps += 1;
            }
            assert_eq!(sliced.finish(&nodes), expected, "{len} names");
            assert!(
                steps <= 2 + len * 40 / 1_000,
                "{len} names took {steps} steps"
            );
            let mut whole = list.clone();
            sort_by_name(&nodes, &mut whole);
            assert_eq!(whole, expected, "{len} names in one go");
        }
    }
}
