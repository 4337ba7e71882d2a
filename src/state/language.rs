//! Which language the interface speaks, and the catalogues fetched for it.
//!
//! [`AppState::ui_language`] picks, in order: the reader's choice in Reading options, the host
//! page's (`data-ui-language`), the content's language (the open article's, else the
//! collection's), the browser's languages, English. A catalogue this build does not carry
//! ([`crate::i18n::builtin`]) is asked for through [`AppState::wanted_catalogue`]; the shell
//! fetches it and dispatches `Action::CatalogueArrived`. Until it arrives (or if it fails) the
//! interface reads in English.

use super::{AppState, Load};
use crate::i18n::{self, Catalogue, Language};
use std::rc::Rc;

/// What the state knows about languages besides the content: the host's and the browser's
/// wishes, and the catalogues fetched so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Languages {
    /// The host page's wish (an embedded viewer's `data-ui-language`).
    pub host: Option<String>,
    /// The browser's languages, most wanted first (`navigator.languages`).
    pub browser: Vec<String>,
    /// Catalogues fetched (not compiled in).
    pub fetched: Vec<Rc<Catalogue>>,
    /// Codes whose catalogue could not be fetched or read, with why (shown nowhere but the
    /// console: the interface stays in English).
    pub failed: Vec<(String, String)>,
}

impl AppState {
    /// The same state with the host's and the browser's language wishes.
    #[must_use]
    pub fn with_language_wishes(self, host: Option<String>, browser: Vec<String>) -> Self {
        let languages = Languages {
            host,
            browser,
            ..(*self.languages).clone()
        };
        Self {
            languages: Rc::new(languages),
            ..self
        }
    }

    /// The language of what is on screen: the open article's, else the collection's.
    fn content_language(&self) -> Option<String> {
        let Load::Ready(loaded) = &self.load else {
            return None;
        };
        let article = self.query.article.as_deref().and_then(|id| self.find(id));
        let from_article = article.and_then(|a| a.language.as_ref().map(|l| l.as_str().to_owned()));
        from_article.or_else(|| {
            let collection = &loaded.parsed.collection;
            collection.language.as_ref().map(|l| l.as_str().to_owned())
        })
    }

    /// The interface language, by the precedence in the module doc.
    #[must_use]
    pub fn ui_language(&self) -> &'static Language {
        let chosen = self.prefs.ui_language;
        let content = self.content_language();
        let candidates = chosen
            .into_iter()
            .chain(self.languages.host.as_deref())
            .chain(content.as_deref())
            .chain(self.languages.browser.iter().map(String::as_str));
        i18n::choose(candidates)
    }

    /// The interface language's catalogue, once it is here (compiled in or fetched).
    #[must_use]
    pub fn ui_catalogue(&self) -> Option<Rc<Catalogue>> {
        let code = self.ui_language().code;
        i18n::builtin(code).or_else(|| {
            let mut fetched = self.languages.fetched.iter();
            fetched.find(|c| c.code == code).cloned()
        })
    }

    /// The code of a catalogue the shell should fetch: the interface language's, when it is
    /// neither here nor failed.
    #[must_use]
    pub fn wanted_catalogue(&self) -> Option<&'static str> {
        let code = self.ui_language().code;
        let failed = self.languages.failed.iter().any(|(c, _)| c == code);
        (self.ui_catalogue().is_none() && !failed).then_some(code)
    }

    /// The state once catalogue `code` has arrived, or failed to.
    #[must_use]
    pub fn with_catalogue(&self, code: &str, result: Result<Rc<Catalogue>, String>) -> Self {
        let mut languages = (*self.languages).clone();
        languages.fetched.retain(|c| c.code != code);
        languages.failed.retain(|(c, _)| c != code);
        match result {
            Ok(catalogue) => languages.fetched.push(catalogue),
            Err(why) => languages.failed.push((code.to_owned(), why)),
        }
        Self {
            languages: Rc::new(languages),
            ..self.clone()
        }
    }
}

impl AppState {
    /// The interface's words for this state, with `rules` for plurals and numbers.
    #[must_use]
    pub fn ui(&self, rules: i18n::Rules) -> i18n::Ui {
        i18n::Ui::new(self.ui_language(), self.ui_catalogue(), rules)
    }
}
