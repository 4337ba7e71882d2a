//! What of the view is drawn now and whether it is complete: the cards a list draws in the frame
//! in which it changes ([`AppState::cards_drawn`]), whether part of the page waits for the next
//! frame ([`AppState::draws_later`]), and whether the view is settled, so a published page's
//! copy may give way to it ([`AppState::is_settled`]).

use super::{AppState, BodyLoad, Load};
use crate::archive::Lookup;
use crate::model::Body;

impl AppState {
    /// Whether the view is complete: the file is read and, when an article is open whose body
    /// lives in its own file, that body has arrived (or failed). A published page's prerendered
    /// copy gives way to the viewer only then, so nothing on screen goes back to "Loading".
    #[must_use]
    pub fn is_settled(&self) -> bool {
        let Load::Ready(loaded) = &self.load else {
            return false;
        };
        if self.wanted_catalogue().is_some() || self.panel_later {
            return false;
        }
        // An archive's view is complete once the cards it shows have arrived.
        if let Some(archive) = &loaded.archive {
            let filter = self.query.filter();
            let search = self.query.search_query();
            let view = (&filter, self.query.sort, search.as_ref());
            let open = self.query.article.as_deref();
            if self.arrived.waits(archive, view, self.list_limit, open) {
                return false;
            }
        }
        if let Some(id) = &self.query.article {
            if self.lookup(loaded, id) == Lookup::Pending {
                return false;
            }
        }
        let article = self.query.article.as_deref().and_then(|id| self.find(id));
        match article {
            Some(article) if matches!(article.body, Body::Remote(_)) => matches!(
                self.bodies.get(&article.id),
                Some(BodyLoad::Ready { .. } | BodyLoad::Failed(_))
            ),
            _ => true,
        }
    }

    /// Whether part of the list's page waits for the next frame ([`super::Action::DrawRest`]).
    #[must_use]
    pub fn draws_later(&self) -> bool {
        self.first_frame || self.panel_later
    }

    /// How many of the list's cards are drawn now (see [`AppState::first_frame`]).
    #[must_use]
    pub fn cards_drawn(&self) -> usize {
        if self.first_frame {
            self.list_limit.min(self.screenful)
        } else {
            self.list_limit
        }
    }
}
