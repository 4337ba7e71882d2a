//! Status panels: loading, a file that could not be loaded, an unknown article id, and the list
//! of articles left out of a file with the reason for each.

use crate::app::use_ui;
use crate::format::{FormatError, Problem};
use crate::i18n::Ui;
use crate::state::LoadError;
use yew::prelude::*;

/// "Loading …", or, for a large file read in slices, how far it has been read (in percent).
pub fn loading(ui: &Ui, source: &str, percent: Option<u8>) -> Html {
    match percent {
        None => {
            html! { <p class="av-status" role="status">{ ui.f("loading-file", &[("file", source)]) }</p> }
        }
        Some(percent) => html! {
            <div class="av-status av-loading" role="status">
                <label for="av-load-progress">{ ui.f("reading-file", &[("file", source), ("percent", &ui.number(percent.into()))]) }</label>
                <progress id="av-load-progress" class="av-progress" max="100" value={percent.to_string()}></progress>
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub source: AttrValue,
    pub error: LoadError,
    pub on_retry: Callback<()>,
}

/// Where in the file the problem is, when the error knows.
fn location_of(ui: &Ui, error: &LoadError) -> Option<String> {
    match error {
        LoadError::Format(
            FormatError::NotJson { line, column, .. }
            | FormatError::NotXml { line, column, .. }
            | FormatError::NotUtf8 { line, column },
        ) => Some(ui.f(
            "error-line-column",
            &[
                ("line", &ui.number(*line as u64)),
                ("column", &ui.number(*column as u64)),
            ],
        )),
        LoadError::Format(FormatError::Invalid(problem)) if !problem.path.is_empty() => {
            Some(problem.path.to_string())
        }
        _ => None,
    }
}

/// What went wrong, in a sentence (for a format error, the location is given separately).
#[must_use]
pub fn reason_of(ui: &Ui, error: &LoadError) -> String {
    match error {
        LoadError::Format(FormatError::NotJson { message, .. }) => {
            ui.f("error-not-json", &[("details", message)])
        }
        LoadError::Format(FormatError::NotXml { message, .. }) => {
            ui.f("error-not-xml", &[("details", message)])
        }
        LoadError::Format(FormatError::Invalid(problem)) => format!("{}.", problem.message),
        LoadError::Format(FormatError::NotUtf8 { .. }) => ui.t("error-not-utf8").to_string(),
        LoadError::Http {
            status,
            status_text,
        } => ui.f(
            "error-http",
            &[
                ("status", &status.to_string()),
                ("status-text", status_text),
            ],
        ),
        LoadError::Network(details) => ui.f("error-network", &[("details", details)]),
        LoadError::Timeout(seconds) => ui.f(
            "error-timeout",
            &[("seconds", &ui.number((*seconds).into()))],
        ),
        LoadError::NotJsonContent(kind) => ui.f("error-not-json-content", &[("type", kind)]),
        LoadError::Refused { origin } => ui.f("error-refused", &[("origin", origin)]),
        // The reader's and an archive's own words (what is wrong, and where): in English.
        LoadError::Format(other) => format!("{}.", capitalised(&other.to_string())),
        LoadError::Archive(details) => format!("{}.", capitalised(details)),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[component]
pub fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    let ui = use_ui();
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <section class="av-panel av-panel--error" role="alert" aria-labelledby="av-error-title">
            <h1 id="av-error-title" class="av-panel__title">{ ui.t("load-failed-title") }</h1>
            <dl class="av-panel__facts">
                <dt>{ ui.t("fact-file") }</dt>
                <dd><code class="av-code">{ props.source.clone() }</code></dd>
                <dt>{ ui.t("fact-problem") }</dt>
                <dd>{ reason_of(&ui, &props.error) }</dd>
                if let Some(location) = location_of(&ui, &props.error) {
                    <dt>{ ui.t("fact-where") }</dt>
                    <dd><code class="av-code">{ location }</code></dd>
                }
            </dl>
            <button type="button" class="av-button" {onclick}>{ ui.t("try-again") }</button>
        </section>
    }
}

/// How many problems of each kind are listed; the rest are counted (a file with 100,000 bad
/// articles would otherwise put 200,000 nodes in the page).
pub const MAX_LISTED_PROBLEMS: usize = 100;

/// The first [`MAX_LISTED_PROBLEMS`] of `problems` as list items, then how many more there are.
fn bounded_items(ui: &Ui, problems: &[Problem], item: impl Fn(&Problem) -> Html) -> Html {
    let more = problems.len().saturating_sub(MAX_LISTED_PROBLEMS);
    html! {
        <>
            { for problems.iter().take(MAX_LISTED_PROBLEMS).map(item) }
            if more > 0 {
                <li class="av-problems__more">{ ui.n("problems-more", more as u64, &[]) }</li>
            }
        </>
    }
}

/// Articles left out of the file and non-fatal notices, each with its location (the first
/// [`MAX_LISTED_PROBLEMS`] of each; the counts are exact).
pub fn problem_list(ui: &Ui, skipped: &[Problem], notices: &[Problem]) -> Html {
    if skipped.is_empty() && notices.is_empty() {
        return Html::default();
    }
    let item = |problem: &Problem| {
        html! { <li><code class="av-code">{ problem.path.to_string() }</code>{ ": " }{ problem.message.clone() }</li> }
    };
    let skipped_title = ui.n("articles-left-out", skipped.len() as u64, &[]);
    html! {
        <section class="av-panel av-panel--problems" aria-labelledby="av-problems-title">
            <h2 id="av-problems-title" class="av-panel__title">{ ui.t("problems-title") }</h2>
            if !skipped.is_empty() {
                <h3 class="av-panel__subtitle">{ skipped_title }</h3>
                <ul class="av-problems">{ bounded_items(ui, skipped, item) }</ul>
            }
            if !notices.is_empty() {
                <h3 class="av-panel__subtitle">{ notes_title(ui, notices.len()) }</h3>
                <ul class="av-problems">{ bounded_items(ui, notices, item) }</ul>
            }
        </section>
    }
}

fn notes_title(ui: &Ui, count: usize) -> String {
    if count <= MAX_LISTED_PROBLEMS {
        ui.t("notes").to_string()
    } else {
        ui.f("notes-count", &[("count", &ui.number(count as u64))])
    }
}
