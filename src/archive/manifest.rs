//! [`Manifest`]: an archive's manifest and its reader, which checks every field and that the
//! tables agree with each other (a manifest whose counts do not add up is refused, located).

use super::{join, ArchiveError, Doc, ARCHIVE_FORMAT};
use crate::date::CivilDate;
use crate::filter::YearMonth;
use crate::format::json::Json;
use crate::model::RegionPath;

/// A region node: its path, its parent (an earlier entry), its total and its rank set's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionEntry {
    pub path: RegionPath,
    pub parent: Option<usize>,
    pub set: SetEntry,
}

/// A rank set: how many ranks it holds, and its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetEntry {
    pub total: u32,
    pub file: String,
}

/// One month: its count, the count of each region node in it (`(node, count)`, nodes with
/// none left out) and of the articles with no region, and the files of its cards and days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthEntry {
    pub month: YearMonth,
    pub count: u32,
    pub regions: Vec<(usize, u32)>,
    pub unspecified: u32,
    /// The cards' file names without the shard number: shard `k` is `{cards}-{k}.json`.
    pub cards: String,
    pub days: String,
    /// The file of each article's region nodes, in rank order (with a search index only:
    /// a region's count within a search's matches needs them).
    pub places: Option<String>,
}

/// What the first view of an archive needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    pub title: Option<String>,
    pub language: Option<String>,
    pub count: u32,
    /// Cards per shard file.
    pub shard_size: u32,
    /// How many `archive/ids/<bucket>.json` files map ids to places.
    pub id_buckets: u32,
    /// Days since 1970-01-01 and how many articles fall on each, newest first.
    pub days: Vec<(i64, u32)>,
    pub regions: Vec<RegionEntry>,
    pub unspecified: SetEntry,
    /// Newest first.
    pub months: Vec<MonthEntry>,
    /// The file of the search index's term directory, when the archive has one.
    pub search: Option<String>,
    /// The file of the directory of pairs of adjacent words, for quoted phrases (without it
    /// a phrase matches as its words).
    pub phrases: Option<String>,
}

/// Reads a manifest (`file` names it in messages).
///
/// # Errors
/// The first field that is missing, malformed, or disagrees with the rest.
pub fn read_manifest(file: &str, text: &str) -> Result<Manifest, ArchiveError> {
    let doc = Doc { file };
    let root = doc.parse(text)?;
    if root.get("format").and_then(Json::as_str) != Some(ARCHIVE_FORMAT) {
        return Err(doc.error("format", format!("must be {ARCHIVE_FORMAT:?}")));
    }
    if doc.whole(doc.field(&root, "", "version")?, "version")? != 1 {
        return Err(doc.error("version", "must be 1 (this viewer reads version 1)"));
    }
    let optional = |name: &str| -> Result<Option<String>, ArchiveError> {
        match root.get(name) {
            None | Some(Json::Null) => Ok(None),
            Some(value) => Ok(Some(doc.string(value, name)?.to_owned())),
        }
    };
    let optional_file = |name: &str| -> Result<Option<String>, ArchiveError> {
        match root.get(name) {
            None | Some(Json::Null) => Ok(None),
            Some(value) => Ok(Some(doc.file_name(value, name)?)),
        }
    };
    let positive = |name: &str| -> Result<u32, ArchiveError> {
        let value = doc.count(doc.field(&root, "", name)?, name)?;
        if value == 0 {
            return Err(doc.error(name, "must be at least 1"));
        }
        Ok(value)
    };
    let manifest = Manifest {
        title: optional("title")?,
        language: optional("language")?,
        count: doc.count(doc.field(&root, "", "count")?, "count")?,
        shard_size: positive("shard_size")?,
        id_buckets: positive("id_buckets")?,
        days: read_days(&doc, doc.field(&root, "", "days")?)?,
        regions: read_regions(&doc, doc.field(&root, "", "regions")?)?,
        unspecified: read_set_entry(&doc, doc.field(&root, "", "unspecified")?, "unspecified")?,
        months: Vec::new(),
        search: optional_file("search")?,
        phrases: optional_file("phrases")?,
    };
    let months = read_months(&doc, doc.field(&root, "", "months")?, &manifest)?;
    let manifest = Manifest { months, ..manifest };
    check_totals(&doc, &manifest)?;
    // A search's region counts need every month's places.
    if manifest.search.is_some() {
        if let Some(i) = manifest.months.iter().position(|m| m.places.is_none()) {
            return Err(doc.error(
                &format!("months[{i}].places"),
                "is missing (the manifest names a search index, whose counts need it)",
            ));
        }
    }
    Ok(manifest)
}

fn read_days(doc: &Doc<'_>, value: &Json<'_>) -> Result<Vec<(i64, u32)>, ArchiveError> {
    let mut days: Vec<(i64, u32)> = Vec::new();
    for (i, pair) in doc.array(value, "days")?.iter().enumerate() {
        let place = format!("days[{i}]");
        let [day, count] = doc.array(pair, &place)? else {
            return Err(doc.error(&place, "must be [day, count]"));
        };
        let day = doc.whole(day, &format!("{place}[0]"))?;
        let count = doc.count(count, &format!("{place}[1]"))?;
        if days.last().is_some_and(|&(last, _)| last <= day) || count == 0 {
            return Err(doc.error(
                &place,
                "days must be newest first, each once, with articles",
            ));
        }
        days.push((day, count));
    }
    Ok(days)
}

fn read_set_entry(doc: &Doc<'_>, value: &Json<'_>, place: &str) -> Result<SetEntry, ArchiveError> {
    Ok(SetEntry {
        total: doc.count(doc.field(value, place, "total")?, &join(place, "total"))?,
        file: doc.file_name(doc.field(value, place, "set")?, &join(place, "set"))?,
    })
}

fn read_regions(doc: &Doc<'_>, value: &Json<'_>) -> Result<Vec<RegionEntry>, ArchiveError> {
    let mut regions: Vec<RegionEntry> = Vec::new();
    for (i, entry) in doc.array(value, "regions")?.iter().enumerate() {
        let place = format!("regions[{i}]");
        let text = doc.string(doc.field(entry, &place, "path")?, &join(&place, "path"))?;
        let path = RegionPath::parse(text).map_err(|e| doc.error(&join(&place, "path"), e))?;
        let parent = match doc.field(entry, &place, "parent")? {
            Json::Null => None,
            value => Some(doc.count(value, &join(&place, "parent"))? as usize),
        };
        let expected =
            (path.segments().len() > 1).then(|| path.truncated(path.segments().len() - 1));
        let actual = parent.map(|p| regions.get(p).filter(|_| p < i).map(|r| &r.path));
        let fits = match (expected, actual) {
            (None, None) => true,
            (Some(expected), Some(Some(actual))) => &expected == actual,
            _ => false,
        };
        if !fits {
            return Err(doc.error(
                &join(&place, "parent"),
                "must be the entry before it whose path is this path's parent (null for a top-level region)",
            ));
        }
        let set = read_set_entry(doc, entry, &place)?;
        regions.push(RegionEntry { path, parent, set });
    }
    Ok(regions)
}

fn read_months(
    doc: &Doc<'_>,
    value: &Json<'_>,
    manifest: &Manifest,
) -> Result<Vec<MonthEntry>, ArchiveError> {
    let mut months: Vec<MonthEntry> = Vec::new();
    for (i, entry) in doc.array(value, "months")?.iter().enumerate() {
        let place = format!("months[{i}]");
        let field = |name: &str| doc.field(entry, &place, name);
        let at = |name: &str| join(&place, name);
        let text = doc.string(field("month")?, &at("month"))?;
        let month = CivilDate::parse(&format!("{text}-01"))
            .map(YearMonth::of)
            .map_err(|_| doc.error(&at("month"), format!("{text:?} must be a month, YYYY-MM")))?;
        if months.last().is_some_and(|last| last.month <= month) {
            return Err(doc.error(&at("month"), "months must be newest first, each once"));
        }
        let mut regions = Vec::new();
        for (j, pair) in doc
            .array(field("regions")?, &at("regions"))?
            .iter()
            .enumerate()
        {
            let place = format!("{place}.regions[{j}]");
            let [node, count] = doc.array(pair, &place)? else {
                return Err(doc.error(&place, "must be [node, count]"));
            };
            let node = doc.count(node, &format!("{place}[0]"))? as usize;
            if node >= manifest.regions.len() || regions.last().is_some_and(|&(n, _)| n >= node) {
                return Err(doc.error(&place, "must name a region entry, in ascending order"));
            }
            regions.push((node, doc.count(count, &format!("{place}[1]"))?));
        }
        months.push(MonthEntry {
            month,
            count: doc.count(field("count")?, &at("count"))?,
            regions,
            unspecified: doc.count(field("unspecified")?, &at("unspecified"))?,
            cards: doc.file_name(field("cards")?, &at("cards"))?,
            days: doc.file_name(field("days")?, &at("days"))?,
            places: match entry.get("places") {
                None | Some(Json::Null) => None,
                Some(value) => Some(doc.file_name(value, &at("places"))?),
            },
        });
    }
    Ok(months)
}

/// The days, the months and the regions must count the same articles.
fn check_totals(doc: &Doc<'_>, manifest: &Manifest) -> Result<(), ArchiveError> {
    let sum = |counts: &mut dyn Iterator<Item = u32>| counts.map(u64::from).sum::<u64>();
    let count = u64::from(manifest.count);
    if sum(&mut manifest.days.iter().map(|d| d.1)) != count {
        return Err(doc.error("days", "the days' counts do not add up to count"));
    }
    let mut days = manifest.days.iter().peekable();
    for (i, month) in manifest.months.iter().enumerate() {
        let mut in_month = 0_u64;
        while let Some(&&(day, n)) = days.peek() {
            if YearMonth::of(CivilDate::from_days_since_epoch(day)) != month.month {
                break;
            }
            in_month += u64::from(n);
            days.next();
        }
        if in_month != u64::from(month.count) {
            return Err(doc.error(
                &format!("months[{i}].count"),
                "does not match the days of that month",
            ));
        }
    }
    if days.next().is_some() {
        return Err(doc.error("months", "a day falls in no month of the list"));
    }
    for (n, region) in manifest.regions.iter().enumerate() {
        let in_months = manifest.months.iter().map(|m| {
            m.regions
                .binary_search_by_key(&n, |&(node, _)| node)
                .map_or(0, |at| m.regions[at].1)
        });
        if sum(&mut in_months.into_iter()) != u64::from(region.set.total) {
            return Err(doc.error(
                &format!("regions[{n}].total"),
                "does not match the months' counts of that region",
            ));
        }
    }
    if sum(&mut manifest.months.iter().map(|m| m.unspecified))
        != u64::from(manifest.unspecified.total)
    {
        return Err(doc.error(
            "unspecified.total",
            "does not match the months' counts of articles with no region",
        ));
    }
    Ok(())
}
