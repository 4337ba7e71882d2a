//! Sets of article ranks (an article's place in newest-first order), the structure every filter
//! answer is computed from.
//!
//! [`Bitmap`] keeps one bit per rank and, per 64-bit word, how many members come before it, so
//! "how many members between two ranks" is two lookups and two popcounts and "the k-th member"
//! is a binary search. [`RankSet`] is a region's members: a bitmap when the region is common, a
//! sorted list when it is rare, so memory stays within four bytes per membership whatever the
//! shape of the collection (a million articles in ten regions, or ten articles in a million).
//! Hand-written rather than a roaring-bitmap crate: the few operations needed fit in this file,
//! and the prefix counts are what make counting O(1).

pub const WORD_BITS: usize = 64;

/// A set of ranks below a fixed bound, with running counts per word.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Bitmap {
    words: Vec<u64>,
    /// `before[w]` is the number of members in `words[..w]` (one more entry than `words`).
    before: Vec<u32>,
}

impl Bitmap {
    /// The ranks in `sorted` (ascending, each below `bound`).
    #[must_use]
    pub fn from_sorted(sorted: &[u32], bound: usize) -> Self {
        let mut words = vec![0_u64; bound.div_ceil(WORD_BITS)];
        for &rank in sorted {
            set(&mut words, rank as usize);
        }
        Self::from_words(words)
    }

    /// Every rank below `bound` that is in at least one of `sets`.
    #[must_use]
    pub fn union_of<'a>(sets: impl Iterator<Item = &'a RankSet>, bound: usize) -> Self {
        let mut words = vec![0_u64; bound.div_ceil(WORD_BITS)];
        for set in sets {
            set.add_to(&mut words);
        }
        Self::from_words(words)
    }

    /// The ranks in both (of the same bound).
    #[must_use]
    pub fn and(&self, other: &Bitmap) -> Self {
        let words = self
            .words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| a & b)
            .collect();
        Self::from_words(words)
    }

    fn from_words(words: Vec<u64>) -> Self {
        let mut before = Vec::with_capacity(words.len() + 1);
        let mut running = 0_u32;
        before.push(0);
        for word in &words {
            running += word.count_ones();
            before.push(running);
        }
        Self { words, before }
    }

    /// How many members there are.
    #[must_use]
    pub fn len(&self) -> u32 {
        self.before.last().copied().unwrap_or(0)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[must_use]
    pub fn contains(&self, rank: usize) -> bool {
        self.words
            .get(rank / WORD_BITS)
            .is_some_and(|word| word >> (rank % WORD_BITS) & 1 == 1)
    }

    /// How many members are below `rank`.
    #[must_use]
    pub fn count_below(&self, rank: usize) -> u32 {
        let (word, bit) = (rank / WORD_BITS, rank % WORD_BITS);
        let Some(&before) = self.before.get(word) else {
            return self.len();
        };
        let partial = match self.words.get(word) {
            Some(&bits) if bit > 0 => (bits & ((1_u64 << bit) - 1)).count_ones(),
            _ => 0,
        };
        before + partial
    }

    /// How many members are in `lo..hi`.
    #[must_use]
    pub fn count_in(&self, lo: usize, hi: usize) -> u32 {
        if hi <= lo {
            return 0;
        }
        self.count_below(hi) - self.count_below(lo)
    }

    /// The member with `k` members below it.
    #[must_use]
    pub fn select(&self, k: u32) -> Option<usize> {
        if k >= self.len() {
            return None;
        }
        let word = self.before.partition_point(|&b| b <= k) - 1;
        let mut bits = self.words[word];
        for _ in 0..k - self.before[word] {
            bits &= bits - 1;
        }
        Some(word * WORD_BITS + bits.trailing_zeros() as usize)
    }

    /// The first member at or after `from` and below `hi`.
    #[must_use]
    pub fn next_from(&self, from: usize, hi: usize) -> Option<usize> {
        let mut word = from / WORD_BITS;
        let mut bits = *self.words.get(word)? & (u64::MAX << (from % WORD_BITS));
        loop {
            if bits != 0 {
                let rank = word * WORD_BITS + bits.trailing_zeros() as usize;
                return (rank < hi).then_some(rank);
            }
            word += 1;
            if word * WORD_BITS >= hi {
                return None;
            }
            bits = *self.words.get(word)?;
        }
    }

    /// The last member below `end` and at or after `lo`.
    #[must_use]
    pub fn prev_before(&self, end: usize, lo: usize) -> Option<usize> {
        let end = end.min(self.words.len() * WORD_BITS);
        if end <= lo {
            return None;
        }
        let last = end - 1;
        let mut word = last / WORD_BITS;
        let mut bits = *self.words.get(word)? & (u64::MAX >> (WORD_BITS - 1 - last % WORD_BITS));
        loop {
            if bits != 0 {
                let rank = word * WORD_BITS + (WORD_BITS - 1 - bits.leading_zeros() as usize);
                return (rank >= lo).then_some(rank);
            }
            if word == 0 || word * WORD_BITS <= lo {
                return None;
            }
            word -= 1;
            bits = self.words[word];
        }
    }
}

fn set(words: &mut [u64], rank: usize) {
    if let Some(word) = words.get_mut(rank / WORD_BITS) {
        *word |= 1 << (rank % WORD_BITS);
    }
}

/// The members of one region (or of "no region"), stored the cheaper way for their number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RankSet {
    Dense(Bitmap),
    Sparse(Vec<u32>),
}

impl RankSet {
    /// Whether it is stored as a bitmap.
    #[must_use]
    pub fn is_dense(&self) -> bool {
        matches!(self, Self::Dense(_))
    }

    /// `sorted` ranks (ascending) out of `bound`. A bitmap costs 12 bytes per 64 ranks of the
    /// collection, a list 4 bytes per member: the bitmap is chosen once it is the smaller.
    #[must_use]
    pub fn new(sorted: Vec<u32>, bound: usize) -> Self {
        if sorted.len() * WORD_BITS > bound * 3 {
            Self::Dense(Bitmap::from_sorted(&sorted, bound))
        } else {
            Self::Sparse(sorted)
        }
    }

    /// The members, ascending.
    #[must_use]
    pub fn ranks(&self) -> Vec<u32> {
        match self {
            Self::Dense(bitmap) => {
                let bound = bitmap.words.len() * WORD_BITS;
                let mut out = Vec::with_capacity(bitmap.len() as usize);
                let mut at = bitmap.next_from(0, bound);
                while let Some(rank) = at {
                    out.push(u32::try_from(rank).unwrap_or(u32::MAX));
                    at = bitmap.next_from(rank + 1, bound);
                }
                out
            }
            Self::Sparse(list) => list.clone(),
        }
    }

    /// How many members are in `lo..hi`.
    #[must_use]
    pub fn count_in(&self, lo: usize, hi: usize) -> u32 {
        match self {
            Self::Dense(bitmap) => bitmap.count_in(lo, hi),
            Self::Sparse(list) => {
                let below = |rank: usize| list.partition_point(|&r| (r as usize) < rank);
                u32::try_from(below(hi).saturating_sub(below(lo))).unwrap_or(u32::MAX)
            }
        }
    }

    /// How many members in `lo..hi` are also in `other`.
    #[must_use]
    pub fn count_in_and(&self, other: &Bitmap, lo: usize, hi: usize) -> u32 {
        if hi <= lo {
            return 0;
        }
        match self {
            Self::Dense(bitmap) => {
                let mut count = 0;
                let (first, last) = (lo / WORD_BITS, (hi - 1) / WORD_BITS);
                for w in first..=last {
                    let (Some(&mine), Some(&theirs)) = (bitmap.words.get(w), other.words.get(w))
                    else {
                        break;
                    };
                    let mut bits = mine & theirs;
                    if w == first {
                        bits &= u64::MAX << (lo % WORD_BITS);
                    }
                    if w == last && !hi.is_multiple_of(WORD_BITS) {
                        bits &= (1_u64 << (hi % WORD_BITS)) - 1;
                    }
                    count += bits.count_ones();
                }
                count
            }
            Self::Sparse(list) => {
                let start = list.partition_point(|&r| (r as usize) < lo);
                let in_range = list[start..].iter().take_while(|&&r| (r as usize) < hi);
                let both = in_range.filter(|&&r| other.contains(r as usize)).count();
                u32::try_from(both).unwrap_or(u32::MAX)
            }
        }
    }

    fn add_to(&self, words: &mut [u64]) {
        match self {
            Self::Dense(bitmap) => {
                for (word, bits) in words.iter_mut().zip(&bitmap.words) {
                    *word |= bits;
                }
            }
            Self::Sparse(list) => {
                for &rank in list {
                    set(words, rank as usize);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic members: roughly one rank in `every`, over `bound` ranks.
    fn members(bound: usize, every: u64, seed: u64) -> Vec<u32> {
        let mut state = seed;
        (0..bound)
            .filter(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 33).is_multiple_of(every)
            })
            .map(|r| u32::try_from(r).unwrap_or(u32::MAX))
            .collect()
    }

    #[test]
    fn counts_selects_and_scans_agree_with_the_list_at_every_boundary() {
        for (bound, every) in [
            (0, 1),
            (1, 1),
            (63, 2),
            (64, 1),
            (65, 3),
            (200, 5),
            (1000, 40),
        ] {
            let list = members(bound, every, bound as u64 + 7);
            let bitmap = Bitmap::from_sorted(&list, bound);
            let sparse = RankSet::Sparse(list.clone());
            assert_eq!(bitmap.len() as usize, list.len());
            for lo in 0..=bound {
                for hi in [lo, lo + 1, lo + 63, lo + 64, lo + 65, bound] {
                    let want = list
                        .iter()
                        .filter(|&&r| (r as usize) >= lo && (r as usize) < hi)
                        .count();
                    assert_eq!(bitmap.count_in(lo, hi) as usize, want, "{bound} {lo}..{hi}");
                    assert_eq!(sparse.count_in(lo, hi) as usize, want);
                    let first = list
                        .iter()
                        .map(|&r| r as usize)
                        .find(|&r| r >= lo && r < hi);
                    assert_eq!(bitmap.next_from(lo, hi), first, "next {lo}..{hi}");
                    let last = list
                        .iter()
                        .rev()
                        .map(|&r| r as usize)
                        .find(|&r| r >= lo && r < hi);
                    assert_eq!(bitmap.prev_before(hi, lo), last, "prev {lo}..{hi}");
                }
            }
            for (k, &rank) in list.iter().enumerate() {
                assert_eq!(
                    bitmap.select(u32::try_from(k).unwrap_or(0)),
                    Some(rank as usize)
                );
                assert!(bitmap.contains(rank as usize));
            }
            assert_eq!(bitmap.select(bitmap.len()), None);
        }
    }

    #[test]
    fn intersections_and_their_counts_agree_with_the_lists() {
        for bound in [0, 1, 64, 65, 700] {
            let (a, b) = (members(bound, 3, 5), members(bound, 2, 9));
            let other = Bitmap::from_sorted(&b, bound);
            let both = Bitmap::from_sorted(&a, bound).and(&other);
            for set in [
                RankSet::Dense(Bitmap::from_sorted(&a, bound)),
                RankSet::Sparse(a.clone()),
            ] {
                for lo in (0..=bound).step_by(7) {
                    for hi in [lo, lo + 1, lo + 64, lo + 130, bound] {
                        let want = a
                            .iter()
                            .filter(|&&r| (lo..hi).contains(&(r as usize)) && b.contains(&r))
                            .count();
                        assert_eq!(
                            set.count_in_and(&other, lo, hi) as usize,
                            want,
                            "{lo}..{hi}"
                        );
                        assert_eq!(both.count_in(lo, hi.min(bound)) as usize, want);
                    }
                }
            }
        }
    }

    #[test]
    fn a_union_holds_the_members_of_each_set_once() {
        let bound = 700;
        let (a, b) = (members(bound, 3, 1), members(bound, 90, 2));
        let sets = [
            RankSet::new(a.clone(), bound),
            RankSet::new(b.clone(), bound),
        ];
        assert!(matches!(sets[0], RankSet::Dense(_)) && matches!(sets[1], RankSet::Sparse(_)));
        let union = Bitmap::union_of(sets.iter(), bound);
        let mut want: Vec<u32> = a.into_iter().chain(b).collect();
        want.sort_unstable();
        want.dedup();
        assert_eq!(union.len() as usize, want.len());
        assert!(want.iter().all(|&r| union.contains(r as usize)));
    }
}
