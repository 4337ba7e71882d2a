//! Fuzz target: any bytes given to the article parser either parse or give an error, never a
//! panic or a crash; what parses can be indexed and filtered; any text can go through the feed
//! HTML converter.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = article_viewer::format::parse_collection_bytes(data) {
        let index = article_viewer::filter::Index::new(&parsed.collection.articles);
        let _ = index.evaluate(
            &article_viewer::filter::Filter::default(),
            article_viewer::filter::SortOrder::NewestFirst,
        );
    }
    let _ = article_viewer::format::parse_body_bytes(data);
    let _ = article_viewer::format::html::to_blocks(&String::from_utf8_lossy(data));
});
