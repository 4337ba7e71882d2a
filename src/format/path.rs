//! Where a problem is: [`ErrorPath`], the list of [`Segment`]s users see as
//! `articles[3] (id "kursk-1").body[5].href`, and [`Cursor`], the fixed-size copy of it that the
//! readers carry while they descend (no allocation until a problem is actually reported).

use std::fmt;

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A member of an object: `.body`.
    Field(&'static str),
    /// An element of an array: `[5]`.
    Index(usize),
    /// The top of a single-article file, shown as `article`.
    Article,
    /// The id of the article (or feed item) just before, shown as ` (id "kursk-1")`.
    Id(String),
    /// A member named at run time, shown as [`Segment::Field`] is: a path handed over from the
    /// XML reader's worker (see [`super::handover`]).
    Named(String),
}

/// A problem's place in its file. Empty for the file as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorPath(pub Vec<Segment>);

impl ErrorPath {
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Names the article whose path is the first `article_len` segments by its id (at most 40
    /// characters shown), when the path leads into or to it.
    pub fn name_article(&mut self, article_len: usize, id: &str) {
        self.insert_id(article_len, id.chars().take(40).collect());
    }

    /// Whether the path leads into the article with this id (as [`Self::name_article`] named it).
    #[must_use]
    pub fn is_in_article(&self, id: &str) -> bool {
        self.0.iter().any(|segment| {
            matches!(segment, Segment::Id(shown) if shown.chars().eq(id.chars().take(40)))
        })
    }

    /// Puts ` (id "…")` after the first `len` segments, as given, when the path is that long.
    pub fn insert_id(&mut self, len: usize, shown: String) {
        if self.0.len() >= len {
            self.0.insert(len, Segment::Id(shown));
        }
    }
}

impl fmt::Display for ErrorPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Field(name) if i == 0 => f.write_str(name)?,
                Segment::Named(name) if i == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Named(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Article => f.write_str("article")?,
                Segment::Id(id) => write!(f, " (id {id:?})")?,
            }
        }
        Ok(())
    }
}

/// Compares the path as users read it (tests and callers compare with the text they expect).
impl PartialEq<str> for ErrorPath {
    fn eq(&self, other: &str) -> bool {
        other == self.to_string().as_str()
    }
}

impl PartialEq<&str> for ErrorPath {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

/// Deepest path the formats can produce (`articles[i].body[j].items[k][l].href` is 8 steps).
const MAX_STEPS: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Field(&'static str),
    Index(usize),
    Article,
}

/// A path being walked: copied and extended on the way down, turned into an [`ErrorPath`] only
/// when something is wrong.
#[derive(Clone, Copy, Debug)]
pub struct Cursor {
    steps: [Step; MAX_STEPS],
    len: usize,
}

impl Cursor {
    /// The top of the file.
    pub const ROOT: Cursor = Cursor {
        steps: [Step::Index(0); MAX_STEPS],
        len: 0,
    };

    fn with(mut self, step: Step) -> Self {
        debug_assert!(self.len < MAX_STEPS, "paths are at most {MAX_STEPS} steps");
        if self.len < MAX_STEPS {
            self.steps[self.len] = step;
            self.len += 1;
        }
        self
    }

    #[must_use]
    pub fn field(self, name: &'static str) -> Self {
        self.with(Step::Field(name))
    }

    #[must_use]
    pub fn index(self, index: usize) -> Self {
        self.with(Step::Index(index))
    }

    /// The top of a single-article file.
    #[must_use]
    pub fn article() -> Self {
        Self::ROOT.with(Step::Article)
    }

    /// How many steps lead here (where an article's id goes in [`ErrorPath::name_article`]).
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[must_use]
    pub fn to_path(&self) -> ErrorPath {
        ErrorPath(
            self.steps[..self.len]
                .iter()
                .map(|step| match *step {
                    Step::Field(name) => Segment::Field(name),
                    Step::Index(index) => Segment::Index(index),
                    Step::Article => Segment::Article,
                })
                .collect(),
        )
    }

    /// A problem at this place.
    #[must_use]
    pub fn problem(&self, message: impl Into<String>) -> super::Problem {
        super::Problem {
            path: self.to_path(),
            message: message.into(),
        }
    }
}
