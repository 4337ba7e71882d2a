//! The publish step: `publish INPUT --out DIR [--base-url URL] [--app dist]` writes a static
//! site (see `article_viewer::publish`). `scripts/publish.sh` builds the viewer and runs it.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    const USAGE: &str =
        "usage: publish INPUT --out DIR [--base-url https://example.org/news/] [--form auto|file|archive] [--app dist]";
    let mut args = std::env::args().skip(1);
    use article_viewer::publish::{Form, Stage};
    let (mut input, mut out, mut base_url, mut app) = (None, None, None, PathBuf::from("dist"));
    let mut form = Form::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--base-url" => base_url = args.next(),
            "--form" => {
                form = match args.next().as_deref() {
                    Some("auto") => Form::Auto,
                    Some("file") => Form::File,
                    Some("archive") => Form::Archive,
                    other => {
                        eprintln!(
                            "publish: --form takes auto, file or archive, not {other:?}\n{USAGE}"
                        );
                        return std::process::ExitCode::from(2);
                    }
                }
            }
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
        form,
    };
    let started = std::time::Instant::now();
    // A line a second at most while a stage lasts, and its last.
    let mut last: Option<(Stage, f64)> = None;
    let mut progress = |stage: Stage| {
        let seconds = started.elapsed().as_secs_f64();
        let same_kind = last.is_some_and(|(before, _)| {
            std::mem::discriminant(&before) == std::mem::discriminant(&stage)
        });
        let finished = matches!(stage, Stage::Pages(done, total) if done == total);
        if same_kind && !finished && last.is_some_and(|(_, at)| seconds - at < 1.0) {
            return;
        }
        last = Some((stage, seconds));
        match stage {
            Stage::Reading(read) => eprintln!("publish: read {read} articles ({seconds:.1} s)"),
            Stage::Pages(done, total) => {
                eprintln!("publish: {done} of {total} article pages ({seconds:.1} s)");
            }
            Stage::Indexing(read) => eprintln!(
                "publish: read {read} articles; copying the files they name and building the filter index ({seconds:.1} s)"
            ),
            Stage::Archive => eprintln!(
                "publish: writing the archive's manifest, rank sets, shards and search indexes ({seconds:.1} s)"
            ),
        }
    };
    match article_viewer::publish::publish(&options, &mut progress) {
        Ok(report) => {
            for problem in &report.problems {
                eprintln!("publish: {problem}");
            }
            println!(
                "publish: {} pages in {} ({} files written, {} unchanged, {} copied from beside the input, {} old pages removed) in {:.1} s{}",
                report.pages,
                out.display(),
                report.written,
                report.unchanged,
                report.copied,
                report.removed,
                started.elapsed().as_secs_f64(),
                peak_memory().map_or_else(String::new, |mb| format!(", peak memory {mb} MB"))
            );
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("publish: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The process's peak resident memory in MB, where the system says (Linux's `VmHWM`).
#[cfg(not(target_arch = "wasm32"))]
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1024)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
