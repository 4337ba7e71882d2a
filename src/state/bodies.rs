//! Articles' bodies that live in their own files (`body_url`): which ones the shell should
//! fetch now ([`AppState::pending_body`]) and for an archive search's excerpts
//! ([`AppState::excerpt_bodies`]), and the state with them loading, arrived or forgotten.

use super::{AppState, BodyLoad, Load};
use crate::model::{Article, Body, SafeUrl};
use std::rc::Rc;

impl AppState {
    /// The body that should be loaded now and that nobody has started loading: the open
    /// article's first, else the one whose card was hovered or focused. Its id and URL.
    #[must_use]
    pub fn pending_body(&self) -> Option<(String, SafeUrl)> {
        let ids = [self.query.article.as_deref(), self.prefetch.as_deref()];
        let articles = ids.into_iter().flatten().filter_map(|id| self.find(id));
        self.not_started(articles).into_iter().next()
    }

    /// While a search of an archive is shown, the bodies of its cards on screen that nobody
    /// has started loading (an archive's cards hold no text; their excerpts show where the
    /// words are in it). The shell waits until the search has stayed the same a moment, so
    /// the words typed on the way fetch nothing.
    #[must_use]
    pub fn excerpt_bodies(&self) -> Vec<(String, SafeUrl)> {
        self.not_started(self.searched_cards().into_iter())
    }

    /// The bodies of `articles` kept in their own files that nobody has started loading.
    fn not_started(&self, articles: impl Iterator<Item = Rc<Article>>) -> Vec<(String, SafeUrl)> {
        let mut pending: Vec<(String, SafeUrl)> = Vec::new();
        for article in articles {
            if let Body::Remote(url) = &article.body {
                let new = pending.iter().all(|(id, _)| *id != article.id);
                if new && !self.bodies.contains_key(&article.id) {
                    pending.push((article.id.clone(), url.clone()));
                }
            }
        }
        pending
    }

    /// The cards a search of an archive shows (those that have arrived), none otherwise.
    fn searched_cards(&self) -> Vec<Rc<Article>> {
        let (Load::Ready(loaded), None) = (&self.load, &self.query.article) else {
            return Vec::new();
        };
        let (Some(archive), Some(search)) = (&loaded.archive, self.query.search_query()) else {
            return Vec::new();
        };
        let filter = self.query.filter();
        let Some(outcome) = self
            .arrived
            .outcome(archive, &filter, self.query.sort, Some(&search))
        else {
            return Vec::new();
        };
        let shown = outcome.matches.iter().take(self.list_limit);
        shown
            .filter_map(|rank| self.arrived.article(rank).map(Rc::clone))
            .collect()
    }

    /// With each of these bodies loading.
    pub(super) fn with_bodies_loading(&self, ids: Vec<String>) -> Self {
        let mut bodies = (*self.bodies).clone();
        bodies.extend(ids.into_iter().map(|id| (id, BodyLoad::Loading)));
        Self {
            bodies: Rc::new(bodies),
            ..self.clone()
        }
    }

    pub(super) fn with_body(&self, id: String, body: Option<BodyLoad>) -> Self {
        let mut bodies = (*self.bodies).clone();
        match body {
            Some(body) => bodies.insert(id, body),
            None => bodies.remove(&id),
        };
        Self {
            bodies: Rc::new(bodies),
            ..self.clone()
        }
    }
}
