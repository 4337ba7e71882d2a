//! Render tests (Yew `ssr`) of the tag, author and source facets on the sample collection: the
//! filter panel's lists with counts (checked against the sample itself), "Show all" and the
//! find box, the active-filter chips, the empty result's reason, and an article's tags, bylines
//! and source as links to the filtered list.

mod common;

use article_viewer::format::Parsed;
use article_viewer::model::Article;
use common::Page;
use std::rc::Rc;

const SEED: &str = "zelenskyy-second-russian-border-region";

async fn render(search: &str, parsed: Parsed) -> Page {
    Page::parse(&common::render_view(common::state_for(search, parsed)).await)
}

/// The section of the filter panel headed `title`.
fn section(page: &Page, title: &str) -> Page {
    page.each("section.av-filter")
        .into_iter()
        .find(|s| s.text("h2.av-filter__title") == title)
        .unwrap_or_else(|| panic!("no {title} section"))
}

/// Each checkbox row of a section: name, count, checked.
fn rows(section: &Page) -> Vec<(String, String, bool)> {
    section
        .each("ul.av-facet label.av-check")
        .into_iter()
        .map(|label| {
            let name = label
                .texts("span:not(.av-count)")
                .first()
                .cloned()
                .unwrap_or_default();
            let checked = label.count("input[type=checkbox][checked]") == 1;
            (name, label.text(".av-count"), checked)
        })
        .collect()
}

fn sample_articles() -> Vec<Rc<Article>> {
    common::sample().collection.articles
}

#[tokio::test]
async fn a_tag_filters_the_list_and_every_facet_counts_within_it() {
    let page = render("?tag=Weather", common::sample()).await;
    let articles = sample_articles();
    let weather: Vec<&Rc<Article>> = articles
        .iter()
        .filter(|a| a.tags.iter().any(|t| t == "Weather"))
        .collect();
    assert_eq!(
        page.text(".av-collection__count"),
        format!("{} of {} articles", weather.len(), articles.len())
    );
    assert_eq!(page.count("li.av-card"), weather.len());

    let tags = rows(&section(&page, "Tag"));
    // Most frequent first; the chosen value is checked; a tag's count ignores the tag choice.
    assert_eq!(tags[0].0, "Fictional sample");
    let fictional = articles
        .iter()
        .filter(|a| a.tags.iter().any(|t| t == "Fictional sample"))
        .count();
    assert_eq!(tags[0].1, fictional.to_string());
    let weather_row = tags
        .iter()
        .find(|r| r.0 == "Weather")
        .expect("the chosen tag is shown");
    assert_eq!((weather_row.1.as_str(), weather_row.2), ("2", true));
    // Authors and sources count within the tag.
    let desk = weather
        .iter()
        .filter(|a| a.byline.iter().any(|b| b == "Sample Desk"))
        .count();
    let authors = rows(&section(&page, "Author"));
    let desk_row = authors
        .iter()
        .find(|r| r.0 == "Sample Desk")
        .expect("Sample Desk");
    assert_eq!(desk_row.1, desk.to_string());
    let sources = rows(&section(&page, "Source"));
    assert!(sources.iter().any(|r| r.0 == "Sample"), "{sources:?}");
    // The chip removes it.
    assert_eq!(
        page.count("button[aria-label=\"Remove filter: Tag: Weather\"]"),
        1
    );
}

#[tokio::test]
async fn many_values_show_the_most_frequent_first_with_show_all_and_a_find_box() {
    let page = render("", common::sample()).await;
    let tags = section(&page, "Tag");
    let distinct: std::collections::BTreeSet<&str> = sample_articles()
        .iter()
        .flat_map(|a| a.tags.clone())
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect();
    assert!(distinct.len() > 8, "the sample has many tags");
    assert_eq!(rows(&tags).len(), 8, "eight shown first");
    assert_eq!(
        tags.text("button.av-link-button"),
        format!("Show all {} ({} more)", distinct.len(), distinct.len() - 8)
    );
    assert_eq!(
        tags.attr("input[type=search]", "autocomplete").as_deref(),
        Some("off")
    );
    let counts: Vec<u32> = rows(&tags)
        .iter()
        .map(|r| r.1.parse().unwrap_or(0))
        .collect();
    let mut sorted = counts.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(counts, sorted);
    // Three authors and two sources: no find box, no "Show all".
    assert_eq!(section(&page, "Author").count("input[type=search]"), 0);
    assert_eq!(section(&page, "Source").count("button.av-link-button"), 0);
}

#[tokio::test]
async fn facets_combine_with_and_and_an_empty_result_says_which() {
    let page = render("?tag=Weather&author=Ella%20Bennett", common::sample()).await;
    let both = sample_articles()
        .iter()
        .filter(|a| {
            a.tags.iter().any(|t| t == "Weather") && a.byline.iter().any(|b| b == "Ella Bennett")
        })
        .count();
    assert_eq!(both, 0, "the sample has no such article");
    let text = page.all_text();
    assert!(
        text.contains("No article is tagged Weather and by Ella Bennett."),
        "{text}"
    );
}

#[tokio::test]
async fn an_articles_tags_bylines_and_source_link_to_the_filtered_list() {
    let page = render(
        &format!("?src=samples.json&article={SEED}"),
        common::sample(),
    )
    .await;
    let tag_links = page.attrs("a.av-chip--link", "href");
    let seed = common::sample()
        .collection
        .find(SEED)
        .cloned()
        .expect("the seed article");
    assert_eq!(tag_links.len(), seed.tags.len());
    assert!(
        tag_links
            .iter()
            .all(|h| h.starts_with("?src=samples.json&tag=")),
        "{tag_links:?}"
    );
    let author_links = page.attrs(".av-byline__names a", "href");
    assert_eq!(author_links.len(), seed.byline.len());
    assert!(author_links[0].contains("author="), "{author_links:?}");
    let source = page
        .attr("a.av-source__filter", "href")
        .expect("a source link");
    assert!(source.contains("source="), "{source}");
    // Its English words keep their direction inside a right-to-left article.
    assert_eq!(
        page.attr("a.av-source__filter span", "dir").as_deref(),
        Some("ltr")
    );
    assert_eq!(page.count("a.av-source__filter bdi"), 1);
    // The source's own website is still the first link beside "Source:".
    assert_eq!(
        page.attrs(".av-source a", "href")
            .first()
            .map(String::as_str),
        seed.source
            .as_ref()
            .and_then(|s| s.url.as_ref())
            .map(|u| u.as_str())
    );
}
