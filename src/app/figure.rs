//! Images in an article: [`Figure`] (the image, or a box with its alternative text when it
//! cannot be loaded, a button that enlarges it once the viewer runs, and its caption), the
//! caption and credit ([`caption`]), and [`LightboxOpener`], the context that opens one large.

use crate::app::use_ui;
use crate::i18n::Ui;
use crate::model::Image;
use yew::prelude::*;

/// Opens an image large; provided by the article page to the figures inside it.
#[derive(Clone, PartialEq)]
pub struct LightboxOpener(pub Callback<Image>);

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
    let ui = use_ui();
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
            ui.t("image-unavailable").to_string()
        } else {
            ui.f("image-unavailable-alt", &[("alt", &image.alt)])
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
                ui.t("enlarge-image").to_string()
            } else {
                ui.f("enlarge-image-alt", &[("alt", &image.alt)])
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
        <figure {class} part="figure">
            { picture }
            { caption(&ui, image) }
        </figure>
    }
}

/// Caption then credit, each with a visually hidden prefix for screen readers.
pub fn caption(ui: &Ui, image: &Image) -> Html {
    if image.caption.is_none() && image.credit.is_none() {
        return Html::default();
    }
    html! {
        <figcaption class="av-caption" part="caption">
            if let Some(caption) = &image.caption {
                <span class="av-visually-hidden">{ ui.t("image-caption-prefix") }{ " " }</span>
                <span class="av-caption__text">{ caption.clone() }</span>
            }
            if let Some(credit) = &image.credit {
                { " " }
                <span class="av-caption__credit">
                    <span class="av-visually-hidden">{ ui.t("image-source-prefix") }{ " " }</span>
                    { credit.clone() }
                </span>
            }
        </figcaption>
    }
}
