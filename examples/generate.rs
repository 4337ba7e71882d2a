//! Writes a synthetic collection to standard output:
//! `cargo run --release --example generate -- 10000 [seed] > dist/generated.json`.

fn main() {
    let mut args = std::env::args().skip(1);
    let count = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let value = article_viewer::generate::collection(count, seed);
    println!("{value}");
}
