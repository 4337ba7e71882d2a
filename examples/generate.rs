//! Writes a synthetic collection (see `article_viewer::generate`):
//!
//! ```text
//! cargo run --release --example generate -- 10000 [seed] > dist/generated.json
//! cargo run --release --example generate -- 100000 [seed] --split dist/archive
//! ```
//!
//! With `--split DIR`, writes the split form instead: `DIR/index.json` (every article with a
//! `body_url` in place of its body) and `DIR/bodies/<id>.json`, one small file per article.

use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args
        .iter()
        .position(|a| a == "--split")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let numbers: Vec<u64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let count = numbers.first().copied().unwrap_or(1000);
    let seed = numbers.get(1).copied().unwrap_or(1);
    let mut value =
        article_viewer::generate::collection(usize::try_from(count).unwrap_or(1000), seed);
    let Some(dir) = split else {
        println!("{value}");
        return Ok(());
    };
    std::fs::create_dir_all(dir.join("bodies"))?;
    if let Some(articles) = value.get_mut("articles").and_then(|a| a.as_array_mut()) {
        for article in articles {
            let id = article["id"].as_str().unwrap_or_default().to_owned();
            let body = article
                .as_object_mut()
                .and_then(|a| a.remove("body"))
                .unwrap_or_default();
            let file = serde_json::json!({"version": 1, "body": body});
            std::fs::write(
                dir.join("bodies").join(format!("{id}.json")),
                file.to_string(),
            )?;
            article["body_url"] = serde_json::Value::from(format!("bodies/{id}.json"));
            if let Some(image) = article.get_mut("image") {
                image["src"] = serde_json::Value::from("../images/soldier.svg");
            }
        }
    }
    let mut index = std::fs::File::create(dir.join("index.json"))?;
    writeln!(index, "{value}")?;
    eprintln!("wrote {}/index.json and {count} bodies", dir.display());
    Ok(())
}
