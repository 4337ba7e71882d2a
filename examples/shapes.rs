//! Writes the oversized and oddly shaped files of issue 20 ([`article_viewer::shapes`]) into a
//! folder, one per case, and prints each case's name and the article the benchmark opens
//! (`node bench/run.mjs` opens each one in the viewer). Generated, never committed:
//!
//! ```text
//! cargo run --release --example shapes -- target/bench-data/shapes
//! cargo run --release --example shapes -- fuzz/corpus/parse 0.0005   # small seeds for fuzzing
//! ```

use article_viewer::shapes::{odd_shapes, ARTICLE_TO_OPEN};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map_or_else(|| PathBuf::from("target/bench-data/shapes"), PathBuf::from);
    let scale = args.next().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    std::fs::create_dir_all(&dir)?;
    let prefix = if scale < 1.0 { "shape-" } else { "" };
    for (name, value) in odd_shapes(scale) {
        let id = ARTICLE_TO_OPEN
            .iter()
            .find(|(case, _)| *case == name)
            .map_or("a0", |(_, id)| id);
        std::fs::write(dir.join(format!("{prefix}{name}.json")), value.to_string())?;
        println!("{prefix}{name}\t{id}");
    }
    Ok(())
}
