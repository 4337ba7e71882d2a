//! One article as a reader page: header (title, standfirst, byline, dates, source), lead image,
//! and the body, rendered block by block. Text is always inserted as text, never as HTML.

use crate::app::dates::DateTime;
use crate::app::panels::reason_of;
use crate::app::search::{marked, SearchWords};
use crate::model::{Article, Block, Body, HeadingLevel, Image, Inline, LanguageTag, Span};
use crate::state::BodyLoad;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
    /// The collection's language, used when the article has none.
    #[prop_or_default]
    pub fallback_language: Option<LanguageTag>,
    /// For an article with `body_url`: where loading its body stands.
    #[prop_or_default]
    pub loaded_body: Option<BodyLoad>,
    /// Asks to load a failed `body_url` again.
    #[prop_or_default]
    pub on_retry_body: Callback<()>,
}

/// The `id` of the article's heading, the target of focus after navigation.
pub const ARTICLE_TITLE_ID: &str = "av-article-title";

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let language = article.language_or(props.fallback_language.as_ref());
    let lang = language.map(|l| AttrValue::from(l.as_str().to_owned()));
    let dir = language.map(LanguageTag::direction);
    let lightbox = use_state(|| None::<Image>);
    // Opened from a search: its words are marked in the text.
    let marks = use_context::<Option<SearchWords>>().flatten();
    let open_lightbox = {
        let lightbox = lightbox.clone();
        Callback::from(move |image: Image| lightbox.set(Some(image)))
    };
    let close_lightbox = {
        let lightbox = lightbox.clone();
        Callback::from(move |()| lightbox.set(None))
    };
    html! {
        <ContextProvider<LightboxOpener> context={LightboxOpener(open_lightbox)}>
        <article class="av-article" lang={lang.clone()} {dir} aria-labelledby={ARTICLE_TITLE_ID}>
            <header class="av-article__header">
                if !article.regions.is_empty() {
                    <p class="av-kicker">
                        <span class="av-visually-hidden">{ "Regions: " }</span>
                        { article.regions.iter().map(|r| r.leaf().to_owned()).collect::<Vec<_>>().join(" · ") }
                    </p>
                }
                <h1 id={ARTICLE_TITLE_ID} class="av-article__title" tabindex="-1">{ article.title.clone() }</h1>
                if let Some(standfirst) = &article.standfirst {
                    <p class="av-standfirst">{ marked(standfirst, marks.as_ref()) }</p>
                }
                { article_meta(&ArticleProps { article: Rc::clone(article), language: lang }) }
            </header>
            if let Some(image) = &article.image {
                <Figure image={image.clone()} lead=true />
            }
            <div class="av-article__body" id={ARTICLE_BODY_ID} tabindex="-1">
                { render_body(&article.body, props.loaded_body.as_ref(), &props.on_retry_body, marks.as_ref()) }
            </div>
            { article_footer(&ArticleProps { article: Rc::clone(article), language: None }) }
        </article>
        <Lightbox image={(*lightbox).clone()} on_close={close_lightbox} />
        </ContextProvider<LightboxOpener>>
    }
}

/// The `id` of the article text, the skip link's target.
pub const ARTICLE_BODY_ID: &str = "av-article-body";

/// Opens an image large; provided by [`ArticleView`] to the figures inside it.
#[derive(Clone, PartialEq)]
pub struct LightboxOpener(pub Callback<Image>);

#[derive(Properties, PartialEq)]
pub struct LightboxProps {
    pub image: Option<Image>,
    pub on_close: Callback<()>,
}

/// The enlarged image: a modal `<dialog>`, so focus stays inside it and Escape closes it; a
/// click outside the picture closes it too, and focus returns to the image that opened it.
#[component]
pub fn Lightbox(props: &LightboxProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with(props.image.is_some(), move |open| {
            if let Some(element) = dialog.cast::<web_sys::HtmlDialogElement>() {
                if *open && !element.open() {
                    let _ = element.show_modal();
                } else if !*open && element.open() {
                    element.close();
                }
            }
        });
    }
    let onclose = props.on_close.reform(|_: Event| ());
    let onclick = {
        let on_close = props.on_close.clone();
        let dialog = dialog.clone();
        Callback::from(move |event: MouseEvent| {
            // A click on the dialog element itself is a click on its backdrop.
            let target = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if target.is_some() && target == dialog.cast::<web_sys::Element>() {
                on_close.emit(());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <dialog class="av-lightbox" ref={dialog} aria-label="Enlarged image" {onclose} {onclick}>
            if let Some(image) = &props.image {
                <figure class="av-lightbox__figure">
                    <img class="av-lightbox__image" src={image.src.as_str().to_owned()} alt={image.alt.clone()}
                        width={image.width.map(|w| w.to_string())} height={image.height.map(|h| h.to_string())} />
                    { caption(image) }
                </figure>
            }
            <button type="button" class="av-button av-lightbox__close" onclick={close}>{ "Close" }</button>
        </dialog>
    }
}

fn render_body(
    body: &Body,
    loaded: Option<&BodyLoad>,
    on_retry: &Callback<()>,
    marks: Option<&SearchWords>,
) -> Html {
    match (body, loaded) {
        (Body::Blocks(blocks), _) => blocks.iter().map(|b| render_block(b, marks)).collect(),
        (Body::Remote(_), Some(BodyLoad::Ready { blocks, .. })) => {
            blocks.iter().map(|b| render_block(b, marks)).collect()
        }
        (Body::Remote(url), Some(BodyLoad::Failed(error))) => html! {
            <div class="av-panel av-panel--error" role="alert">
                <p class="av-panel__title">{ "The text of this article could not be loaded" }</p>
                <dl class="av-panel__facts">
                    <dt>{ "File" }</dt>
                    <dd><code class="av-code">{ url.as_str().to_owned() }</code></dd>
                    <dt>{ "Problem" }</dt>
                    <dd>{ reason_of(error) }</dd>
                </dl>
                <button type="button" class="av-button" onclick={on_retry.reform(|_: MouseEvent| ())}>{ "Try again" }</button>
            </div>
        },
        (Body::Remote(_), _) => {
            html! { <p class="av-status" role="status">{ "Loading the article text…" }</p> }
        }
    }
}

struct ArticleProps {
    article: Rc<Article>,
    language: Option<AttrValue>,
}

/// A word of the viewer's own (English) interface inside an article that may be in another
/// language or direction: isolated, so "By" or "Published" never reorder with the text beside
/// them in a right-to-left article.
pub fn label(text: &'static str) -> Html {
    html! { <span class="av-label" lang="en" dir="ltr">{ text }</span> }
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn article_meta(props: &ArticleProps) -> Html {
    let article = &props.article;
    html! {
        <div class="av-meta">
            if !article.byline.is_empty() {
                <p class="av-byline">{ label("By") }{ " " }<span class="av-byline__names">{ join_names(&article.byline) }</span></p>
            }
            <p class="av-dates">
                if let Some(published) = article.published {
                    <span class="av-dates__published">{ label("Published") }{ " " }<DateTime timestamp={published} language={props.language.clone()} /></span>
                }
                if let Some(updated) = &article.updated {
                    <span class="av-dates__updated">{ label("Updated") }{ " " }<DateTime timestamp={*updated} language={props.language.clone()} /></span>
                }
                if let Some(minutes) = article.reading_minutes() {
                    <span class="av-dates__reading" lang="en" dir="ltr">{ format!("{minutes} min read") }</span>
                }
            </p>
            if let Some(source) = &article.source {
                <p class="av-source">
                    { label("Source:") }{ " " }
                    if let Some(url) = &source.url {
                        <a class="av-link" href={url.as_str().to_owned()}>{ source.name.clone() }</a>
                    } else {
                        { source.name.clone() }
                    }
                </p>
            }
        </div>
    }
}

fn article_footer(props: &ArticleProps) -> Html {
    let article = &props.article;
    if article.tags.is_empty() && article.regions.is_empty() && article.url.is_none() {
        return Html::default();
    }
    html! {
        <footer class="av-article__footer">
            if !article.regions.is_empty() {
                <h2 class="av-footer__heading">{ "Regions" }</h2>
                <ul class="av-chips">
                    { for article.regions.iter().map(|r| html! { <li class="av-chip">{ r.to_string() }</li> }) }
                </ul>
            }
            if !article.tags.is_empty() {
                <h2 class="av-footer__heading">{ "Tags" }</h2>
                <ul class="av-chips">
                    { for article.tags.iter().map(|t| html! { <li class="av-chip">{ t.clone() }</li> }) }
                </ul>
            }
            if let Some(url) = &article.url {
                <p class="av-original"><a class="av-link" href={url.as_str().to_owned()}>{ "Read the original article" }</a></p>
            }
        </footer>
    }
}

/// One body block, with a search's words marked (`marks`). The `match` is exhaustive: a new
/// block kind will not compile until it renders.
pub fn render_block(block: &Block, marks: Option<&SearchWords>) -> Html {
    match block {
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
            <aside class="av-pullquote" aria-hidden="true">
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

#[derive(Properties, PartialEq)]
pub struct FigureProps {
    pub image: Image,
    /// The lead image loads eagerly; inline images load lazily.
    #[prop_or_default]
    pub lead: bool,
}

/// An image with its caption and credit. If the image cannot be loaded, a box keeps its place
/// and shows the alternative text; the caption stays.
#[component]
pub fn Figure(props: &FigureProps) -> Html {
    let failed = use_state(|| false);
    let image = &props.image;
    let onerror = {
        let failed = failed.clone();
        Callback::from(move |_: Event| failed.set(true))
    };
    let width = image.width.map(|w| w.to_string());
    let height = image.height.map(|h| h.to_string());
    let class = classes!("av-figure", props.lead.then_some("av-figure--lead"));
    let picture = if *failed {
        let text = if image.alt.is_empty() {
            "Image unavailable".to_owned()
        } else {
            format!("Image unavailable: {}", image.alt)
        };
        html! { <div class="av-figure__missing" role="img" aria-label={text.clone()}><span aria-hidden="true">{ text }</span></div> }
    } else {
        html! {
            <img class="av-figure__image" src={image.src.as_str().to_owned()} alt={image.alt.clone()}
                {width} {height} decoding="async" loading={if props.lead { "eager" } else { "lazy" }} {onerror} />
        }
    };
    let prerendered = use_context::<crate::app::Prerendered>().is_some();
    let opener = use_context::<LightboxOpener>().filter(|_| !prerendered);
    let picture = match (opener, *failed) {
        (Some(LightboxOpener(open)), false) => {
            let label = if image.alt.is_empty() {
                "Enlarge image".to_owned()
            } else {
                format!("Enlarge image: {}", image.alt)
            };
            let image = image.clone();
            html! {
                <button type="button" class="av-figure__open" aria-label={label}
                    onclick={Callback::from(move |_: MouseEvent| open.emit(image.clone()))}>
                    { picture }
                </button>
            }
        }
        _ => picture,
    };
    html! {
        <figure {class}>
            { picture }
            { caption(image) }
        </figure>
    }
}

/// Caption then credit, each with a visually hidden prefix for screen readers.
fn caption(image: &Image) -> Html {
    if image.caption.is_none() && image.credit.is_none() {
        return Html::default();
    }
    html! {
        <figcaption class="av-caption">
            if let Some(caption) = &image.caption {
                <span class="av-visually-hidden">{ "Image caption, " }</span>
                <span class="av-caption__text">{ caption.clone() }</span>
            }
            if let Some(credit) = &image.credit {
                { " " }
                <span class="av-caption__credit">
                    <span class="av-visually-hidden">{ "Image source, " }</span>
                    { credit.clone() }
                </span>
            }
        </figcaption>
    }
}
