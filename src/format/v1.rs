//! The rules of article format version 1 (`docs/format.md`): a JSON object → a validated
//! [`Article`], its image and its blocks; the `version` check; and [`CollectionBuilder`], which
//! keeps the first article of each id and records what was left out and why. Article bodies
//! (blocks and inline text) are read by `blocks.rs`.

use super::blocks::{read_blocks, read_image};
use super::fields::{describe, Fields, Read};
use super::json::{Json, Object};
use super::path::Cursor;
use super::{FormatError, Parsed, Problem};
use crate::date::Timestamp;
use crate::model::{
    Article, Body, Collection, LanguageTag, ReadingTime, RegionPath, Source, UrlUse,
};
use std::collections::HashMap;
use std::rc::Rc;

/// The only format version this viewer reads.
pub const FORMAT_VERSION: u64 = 1;
/// The longest reading time a file may state for a body loaded later (about a book).
pub const MAX_READING_MINUTES: u64 = 10_000;
/// Longest allowed article id.
pub const MAX_ID_LENGTH: usize = 128;
/// Most regions one article may have: a story about a whole continent lists the continent, not
/// its fifty countries; 100 is far beyond any real article and keeps every card short.
pub const MAX_REGIONS_PER_ARTICLE: usize = 100;

/// Checks the top-level `"version": 1`.
///
/// # Errors
/// When it is missing, another number, or not a number.
pub fn check_version(map: &Object<'_>) -> Result<(), FormatError> {
    let at = Cursor::ROOT.field("version");
    let problem = match map.get("version") {
        None => at.problem("is missing: add \"version\": 1 at the top of the file"),
        Some(value) if value.as_u64() == Some(FORMAT_VERSION) => return Ok(()),
        Some(Json::Number(n)) => at.problem(format!(
            "version {n} is not supported: this viewer reads version {FORMAT_VERSION}"
        )),
        Some(other) => at.problem(format!(
            "must be the number {FORMAT_VERSION}, not {}",
            describe(other)
        )),
    };
    Err(FormatError::Invalid(problem))
}

/// A collection's `title` and `language` (its version already checked).
///
/// # Errors
/// When either is present but invalid.
pub fn collection_header(
    map: &Object<'_>,
) -> Result<(Option<String>, Option<LanguageTag>), FormatError> {
    let top = Fields::new(map, Cursor::ROOT);
    let title = top.opt_text("title").map_err(FormatError::Invalid)?;
    let language = top
        .opt_parsed("language", LanguageTag::parse)
        .map_err(FormatError::Invalid)?;
    Ok((title, language))
}

/// Adds `(id "…")` after the article's place in a problem's path, when the id is readable.
#[must_use]
pub fn name_article(mut problem: Problem, article: &Object<'_>, at: Cursor) -> Problem {
    if let Some(Json::String(id)) = article.get("id") {
        problem.path.name_article(at.len(), id);
    }
    problem
}

/// Reads a single-article file (its version already checked).
///
/// # Errors
/// The article's first problem, named by its id.
pub fn single_article(map: &Object<'_>) -> Result<Parsed, FormatError> {
    let at = Cursor::article();
    let mut notices = Vec::new();
    let article = read_article(&Fields::new(map, at), &mut notices, false)
        .map_err(|problem| FormatError::Invalid(name_article(problem, map, at)))?;
    Ok(Parsed {
        collection: Collection {
            title: None,
            language: None,
            articles: vec![Rc::new(article)],
        },
        skipped: Vec::new(),
        notices,
    })
}

/// An article in a table of ids: hashed and compared by its id, and found by one.
struct ById(Rc<Article>);

impl PartialEq for ById {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for ById {}

impl std::hash::Hash for ById {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}

impl std::borrow::Borrow<str> for ById {
    fn borrow(&self) -> &str {
        &self.0.id
    }
}

/// Collects a collection's articles one by one: validates each, keeps the first of each id, and
/// records what was left out and why.
#[derive(Default)]
pub struct CollectionBuilder {
    articles: Vec<Rc<Article>>,
    skipped: Vec<Problem>,
    notices: Vec<Problem>,
    /// Each kept article (by its id) with its index in the file. Keyed by the article itself,
    /// not a copy of its id: a hundred thousand copies cost as many allocations, and freeing
    /// them at the end was one long task.
    first_index_of_id: HashMap<ById, usize>,
    /// Whether an article may lack `published`: only in the XML reader's handover (feeds have
    /// undated items, which the model allows); files in format v1 require it.
    undated_allowed: bool,
}

impl CollectionBuilder {
    /// A builder for the XML reader's handover ([`super::handover`]), where undated articles are
    /// allowed.
    #[must_use]
    pub fn handed_over() -> Self {
        Self {
            undated_allowed: true,
            ..Self::default()
        }
    }

    /// An empty builder with the same rules.
    #[must_use]
    pub fn fresh(&self) -> Self {
        Self {
            undated_allowed: self.undated_allowed,
            ..Self::default()
        }
    }

    /// Validates `articles[index]` and keeps it, or records why it was left out.
    pub fn add(&mut self, index: usize, item: &Json<'_>) {
        let at = Cursor::ROOT.field("articles").index(index);
        let Json::Object(article_map) = item else {
            self.skipped.push(at.problem(format!(
                "an article must be an object, not {}",
                describe(item)
            )));
            return;
        };
        let mut article_notices = Vec::new();
        let fields = Fields::new(article_map, at);
        match read_article(&fields, &mut article_notices, self.undated_allowed) {
            Ok(article) => {
                if let Some(first) = self.first_index_of_id.get(article.id.as_str()) {
                    let problem = at.field("id").problem(format!(
                        "duplicate id \"{}\": articles[{first}] already uses it, so this one was left out",
                        article.id
                    ));
                    self.skipped.push(name_article(problem, article_map, at));
                    return;
                }
                let article = Rc::new(article);
                self.first_index_of_id
                    .insert(ById(Rc::clone(&article)), index);
                self.notices.extend(
                    article_notices
                        .into_iter()
                        .map(|notice| name_article(notice, article_map, at)),
                );
                self.articles.push(article);
            }
            Err(problem) => self.skipped.push(name_article(problem, article_map, at)),
        }
    }

    /// Makes room for `more` articles ahead (a reader's estimate from the file's size), so the
    /// table of ids is not rebuilt as it grows.
    pub fn reserve(&mut self, more: usize) {
        self.articles.reserve(more);
        self.first_index_of_id.reserve(more);
    }

    /// Articles handled so far, kept or left out.
    #[must_use]
    pub fn len(&self) -> usize {
        self.articles.len() + self.skipped.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[must_use]
    pub fn finish(self, title: Option<String>, language: Option<LanguageTag>) -> Parsed {
        Parsed {
            collection: Collection {
                title,
                language,
                articles: self.articles,
            },
            skipped: self.skipped,
            notices: self.notices,
        }
    }
}

/// Checks an article id: at most [`MAX_ID_LENGTH`] characters, only `A–Z a–z 0–9 . _ ~ -`
/// (ids are used in links and name published pages' folders), and not only dots.
///
/// # Errors
/// Why the id is refused, in words for the reader's message.
pub fn check_id(id: &str) -> Result<String, String> {
    let length = id.chars().count();
    if length > MAX_ID_LENGTH {
        return Err(format!(
            "is {length} characters long; the limit is {MAX_ID_LENGTH}"
        ));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '~' | '-')))
    {
        return Err(format!(
            "{id:?} contains {bad:?}: ids may use only letters A-Z and a-z, digits, and . _ ~ - (they are used in links)"
        ));
    }
    if id.chars().all(|c| c == '.') {
        return Err(format!(
            "{id:?} is only dots: ids name the article's page (articles/<id>/), and . and .. name folders"
        ));
    }
    Ok(id.to_owned())
}

fn read_article(
    fields: &Fields<'_, '_>,
    notices: &mut Vec<Problem>,
    undated_allowed: bool,
) -> Read<Article> {
    let id = match fields.get("id") {
        Some(Json::String(s)) if s.is_empty() => Err(fields.problem("id", "must not be empty")),
        Some(Json::String(s)) => check_id(s).map_err(|message| fields.problem("id", message)),
        Some(other) => {
            Err(fields.problem("id", format!("must be a string, not {}", describe(other))))
        }
        None => Err(fields.problem("id", "is required")),
    }?;
    let title = fields.req_text("title")?;
    let standfirst = fields.opt_text("standfirst")?;
    let published = match fields.opt_parsed("published", Timestamp::parse)? {
        None if !undated_allowed => return Err(fields.problem("published", "is required")),
        published => published,
    };
    let updated = fields.opt_parsed("updated", Timestamp::parse)?;
    if let (Some(updated), Some(published)) = (&updated, &published) {
        if updated.is_before(published) {
            return Err(fields.problem(
                "updated",
                format!(
                    "{} is before the publication date {}",
                    updated.to_machine(),
                    published.to_machine()
                ),
            ));
        }
    }
    let byline = fields.opt_list("byline", |s| Ok(s.to_owned()))?;
    let tags = fields.opt_list("tags", |s| Ok(s.to_owned()))?;
    let language = fields.opt_parsed("language", LanguageTag::parse)?;
    let url = fields.opt_url("url", UrlUse::Link)?;
    let source = fields
        .opt_object("source")?
        .map(|source| -> Read<Source> {
            Ok(Source {
                name: source.req_text("name")?,
                url: source.opt_url("url", UrlUse::Link)?,
            })
        })
        .transpose()?;
    let regions = fields.opt_list("regions", RegionPath::parse)?;
    if regions.len() > MAX_REGIONS_PER_ARTICLE {
        return Err(fields.problem(
            "regions",
            format!(
                "has {} regions; the limit is {MAX_REGIONS_PER_ARTICLE} (list the places the article is about, not every place it mentions)",
                regions.len()
            ),
        ));
    }
    let image = fields
        .opt_object("image")?
        .map(|image| read_image(&image))
        .transpose()?;
    let reading_minutes = fields.opt_whole("reading_minutes", MAX_READING_MINUTES, "minutes")?;
    let body = match (
        fields.opt_array("body")?,
        fields.opt_url("body_url", UrlUse::Resource)?,
    ) {
        (Some(items), _) => Body::Blocks(read_blocks(fields.at.field("body"), items, notices)?),
        (None, Some(url)) => Body::Remote(url),
        (None, None) => {
            return Err(fields.problem(
                "body",
                "is required (or give body_url to load it when the article is opened)",
            ))
        }
    };
    Ok(Article {
        id,
        title,
        standfirst,
        published,
        updated,
        byline,
        tags,
        language,
        url,
        source,
        regions,
        image,
        // A body in the file is counted; a stated time is only for one loaded later.
        reading_time: ReadingTime::known(
            reading_minutes.filter(|_| matches!(body, Body::Remote(_))),
        ),
        body,
    })
}
