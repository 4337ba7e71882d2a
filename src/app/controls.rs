//! Reading options: a disclosure with text size, theme, column width and typeface, and Reset.
//! Native buttons and radio groups, so it works by keyboard and screen reader as they expect;
//! Escape closes it and returns focus to its button. The interface language is a native
//! select: "Automatic" (the content's or the browser's language) or one language, each named
//! in itself. The panel's controls ([`ControlsPanel`]) are made only while it is open.

use crate::app::use_ui;
use crate::i18n::LANGUAGES;
use crate::prefs::{Choice, Font, Preferences, Theme, Width, TEXT_SIZES};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderControlsProps {
    pub prefs: Preferences,
    pub on_change: Callback<Preferences>,
}

#[component]
pub fn ReaderControls(props: &ReaderControlsProps) -> Html {
    let ui = use_ui();
    let open = use_state(|| false);
    let toggle_ref = use_node_ref();
    let prefs = props.prefs;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        let toggle_ref = toggle_ref.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                open.set(false);
                if let Some(button) = toggle_ref.cast::<web_sys::HtmlElement>() {
                    crate::app::focus::focus(&button);
                }
            }
        })
    };
    html! {
        <div class="av-controls" {onkeydown}>
            <button type="button" class="av-button av-button--secondary av-controls__toggle" ref={toggle_ref}
                aria-expanded={open.to_string()} aria-controls="av-controls-panel" onclick={toggle}>
                <span aria-hidden="true">{ "Aa " }</span>{ ui.t("reading-options") }
            </button>
            // Its controls exist only while it is open: a third of a page's elements otherwise,
            // made on every first render (and a published page's takeover) for a closed panel.
            <div id="av-controls-panel" class="av-controls__panel" hidden={!*open}>
                if *open {
                    <ControlsPanel {prefs} on_change={props.on_change.clone()} />
                }
            </div>
        </div>
    }
}

/// The open panel's controls: text size, the radio groups, the interface language, Reset.
#[component]
pub fn ControlsPanel(props: &ReaderControlsProps) -> Html {
    let ui = use_ui();
    let prefs = props.prefs;
    let resize = |larger: bool| {
        props
            .on_change
            .reform(move |_: MouseEvent| prefs.resized(larger))
    };
    let on_language = props.on_change.reform(move |event: Event| {
        let code = event
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        let ui_language = crate::i18n::language(&code).map(|l| l.code);
        Preferences {
            ui_language,
            ..prefs
        }
    });
    html! {
        <>
            <div class="av-controls__size" role="group" aria-labelledby="av-size-label">
                <span id="av-size-label" class="av-controls__label">{ ui.t("text-size") }</span>
                <button type="button" class="av-button av-button--secondary av-controls__smaller"
                    disabled={prefs.text_size == 0} onclick={resize(false)}>
                    <span aria-hidden="true">{ "A− " }</span>{ ui.t("text-smaller") }
                </button>
                <output class="av-controls__value" aria-live="polite">
                    { ui.f("text-size-step", &[("step", &ui.number(prefs.text_size as u64 + 1)), ("steps", &ui.number(TEXT_SIZES.len() as u64))]) }
                </output>
                <button type="button" class="av-button av-button--secondary av-controls__larger"
                    disabled={prefs.text_size + 1 == TEXT_SIZES.len()} onclick={resize(true)}>
                    <span aria-hidden="true">{ "A+ " }</span>{ ui.t("text-larger") }
                </button>
            </div>
            <ChoiceGroup<Theme> legend={ui.t("theme")} name="av-theme" current={prefs.theme}
                on_pick={props.on_change.reform(move |theme| Preferences { theme, ..prefs })} />
            <ChoiceGroup<Width> legend={ui.t("column-width")} name="av-width" current={prefs.width}
                on_pick={props.on_change.reform(move |width| Preferences { width, ..prefs })} />
            <ChoiceGroup<Font> legend={ui.t("typeface")} name="av-font" current={prefs.font}
                on_pick={props.on_change.reform(move |font| Preferences { font, ..prefs })} />
            <label class="av-field av-controls__language">
                <span class="av-controls__label">{ ui.t("interface-language") }</span>
                <select class="av-select" onchange={on_language}>
                    <option value="" selected={prefs.ui_language.is_none()}>{ ui.t("language-automatic") }</option>
                    { for LANGUAGES.iter().map(|language| html! {
                        <option value={language.code} lang={language.code} selected={prefs.ui_language == Some(language.code)}>
                            { language.name }
                        </option>
                    }) }
                </select>
            </label>
            <button type="button" class="av-link-button" disabled={prefs == Preferences::default()}
                onclick={props.on_change.reform(|_: MouseEvent| Preferences::default())}>
                { ui.t("reset-reading-options") }
            </button>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChoiceGroupProps<C: Choice> {
    pub legend: AttrValue,
    pub name: AttrValue,
    pub current: C,
    pub on_pick: Callback<C>,
}

/// A radio group for one setting.
#[component]
pub fn ChoiceGroup<C: Choice>(props: &ChoiceGroupProps<C>) -> Html {
    let ui = use_ui();
    html! {
        <fieldset class="av-controls__group">
            <legend class="av-controls__label">{ props.legend.clone() }</legend>
            { for C::ALL.iter().map(|&choice| html! {
                <label class="av-radio">
                    <input type="radio" name={props.name.clone()} value={choice.value()}
                        checked={choice == props.current}
                        onchange={props.on_pick.reform(move |_: Event| choice)} />
                    <span>{ ui.t(choice.message()) }</span>
                </label>
            }) }
        </fieldset>
    }
}
