//! Native render tests (Yew `ssr`): the markup the reader, list and panels produce.

mod common;

use article_viewer::app::panels::{ErrorPanel, ErrorPanelProps};
use article_viewer::app::view::{View, ViewProps};
use article_viewer::format::{parse_collection, FormatError, Parsed};
use article_viewer::query::Query;
use article_viewer::state::{with_index, Action, AppState, LoadError};

const TODAY: article_viewer::date::CivilDate = article_viewer::date::CivilDate {
    year: 2025,
    month: 11,
    day: 25,
};
use std::rc::Rc;
use yew::{Callback, LocalServerRenderer};

fn sample() -> Parsed {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/articles.json"
    ))
    .unwrap_or_default();
    match parse_collection(&text) {
        Ok(parsed) => parsed,
        Err(error) => panic!("{error}"),
    }
}

const SEED: &str = "zelenskyy-second-russian-border-region";

async fn render_seed() -> String {
    let parsed = sample();
    let article = parsed.collection.find(SEED).cloned();
    let Some(article) = article else {
        panic!("no seed")
    };
    common::render_article(article).await
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn seed_article_structure() {
    let html = render_seed().await;
    assert!(html.starts_with("<article lang=\"en-GB\" dir=\"ltr\" aria-labelledby=\"av-article-title\" class=\"av-article\">"), "{html}");
    assert_eq!(count(&html, "<h1 "), 1);
    assert!(html.contains(">'War must return where it came from': Ukraine forces 'active in second Russian border region', Zelenskyy confirms</h1>"));
    assert!(html.contains("<span class=\"av-byline__names\">Ella Bennett</span>"));
    assert!(html.contains("<time datetime=\"2025-04-08\">8 April 2025</time>"));
    assert!(html.contains("min read"));
}

#[tokio::test]
async fn seed_figures_have_caption_then_credit() {
    let html = render_seed().await;
    assert_eq!(count(&html, "<figure class=\"av-figure"), 3, "three photos");
    assert_eq!(count(&html, "<figcaption class=\"av-caption\">"), 3);
    assert_eq!(count(&html, "<span class=\"av-caption__credit\"><span class=\"av-visually-hidden\">Image source, </span>Getty</span>"), 3);
    let caption = html
        .find("File photo of a Ukrainian soldier, with forces")
        .unwrap_or(usize::MAX);
    let credit = html[caption.min(html.len())..].find("av-caption__credit");
    assert!(credit.is_some(), "the credit follows the caption");
    assert!(html.contains("alt=\"Ukrainian president Volodymyr Zelenskyy\""));
    assert!(
        html.contains("width=\"1200\" height=\"800\""),
        "space is reserved"
    );
    assert!(
        html.contains("loading=\"eager\""),
        "the lead image loads at once"
    );
    assert_eq!(
        count(&html, "loading=\"lazy\""),
        2,
        "inline images load lazily"
    );
    assert!(!html.contains("Picture: Getty"));
}

#[tokio::test]
async fn seed_pull_quotes_are_set_apart_and_hidden_from_screen_readers() {
    let html = render_seed().await;
    assert_eq!(count(&html, "<aside aria-hidden=\"true\" class=\"av-pullquote\"><blockquote class=\"av-pullquote__text\">"), 2);
    assert!(html.contains("<p>War must return to where it came from</p>"));
    assert!(html
        .contains("<p class=\"av-pullquote__attribution\">David Lammy, UK Foreign Secretary</p>"));
}

#[tokio::test]
async fn seed_link_block() {
    let html = render_seed().await;
    assert!(html.contains("<p class=\"av-promo\"><span class=\"av-promo__label\">Watch</span><a href=\"https://www.lbc.co.uk/\" class=\"av-promo__link\">James O'Brien: ‘Is the world as we know it over?’</a></p>"), "{html}");
}

#[tokio::test]
async fn script_in_text_is_rendered_as_text() {
    let text = r#"{"version":1,"articles":[{"id":"x","title":"<script>window.pwned=1</script>","published":"2025-01-01",
        "body":[{"type":"paragraph","text":["<img src=x onerror=alert(1)>",{"text":"<b>bold</b>","strong":true}]}]}]}"#;
    let parsed = match parse_collection(text) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let Some(article) = parsed.collection.find("x").cloned() else {
        panic!()
    };
    let html = common::render_article(article).await;
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(
        html.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<strong>&lt;b&gt;bold&lt;/b&gt;</strong>"),
        "{html}"
    );
}

#[tokio::test]
async fn right_to_left_article_gets_dir() {
    let text = r#"{"version":1,"articles":[{"id":"x","title":"عنوان","language":"ar","published":"2025-01-01","body":[{"type":"paragraph","text":"نص"}]}]}"#;
    let parsed = match parse_collection(text) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let Some(article) = parsed.collection.find("x").cloned() else {
        panic!()
    };
    let html = common::render_article(article).await;
    assert!(html.contains("lang=\"ar\" dir=\"rtl\""), "{html}");
}

#[tokio::test]
async fn error_panel_names_file_and_location() {
    let error = LoadError::Format(FormatError::NotJson {
        line: 3,
        column: 16,
        message: "expected value".into(),
    });
    let html = LocalServerRenderer::<ErrorPanel>::with_props(ErrorPanelProps {
        source: "broken.json".into(),
        error,
        on_retry: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("<code class=\"av-code\">broken.json</code>"));
    assert!(html.contains("The file is not valid JSON: expected value."));
    assert!(html.contains("<code class=\"av-code\">line 3, column 16</code>"));
    assert!(html.contains("<button type=\"button\" class=\"av-button\">Try again</button>"));
}

fn state_for(search: &str, parsed: Parsed) -> Rc<AppState> {
    let state = AppState::new(Query::parse(search), TODAY);
    let request = state.request;
    Rc::new(state.apply(Action::Loaded {
        request,
        result: Ok(with_index(parsed)),
    }))
}

async fn render_view(state: Rc<AppState>) -> String {
    LocalServerRenderer::<View>::with_props(ViewProps {
        state,
        on_navigate: Callback::noop(),
        on_action: Callback::noop(),
        on_share: Callback::noop(),
        share_status: None,
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn list_links_to_each_article_keeping_src() {
    let html = render_view(state_for("?src=samples.json", sample())).await;
    assert!(
        html.contains(&format!("href=\"?src=samples.json&amp;article={SEED}\"")),
        "{html}"
    );
    assert!(html.contains("World news sample collection"));
}

#[tokio::test]
async fn skipped_articles_are_listed_with_reasons() {
    let text = r#"{"version":1,"articles":[{"id":"ok","title":"Fine","published":"2025-01-01","body":[]},
        {"id":"bad","title":"Bad","published":"2025-01-01","body":[{"type":"link","text":"x","url":"javascript:alert(1)"}]}]}"#;
    let parsed = match parse_collection(text) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let html = render_view(state_for("", parsed)).await;
    assert!(html.contains("1 article was left out"), "{html}");
    assert!(
        html.contains("articles[1] (id &quot;bad&quot;).body[0].url")
            || html.contains("articles[1] (id \"bad\").body[0].url"),
        "{html}"
    );
    assert!(html.contains("javascript: URLs are not allowed"));
}

#[tokio::test]
async fn unknown_article_id_says_so() {
    let html = render_view(state_for("?article=nope", sample())).await;
    assert!(html.contains("There is no article with id"), "{html}");
    assert!(html.contains("← All articles"));
}

// ---- the collection page and its filters --------------------------------------------------

async fn render_list(search: &str) -> String {
    render_view(state_for(search, sample())).await
}

#[tokio::test]
async fn cards_show_title_standfirst_date_regions_reading_time_and_thumbnail() {
    let html = render_list("").await;
    assert_eq!(count(&html, "class=\"av-card\">"), 20, "one page of cards");
    let card_start = html.find("sample-sao-paulo-parks").unwrap_or(0);
    let card = &html[html[..card_start].rfind("<li").unwrap_or(0)..];
    let card = &card[..card.find("</li>").unwrap_or(card.len())];
    assert!(
        card.contains(">São Paulo opens a linear park along a buried river</a></h2>"),
        "{card}"
    );
    assert!(
        card.contains("<p class=\"av-card__standfirst\">The park follows"),
        "{card}"
    );
    assert!(
        card.contains("<time datetime=\"2025-09-22T10:00:00-03:00\">22 September 2025</time>"),
        "{card}"
    );
    assert!(
        card.contains("<span class=\"av-visually-hidden\">Regions: </span>São Paulo</span>"),
        "{card}"
    );
    assert!(card.contains("min read</span>"), "{card}");
    assert!(
        card.contains(
            "alt=\"A path beside a narrow stream\" width=\"1200\" height=\"675\" loading=\"lazy\""
        ),
        "{card}"
    );
    assert!(html.contains("Show 5 more (5 not shown)"));
}

#[tokio::test]
async fn the_count_is_announced_politely() {
    let html = render_list("?region=Europe/Ukraine").await;
    assert!(html.contains("<p role=\"status\" aria-live=\"polite\" aria-atomic=\"true\" class=\"av-collection__count\">3 of 25 articles</p>"), "{html}");
}

#[tokio::test]
async fn the_filter_panel_has_labelled_controls_and_counts() {
    let html = render_list("?region=Europe/Ukraine&from=2025-01-01").await;
    assert!(html.contains("<h2 id=\"av-date-heading\" class=\"av-filter__title\">Date</h2>"));
    assert!(
        html.contains(
            "<label class=\"av-field\"><span>From</span><input value=\"2025-01-01\" type=\"date\""
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<label class=\"av-field\"><span>Find a region</span><input value=\"\" type=\"search\""
        ),
        "{html}"
    );
    // Presets show zero for an old collection rather than hiding.
    assert!(
        html.contains("Last 7 days<span class=\"av-count\">0</span>"),
        "{html}"
    );
    // Region counts respect the dates: Oceania's only article is from 2024.
    assert!(
        html.contains("<span>Oceania</span><span class=\"av-count\">0</span>"),
        "{html}"
    );
    assert!(
        html.contains("<span>Europe</span><span class=\"av-count\">7</span>"),
        "{html}"
    );
    // The branch leading to the selected region is open, and the region is checked.
    assert!(html.contains("aria-label=\"Regions in Europe\""));
    assert!(
        html.contains("aria-expanded=\"true\" aria-label=\"Regions in Europe\""),
        "{html}"
    );
    assert!(
        html.contains("<input checked type=\"checkbox\"><span>Ukraine</span>"),
        "{html}"
    );
    assert!(
        html.contains("<span>Unspecified region</span><span class=\"av-count\">2</span>"),
        "{html}"
    );
    // The timeline: a bar per month, and a keyboard list of years.
    assert_eq!(count(&html, "class=\"av-bar__hit\""), 13);
    assert!(html.contains("aria-label=\"Months of 2025\""));
    // Active filters can each be removed.
    assert!(
        html.contains("aria-label=\"Remove filter: Europe › Ukraine\""),
        "{html}"
    );
    assert!(
        html.contains("aria-label=\"Remove filter: From 1 January 2025\""),
        "{html}"
    );
}

#[tokio::test]
async fn an_empty_result_explains_itself() {
    let html = render_list("?region=Asia/Japan&from=2025-09-01&to=2025-09-30").await;
    assert!(html.contains("No articles match these filters"));
    assert!(
        html.contains(
            "2 articles in Asia › Japan, and 2 articles in the chosen dates, but none in both."
        ),
        "{html}"
    );
    assert!(html.contains(">Clear regions</button>") && html.contains(">Clear dates</button>"));
}

// ---- reading options ----------------------------------------------------------------------

#[tokio::test]
async fn reading_options_are_a_labelled_disclosure_with_radio_groups() {
    use article_viewer::app::controls::{ReaderControls, ReaderControlsProps};
    use article_viewer::prefs::{Preferences, Theme};
    let prefs = Preferences {
        theme: Theme::Sepia,
        text_size: 0,
        ..Preferences::default()
    };
    let html = LocalServerRenderer::<ReaderControls>::with_props(ReaderControlsProps {
        prefs,
        on_change: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await;
    assert!(
        html.contains("aria-expanded=\"false\" aria-controls=\"av-controls-panel\""),
        "{html}"
    );
    assert!(
        html.contains(
            "<div id=\"av-controls-panel\" hidden=\"hidden\" class=\"av-controls__panel\">"
        ),
        "{html}"
    );
    assert!(html.contains("role=\"group\" aria-labelledby=\"av-size-label\""));
    assert!(
        html.contains("<output aria-live=\"polite\" class=\"av-controls__value\">1 of 7</output>"),
        "{html}"
    );
    assert!(html.contains("<button type=\"button\" disabled=\"disabled\" class=\"av-button av-button--secondary av-controls__smaller\">"), "the smallest size disables Smaller: {html}");
    for legend in ["Theme", "Column width", "Typeface"] {
        assert!(
            html.contains(&format!(
                "<legend class=\"av-controls__label\">{legend}</legend>"
            )),
            "{legend}"
        );
    }
    assert_eq!(count(&html, "type=\"radio\" name=\"av-theme\""), 5);
    assert!(
        html.contains("<input checked type=\"radio\" name=\"av-theme\" value=\"sepia\">")
            || html.contains("value=\"sepia\" checked"),
        "{html}"
    );
    assert_eq!(count(&html, "name=\"av-width\""), 3);
    assert_eq!(count(&html, "name=\"av-font\""), 2);
}

#[tokio::test]
async fn reading_time_counts_cjk_characters() {
    let text = format!(
        r#"{{"version":1,"articles":[{{"id":"ja","title":"日本","language":"ja","published":"2025-01-01","body":[{{"type":"paragraph","text":"{}"}}]}}]}}"#,
        "東京の天気は晴れです".repeat(150)
    );
    let parsed = match parse_collection(&text) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let Some(article) = parsed.collection.find("ja").cloned() else {
        panic!()
    };
    let html = common::render_article(article).await;
    // 1,500 characters at 500 a minute: 3 minutes (split on spaces it would be one "word").
    assert!(
        html.contains(
            "<span lang=\"en\" dir=\"ltr\" class=\"av-dates__reading\">3 min read</span>"
        ),
        "{html}"
    );
}
