//! The parts of an archive fetched when a view needs them: a region's rank set
//! ([`read_set`]: `{"gaps":[first, gap, …]}` over newest-first ranks) and a month's day table
//! ([`read_day_table`]: `{"month":"YYYY-MM","days":[[day, [[node, count], …], unspecified], …]}`,
//! newest first). Each is checked against what the manifest says of it, so a file from another
//! publish run is reported rather than mixed in.

use super::{ArchiveError, Doc, MonthEntry, SetEntry};
use crate::date::CivilDate;
use crate::filter::ranks::RankSet;
use crate::filter::YearMonth;
use crate::format::json::Json;

/// Reads a rank set file: `entry` is what the manifest says of it, `bound` the archive's count.
///
/// # Errors
/// A malformed file, or one that does not hold `entry.total` ranks below `bound`.
pub fn read_set(
    file: &str,
    text: &str,
    entry: &SetEntry,
    bound: usize,
) -> Result<RankSet, ArchiveError> {
    let doc = Doc { file };
    let root = doc.parse(text)?;
    let gaps = doc.array(doc.field(&root, "", "gaps")?, "gaps")?;
    let ranks = doc.ranks_from_gaps(gaps, |i| format!("gaps[{i}]"), bound)?;
    if ranks.len() != entry.total as usize {
        return Err(doc.error(
            "gaps",
            format!(
                "holds {} articles where the manifest says {}: the file is from another publish run",
                ranks.len(),
                entry.total
            ),
        ));
    }
    Ok(RankSet::new(ranks, bound))
}

/// A month's file read as JSON, checked to be that month's (`"month":"YYYY-MM"`).
fn month_file<'t>(
    doc: &Doc<'_>,
    text: &'t str,
    month: &MonthEntry,
) -> Result<Json<'t>, ArchiveError> {
    let root = doc.parse(text)?;
    let stated = doc.string(doc.field(&root, "", "month")?, "month")?;
    let own = format!("{:04}-{:02}", month.month.year, month.month.month);
    if stated != own {
        return Err(doc.error(
            "month",
            format!("is {stated:?} where the manifest expects {own:?}"),
        ));
    }
    Ok(root)
}

/// One day of a day table: the day (days since 1970-01-01), its region counts as
/// `(node, count)`, and its articles with no region.
pub type DayRow = (i64, Vec<(usize, u32)>, u32);

/// One month's region counts, per day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayTable {
    /// Newest first.
    pub days: Vec<DayRow>,
}

impl DayTable {
    /// Adds the counts of the days from `from` to `to` (inclusive) to `regions` (per node) and
    /// to `unspecified`.
    pub fn add_between(&self, (from, to): (i64, i64), regions: &mut [u32], unspecified: &mut u32) {
        for (_, counts, none) in self.days.iter().filter(|d| (from..=to).contains(&d.0)) {
            for &(node, count) in counts {
                if let Some(slot) = regions.get_mut(node) {
                    *slot += count;
                }
            }
            *unspecified += none;
        }
    }
}

/// Reads a month's day table, checked against the manifest's entry for that month (`nodes`:
/// how many region entries the manifest has).
///
/// # Errors
/// A malformed file, or one whose days do not add up to the month's counts.
pub fn read_day_table(
    file: &str,
    text: &str,
    month: &MonthEntry,
    nodes: usize,
) -> Result<DayTable, ArchiveError> {
    let doc = Doc { file };
    let root = month_file(&doc, text, month)?;
    let mut days: Vec<DayRow> = Vec::new();
    let mut sums = vec![0_u64; nodes];
    let mut unspecified = 0_u64;
    for (i, entry) in doc
        .array(doc.field(&root, "", "days")?, "days")?
        .iter()
        .enumerate()
    {
        let place = format!("days[{i}]");
        let [day, counts, none] = doc.array(entry, &place)? else {
            return Err(doc.error(&place, "must be [day, [[node, count], …], unspecified]"));
        };
        let day = doc.whole(day, &format!("{place}[0]"))?;
        if YearMonth::of(CivilDate::from_days_since_epoch(day)) != month.month
            || days.last().is_some_and(|last| last.0 <= day)
        {
            return Err(doc.error(
                &place,
                "days must be of this month, newest first, each once",
            ));
        }
        let mut regions = Vec::new();
        for (j, pair) in doc
            .array(counts, &format!("{place}[1]"))?
            .iter()
            .enumerate()
        {
            let at = format!("{place}[1][{j}]");
            let [node, count] = doc.array(pair, &at)? else {
                return Err(doc.error(&at, "must be [node, count]"));
            };
            let node = doc.count(node, &format!("{at}[0]"))? as usize;
            let count = doc.count(count, &format!("{at}[1]"))?;
            let Some(sum) = sums.get_mut(node) else {
                return Err(doc.error(&at, "names no region of the manifest"));
            };
            *sum += u64::from(count);
            regions.push((node, count));
        }
        let none = doc.count(none, &format!("{place}[2]"))?;
        unspecified += u64::from(none);
        days.push((day, regions, none));
    }
    let mut expected = vec![0_u64; nodes];
    for &(node, count) in &month.regions {
        if let Some(slot) = expected.get_mut(node) {
            *slot = u64::from(count);
        }
    }
    if sums != expected || unspecified != u64::from(month.unspecified) {
        return Err(doc.error(
            "days",
            "do not add up to the manifest's counts for this month: the file is from another publish run",
        ));
    }
    Ok(DayTable { days })
}

/// Reads an id bucket: each id, its month (`YYYY-MM`) and its place in that month.
///
/// # Errors
/// A malformed file.
pub fn read_id_bucket(file: &str, text: &str) -> Result<Vec<(String, String, u32)>, ArchiveError> {
    let doc = Doc { file };
    let root = doc.parse(text)?;
    let entries = doc.array(doc.field(&root, "", "ids")?, "ids")?;
    let mut places = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let place = format!("ids[{i}]");
        let [id, month, offset] = doc.array(entry, &place)? else {
            return Err(doc.error(&place, "must be [id, month, offset]"));
        };
        places.push((
            doc.string(id, &format!("{place}[0]"))?.to_owned(),
            doc.string(month, &format!("{place}[1]"))?.to_owned(),
            doc.count(offset, &format!("{place}[2]"))?,
        ));
    }
    Ok(places)
}

/// Finds `id` in an id bucket: its month (`YYYY-MM`) and its place in that month.
///
/// # Errors
/// A malformed file.
pub fn find_in_id_bucket(
    file: &str,
    text: &str,
    id: &str,
) -> Result<Option<(String, u32)>, ArchiveError> {
    Ok(read_id_bucket(file, text)?
        .into_iter()
        .find(|(entry, _, _)| entry == id)
        .map(|(_, month, offset)| (month, offset)))
}

/// One month's articles' region nodes, in rank order (each article's own nodes, not their
/// ancestors; none for an article with no region).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Places {
    /// Where each article's nodes start in `nodes` (one more entry than articles).
    starts: Vec<u32>,
    nodes: Vec<u32>,
}

impl Places {
    /// The nodes of the month's article at `offset`.
    #[must_use]
    pub fn of(&self, offset: usize) -> &[u32] {
        match (self.starts.get(offset), self.starts.get(offset + 1)) {
            (Some(&lo), Some(&hi)) => &self.nodes[lo as usize..hi as usize],
            _ => &[],
        }
    }
}

/// Reads a month's places, `{"month":"YYYY-MM","nodes":[[node, …], …]}`, checked against the
/// manifest's entry for that month (`nodes`: how many region entries the manifest has).
///
/// # Errors
/// A malformed file, another month's, one whose article count differs from the manifest's, or
/// a node the manifest does not have.
pub fn read_places(
    file: &str,
    text: &str,
    month: &MonthEntry,
    nodes: usize,
) -> Result<Places, ArchiveError> {
    let doc = Doc { file };
    let root = month_file(&doc, text, month)?;
    let lists = doc.array(doc.field(&root, "", "nodes")?, "nodes")?;
    if lists.len() != month.count as usize {
        return Err(doc.error(
            "nodes",
            format!(
                "holds {} articles where the manifest says {}: the file is from another publish run",
                lists.len(),
                month.count
            ),
        ));
    }
    let mut places = Places {
        starts: Vec::with_capacity(lists.len() + 1),
        nodes: Vec::new(),
    };
    places.starts.push(0);
    for (i, list) in lists.iter().enumerate() {
        let place = || format!("nodes[{i}]");
        for node in doc.array(list, &place())? {
            let node = doc.count(node, &place())?;
            if node as usize >= nodes {
                return Err(doc.error(&place(), "must name region entries of the manifest"));
            }
            places.nodes.push(node);
        }
        places
            .starts
            .push(u32::try_from(places.nodes.len()).unwrap_or(u32::MAX));
    }
    Ok(places)
}
