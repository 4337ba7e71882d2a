//! The app's state and its reducer. Everything the user sees follows from [`AppState`];
//! every change goes through [`AppState::apply`], which is pure and tested natively.
//! Loading is requested by state (`Load::Loading` with a `request` number) and carried out by
//! the app shell, which dispatches [`Action::Loaded`] with the result and its index.

use crate::archive::{Arrived, Lookup, Piece};
use crate::date::CivilDate;
use crate::format::Problem;
use crate::model::{Article, Block};
use crate::prefs::Preferences;
use crate::query::Query;
use crate::search::SearchIndex;
use std::collections::HashMap;
use std::rc::Rc;
use yew::Reducible;

mod bodies;
mod drawn;
mod language;
mod loaded;
pub use language::Languages;
pub use loaded::{with_index, Load, LoadError, Loaded};

/// Cards shown at first, and added by each "Show more".
pub const PAGE_SIZE: usize = 20;
/// Cards drawn at most in the frame in which a list changes (a screenful of a tall laptop),
/// fewer when fewer fill the reader's screen ([`AppState::screenful`]); the rest follow a
/// frame later ([`AppState::first_frame`]).
pub const FIRST_FRAME_CARDS: usize = 8;

/// The text of an article whose body is loaded from its `body_url`.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyLoad {
    Loading,
    Ready {
        blocks: Rc<Vec<Block>>,
        notices: Rc<Vec<Problem>>,
    },
    Failed(LoadError),
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub query: Query,
    pub load: Load,
    /// Bodies loaded (or loading, or failed) from `body_url`, by article id. A failure here
    /// affects only that article.
    pub bodies: Rc<HashMap<String, BodyLoad>>,
    /// How many cards the list shows; back to [`PAGE_SIZE`] when the filter changes.
    pub list_limit: usize,
    /// The list has just changed (a filter, the search or the order): only its first
    /// [`FIRST_FRAME_CARDS`] are drawn until the shell reports the next paint
    /// ([`Action::DrawRest`]), so the new count and the top of the list reach the screen
    /// first, and the cards below the fold a frame later ([`AppState::cards_drawn`]).
    pub first_frame: bool,
    /// The file has just loaded: its list is drawn with the filter panel's frame but not its
    /// sections (dates, timeline, regions, facets), which follow a frame later, with the rest
    /// of a changed list ([`Action::DrawRest`]); the first render and layout are split in two.
    pub panel_later: bool,
    /// How many cards fill the list's part of the reader's screen, as the shell last measured
    /// it after a paint ([`Action::Screenful`]; [`FIRST_FRAME_CARDS`] until then, and never
    /// more): what a changed list draws in its first frame.
    pub screenful: usize,
    /// Today's date where the reader is, for the date presets.
    pub today: CivilDate,
    /// The reader's text size, theme, width and typeface.
    pub prefs: Preferences,
    /// How far a large file has been read (0–100), while loading.
    pub load_progress: Option<u8>,
    /// An article whose card is hovered or focused: its body is fetched ahead of a click.
    pub prefetch: Option<String>,
    /// Changes whenever a new load must start (a new source, or Retry), so the shell's effect
    /// runs again and stale answers can be told apart.
    pub request: u32,
    /// The loaded file's search index, built (a slice at a time, by the shell) the first time
    /// a search is asked for.
    pub search: Option<Rc<SearchIndex>>,
    /// What of a sharded archive has arrived, and which of its files are on their way.
    pub arrived: Rc<Arrived>,
    /// The interface language's sources besides the content, and its fetched catalogues.
    pub languages: Rc<Languages>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The URL changed (a link inside the viewer, Back or Forward).
    Navigate(Query),
    /// A host page asked for a view; without a `src` of its own it keeps the current file.
    Show(Query),
    /// A load finished, with the file and its filter index (built by the shell a slice at a
    /// time), or why it failed; `request` says which load.
    Loaded {
        request: u32,
        result: Result<Rc<Loaded>, LoadError>,
    },
    /// Try the failed load again.
    Retry,
    /// The shell started loading an article's body.
    BodyStarted { id: String },
    /// The shell started loading several bodies at once (one change, so one render).
    BodiesStarted { ids: Vec<String> },
    /// An article's body arrived, or failed.
    BodyLoaded {
        id: String,
        result: Result<(Vec<Block>, Vec<Problem>), LoadError>,
    },
    /// Forget a failed body so it is loaded again.
    BodyRetry { id: String },
    /// Show [`PAGE_SIZE`] more cards.
    ShowMore,
    /// The first frame of a changed list has been painted: draw the rest of its cards.
    DrawRest,
    /// How many cards fill the list's part of the screen (measured by the shell after a list is
    /// painted): a changed list's first frame draws that many, from 1 to [`FIRST_FRAME_CARDS`].
    Screenful(usize),
    /// A card was hovered or focused: fetch its article's body ahead of time.
    Prefetch(String),
    /// A large file is being read: how far, in percent.
    Progress { request: u32, percent: u8 },
    /// The reader changed a reading preference (or reset them all).
    SetPreferences(Preferences),
    /// The host page changed an embedded viewer's theme (its `theme` attribute).
    SetTheme(crate::prefs::Theme),
    /// The search index of load `request` is ready.
    SearchIndexed {
        request: u32,
        index: Rc<SearchIndex>,
    },
    /// The shell started fetching a file of the archive.
    ArchiveStarted { request: u32, file: String },
    /// A file of the archive arrived (read), or failed.
    ArchiveArrived {
        request: u32,
        file: String,
        result: Result<Piece, String>,
    },
    /// Fetch a failed file of the archive again.
    ArchiveRetry { file: String },
    /// An interface catalogue arrived (read), or failed.
    CatalogueArrived {
        code: String,
        result: Result<Rc<crate::i18n::Catalogue>, String>,
    },
}

impl AppState {
    #[must_use]
    pub fn new(query: Query, today: CivilDate) -> Self {
        Self {
            query,
            load: Load::Loading,
            bodies: Rc::default(),
            list_limit: PAGE_SIZE,
            first_frame: false,
            panel_later: false,
            screenful: FIRST_FRAME_CARDS,
            today,
            prefs: Preferences::default(),
            load_progress: None,
            prefetch: None,
            request: 0,
            search: None,
            arrived: Rc::default(),
            languages: Rc::default(),
        }
    }

    /// Whether the shell should build the search index: a search is asked for, the file is
    /// loaded, and its index is not built yet.
    #[must_use]
    pub fn wants_search_index(&self) -> bool {
        self.query.q.is_some()
            && self.search.is_none()
            && matches!(&self.load, Load::Ready(loaded) if loaded.archive.is_none())
    }

    /// Where the article with this id stands in the loaded file (or archive).
    #[must_use]
    pub fn lookup(&self, loaded: &Loaded, id: &str) -> Lookup {
        match &loaded.archive {
            Some(archive) => self.arrived.find(archive, id),
            None => loaded
                .index
                .find(id)
                .map_or(Lookup::Missing, |a| Lookup::Found(Rc::clone(a))),
        }
    }

    /// The article with this id, if it is at hand.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<Rc<Article>> {
        let Load::Ready(loaded) = &self.load else {
            return None;
        };
        match self.lookup(loaded, id) {
            Lookup::Found(article) => Some(article),
            _ => None,
        }
    }

    /// The files of an archive the current view needs next (see [`Arrived::wants`]).
    #[must_use]
    pub fn archive_wants(&self) -> Vec<(String, crate::archive::Want)> {
        let Load::Ready(loaded) = &self.load else {
            return Vec::new();
        };
        let Some(archive) = &loaded.archive else {
            return Vec::new();
        };
        let filter = self.query.filter();
        let search = self.query.search_query();
        let view = (&filter, self.query.sort, search.as_ref());
        let open = self.query.article.as_deref();
        self.arrived.wants(archive, view, self.list_limit, open)
    }

    /// The same state with the reader's stored preferences.
    #[must_use]
    pub fn with_preferences(self, prefs: Preferences) -> Self {
        Self { prefs, ..self }
    }

    /// The state after `action`.
    #[must_use]
    pub fn apply(&self, action: Action) -> Self {
        match action {
            Action::Navigate(query) => {
                let same_list = query.filter() == self.query.filter()
                    && query.sort == self.query.sort
                    && query.q == self.query.q;
                let list_limit = if same_list {
                    self.list_limit
                } else {
                    PAGE_SIZE
                };
                if query.source() == self.query.source() {
                    Self {
                        query,
                        list_limit,
                        first_frame: self.first_frame || !same_list,
                        ..self.clone()
                    }
                } else {
                    Self {
                        query,
                        load: Load::Loading,
                        bodies: Rc::default(),
                        list_limit: PAGE_SIZE,
                        first_frame: false,
                        load_progress: None,
                        request: self.request.wrapping_add(1),
                        search: None,
                        arrived: Rc::default(),
                        ..self.clone()
                    }
                }
            }
            Action::SetPreferences(prefs) => Self {
                prefs,
                ..self.clone()
            },
            Action::SetTheme(theme) => Self {
                prefs: Preferences {
                    theme,
                    ..self.prefs
                },
                ..self.clone()
            },
            Action::Show(mut query) => {
                if query.src.is_none() {
                    query.src.clone_from(&self.query.src);
                }
                self.apply(Action::Navigate(query))
            }
            Action::ShowMore => Self {
                list_limit: self.list_limit + PAGE_SIZE,
                first_frame: false,
                ..self.clone()
            },
            Action::DrawRest => Self {
                first_frame: false,
                panel_later: false,
                ..self.clone()
            },
            Action::Screenful(cards) => Self {
                screenful: cards.clamp(1, FIRST_FRAME_CARDS),
                ..self.clone()
            },
            Action::Loaded { request, .. } if request != self.request => self.clone(),
            Action::Prefetch(id) => Self {
                prefetch: Some(id),
                ..self.clone()
            },
            Action::Progress { request, percent } => Self {
                load_progress: (request == self.request && self.load == Load::Loading)
                    .then_some(percent),
                ..self.clone()
            },
            Action::Loaded { result, .. } => Self {
                load_progress: None,
                panel_later: result.is_ok() && self.query.article.is_none(),
                load: match result {
                    Ok(loaded) => Load::Ready(loaded),
                    Err(error) => Load::Failed(error),
                },
                ..self.clone()
            },
            Action::Retry => Self {
                load: Load::Loading,
                bodies: Rc::default(),
                request: self.request.wrapping_add(1),
                search: None,
                arrived: Rc::default(),
                ..self.clone()
            },
            Action::ArchiveStarted { request, file } if request == self.request => Self {
                arrived: Rc::new(self.arrived.started(&file)),
                ..self.clone()
            },
            Action::ArchiveArrived {
                request,
                file,
                result,
            } if request == self.request => Self {
                arrived: Rc::new(self.arrived.with(&file, result)),
                ..self.clone()
            },
            Action::ArchiveStarted { .. } | Action::ArchiveArrived { .. } => self.clone(),
            Action::ArchiveRetry { file } => Self {
                arrived: Rc::new(self.arrived.retried(&file)),
                ..self.clone()
            },
            Action::SearchIndexed { request, index } if request == self.request => Self {
                search: Some(index),
                ..self.clone()
            },
            Action::SearchIndexed { .. } => self.clone(),
            Action::BodyStarted { id } => self.with_body(id, Some(BodyLoad::Loading)),
            Action::BodiesStarted { ids } => self.with_bodies_loading(ids),
            Action::BodyLoaded { id, .. } if self.bodies.get(&id) != Some(&BodyLoad::Loading) => {
                self.clone()
            }
            Action::BodyLoaded { id, result } => {
                let body = match result {
                    Ok((blocks, notices)) => BodyLoad::Ready {
                        blocks: Rc::new(blocks),
                        notices: Rc::new(notices),
                    },
                    Err(error) => BodyLoad::Failed(error),
                };
                self.with_body(id, Some(body))
            }
            Action::BodyRetry { id } => self.with_body(id, None),
            Action::CatalogueArrived { code, result } => self.with_catalogue(&code, result),
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    /// An action that changes nothing (hovering the same card again, a stale answer) keeps the
    /// same state, so nothing re-renders.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
