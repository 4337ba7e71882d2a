//! The oversized and oddly shaped files of issue 20, generated at any scale: the benchmark
//! writes them full size (`cargo run --release --example shapes`), the property tests and the
//! fuzzing seeds use small copies of the same shapes. Nothing large is ever committed.

use serde_json::{json, Value};

fn article(id: &str, published: &str, regions: Vec<String>, body: Value) -> Value {
    json!({"id": id, "title": format!("Article {id}"), "published": published, "regions": regions, "body": body})
}

fn collection(articles: Vec<Value>) -> Value {
    json!({"version": 1, "articles": articles})
}

fn paragraph() -> Value {
    json!([{"type": "paragraph", "text": "Text."}])
}

/// `articles` articles, each in `per_article` regions of its own at the top of the tree.
fn distinct_roots(articles: usize, per_article: usize, prefix: &str) -> Value {
    collection(
        (0..articles)
            .map(|i| {
                let regions = (0..per_article)
                    .map(|k| format!("{prefix} {}", i * per_article + k))
                    .collect();
                article(&format!("a{i}"), "2025-04-08", regions, paragraph())
            })
            .collect(),
    )
}

/// The article the benchmark opens in each case (`a0` where not named): the odd one, whether
/// it is read or refused.
pub const ARTICLE_TO_OPEN: [(&str, &str); 3] = [
    ("tree-1000-deep", "a32"),
    ("same-id-100k", "same"),
    ("feed-30k-same-id", "same"),
];

/// Each case of issue 20: its name and its contents, at `scale` (1.0 gives the sizes the issue
/// names: a 30 MB title, 100,000 regions in one article, …; 0.001 gives files of a few
/// kilobytes of the same shapes, for property tests and fuzzing seeds). The benchmark opens
/// each as a list, then one article of it ([`ARTICLE_TO_OPEN`]).
#[must_use]
pub fn odd_shapes(scale: f64) -> Vec<(&'static str, Value)> {
    let day = "2025-04-08";
    // Sizes beyond a limit stay beyond it at any scale (`max`), so each shape keeps its point.
    let n = |full: usize| {
        let scaled = (full as f64 * scale.clamp(0.0, 1.0)).round();
        (scaled as usize).clamp(2, full)
    };
    vec![
        (
            "title-30mb",
            collection(vec![
                json!({
                    "id": "a0", "title": "t".repeat(n(30_000_000).max(10_001)), "published": day, "body": paragraph()
                }),
                article("fine", day, vec![], paragraph()),
            ]),
        ),
        (
            "regions-100k-in-one-article",
            collection(vec![
                article(
                    "a0",
                    day,
                    (0..n(100_000).max(150))
                        .map(|i| format!("Region {i}"))
                        .collect(),
                    paragraph(),
                ),
                article("fine", day, vec![], paragraph()),
            ]),
        ),
        ("roots-100k", distinct_roots(n(10_000), 10, "Root")),
        ("roots-1m", distinct_roots(n(10_000), 100, "R")),
        (
            "path-10k-names",
            collection(vec![
                article(
                    "a0",
                    day,
                    vec![vec!["Place"; n(10_000).max(40)].join("/")],
                    paragraph(),
                ),
                article("fine", day, vec![], paragraph()),
            ]),
        ),
        (
            "tree-1000-deep",
            collection(
                (1..=n(1_000).max(40))
                    .map(|depth| {
                        article(
                            &format!("a{depth}"),
                            day,
                            vec![vec!["Level"; depth].join("/")],
                            paragraph(),
                        )
                    })
                    .collect(),
            ),
        ),
        (
            "same-id-100k",
            collection(
                (0..n(100_000))
                    .map(|_| article("same", day, vec![], paragraph()))
                    .collect(),
            ),
        ),
        (
            "feed-30k-same-id",
            json!({
                "version": "https://jsonfeed.org/version/1.1", "title": "Feed",
                "items": (0..n(30_000)).map(|i| json!({"id": "same", "title": format!("Item {i}"), "content_text": "Text."})).collect::<Vec<_>>()
            }),
        ),
        (
            "years-0000-9999",
            collection(
                (0..n(10_000))
                    .map(|i| {
                        article(
                            &format!("a{i}"),
                            &format!("{:04}-06-01", i * (10_000 / n(10_000))),
                            vec![],
                            paragraph(),
                        )
                    })
                    .collect(),
            ),
        ),
        (
            "paragraph-10m-chars",
            collection(vec![
                article(
                    "a0",
                    day,
                    vec![],
                    json!([{"type": "paragraph", "text": "Wordy text. ".repeat(n(850_000).max(8_000))}]),
                ),
                article("fine", day, vec![], paragraph()),
            ]),
        ),
        (
            "unknown-blocks-100k",
            collection(vec![article(
                "a0",
                day,
                vec![],
                Value::Array(
                    (0..n(100_000))
                        .map(|i| json!({"type": format!("widget-{}", i % 7)}))
                        .collect(),
                ),
            )]),
        ),
    ]
}
