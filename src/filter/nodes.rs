//! [`NodeTable`]: finds a region node by its parent and its name, without building the path's
//! text or keeping a copy of it. A table of 64-bit hashes of (parent, name) pointing at nodes,
//! each hit checked against the node itself, with the rare second node of a hash kept aside:
//! a million regions cost one short hash each and no string allocation, where a map keyed by
//! the path's text hashed every prefix in full and stored each one again.

use super::RegionNode;
use crate::model::RegionPath;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

/// The nodes of a region tree by (parent, name).
#[derive(Debug, Default)]
pub struct NodeTable {
    keys: RandomState,
    first: HashMap<u64, u32, BuildHasherDefault<AlreadyHashed>>,
    /// Further nodes whose hash is already taken (almost never any).
    others: HashMap<u64, Vec<u32>>,
}

impl NodeTable {
    fn hash(&self, parent: Option<usize>, name: &str) -> u64 {
        let mut hasher = self.keys.build_hasher();
        parent.hash(&mut hasher);
        name.hash(&mut hasher);
        hasher.finish()
    }

    /// The child of `parent` (or the root, for `None`) called `name`.
    #[must_use]
    pub fn get(&self, nodes: &[RegionNode], parent: Option<usize>, name: &str) -> Option<usize> {
        let hash = self.hash(parent, name);
        let is_it = |node: &u32| {
            let region = &nodes[*node as usize];
            region.parent == parent && region.name() == name
        };
        let first = self.first.get(&hash)?;
        if is_it(first) {
            return Some(*first as usize);
        }
        self.others
            .get(&hash)?
            .iter()
            .find(|node| is_it(node))
            .map(|node| *node as usize)
    }

    /// Records `node` (already in `nodes`), which [`Self::get`] did not find.
    pub fn insert(&mut self, nodes: &[RegionNode], node: usize) {
        let region = &nodes[node];
        let hash = self.hash(region.parent, region.name());
        let node = super::to_u32(node);
        if let Some(&taken) = self.first.get(&hash) {
            if taken != node {
                self.others.entry(hash).or_default().push(node);
            }
        } else {
            self.first.insert(hash, node);
        }
    }

    /// The node of a whole path, one name at a time from the top.
    #[must_use]
    pub fn find(&self, nodes: &[RegionNode], path: &RegionPath) -> Option<usize> {
        let mut parent = None;
        for name in path.segments() {
            parent = Some(self.get(nodes, parent, name)?);
        }
        parent
    }
}

/// The table's keys are hashes already: they are used as they are.
#[derive(Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) | u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}
