//! Writes a synthetic collection (see `article_viewer::generate`):
//!
//! ```text
//! cargo run --release --example generate -- 10000 [seed] > dist/generated.json
//! cargo run --release --example generate -- 1000000 [seed] --split dist/archive
//! ```
//!
//! With `--split DIR`, writes the split form instead: `DIR/index.json` (every article with a
//! `body_url` in place of its body) and `DIR/bodies/<id>.json`, one small file per article.
//! Articles are generated and written one at a time, so a million never sit in memory; the
//! bytes are those of `generate::collection(count, seed)` printed whole.

use serde_json::Value;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args
        .iter()
        .position(|a| a == "--split")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let numbers: Vec<u64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let count = usize::try_from(numbers.first().copied().unwrap_or(1000)).unwrap_or(1000);
    let seed = numbers.get(1).copied().unwrap_or(1);
    match split {
        None => write_collection(
            &mut BufWriter::new(std::io::stdout().lock()),
            count,
            seed,
            Ok,
        ),
        Some(dir) => {
            std::fs::create_dir_all(dir.join("bodies"))?;
            let file = std::fs::File::create(dir.join("index.json"))?;
            let mut index = BufWriter::new(file);
            write_collection(&mut index, count, seed, |article| split_body(article, &dir))?;
            eprintln!("wrote {}/index.json and {count} bodies", dir.display());
            Ok(())
        }
    }
}

/// Writes the collection as `serde_json` prints it (keys in order), article by article,
/// each passed through `each` first.
fn write_collection(
    out: &mut impl Write,
    count: usize,
    seed: u64,
    mut each: impl FnMut(Value) -> std::io::Result<Value>,
) -> std::io::Result<()> {
    out.write_all(b"{\"articles\":[")?;
    for (n, article) in article_viewer::generate::articles(count, seed).enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &each(article)?)?;
        if n > 0 && n % 100_000 == 0 {
            eprintln!("generate: {n} of {count} articles");
        }
    }
    let title = Value::from(article_viewer::generate::collection_title(count));
    writeln!(
        out,
        "],\"language\":\"en\",\"title\":{title},\"version\":1}}"
    )?;
    out.flush()
}

/// Moves an article's body to `DIR/bodies/<id>.json` and names it in `body_url`.
fn split_body(mut article: Value, dir: &Path) -> std::io::Result<Value> {
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
    article["body_url"] = Value::from(format!("bodies/{id}.json"));
    if let Some(image) = article.get_mut("image") {
        image["src"] = Value::from("../images/soldier.svg");
    }
    Ok(article)
}
