//! The publish step: `publish INPUT --out DIR [--base-url URL] [--app dist]` writes a static
//! site (see `article_viewer::publish`). `scripts/publish.sh` builds the viewer and runs it.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    const USAGE: &str =
        "usage: publish INPUT --out DIR [--base-url https://example.org/news/] [--app dist]";
    let mut args = std::env::args().skip(1);
    let (mut input, mut out, mut base_url, mut app) = (None, None, None, PathBuf::from("dist"));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--base-url" => base_url = args.next(),
            "--app" => app = args.next().map_or(app, PathBuf::from),
            "-h" | "--help" => {
                println!("{USAGE}");
                return std::process::ExitCode::SUCCESS;
            }
            other if input.is_none() && !other.starts_with("--") => {
                input = Some(PathBuf::from(other))
            }
            other => {
                eprintln!("publish: unexpected argument {other:?}\n{USAGE}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    let (Some(input), Some(out)) = (input, out) else {
        eprintln!("publish: INPUT and --out DIR are required\n{USAGE}");
        return std::process::ExitCode::from(2);
    };
    let options = article_viewer::publish::Options {
        input,
        out: out.clone(),
        app,
        base_url,
        today: article_viewer::publish::today(),
    };
    let started = std::time::Instant::now();
    let mut progress = |done: usize, total: usize| {
        eprintln!(
            "publish: {done} of {total} article pages ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    };
    match article_viewer::publish::publish(&options, &mut progress) {
        Ok(report) => {
            for problem in &report.problems {
                eprintln!("publish: {problem}");
            }
            println!(
                "publish: {} pages in {} ({} files written, {} unchanged, {} copied from beside the input, {} old pages removed) in {:.1} s",
                report.pages,
                out.display(),
                report.written,
                report.unchanged,
                report.copied,
                report.removed,
                started.elapsed().as_secs_f64()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("publish: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
