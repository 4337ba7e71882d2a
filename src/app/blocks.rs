//! An article's body, block by block ([`render_block`]) and its running text
//! ([`render_inline`]), with a search's words marked. Text is always inserted as text, never as
//! HTML. A paragraph too long to lay out in one go (a file may hold one of millions of
//! characters) is drawn in slices, added a few per task, that the browser lays out only when
//! they are on screen.

use crate::app::figure::Figure;
use crate::app::search::{marked, SearchWords};
use crate::model::{Block, HeadingLevel, Inline, Span};
use std::rc::Rc;
use yew::prelude::*;

/// A paragraph of more bytes than this is drawn in slices ([`PARAGRAPH_SLICE_BYTES`] each).
pub const LONG_PARAGRAPH_BYTES: usize = 80_000;
/// Bytes of text in one slice of a long paragraph (a few screens of text).
pub const PARAGRAPH_SLICE_BYTES: usize = 40_000;

/// One body block, with a search's words marked (`marks`). The `match` is exhaustive: a new
/// block kind will not compile until it renders.
pub fn render_block(block: &Block, marks: Option<&SearchWords>) -> Html {
    match block {
        Block::Paragraph(inline) if inline.byte_len() > LONG_PARAGRAPH_BYTES => {
            long_paragraph(inline, marks)
        }
        Block::Paragraph(inline) => {
            html! { <p class="av-paragraph">{ render_inline(inline, marks) }</p> }
        }
        Block::Heading {
            text,
            level: HeadingLevel::Two,
        } => html! { <h2 class="av-heading">{ marked(text, marks) }</h2> },
        Block::Heading {
            text,
            level: HeadingLevel::Three,
        } => html! { <h3 class="av-heading av-heading--minor">{ marked(text, marks) }</h3> },
        Block::Image(image) => html! { <Figure image={image.clone()} /> },
        Block::PullQuote { text, attribution } => html! {
            // The text repeats the body, so assistive technology skips it rather than read it twice.
            <aside class="av-pullquote" part="pullquote" aria-hidden="true">
                <blockquote class="av-pullquote__text"><p>{ text.clone() }</p></blockquote>
                if let Some(attribution) = attribution {
                    <p class="av-pullquote__attribution">{ attribution.clone() }</p>
                }
            </aside>
        },
        Block::Quote { text, cite } => html! {
            <figure class="av-quote">
                <blockquote class="av-quote__text"><p>{ render_inline(text, marks) }</p></blockquote>
                if let Some(cite) = cite {
                    <figcaption class="av-quote__cite">{ cite.clone() }</figcaption>
                }
            </figure>
        },
        Block::List {
            ordered: true,
            items,
        } => html! {
            <ol class="av-list">{ for items.iter().map(|item| html! { <li>{ render_inline(item, marks) }</li> }) }</ol>
        },
        Block::List {
            ordered: false,
            items,
        } => html! {
            <ul class="av-list">{ for items.iter().map(|item| html! { <li>{ render_inline(item, marks) }</li> }) }</ul>
        },
        Block::Preformatted { text } => html! { <pre class="av-pre">{ text.clone() }</pre> },
        Block::Link { text, url, label } => html! {
            <p class="av-promo">
                if let Some(label) = label {
                    <span class="av-promo__label">{ label.clone() }</span>
                }
                <a class="av-promo__link" href={url.as_str().to_owned()}>{ text.clone() }</a>
            </p>
        },
    }
}

/// Inline text: each span as text (a search's words marked), wrapped in `strong`, `em` and `a`
/// as it asks.
pub fn render_inline(inline: &Inline, marks: Option<&SearchWords>) -> Html {
    inline
        .0
        .iter()
        .map(|span| render_span(span, marks))
        .collect()
}

fn render_span(span: &Span, marks: Option<&SearchWords>) -> Html {
    let mut node = marked(&span.text, marks);
    if span.em {
        node = html! { <em>{ node }</em> };
    }
    if span.strong {
        node = html! { <strong>{ node }</strong> };
    }
    if let Some(href) = &span.href {
        node = html! { <a class="av-link" href={href.as_str().to_owned()}>{ node }</a> };
    }
    node
}

/// Slices of a long paragraph drawn at first, and added in each later task.
const SLICES_PER_TASK: usize = 16;

/// A very long paragraph.
fn long_paragraph(inline: &Inline, marks: Option<&SearchWords>) -> Html {
    let slices = Rc::new(inline.slices(PARAGRAPH_SLICE_BYTES));
    html! { <LongParagraph {slices} marks={marks.cloned()} /> }
}

#[derive(Properties, PartialEq)]
struct LongParagraphProps {
    slices: Rc<Vec<Inline>>,
    marks: Option<SearchWords>,
}

/// One `p`, its text in slices that are laid out only near the screen (`content-visibility:
/// auto`), so showing it costs a few screens of layout, not millions of characters'. The
/// slices are added [`SLICES_PER_TASK`] at a time, a task each, so no single task builds it
/// all; a prerendered page has them all. The text stays whole for find-in-page and assistive
/// technology.
#[component]
fn LongParagraph(props: &LongParagraphProps) -> Html {
    let prerendered = use_context::<crate::app::Prerendered>().is_some();
    let shown = use_state(|| SLICES_PER_TASK);
    {
        let shown = shown.clone();
        let total = props.slices.len();
        use_effect_with(*shown, move |&count| {
            #[cfg(target_arch = "wasm32")]
            if count < total {
                wasm_bindgen_futures::spawn_local(async move {
                    crate::web::next_task().await;
                    shown.set(count + SLICES_PER_TASK);
                });
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (count, total, shown);
        });
    }
    let count = if prerendered { usize::MAX } else { *shown };
    let marks = props.marks.as_ref();
    html! {
        <p class="av-paragraph av-paragraph--long">
            { for props.slices.iter().take(count).map(|slice| html! {
                <span class="av-paragraph__slice">{ render_inline(slice, marks) }</span>
            }) }
        </p>
    }
}
