//! Writes the oversized and oddly shaped files of issue 20 into a folder, one per case, for the
//! benchmark (`node bench/run.mjs` opens each one in the viewer). Generated, never committed:
//!
//! ```text
//! cargo run --release --example shapes -- target/bench-data/shapes
//! ```

use serde_json::{json, Value};
use std::path::PathBuf;

fn article(id: &str, published: &str, regions: Vec<String>, body: Value) -> Value {
    json!({"id": id, "title": format!("Article {id}"), "published": published, "regions": regions, "body": body})
}

fn collection(articles: Vec<Value>) -> Value {
    json!({"version": 1, "articles": articles})
}

fn paragraph() -> Value {
    json!([{"type": "paragraph", "text": "Text."}])
}

/// 10,000 articles, each in `per_article` regions of its own at the top of the tree.
fn distinct_roots(per_article: usize, prefix: &str) -> Value {
    collection(
        (0..10_000)
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
const ARTICLE_TO_OPEN: [(&str, &str); 3] = [
    ("tree-1000-deep", "a32"),
    ("same-id-100k", "same"),
    ("feed-30k-same-id", "same"),
];

/// Each case: its file name and its contents. The benchmark opens each as a list, then one
/// article of it ([`ARTICLE_TO_OPEN`]).
fn shapes() -> Vec<(&'static str, Value)> {
    let day = "2025-04-08";
    vec![
        (
            "title-30mb",
            collection(vec![
                json!({
                    "id": "a0", "title": "t".repeat(30_000_000), "published": day, "body": paragraph()
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
                    (0..100_000).map(|i| format!("Region {i}")).collect(),
                    paragraph(),
                ),
                article("fine", day, vec![], paragraph()),
            ]),
        ),
        ("roots-100k", distinct_roots(10, "Root")),
        ("roots-1m", distinct_roots(100, "R")),
        (
            "path-10k-names",
            collection(vec![
                article(
                    "a0",
                    day,
                    vec![vec!["Place"; 10_000].join("/")],
                    paragraph(),
                ),
                article("fine", day, vec![], paragraph()),
            ]),
        ),
        (
            "tree-1000-deep",
            collection(
                (1..=1000)
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
                (0..100_000)
                    .map(|_| article("same", day, vec![], paragraph()))
                    .collect(),
            ),
        ),
        (
            "feed-30k-same-id",
            json!({
                "version": "https://jsonfeed.org/version/1.1", "title": "Feed",
                "items": (0..30_000).map(|i| json!({"id": "same", "title": format!("Item {i}"), "content_text": "Text."})).collect::<Vec<_>>()
            }),
        ),
        (
            "years-0000-9999",
            collection(
                (0..10_000)
                    .map(|i| {
                        article(
                            &format!("a{i}"),
                            &format!("{:04}-06-01", i),
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
                    json!([{"type": "paragraph", "text": "Wordy text. ".repeat(850_000)}]),
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
                    (0..100_000)
                        .map(|i| json!({"type": format!("widget-{}", i % 7)}))
                        .collect(),
                ),
            )]),
        ),
    ]
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/bench-data/shapes"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    for (name, value) in shapes() {
        let id = ARTICLE_TO_OPEN
            .iter()
            .find(|(case, _)| *case == name)
            .map_or("a0", |(_, id)| id);
        std::fs::write(dir.join(format!("{name}.json")), value.to_string())?;
        println!("{name}\t{id}");
    }
    Ok(())
}
