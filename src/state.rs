//! The app's state and its reducer. Everything the user sees follows from [`AppState`];
//! every change goes through [`AppState::apply`], which is pure and tested natively.
//! Loading is requested by state (`Load::Loading` with a `request` number) and carried out by
//! the app shell, which dispatches [`Action::Loaded`] with the result.

use crate::format::{FormatError, Parsed};
use crate::query::Query;
use std::rc::Rc;
use yew::Reducible;

/// Why a file could not be loaded, in words for the error panel.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the server answered {status} {status_text}")]
    Http { status: u16, status_text: String },
    #[error("the request failed ({0}); check the address and your connection")]
    Network(String),
    #[error("no complete answer within {0} seconds")]
    Timeout(u32),
    #[error(transparent)]
    Format(#[from] FormatError),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    /// A request for `AppState::query.source()` is (or should be) under way.
    Loading,
    Ready(Rc<Parsed>),
    Failed(LoadError),
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub query: Query,
    pub load: Load,
    /// Changes whenever a new load must start (a new source, or Retry), so the shell's effect
    /// runs again and stale answers can be told apart.
    pub request: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The URL changed (a link inside the viewer, Back or Forward).
    Navigate(Query),
    /// A load finished; `request` says which one.
    Loaded {
        request: u32,
        result: Result<Parsed, LoadError>,
    },
    /// Try the failed load again.
    Retry,
}

impl AppState {
    #[must_use]
    pub fn new(query: Query) -> Self {
        Self {
            query,
            load: Load::Loading,
            request: 0,
        }
    }

    /// The state after `action`.
    #[must_use]
    pub fn apply(&self, action: Action) -> Self {
        match action {
            Action::Navigate(query) => {
                if query.source() == self.query.source() {
                    Self {
                        query,
                        ..self.clone()
                    }
                } else {
                    Self {
                        query,
                        load: Load::Loading,
                        request: self.request.wrapping_add(1),
                    }
                }
            }
            Action::Loaded { request, .. } if request != self.request => self.clone(),
            Action::Loaded { result, .. } => Self {
                load: match result {
                    Ok(parsed) => Load::Ready(Rc::new(parsed)),
                    Err(error) => Load::Failed(error),
                },
                ..self.clone()
            },
            Action::Retry => Self {
                load: Load::Loading,
                request: self.request.wrapping_add(1),
                ..self.clone()
            },
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}
