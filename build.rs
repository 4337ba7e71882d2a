//! Reads the interface catalogues in `i18n/` (one file per language, see docs/translating.md)
//! and writes the table of languages the viewer offers: each file's code (its name), its own
//! name and direction (its `@name` and `@direction` lines), and, for native builds (the publish
//! step, the tests), the file itself. The browser build carries only English and fetches the
//! others, so adding a language is adding its file.

use std::fmt::Write as _;
use std::path::Path;

fn header(text: &str, field: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line.trim().strip_prefix('@')?.strip_prefix(field)?;
        Some(rest.trim_start().strip_prefix('=')?.trim().to_owned())
    })
}

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|path| path.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let mut table = String::from("/// Every language with a catalogue in `i18n/`, by code.\npub static LANGUAGES: &[Language] = &[\n");
    let mut sources = String::from("/// Every catalogue's text (native builds only).\n#[cfg(not(target_arch = \"wasm32\"))]\npub static SOURCES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let code = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let name = header(&text, "name").unwrap_or_else(|| code.clone());
        let rtl = header(&text, "direction").is_some_and(|d| d == "rtl");
        let _ = writeln!(
            table,
            "    Language {{ code: {code:?}, name: {name:?}, right_to_left: {rtl} }},"
        );
        let _ = writeln!(
            sources,
            "    ({code:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    // English as the browser build carries it: without the comments for translators.
    let english = std::fs::read_to_string(dir.join("en.txt")).unwrap_or_default();
    let lean: String = english
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    let out_dir = std::env::var("OUT_DIR").unwrap_or_default();
    let _ = std::fs::write(Path::new(&out_dir).join("en.txt"), lean);
    table.push_str("];\n");
    sources.push_str("];\n");
    let out = Path::new(&out_dir).join("languages.rs");
    let _ = std::fs::write(out, table + &sources);
}
