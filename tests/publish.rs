//! Native tests of the publish step: the pages it writes (prerendered article and collection,
//! head tags, JSON-LD), escaping of hostile text, the sitemap and feed, the files it copies and
//! refuses, and re-publishing (only what changed is rewritten, stale pages go).

mod common;

use article_viewer::publish::files::{InlineScript, APP_FILES};
use article_viewer::publish::{check_base_url, publish, Form, Options, Report};
use base64ct::Encoding;
use common::{Page, TODAY};
use sha2::Digest;
use std::path::{Path, PathBuf};

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("av-publish-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Stand-in build of the viewer (the pages only name and hash its files).
fn fake_app(dir: &Path) -> PathBuf {
    let app = dir.join("dist");
    std::fs::create_dir_all(&app).unwrap_or_else(|e| panic!("{}: {e}", app.display()));
    for name in APP_FILES {
        std::fs::write(app.join(name), format!("/* {name} */"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    std::fs::write(app.join("prefs.js"), FAKE_PREFS).unwrap_or_else(|e| panic!("prefs.js: {e}"));
    app
}

/// The stand-in `prefs.js`: a comment line (left out when inlined) and a statement.
const FAKE_PREFS: &str = "// Runs before the first paint.\n(() => { document.documentElement.dataset.avPrefs = \"\"; })();\n";

/// `page`'s one inline classic script is `prefs.js` without its comment line, and the page's
/// Content Security Policy lets exactly that script run inline: its hash, no 'unsafe-inline'.
fn only_prefs_is_inline(page: &Page) {
    let inline = "script:not([src]):not([type=\"application/ld+json\"])";
    assert_eq!(page.count(inline), 1, "one inline script");
    let text = page.raw_text(inline);
    assert_eq!(
        text,
        "(() => { document.documentElement.dataset.avPrefs = \"\"; })();\n"
    );
    let csp = page
        .attr("meta[http-equiv=\"Content-Security-Policy\"]", "content")
        .unwrap_or_else(|| panic!("a Content Security Policy"));
    let hash = format!(
        "sha256-{}",
        base64ct::Base64::encode_string(&sha2::Sha256::digest(text.as_bytes()))
    );
    assert!(
        csp.contains(&format!("script-src 'self' '{hash}' 'wasm-unsafe-eval';")),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(csp.matches("sha256-").count(), 1, "{csp}");
}

#[test]
fn an_inline_script_is_refused_when_it_could_end_its_element() {
    for source in ["let a = '</SCRIPT>';", "// x\nlet a = '<!--';"] {
        assert!(InlineScript::from_source(source).is_err(), "{source}");
    }
    let script = InlineScript::from_source("// a\n  // b\n\nlet a = 1;\n").expect("inlinable");
    assert_eq!(script.text, "let a = 1;\n");
    assert!(script.hash.starts_with("sha256-"), "{}", script.hash);
}

fn run(input: &Path, out: &Path, app: &Path, base_url: Option<&str>) -> Report {
    let options = Options {
        input: input.to_owned(),
        out: out.to_owned(),
        app: app.to_owned(),
        base_url: base_url.map(str::to_owned),
        today: TODAY,
        form: Form::Auto,
    };
    publish(&options, &mut |_| {}).unwrap_or_else(|e| panic!("publishing failed: {e}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{} must exist: {e}", path.display()))
}

fn whole(html: &str) -> Page {
    Page::parse_document(html)
}

const SEED: &str = "zelenskyy-second-russian-border-region";

fn publish_samples(name: &str, base_url: Option<&str>) -> (PathBuf, Report) {
    let dir = scratch(name);
    let app = fake_app(&dir);
    let out = dir.join("site");
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles.json");
    let report = run(&input, &out, &app, base_url);
    (out, report)
}

#[test]
fn every_article_has_a_complete_page() {
    let (out, report) = publish_samples("pages", None);
    let sample = common::sample();
    assert_eq!(report.pages, sample.collection.articles.len() + 1);
    for article in &sample.collection.articles {
        let page = whole(&read(
            &out.join(format!("articles/{}/index.html", article.id)),
        ));
        assert_eq!(page.count("h1"), 1, "{}", article.id);
        assert_eq!(
            page.text("h1"),
            article.title,
            "{}: the headline",
            article.id
        );
        assert_eq!(page.text("head > title"), article.title);
        assert_eq!(
            page.attr("#article-viewer", "data-site-root").as_deref(),
            Some("../../")
        );
        assert_eq!(
            page.count("#article-viewer[hidden]"),
            1,
            "the viewer mounts hidden"
        );
        assert_eq!(
            page.count("#article-viewer-prerendered article.av-article"),
            1
        );
    }
    // The seed: every paragraph, figure with caption and credit, and the pull quote.
    let page = whole(&read(&out.join(format!("articles/{SEED}/index.html"))));
    let text = page.all_text();
    let seed = sample
        .collection
        .find(SEED)
        .expect("the seed is in the samples");
    let article_viewer::model::Body::Blocks(blocks) = &seed.body else {
        panic!("the seed's body is inline")
    };
    for block in blocks {
        if let article_viewer::model::Block::Paragraph(inline) = block {
            let plain = inline.plain_text();
            let words: Vec<&str> = plain.split_whitespace().take(8).collect();
            assert!(
                text.contains(&words.join(" ")),
                "paragraph missing: {words:?}"
            );
        }
    }
    assert_eq!(page.count("figure.av-figure > figcaption"), 3);
    assert_eq!(
        page.texts("figcaption .av-caption__credit"),
        vec!["Image source, Getty"; 3]
    );
    assert_eq!(page.attr("time", "datetime").as_deref(), Some("2025-04-08"));
    assert_eq!(
        page.attrs("figure.av-figure img", "src")[0],
        "../../images/soldier.svg",
        "image URLs are relative to the page"
    );
    assert!(
        out.join("images/soldier.svg").is_file(),
        "images are copied"
    );
    // Links between pages are path URLs relative to the page.
    assert_eq!(
        page.attr(".av-nav__back", "href").as_deref(),
        Some("../../")
    );
    let next = page.attr(".av-pager__next", "href").expect("a next link");
    assert!(
        next.starts_with("../../articles/") && next.ends_with('/'),
        "{next}"
    );
    // Loads its viewer from the content-named folder, with integrity.
    let boot = page.attr("script[type=module]", "src").expect("boot.js");
    assert!(
        boot.starts_with("../../app/") && boot.ends_with("/boot.js"),
        "{boot}"
    );
    assert!(page
        .attr("script[type=module]", "integrity")
        .is_some_and(|sri| sri.starts_with("sha384-")));
    // prefs.js runs before the first paint, inline (no request holds the paint back).
    only_prefs_is_inline(&page);
}

#[test]
fn collection_page_lists_the_newest_cards_with_counts() {
    let (out, _) = publish_samples("collection", None);
    let page = whole(&read(&out.join("index.html")));
    assert_eq!(
        page.attr("html", "data-av-page").as_deref(),
        Some("collection")
    );
    assert_eq!(
        page.attr("#article-viewer", "data-site-root").as_deref(),
        Some("./")
    );
    assert_eq!(page.count(".av-card"), 20, "the first page of cards");
    let links = page.attrs(".av-card__link", "href");
    assert_eq!(links.len(), 20);
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("./articles/") && l.ends_with('/')),
        "{links:?}"
    );
    assert!(page.all_text().contains("25 articles"));
    assert!(
        page.count(".av-filters input[type=checkbox]") > 3,
        "the region tree"
    );
}

#[test]
fn head_tags_and_json_ld_with_a_base_url() {
    let (out, _) = publish_samples("head", Some("https://example.org/news"));
    let page = whole(&read(&out.join(format!("articles/{SEED}/index.html"))));
    let url = format!("https://example.org/news/articles/{SEED}/");
    assert_eq!(page.attr("link[rel=canonical]", "href"), Some(url.clone()));
    assert_eq!(
        page.attr("meta[property=\"og:url\"]", "content"),
        Some(url.clone())
    );
    assert_eq!(
        page.attr("meta[property=\"og:image\"]", "content")
            .as_deref(),
        Some("https://example.org/news/images/soldier.svg")
    );
    assert_eq!(
        page.attr("meta[name=\"twitter:card\"]", "content")
            .as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        page.attr("meta[property=\"article:published_time\"]", "content")
            .as_deref(),
        Some("2025-04-08")
    );
    let description = page
        .attr("meta[name=description]", "content")
        .expect("a description");
    assert!(
        description.starts_with("Volodymyr Zelenskyy has confirmed"),
        "{description}"
    );
    let ld: serde_json::Value =
        serde_json::from_str(&page.text("script[type=\"application/ld+json\"]"))
            .expect("the JSON-LD is JSON");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["datePublished"], "2025-04-08");
    assert_eq!(ld["author"][0]["name"], "Ella Bennett");
    assert_eq!(ld["image"][0]["creditText"], "Getty");
    assert_eq!(ld["inLanguage"], "en-GB");
    assert_eq!(ld["mainEntityOfPage"], url.as_str());
    assert!(ld["spatialCoverage"]
        .as_array()
        .is_some_and(|places| places.iter().any(|p| p["name"] == "Kursk Oblast")));

    let sitemap = read(&out.join("sitemap.xml"));
    assert_eq!(
        sitemap.matches("<loc>").count(),
        26,
        "the root and 25 articles"
    );
    assert!(sitemap.contains(&format!("<loc>{url}</loc><lastmod>2025-04-08</lastmod>")));
    let feed: serde_json::Value =
        serde_json::from_str(&read(&out.join("feed.json"))).expect("feed.json is JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["feed_url"], "https://example.org/news/feed.json");
    let items = feed["items"].as_array().expect("items");
    assert_eq!(items.len(), 25);
    assert_eq!(
        items[0]["url"],
        "https://example.org/news/articles/sample-andes-observatory/"
    );
}

#[test]
fn without_a_base_url_no_relative_canonical_and_a_relative_sitemap() {
    let (out, _) = publish_samples("relative", None);
    let page = whole(&read(&out.join(format!("articles/{SEED}/index.html"))));
    assert_eq!(page.count("link[rel=canonical]"), 0);
    assert_eq!(
        page.count("meta[property=\"og:image\"]"),
        0,
        "og:image must be absolute"
    );
    assert!(read(&out.join("sitemap.xml")).contains(&format!("<loc>articles/{SEED}/</loc>")));
}

const HOSTILE_TITLE: &str = "</script><script>alert(1)</script><!-- \"quoted\" & 'single' </title>";

#[test]
fn hostile_text_stays_text_in_the_page_and_the_json_ld() {
    let dir = scratch("hostile");
    let app = fake_app(&dir);
    let input = dir.join("hostile.json");
    let article = serde_json::json!({
        "version": 1,
        "title": HOSTILE_TITLE,
        "articles": [{
            "id": "x", "title": HOSTILE_TITLE, "standfirst": format!("{HOSTILE_TITLE}\u{2028}"),
            "published": "2025-01-02", "byline": [HOSTILE_TITLE], "tags": ["</script>"],
            "regions": ["Europe/</script>"],
            "body": [{"type": "paragraph", "text": HOSTILE_TITLE}]
        }]
    });
    std::fs::write(&input, article.to_string()).expect("input written");
    run(
        &input,
        &dir.join("site"),
        &app,
        Some("https://example.org/"),
    );
    let html = read(&dir.join("site/articles/x/index.html"));
    let page = whole(&html);
    assert_eq!(page.text("head > title"), HOSTILE_TITLE);
    assert_eq!(page.text("h1"), HOSTILE_TITLE);
    assert_eq!(
        page.attr("meta[property=\"og:title\"]", "content")
            .as_deref(),
        Some(HOSTILE_TITLE)
    );
    only_prefs_is_inline(&page);
    assert_eq!(page.count("script[type=\"application/ld+json\"]"), 1);
    let ld: serde_json::Value =
        serde_json::from_str(&page.text("script[type=\"application/ld+json\"]"))
            .expect("the JSON-LD is JSON");
    assert_eq!(ld["headline"], HOSTILE_TITLE);
    assert_eq!(ld["author"][0]["name"], HOSTILE_TITLE);
    assert_eq!(ld["keywords"][0], "</script>");
    let collection = whole(&read(&dir.join("site/index.html")));
    assert_eq!(collection.text("head > title"), HOSTILE_TITLE);
    only_prefs_is_inline(&collection);
}

#[test]
fn republishing_rewrites_only_what_changed_and_removes_stale_pages() {
    let dir = scratch("republish");
    let app = fake_app(&dir);
    let out = dir.join("site");
    let input = dir.join("articles.json");
    let original = common::read_text("samples/articles.json");
    std::fs::write(&input, &original).expect("input written");
    let first = run(&input, &out, &app, None);
    assert!(first.written > 26);
    let again = run(&input, &out, &app, None);
    assert_eq!(again.written, 0, "nothing changed, nothing written");

    // One title edited: its page, its neighbours' previous/next links, the list and the data.
    let edited = original.replace(
        "Hull's new flood barrier passes its first winter test",
        "Hull's flood barrier passes its first winter test",
    );
    assert_ne!(edited, original);
    std::fs::write(&input, &edited).expect("input edited");
    let after_edit = run(&input, &out, &app, None);
    assert!(
        (2..=8).contains(&after_edit.written),
        "{} files rewritten for one title",
        after_edit.written
    );

    // An article removed: its page goes.
    let mut value: serde_json::Value = serde_json::from_str(&edited).expect("samples are JSON");
    let removed = value["articles"][1]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    value["articles"]
        .as_array_mut()
        .expect("articles")
        .remove(1);
    std::fs::write(&input, value.to_string()).expect("input written");
    let after_removal = run(&input, &out, &app, None);
    assert_eq!(after_removal.removed, 1);
    assert!(!out.join(format!("articles/{removed}/index.html")).exists());
}

#[test]
fn files_outside_the_input_folder_or_over_the_sites_own_are_not_copied() {
    let dir = scratch("escape");
    let app = fake_app(&dir);
    std::fs::write(dir.join("secret.txt"), "secret").expect("written");
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("app")).expect("made");
    std::fs::write(data.join("app/boot.js"), "evil").expect("written");
    let input = data.join("in.json");
    let article = serde_json::json!({"version": 1, "articles": [
        {"id": "a", "title": "A", "published": "2025-01-02",
         "image": {"src": "../secret.txt", "alt": "x"},
         "body": [{"type": "image", "src": "app/boot.js", "alt": "y"}]}
    ]});
    std::fs::write(&input, article.to_string()).expect("input written");
    let out = dir.join("site");
    let report = run(&input, &out, &app, None);
    assert_eq!(report.copied, 0);
    assert!(!out.join("../secret.txt").is_file() || !dir.join("site/secret.txt").exists());
    let published_boot = std::fs::read_dir(out.join("app"))
        .expect("the app folder")
        .filter_map(Result::ok)
        .map(|entry| read(&entry.path().join("boot.js")))
        .collect::<Vec<_>>();
    assert_eq!(
        published_boot,
        vec!["/* boot.js */"],
        "the viewer's own boot.js"
    );
}

#[test]
fn base_urls_are_checked() {
    assert_eq!(
        check_base_url("https://example.org/news").ok().as_deref(),
        Some("https://example.org/news/")
    );
    for bad in [
        "example.org/",
        "javascript:alert(1)",
        "https://",
        "https://x.org/?a=1",
        "ftp://x.org/",
    ] {
        assert!(check_base_url(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_bad_input_is_a_located_error() {
    let dir = scratch("bad");
    let app = fake_app(&dir);
    let input = dir.join("broken.json");
    std::fs::write(&input, "{\"version\": 1, \"articles\": [\n  {\"id\": }\n]}").expect("written");
    let options = Options {
        input: input.clone(),
        out: dir.join("site"),
        app,
        base_url: None,
        today: TODAY,
        form: Form::Auto,
    };
    let error = publish(&options, &mut |_| {}).expect_err("broken JSON is refused");
    let message = error.to_string();
    assert!(
        message.contains("broken.json") && message.contains("line 2"),
        "{message}"
    );
}

#[test]
fn a_json_feed_and_a_single_article_publish_too() {
    let dir = scratch("formats");
    let app = fake_app(&dir);
    let feed = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/feeds/newsroom-1.1.json");
    let report = run(&feed, &dir.join("feed-site"), &app, None);
    let parsed = common::parse_file("samples/feeds/newsroom-1.1.json");
    assert!(!parsed.collection.articles.is_empty());
    assert_eq!(report.pages, parsed.collection.articles.len() + 1);
    for article in &parsed.collection.articles {
        let page = whole(&read(
            &dir.join(format!("feed-site/articles/{}/index.html", article.id)),
        ));
        assert_eq!(page.text("h1"), article.title);
    }

    let single = dir.join("one.json");
    let article = serde_json::json!({
        "version": 1, "id": "only-one", "title": "One article", "published": "2025-03-01",
        "body": [{"type": "paragraph", "text": "Its only paragraph."}]
    });
    std::fs::write(&single, article.to_string()).expect("written");
    let report = run(&single, &dir.join("one-site"), &app, None);
    assert_eq!(report.pages, 2);
    let page = whole(&read(&dir.join("one-site/articles/only-one/index.html")));
    assert!(page.all_text().contains("Its only paragraph."));
}

#[test]
fn an_archive_site_holds_every_article_with_its_body_and_a_file_site_removes_it() {
    use article_viewer::archive::{read_manifest, Archive};
    use article_viewer::format::{parse_body_bytes, parse_collection_bytes};
    use article_viewer::model::Body;
    for (name, input) in [
        ("archive-samples", "samples/articles.json"),
        ("archive-split", "tests/fixtures/split/collection.json"),
    ] {
        let dir = scratch(name);
        let app = fake_app(&dir);
        let out = dir.join("site");
        let input = Path::new(env!("CARGO_MANIFEST_DIR")).join(input);
        let options = |form| Options {
            input: input.clone(),
            out: out.clone(),
            app: app.clone(),
            base_url: None,
            today: TODAY,
            form,
        };
        let report = publish(&options(Form::Archive), &mut |_| {}).expect("an archive site");
        // The split fixture's article "fails" names a body file that is not there.
        assert!(
            report
                .problems
                .iter()
                .all(|p| p.starts_with("articles[id=fails]")),
            "{:?}",
            report.problems
        );
        let original = parse_collection_bytes(&std::fs::read(&input).expect("the input"))
            .expect("the input reads")
            .collection;
        let manifest = read_manifest("articles.json", &read(&out.join("articles.json")))
            .expect("articles.json is the archive's manifest");
        let archive = Archive::new(manifest);
        assert_eq!(archive.index.len(), original.articles.len());
        let mut ids = Vec::new();
        for rank in 0..u32::try_from(archive.index.len()).expect("small") {
            let shard = archive.shard_of(rank).expect("a shard");
            let cards_dir = out.join(&shard.file).parent().expect("a folder").to_owned();
            let cards = parse_collection_bytes(read(&out.join(&shard.file)).as_bytes())
                .expect("a shard is a format v1 collection");
            assert_eq!(cards.collection.articles.len(), shard.len as usize);
            let card = &cards.collection.articles[(rank - shard.first) as usize];
            let source = original
                .articles
                .iter()
                .find(|a| a.id == card.id)
                .expect("known");
            assert_eq!(
                (&card.title, &card.standfirst, card.published, &card.regions),
                (
                    &source.title,
                    &source.standfirst,
                    source.published,
                    &source.regions
                ),
            );
            if matches!(source.body, Body::Blocks(_)) {
                assert_eq!(
                    card.reading_minutes(),
                    source.reading_minutes(),
                    "a card shows its body's reading time before the body is loaded"
                );
            }
            if let Some(image) = &card.image {
                let file = cards_dir.join(image.src.as_str());
                assert!(file.is_file(), "{} from {}", file.display(), shard.file);
            }
            let Body::Remote(url) = &card.body else {
                panic!("{}: a card's body is its own file", card.id);
            };
            if card.id == "fails" {
                assert_eq!(
                    url.as_str(),
                    "../../bodies/missing.json",
                    "kept, for its own error"
                );
                ids.push(card.id.clone());
                continue;
            }
            let body = std::fs::read(cards_dir.join(url.as_str())).expect("the body file");
            let (blocks, problems) = parse_body_bytes(&body).expect("a body file");
            assert!(problems.is_empty() && !blocks.is_empty(), "{}", card.id);
            assert!(out
                .join(format!("articles/{}/index.html", card.id))
                .is_file());
            ids.push(card.id.clone());
        }
        let mut expected: Vec<String> = original.articles.iter().map(|a| a.id.clone()).collect();
        expected.sort();
        ids.sort();
        assert_eq!(ids, expected, "every article once");
        // The archive has its own copy of each body: the input's body files stay out of it.
        let input_body = out.join("bodies/loads.json");
        if name == "archive-split" {
            assert!(
                !input_body.exists(),
                "{} is not copied",
                input_body.display()
            );
        }

        publish(&options(Form::File), &mut |_| {}).expect("a one-file site");
        assert!(!out.join("archive").exists(), "the archive is removed");
        if name == "archive-split" {
            assert!(
                input_body.is_file(),
                "the one-file site reads the input's body files"
            );
        }
        assert_eq!(
            std::fs::read(out.join("articles.json")).expect("articles.json"),
            std::fs::read(&input).expect("the input"),
        );
    }
}

#[test]
fn an_archive_copies_a_body_file_it_cannot_read_so_the_viewer_shows_its_error() {
    let dir = scratch("archive-broken-body");
    let app = fake_app(&dir);
    std::fs::create_dir_all(dir.join("in/bodies")).expect("a folder");
    std::fs::write(
        dir.join("in/index.json"),
        r#"{"version": 1, "articles": [
            {"id": "good", "title": "Good", "published": "2025-05-01", "body_url": "bodies/good.json"},
            {"id": "broken", "title": "Broken", "published": "2025-05-02", "body_url": "bodies/broken.json"}
        ]}"#,
    )
    .expect("written");
    std::fs::write(
        dir.join("in/bodies/good.json"),
        r#"{"version": 1, "body": [{"type": "paragraph", "text": "Fine."}]}"#,
    )
    .expect("written");
    std::fs::write(
        dir.join("in/bodies/broken.json"),
        "{\"version\": 1, \"body\": [",
    )
    .expect("written");
    let out = dir.join("site");
    let options = Options {
        input: dir.join("in/index.json"),
        out: out.clone(),
        app,
        base_url: None,
        today: TODAY,
        form: Form::Archive,
    };
    let report = publish(&options, &mut |_| {}).expect("an archive site");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("articles[id=broken].body_url")),
        "{:?}",
        report.problems
    );
    assert!(out.join("archive/bodies/good.json").is_file());
    assert!(
        !out.join("bodies/good.json").exists(),
        "read, so not copied"
    );
    assert!(
        out.join("bodies/broken.json").is_file(),
        "unreadable, so copied for the viewer's located error"
    );
}
