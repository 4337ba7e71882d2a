//! Sibling regions in name order (byte order, as `str` compares), in one go for a short list
//! ([`sort_by_name`]) or a slice of work at a time for a long one ([`NameSort`]: runs sorted
//! one after another, then merged pairwise, so a million siblings never make one long task).
//! The first eight bytes of each name, read as one big-endian number, settle most comparisons
//! without touching the strings.

use super::{to_u32, RegionNode};
use std::cmp::Ordering;

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
pub struct NameSort {
    keys: Vec<Keyed>,
    spare: Vec<Keyed>,
    /// 0 while runs are being sorted; then the length of the sorted runs being merged.
    width: usize,
    /// Where the current pass has got to.
    at: usize,
}

impl NameSort {
    #[must_use]
    pub fn new(nodes: &[RegionNode], list: &[usize]) -> Self {
        let keys = keyed(nodes, list);
        Self {
            spare: Vec::new(),
            keys,
            width: 0,
            at: 0,
        }
    }

    /// Sorts or merges for about `budget` names' worth of work (at least one run or one
    /// pair of runs); `true` once the list is in order.
    pub fn step(&mut self, nodes: &[RegionNode], budget: usize) -> bool {
        let len = self.keys.len();
        let mut spent = 0;
        while spent < budget && !self.is_sorted() {
            if self.width == 0 {
                let end = (self.at + RUN).min(len);
                self.keys[self.at..end].sort_unstable_by(|a, b| compare(nodes, a, b));
                spent += 2 * (end - self.at);
                self.at = end;
                if self.at == len {
                    (self.width, self.at) = (RUN, 0);
                    self.spare = vec![(0, 0); len];
                }
                continue;
            }
            let middle = (self.at + self.width).min(len);
            let end = (self.at + 2 * self.width).min(len);
            merge(nodes, &self.keys, self.at, middle, end, &mut self.spare);
            spent += end - self.at;
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

    /// The nodes in name order (the rest of the work is done now if any is left).
    #[must_use]
    pub fn finish(mut self, nodes: &[RegionNode]) -> Vec<usize> {
        while !self.step(nodes, usize::MAX) {}
        self.keys
            .into_iter()
            .map(|(_, node)| node as usize)
            .collect()
    }
}

/// Merges the sorted `keys[start..middle]` and `keys[middle..end]` into `out[start..end]`.
fn merge(
    nodes: &[RegionNode],
    keys: &[Keyed],
    start: usize,
    middle: usize,
    end: usize,
    out: &mut [Keyed],
) {
    let (mut left, mut right) = (start, middle);
    for slot in &mut out[start..end] {
        let take_left = right == end
            || (left < middle && compare(nodes, &keys[left], &keys[right]) != Ordering::Greater);
        if take_left {
            *slot = keys[left];
            left += 1;
        } else {
            *slot = keys[right];
            right += 1;
        }
    }
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
