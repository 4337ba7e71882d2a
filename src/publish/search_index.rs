//! Writing an archive's search index (the layout [`crate::archive::search`] reads): every term
//! of a [`SearchIndex`], in order, with its postings as rank gaps and impacts (BM25 scores in
//! hundredths), cut into chunks of about [`CHUNK_BYTES`], each named by its content, and a
//! directory of the chunks' first terms. A query fetches the directory and one chunk per word.

use super::archive::{rank_gaps, short_digest, Sink};
use crate::archive::search::IMPACT_SCALE;
use crate::search::SearchIndex;

/// A chunk is closed once it holds this many bytes (a term with more postings is a chunk of
/// its own): small enough that a word costs little more than its own postings.
pub const CHUNK_BYTES: usize = 24_000;

/// One term as a chunk holds it: `["term",[first rank, gap, …],[impact, …]]`.
fn term_entry(term: &str, postings: &[(u32, f32)]) -> String {
    let gaps = rank_gaps(postings.iter().map(|&(rank, _)| rank));
    let impacts: Vec<u16> = postings
        .iter()
        .map(|&(_, score)| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let impact = (score * IMPACT_SCALE)
                .round()
                .clamp(0.0, f32::from(u16::MAX)) as u16;
            impact
        })
        .collect();
    serde_json::json!([term, gaps, impacts]).to_string()
}

/// Writes the chunks of `search` to `sink` and then their directory; the directory's path
/// (relative to the manifest), for the manifest's `search` field.
///
/// # Errors
/// The sink's first error.
pub fn write_search_index<E>(search: &SearchIndex, sink: &mut Sink<'_, E>) -> Result<String, E> {
    let mut directory: Vec<(String, String)> = Vec::new();
    let mut chunk = String::new();
    let mut first: Option<String> = None;
    let mut flush = |first: &mut Option<String>, chunk: &mut String| -> Result<(), E> {
        let Some(term) = first.take() else {
            return Ok(());
        };
        let bytes = format!("{{\"terms\":[{chunk}]}}").into_bytes();
        let file = format!(
            "archive/search/{}-{}.json",
            directory.len(),
            short_digest(&bytes)
        );
        sink(&file, &bytes)?;
        directory.push((term, file));
        chunk.clear();
        Ok(())
    };
    for (term, postings) in search.scored_terms() {
        if postings.is_empty() {
            continue;
        }
        let entry = term_entry(term, &postings);
        if !chunk.is_empty() && chunk.len() + entry.len() > CHUNK_BYTES {
            flush(&mut first, &mut chunk)?;
        }
        if first.is_none() {
            first = Some(term.to_owned());
        } else {
            chunk.push(',');
        }
        chunk.push_str(&entry);
    }
    flush(&mut first, &mut chunk)?;
    let bytes = serde_json::json!({ "chunks": directory })
        .to_string()
        .into_bytes();
    let file = format!("archive/search/terms-{}.json", short_digest(&bytes));
    sink(&file, &bytes)?;
    Ok(file)
}
