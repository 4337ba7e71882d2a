//! RSS and Atom, read directly (`src/format/xml`): the mapping on small feeds written for the
//! project, entities and CDATA, hostile markup, located errors, a cut-off feed, and an entity
//! bomb refused.

use article_viewer::format::{parse_collection, FormatError, Parsed};
use article_viewer::model::{Block, Body};

fn read(text: &str) -> Parsed {
    parse_collection(text).unwrap_or_else(|e| panic!("{e}"))
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:m="http://search.yahoo.com/mrss/"
     xmlns:georss="http://www.georss.org/georss">
<channel>
  <title>Port Halden &amp; District</title>
  <link>https://example.org/news/</link>
  <language>en-GB</language>
  <item>
    <title>Q&amp;A: the harbour &#8212; reopened</title>
    <link>https://example.org/news/harbour</link>
    <guid isPermaLink="false">tag:example.org,2025:harbour</guid>
    <pubDate>Mon, 07 Apr 2025 09:30:00 +0100</pubDate>
    <dc:creator>Jo Bloggs</dc:creator>
    <category>Transport</category>
    <category domain="https://example.org/regions">Europe/United Kingdom</category>
    <description>The harbour is open again.</description>
    <content:encoded><![CDATA[<p>Boats <strong>returned</strong>.</p><script>alert(1)</script><p onclick="x()">Handler</p><a href="javascript:alert(1)">bad</a>]]></content:encoded>
    <m:content url="https://example.org/img/harbour.jpg" medium="image" width="1200" height="800">
      <m:description>The sea wall at dawn.</m:description>
      <m:credit>Photograph: Jane Doe</m:credit>
    </m:content>
    <georss:featurename>Port Halden, Kent</georss:featurename>
  </item>
  <item>
    <title>Undated and oddly dated</title>
    <pubDate>sometime soon</pubDate>
    <author>ed@example.org (Ed Itor)</author>
    <enclosure url="img/bridge.png" type="image/png" length="1"/>
  </item>
  <item><link>https://example.org/x</link></item>
</channel>
</rss>"#;

#[test]
fn rss_items_map_to_articles() {
    let parsed = read(RSS);
    let collection = &parsed.collection;
    assert_eq!(collection.title.as_deref(), Some("Port Halden & District"));
    assert_eq!(collection.articles.len(), 2, "{:?}", parsed.skipped);
    let first = &collection.articles[0];
    assert_eq!(first.id, "tag-example-org-2025-harbour");
    assert_eq!(first.title, "Q&A: the harbour \u{2014} reopened");
    assert_eq!(first.byline, ["Jo Bloggs"]);
    assert_eq!(first.tags, ["Transport"]);
    let regions: Vec<String> = first.regions.iter().map(ToString::to_string).collect();
    assert_eq!(regions, ["Kent/Port Halden", "Europe/United Kingdom"]);
    assert_eq!(
        first.standfirst.as_deref(),
        Some("The harbour is open again.")
    );
    let published = first.published.expect("a date");
    assert_eq!(published.time.expect("a time").offset_minutes, 60);
    assert_eq!(
        first.url.as_ref().map(|u| u.as_str()),
        Some("https://example.org/news/harbour")
    );
    let image = first.image.as_ref().expect("the media:content image");
    assert_eq!(image.caption.as_deref(), Some("The sea wall at dawn."));
    assert_eq!(image.credit.as_deref(), Some("Photograph: Jane Doe"));
    assert_eq!((image.width, image.height), (Some(1200), Some(800)));
    let Body::Blocks(blocks) = &first.body else {
        panic!("an inline body")
    };
    let text: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(i) => Some(i.plain_text()),
            _ => None,
        })
        .collect();
    assert!(text.iter().any(|t| t == "Boats returned."), "{text:?}");
    assert!(text.iter().all(|t| !t.contains("alert")), "{text:?}");
    let notices: Vec<String> = parsed.notices.iter().map(ToString::to_string).collect();
    assert!(
        notices.iter().any(|n| n.contains("content:encoded")
            && n.contains("script")
            && n.contains("event attributes")
            && n.contains("refused scheme")),
        "{notices:?}"
    );

    let second = &collection.articles[1];
    assert_eq!(second.byline, ["Ed Itor"]);
    assert!(second.published.is_none());
    assert_eq!(
        second.source.as_ref().map(|s| s.name.as_str()),
        Some("Port Halden & District")
    );
    assert_eq!(
        second.image.as_ref().map(|i| i.src.as_str()),
        Some("img/bridge.png")
    );
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("item[1]") && n.contains("pubDate") && n.contains("line 27")),
        "a bad date is a located notice: {notices:?}"
    );
    assert_eq!(parsed.skipped.len(), 1);
    assert!(
        parsed.skipped[0].to_string().starts_with("item[2]"),
        "{}",
        parsed.skipped[0]
    );
}

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="https://example.net/blog/">
  <title type="html">Le &lt;b&gt;Journal&lt;/b&gt;</title>
  <link rel="alternate" href="https://example.net/blog/"/>
  <author><name>La rédaction</name></author>
  <entry>
    <id>urn:uuid:1225c695</id>
    <title>Pont fermé</title>
    <link rel="alternate" href="2025/pont"/>
    <published>2025-05-02T08:00:00+02:00</published>
    <updated>2025-05-03T08:00:00+02:00</updated>
    <category term="Europe/France" scheme="https://example.net/places"/>
    <category term="travaux" label="Travaux"/>
    <summary>Le pont est fermé.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Fermé <em>jusqu'à</em> juin.</p><img src="img/pont.jpg" alt="Le pont"/></div></content>
  </entry>
  <entry xml:base="https://other.example/">
    <id>second</id>
    <title type="text">Second</title>
    <author><name>Ana</name></author>
    <updated>2025-05-01T00:00:00Z</updated>
    <link href="post"/>
    <content type="html">&lt;p&gt;Texte&lt;/p&gt;</content>
  </entry>
</feed>"#;

#[test]
fn atom_entries_map_to_articles() {
    let parsed = read(ATOM);
    let collection = &parsed.collection;
    assert_eq!(collection.title.as_deref(), Some("Le Journal"));
    assert_eq!(collection.language.as_ref().map(|l| l.as_str()), Some("fr"));
    let first = &collection.articles[0];
    assert_eq!(first.title, "Pont fermé");
    assert_eq!(
        first.byline,
        ["La rédaction"],
        "the feed's author stands in"
    );
    assert_eq!(first.tags, ["Travaux"]);
    assert_eq!(first.regions[0].to_string(), "Europe/France");
    assert_eq!(first.standfirst.as_deref(), Some("Le pont est fermé."));
    assert!(first.updated.is_some());
    assert_eq!(
        first.url.as_ref().map(|u| u.as_str()),
        Some("https://example.net/blog/2025/pont")
    );
    let Body::Blocks(blocks) = &first.body else {
        panic!("an inline body")
    };
    assert!(
        matches!(&blocks[0], Block::Paragraph(i) if i.plain_text() == "Fermé jusqu'à juin."),
        "{blocks:?}"
    );
    assert!(blocks.iter().any(|b| matches!(b, Block::Image(i) if i.src.as_str() == "https://example.net/blog/img/pont.jpg")), "{blocks:?}");
    let second = &collection.articles[1];
    assert_eq!(second.byline, ["Ana"]);
    assert!(
        second.published.is_some(),
        "updated stands in for published"
    );
    assert_eq!(
        second.url.as_ref().map(|u| u.as_str()),
        Some("https://other.example/post")
    );
}

#[test]
fn syntax_errors_are_located_and_a_cut_keeps_what_was_read() {
    match parse_collection("<rss><channel><title>x</titl></channel></rss>") {
        Err(FormatError::NotXml { line: 1, .. }) => {}
        other => panic!("a located syntax error, not {other:?}"),
    }
    match parse_collection("<html><body/></html>") {
        Err(FormatError::NotXml { message, .. }) => {
            assert!(message.contains("<html>"), "{message}")
        }
        other => panic!("not a feed, not {other:?}"),
    }
    let cut = "<rss><channel><item><title>One</title></item>\n<item><title>Two</titl></item>";
    let parsed = read(cut);
    assert_eq!(parsed.collection.articles.len(), 1);
    assert!(
        parsed.skipped[0].message.contains("line 2"),
        "{}",
        parsed.skipped[0]
    );
}

#[test]
fn declared_entities_are_refused_never_expanded() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    for level in 1..10 {
        bomb.push_str(&format!(
            "<!ENTITY e{level} \"{}\">\n",
            format!("&e{};", level - 1).repeat(10)
        ));
    }
    bomb.push_str("]>\n<rss><channel><item><title>&e9;</title></item></channel></rss>");
    match parse_collection(&bomb) {
        Err(FormatError::NotXml {
            line: 2, message, ..
        }) => assert!(message.contains("ENTITY"), "{message}"),
        other => panic!("refused, not {other:?}"),
    }
    let external = "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>&x;</title></item></channel></rss>";
    assert!(matches!(
        parse_collection(external),
        Err(FormatError::NotXml { .. })
    ));
}

#[test]
fn rdf_feeds_and_many_items_are_read() {
    let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://example.org/"><title>RDF</title><link>https://example.org/</link></channel>
      <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link><dc:date>2025-01-02T03:04:05Z</dc:date></item>
    </rdf:RDF>"#;
    let parsed = read(rdf);
    assert_eq!(parsed.collection.title.as_deref(), Some("RDF"));
    assert_eq!(parsed.collection.articles.len(), 1);
    assert!(parsed.collection.articles[0].published.is_some());

    let mut big = String::from("<rss><channel><title>Big</title>");
    for i in 0..10_000 {
        big.push_str(&format!("<item><guid>g{i}</guid><title>Item {i}</title><pubDate>Tue, 01 Apr 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;Body {i}&lt;/p&gt;</description></item>"));
    }
    big.push_str("</channel></rss>");
    let parsed = read(&big);
    assert_eq!(parsed.collection.articles.len(), 10_000);
    assert!(parsed.skipped.is_empty());
}

/// The XML reader's worker answers with the feed as v1 and its problems as a file of their own
/// (`format::handover`): read back by the viewer, both are what reading the feed directly gives.
#[test]
fn the_sample_feeds_hand_over_to_the_viewer_unchanged() {
    use article_viewer::format::handover::read_problems;
    use article_viewer::format::write::{collection_file, problems_file};
    use article_viewer::format::{parse_collection_bytes, ChunkedReader};
    for (name, articles) in [("gazette.rss.xml", 6), ("tarnwick.atom.xml", 4)] {
        let path = format!("{}/samples/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect("the sample feed is in samples/feeds");
        let direct = parse_collection_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(direct.collection.articles.len(), articles, "{name}");
        assert!(direct.skipped.is_empty(), "{name}: {:?}", direct.skipped);

        let listed: Vec<_> = direct
            .collection
            .articles
            .iter()
            .map(|a| (&**a, None))
            .collect();
        let v1 = collection_file(
            direct.collection.title.as_deref(),
            direct.collection.language.as_ref().map(|l| l.as_str()),
            &listed,
        );
        let v1 = String::from_utf8(v1).expect("the writer writes UTF-8");
        let handed = ChunkedReader::handed_over(v1.as_str())
            .finish()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(handed.collection, direct.collection, "{name}");
        assert!(
            handed.skipped.is_empty() && handed.notices.is_empty(),
            "{name}"
        );
        let (skipped, notices) =
            read_problems(&problems_file(&direct.skipped, &direct.notices)).expect("problems");
        assert_eq!(skipped, direct.skipped);
        let shown = |list: &[article_viewer::format::Problem]| {
            list.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        assert_eq!(shown(&notices), shown(&direct.notices), "{name}");
    }
}

#[test]
fn the_latin1_sample_reads_its_accents_and_keeps_the_badly_dated_item() {
    let path = format!(
        "{}/samples/feeds/gazette.rss.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).expect("the sample feed is in samples/feeds");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the sample is saved as ISO-8859-1"
    );
    let parsed = article_viewer::format::parse_collection_bytes(&bytes).expect("readable");
    let titles: Vec<&str> = parsed
        .collection
        .articles
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert!(titles.contains(&"Harbour café wins award & a «best chowder» title"));
    let choir = parsed
        .collection
        .articles
        .iter()
        .find(|a| a.title.starts_with("School choir"))
        .expect("the badly dated item is kept");
    assert_eq!(choir.published, None);
    // Feed items are named by the id as the feed wrote it (here the link), to find in the file.
    assert!(parsed.notices.iter().any(|n| {
        n.to_string()
                .starts_with("item[5] (id \"https://example.net/gazette/2025/02/choir\").pubDate: \"sometime in February\" is not a date")
    }));
    assert_eq!(choir.id, "https-example-net-gazette-2025-02-choir");
}

#[test]
fn feed_addresses_are_guessed_from_their_ends() {
    use article_viewer::format::looks_like_feed_address;
    for url in [
        "feeds/gazette.rss.xml",
        "https://example.org/news/feed/",
        "https://example.org/index.atom?x=1",
        "/rss#top",
        "https://example.org/feed.RDF",
    ] {
        assert!(looks_like_feed_address(url), "{url}");
    }
    for url in [
        "articles.json",
        "https://example.org/feeds/",
        "/news/rss.json",
        "xml",
    ] {
        assert!(!looks_like_feed_address(url), "{url}");
    }
}

#[test]
fn a_json_feed_is_told_from_its_first_key() {
    use article_viewer::format::looks_like_json_feed;
    for text in [
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []}"#,
        "\u{feff} {\n  \"version\" :\"https:\\/\\/jsonfeed.org\\/version\\/1\", \"items\": []}",
    ] {
        assert!(looks_like_json_feed(text.as_bytes()), "{text}");
    }
    for text in [
        // The version after the items: only the reader finds it (FormatError::FeedElsewhere
        // in the viewer's own WebAssembly; e2e/feed.test.mjs loads such a feed).
        r#"{"items": [], "version": "https://jsonfeed.org/version/1.1"}"#,
        r#"{"version": 1, "articles": []}"#,
        r#"{"version": "https://example.org/version/1"}"#,
        "<rss/>",
        "",
    ] {
        assert!(!looks_like_json_feed(text.as_bytes()), "{text}");
    }
}
