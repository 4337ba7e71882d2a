//! JSON Feed mapping, rule by rule, on small hand-written feeds and on the sample feeds in
//! `samples/feeds/` (the HTML parser is Rust, so these run natively).

mod common;

use article_viewer::filter::{Filter, Index, SortOrder};
use article_viewer::format::html::to_blocks;
use article_viewer::format::Segment;
use article_viewer::format::{parse_collection, Parsed};
use article_viewer::model::{Article, Block, Body, HeadingLevel, Inline};
use serde_json::{json, Value};
use std::rc::Rc;

fn feed(items: Value) -> Parsed {
    let text =
        json!({"version": "https://jsonfeed.org/version/1.1", "title": "Feed", "items": items})
            .to_string();
    parse_collection(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn sample(name: &str) -> Parsed {
    common::parse_file(&format!("samples/feeds/{name}"))
}

fn blocks(article: &Article) -> &[Block] {
    match &article.body {
        Body::Blocks(blocks) => blocks,
        Body::Remote(_) => &[],
    }
}

fn all_text(article: &Article) -> String {
    blocks(article)
        .iter()
        .map(|b| match b {
            Block::Paragraph(i) | Block::Quote { text: i, .. } => i.plain_text(),
            Block::Heading { text, .. }
            | Block::PullQuote { text, .. }
            | Block::Preformatted { text }
            | Block::Link { text, .. } => text.clone(),
            Block::List { items, .. } => items
                .iter()
                .map(|i| i.plain_text())
                .collect::<Vec<_>>()
                .join(" "),
            Block::Image(image) => format!(
                "{} {}",
                image.caption.clone().unwrap_or_default(),
                image.credit.clone().unwrap_or_default()
            ),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn feeds_of_both_versions_are_recognised() {
    for version in [
        "https://jsonfeed.org/version/1",
        "https://jsonfeed.org/version/1.1",
    ] {
        let text = json!({"version": version, "title": "T", "items": [{"id": "1", "content_text": "Hello"}]}).to_string();
        assert_eq!(
            parse_collection(&text).map(|p| p.collection.articles.len()),
            Ok(1),
            "{version}"
        );
    }
    assert_eq!(sample("newsroom-1.0.json").collection.articles.len(), 8);
    assert_eq!(sample("newsroom-1.1.json").collection.articles.len(), 10);
    assert_eq!(sample("large-feed.json").collection.articles.len(), 360);
}

#[test]
fn ids_are_made_link_safe_and_kept_unique() {
    let parsed = sample("newsroom-1.0.json");
    let ids: Vec<&str> = parsed
        .collection
        .articles
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        &ids[..3],
        [
            "harbour-reopens",
            "harbour-reopens-2",
            "https-example-org-news-2025-04-harbour-ref-rss-top"
        ]
    );
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    for id in ids {
        assert!(
            id.len() <= 128 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{id}"
        );
    }
}

#[test]
fn an_item_without_a_title_takes_the_first_words_of_its_text() {
    let parsed = sample("newsroom-1.0.json");
    assert!(
        parsed.collection.articles[1]
            .title
            .starts_with("Correction notice (fictional sample): an earlier version"),
        "{}",
        parsed.collection.articles[1].title
    );
    assert!(parsed.collection.articles[1].title.ends_with('…'));
    let fog = &parsed.collection.articles[6];
    assert!(
        fog.title
            .starts_with("Fog warnings remain in place along the coast road"),
        "{}",
        fog.title
    );
}

#[test]
fn summary_dates_authors_tags_language_url_image_and_source() {
    let parsed = feed(json!([{
        "id": "a", "title": "T", "summary": "The summary.", "date_published": "2025-04-07T08:15:00+01:00",
        "date_modified": "2025-04-07T11:40:00+01:00", "authors": [{"name": "Ada"}, {"name": "Grace"}], "tags": ["x", "y"],
        "language": "fr", "url": "https://example.org/a", "banner_image": "b.png", "image": "i.png", "content_text": "Text."
    }]));
    let a = &parsed.collection.articles[0];
    assert_eq!(a.standfirst.as_deref(), Some("The summary."));
    assert_eq!(
        a.published.map(|p| p.to_machine()).as_deref(),
        Some("2025-04-07T08:15:00+01:00")
    );
    assert_eq!(
        a.updated.map(|p| p.to_machine()).as_deref(),
        Some("2025-04-07T11:40:00+01:00")
    );
    assert_eq!(a.byline, ["Ada", "Grace"]);
    assert_eq!(a.tags, ["x", "y"]);
    assert_eq!(a.language.as_ref().map(|l| l.as_str()), Some("fr"));
    assert_eq!(
        a.url.as_ref().map(|u| u.as_str()),
        Some("https://example.org/a")
    );
    assert_eq!(
        a.image.as_ref().map(|i| i.src.as_str()),
        Some("i.png"),
        "image wins over banner_image"
    );
    assert_eq!(a.source.as_ref().map(|s| s.name.as_str()), Some("Feed"));
    assert_eq!(parsed.collection.title.as_deref(), Some("Feed"));

    let v10 = sample("newsroom-1.0.json");
    assert_eq!(
        v10.collection.articles[0].byline,
        ["Jane Doe (fictional)"],
        "the item's 1.0 author"
    );
    assert_eq!(
        v10.collection.articles[1].byline,
        ["Port Halden Newsroom (fictional)"],
        "the feed's 1.0 author"
    );
    let source = v10.collection.articles[0].source.clone();
    assert_eq!(
        source
            .and_then(|s| s.url)
            .map(|u| u.as_str().to_owned())
            .as_deref(),
        Some("https://example.org/news/"),
        "home_page_url"
    );
    let fog = &v10.collection.articles[6];
    assert_eq!(
        fog.image.as_ref().map(|i| i.src.as_str()),
        Some("../images/zelenskyy.svg"),
        "banner_image when there is no image"
    );
    let v11 = sample("newsroom-1.1.json");
    assert_eq!(
        v11.collection.language.as_ref().map(|l| l.as_str()),
        Some("en-GB"),
        "the feed's language"
    );
    assert_eq!(
        v11.collection.articles[3]
            .language
            .as_ref()
            .map(|l| (l.as_str(), l.is_right_to_left())),
        Some(("ar", true))
    );
}

#[test]
fn dates_fall_back_to_modified_and_undated_items_are_listed_last() {
    let parsed = feed(json!([
        {"id": "undated", "title": "U", "content_text": "x"},
        {"id": "modified-only", "title": "M", "date_modified": "2025-05-01T10:00:00Z", "content_text": "x"},
        {"id": "published", "title": "P", "date_published": "2025-04-01", "content_text": "x"}
    ]));
    let articles = &parsed.collection.articles;
    assert_eq!(articles[0].published, None);
    assert_eq!(
        articles[1].published.map(|p| p.to_machine()).as_deref(),
        Some("2025-05-01T10:00:00Z")
    );
    let index = Index::new(articles);
    let order = |filter: &Filter, sort| {
        index
            .evaluate(filter, sort)
            .matches
            .iter()
            .map(|i| index.article(i).id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(&Filter::default(), SortOrder::NewestFirst),
        ["modified-only", "published", "undated"]
    );
    assert_eq!(
        order(&Filter::default(), SortOrder::OldestFirst),
        ["published", "modified-only", "undated"]
    );
    let dated = Filter {
        from: article_viewer::date::CivilDate::new(2025, 1, 1),
        ..Filter::default()
    };
    assert_eq!(
        order(&dated, SortOrder::NewestFirst),
        ["modified-only", "published"],
        "left out while a date filter is set"
    );
}

#[test]
fn content_text_becomes_paragraphs() {
    let parsed = feed(
        json!([{"id": "t", "title": "T", "content_text": "First paragraph\ncontinues.\n\nSecond one.\n\n\n"}]),
    );
    assert_eq!(blocks(&parsed.collection.articles[0]).len(), 2);
    assert!(
        matches!(&blocks(&parsed.collection.articles[0])[0], Block::Paragraph(i) if i.plain_text() == "First paragraph\ncontinues.")
    );
}

#[test]
fn html_maps_to_typed_blocks() {
    let converted = to_blocks(concat!(
        "<p>Plain <strong>strong</strong> <b>bold</b> <em>em</em> <i>it</i><br>next <a href=\"https://x.org/\">link</a> ",
        "<strong>Monday</strong> after</p><p>",
        "<a href=\"mailto:a@b.c\">mail</a> <a href=\"/rel\">rel</a></p>",
        "<h2>Two</h2><h3>Three</h3><h4>Four</h4>",
        "<ul><li>one</li><li>two <em>em</em></li></ul><ol><li>first</li></ol>",
        "<blockquote class=\"pullquote\"><p>Big words</p><cite>Someone</cite></blockquote>",
        "<blockquote><p>Said it.</p><cite>— A source</cite></blockquote>",
        "<figure><img src=\"a.png\" alt=\"A harbour\" width=\"800\" height=\"600\"><figcaption>The harbour at dawn. Photograph: Jane Doe</figcaption></figure>",
        "<img src=\"b.png\" alt=\"Alone\">",
        "<pre><code>Sailing   Old\n  First   06:15</code></pre>",
        "<table><tr><td>Cell text</td></tr></table><section><span>Section text</span></section>",
    ));
    let b = &converted.blocks;
    let Block::Paragraph(first) = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(
        first.plain_text(),
        "Plain strong bold em it\nnext link Monday after"
    );
    let Block::Paragraph(second) = &b[1] else {
        panic!("{b:?}")
    };
    assert_eq!(second.plain_text(), "mail rel");
    let p = &Inline([first.0.clone(), second.0.clone()].concat());
    let b = &b[1..];
    assert!(
        p.0.iter().any(|s| s.text == "strong" && s.strong)
            && p.0.iter().any(|s| s.text == "bold" && s.strong)
    );
    assert!(
        p.0.iter().any(|s| s.text == "em" && s.em) && p.0.iter().any(|s| s.text == "it" && s.em)
    );
    let hrefs: Vec<&str> =
        p.0.iter()
            .filter_map(|s| s.href.as_ref().map(|h| h.as_str()))
            .collect();
    assert_eq!(hrefs, ["https://x.org/", "mailto:a@b.c", "/rel"]);
    assert_eq!(
        b[1],
        Block::Heading {
            text: "Two".into(),
            level: HeadingLevel::Two
        }
    );
    assert_eq!(
        b[2],
        Block::Heading {
            text: "Three".into(),
            level: HeadingLevel::Three
        }
    );
    assert_eq!(
        b[3],
        Block::Heading {
            text: "Four".into(),
            level: HeadingLevel::Three
        }
    );
    assert!(
        matches!(&b[4], Block::List { ordered: false, items } if items.len() == 2 && items[1].0.iter().any(|s| s.em))
    );
    assert!(matches!(&b[5], Block::List { ordered: true, items } if items.len() == 1));
    assert_eq!(
        b[6],
        Block::PullQuote {
            text: "Big words".into(),
            attribution: Some("Someone".into())
        }
    );
    assert!(
        matches!(&b[7], Block::Quote { text, cite: Some(c) } if text.plain_text() == "Said it." && c == "A source")
    );
    let Block::Image(figure) = &b[8] else {
        panic!("{:?}", b[8])
    };
    assert_eq!(
        (
            figure.src.as_str(),
            figure.alt.as_str(),
            figure.width,
            figure.height
        ),
        ("a.png", "A harbour", Some(800), Some(600))
    );
    assert_eq!(
        (figure.caption.as_deref(), figure.credit.as_deref()),
        (Some("The harbour at dawn"), Some("Jane Doe"))
    );
    assert!(matches!(&b[9], Block::Image(i) if i.alt == "Alone" && i.caption.is_none()));
    assert_eq!(
        b[10],
        Block::Preformatted {
            text: "Sailing   Old\n  First   06:15".into()
        }
    );
    assert!(matches!(&b[11], Block::Paragraph(i) if i.plain_text() == "Cell text"));
    assert!(matches!(&b[12], Block::Paragraph(i) if i.plain_text() == "Section text"));
    assert_eq!(b.len(), 13);
    assert!(converted.dropped.is_empty(), "{:?}", converted.dropped);
}

#[test]
fn hostile_markup_is_dropped_and_reported() {
    let converted = to_blocks(concat!(
        "<p>Kept <b onclick=\"window.__pwned=1\">text</b></p><script>window.__pwned=1</script><style>p{}</style>",
        "<img src=x onerror=\"window.__pwned=1\"><a href=\"javascript:window.__pwned=1\">Open</a> ",
        "<a href=\" JaVaScRiPt:window.__pwned=1\">app</a><a href=\"data:text/html,x\">terms</a>",
        "<iframe src=\"https://evil.example/\">frame text</iframe><form><input value=\"x\"><p>form text</p></form>",
        "<SCRIPT>window.__pwned=1</SCRIPT><object data=\"x\"></object>"
    ));
    let text: String = converted.blocks.iter().map(|b| format!("{b:?}")).collect();
    assert!(
        !text.contains("__pwned")
            && !text.contains("javascript")
            && !text.to_lowercase().contains("data:"),
        "{text}"
    );
    assert!(!text.contains("frame text") && !text.contains("form text"));
    assert!(
        text.contains("Kept")
            && text.contains("Open")
            && text.contains("app")
            && text.contains("terms")
    );
    assert!(
        !converted
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Image(_))),
        "an image with a handler is dropped"
    );
    for what in [
        "script",
        "style",
        "iframe",
        "form",
        "object",
        "event attributes",
        "links with a refused scheme",
    ] {
        assert!(
            converted.dropped.contains(what),
            "{what} not reported: {:?}",
            converted.dropped
        );
    }
}

#[test]
fn a_complete_html_document_keeps_only_its_body() {
    let parsed = sample("newsroom-1.0.json");
    let library = &parsed.collection.articles[4];
    let text = all_text(library);
    assert!(
        !text.contains("Library extends opening hours | Port Halden Newsroom"),
        "the <title> is dropped"
    );
    assert!(!text.contains("hotpink") && !text.contains("__pwned"));
    assert!(text.len() > 100, "{text}");
    assert!(
        parsed
            .notices
            .iter()
            .any(|n| n.path.to_string().starts_with("items[4]") && n.message.contains("head")),
        "{:?}",
        parsed.notices
    );
}

#[test]
fn the_sample_feeds_hostile_items_keep_their_text_and_lose_their_payloads() {
    for (file, index, kept) in [
        (
            "newsroom-1.0.json",
            5,
            "This sentence must survive without its onclick handler.",
        ),
        (
            "newsroom-1.1.json",
            5,
            "Library cards issued before 2020 need to be replaced. This sentence must survive.",
        ),
    ] {
        let parsed = sample(file);
        let article = &parsed.collection.articles[index];
        let text = all_text(article);
        assert!(text.contains(kept), "{file}: {text}");
        let debug = format!("{:?}", blocks(article));
        assert!(
            !debug.contains("__pwned") && !debug.to_lowercase().contains("javascript:"),
            "{file}: {debug}"
        );
    }
}

#[test]
fn figures_captions_and_credits_from_the_samples() {
    let parsed = sample("newsroom-1.0.json");
    let credits: Vec<String> = parsed
        .collection
        .articles
        .iter()
        .flat_map(|a| blocks(a).iter())
        .filter_map(|b| {
            if let Block::Image(i) = b {
                i.credit.clone()
            } else {
                None
            }
        })
        .collect();
    for credit in ["Jane Doe", "Getty", "Sample Agency"] {
        assert!(
            credits.iter().any(|c| c == credit),
            "{credit} in {credits:?}"
        );
    }
}

#[test]
fn regions_come_from_the_extension_object() {
    let parsed = feed(json!([
        {"id": "r", "title": "R", "content_text": "x", "_article_viewer": {"regions": ["Europe/Ukraine", "Bad//Path", 5]}},
        {"id": "none", "title": "N", "content_text": "x"}
    ]));
    let regions: Vec<String> = parsed.collection.articles[0]
        .regions
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(regions, ["Europe/Ukraine"]);
    assert!(
        parsed.collection.articles[1].regions.is_empty(),
        "under Unspecified region"
    );
    let paths: Vec<String> = parsed.notices.iter().map(|n| n.path.to_string()).collect();
    assert_eq!(
        paths,
        [
            "items[0] (id \"r\")._article_viewer.regions[1]",
            "items[0] (id \"r\")._article_viewer.regions[2]"
        ]
    );
}

#[test]
fn what_cannot_be_mapped_is_a_notice_and_items_without_ids_are_left_out() {
    let parsed = feed(json!([
        {"title": "no id", "content_text": "x"},
        {"id": "a", "title": "A", "url": "javascript:alert(1)", "language": "English", "date_published": "yesterday",
         "attachments": [{"url": "a.mp3", "mime_type": "audio/mpeg"}], "content_html": "<p>x</p><iframe></iframe>"}
    ]));
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(parsed.skipped[0].path, "items[0].id");
    let a = &parsed.collection.articles[0];
    assert_eq!(
        (a.url.is_none(), a.language.is_none(), a.published.is_none()),
        (true, true, true)
    );
    let fields: Vec<&str> = parsed
        .notices
        .iter()
        .filter_map(|n| match n.path.segments().last() {
            Some(Segment::Field(name)) => Some(*name),
            _ => None,
        })
        .collect();
    for field in [
        "content_html",
        "date_published",
        "language",
        "url",
        "attachments",
    ] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
}

#[test]
fn the_large_feed_filters_by_region_and_date() {
    let parsed = sample("large-feed.json");
    let articles: Vec<Rc<Article>> = parsed.collection.articles.clone();
    let index = Index::new(&articles);
    let all = index.evaluate(&Filter::default(), SortOrder::NewestFirst);
    assert_eq!(all.matches.len(), 360);
    assert!(index.nodes.len() > 5);
    assert!(index.unspecified_total > 0);
}
