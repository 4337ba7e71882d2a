//! Helpers shared by the native test files: reading fixtures (a missing file fails the test
//! with its name, never reads as empty), the sample collection, a fixed "today", and rendering
//! one article, or a whole view of a loaded file, with Yew's server renderer. Each test file
//! uses a different subset.
#![allow(dead_code)]

use article_viewer::app::reader::{ArticleView, ArticleViewProps};
use article_viewer::app::view::{View, ViewProps};
use article_viewer::date::CivilDate;
use article_viewer::format::{parse_collection, Parsed};
use article_viewer::model::Article;
use article_viewer::query::Query;
use article_viewer::state::{with_index, Action, AppState};
use std::rc::Rc;
use yew::{Callback, LocalServerRenderer};

/// The day the render and reducer tests take as today.
pub const TODAY: CivilDate = CivilDate {
    year: 2025,
    month: 11,
    day: 25,
};

/// A file of the project, by its path from the crate root (`samples/articles.json`).
pub fn read_text(relative: &str) -> String {
    let path = format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the fixture {path} must be readable: {e}"))
}

/// The bytes of a file of the project, by its path from the crate root.
pub fn read_bytes(relative: &str) -> Vec<u8> {
    let path = format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("the fixture {path} must be readable: {e}"))
}

/// A project file read as a collection; the test fails with the file's name and the error.
pub fn parse_file(relative: &str) -> Parsed {
    parse_collection(&read_text(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// `samples/articles.json`, the bundled sample collection.
pub fn sample() -> Parsed {
    parse_file("samples/articles.json")
}

/// The state after loading `parsed` for the address `search`.
pub fn state_for(search: &str, parsed: Parsed) -> Rc<AppState> {
    let state = AppState::new(Query::parse(search), TODAY);
    let request = state.request;
    // Settled: drawn whole, as a frame after loading.
    let state = state.apply(Action::Loaded {
        request,
        result: Ok(with_index(parsed)),
    });
    Rc::new(state.apply(Action::DrawRest))
}

/// The whole view for `state`, as HTML.
pub async fn render_view(state: Rc<AppState>) -> String {
    LocalServerRenderer::<View>::with_props(ViewProps {
        state,
        on_navigate: Callback::noop(),
        on_action: Callback::noop(),
        on_share: Callback::noop(),
        share_status: None,
        on_search: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

/// Renders one article to HTML with Yew's server renderer.
pub async fn render_article(article: Rc<Article>) -> String {
    LocalServerRenderer::<ArticleView>::with_props(ArticleViewProps {
        article,
        fallback_language: None,
        loaded_body: None,
        on_retry_body: Callback::noop(),
        filter_links: None,
    })
    .hydratable(false)
    .render()
    .await
}

/// Server-rendered HTML parsed by a real HTML parser, queried with CSS selectors, so the tests
/// check elements, attributes and text rather than the order attributes are written in.
pub struct Page(scraper::Html);

impl Page {
    pub fn parse(html: &str) -> Self {
        Self(scraper::Html::parse_fragment(html))
    }

    /// A whole document (head and body), as a published page is.
    pub fn parse_document(html: &str) -> Self {
        Self(scraper::Html::parse_document(html))
    }

    fn select(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let selector = scraper::Selector::parse(css)
            .unwrap_or_else(|e| panic!("the test's selector {css:?} is invalid: {e:?}"));
        self.0.select(&selector).collect()
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.select(css).len()
    }

    /// The text of each element matching `css`, with runs of white space collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .map(|e| collapse(e.text()))
            .collect()
    }

    /// The text of the one element matching `css` (the test fails unless there is exactly one).
    pub fn text(&self, css: &str) -> String {
        let texts = self.texts(css);
        assert_eq!(texts.len(), 1, "{css} should match one element: {texts:?}");
        texts.into_iter().next().unwrap_or_default()
    }

    /// The text of the one element matching `css`, exactly as written (a script's source).
    pub fn raw_text(&self, css: &str) -> String {
        let found = self.select(css);
        assert_eq!(found.len(), 1, "{css} should match one element");
        found[0].text().collect()
    }

    /// The whole page's text, white space collapsed.
    pub fn all_text(&self) -> String {
        collapse(self.0.root_element().text())
    }

    /// The attribute `name` of each element matching `css` that has it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .filter_map(|e| e.value().attr(name).map(str::to_owned))
            .collect()
    }

    /// The attribute `name` of the one element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        let found = self.select(css);
        assert_eq!(found.len(), 1, "{css} should match one element");
        found[0].value().attr(name).map(str::to_owned)
    }

    /// Each element matching `css` as a page of its own (to look inside one card or figure).
    pub fn each(&self, css: &str) -> Vec<Page> {
        self.select(css)
            .iter()
            .map(|e| Page::parse(&e.html()))
            .collect()
    }
}

fn collapse<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    parts
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A small deterministic generator: each call gives a number below its bound.
pub fn random_below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % bound.max(1)
    }
}
