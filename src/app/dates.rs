//! How dates read. Components show a [`DateTime`]; the words come from a [`DateFormat`] in
//! context. In the browser the shell provides one built on `Intl` (the article's language, or
//! the interface's, plus "3 hours ago"); without one (server-side render tests) dates read
//! in English without the relative part.

use crate::date::Timestamp;
use std::rc::Rc;
use yew::prelude::*;

pub use crate::date::DateText;

type Formatter = dyn Fn(&Timestamp, Option<&str>) -> DateText;

/// Turns a timestamp and an optional language tag into words.
#[derive(Clone)]
pub struct DateFormat(pub Rc<Formatter>);

impl PartialEq for DateFormat {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl DateFormat {
    #[must_use]
    pub fn text(&self, timestamp: &Timestamp, language: Option<&str>) -> DateText {
        (self.0)(timestamp, language)
    }
}

impl Default for DateFormat {
    fn default() -> Self {
        Self(Rc::new(|timestamp: &Timestamp, _: Option<&str>| DateText {
            exact: timestamp.to_human(),
            relative: None,
        }))
    }
}

#[derive(Properties, PartialEq)]
pub struct DateTimeProps {
    pub timestamp: Timestamp,
    #[prop_or_default]
    pub language: Option<AttrValue>,
    /// The calendar date alone, without time or "3 hours ago" (in lists).
    #[prop_or_default]
    pub date_only: bool,
}

/// `<time datetime="…">8 April 2025</time> (1 year ago)`.
#[component]
pub fn DateTime(props: &DateTimeProps) -> Html {
    let format = use_context::<DateFormat>().unwrap_or_default();
    let ui = crate::app::use_ui();
    let shown = if props.date_only {
        Timestamp {
            time: None,
            ..props.timestamp
        }
    } else {
        props.timestamp
    };
    // The article's language when it has one, else the interface's.
    let text = format.text(&shown, Some(props.language.as_deref().unwrap_or(ui.code())));
    html! {
        <>
            <time datetime={props.timestamp.to_machine()}>{ text.exact }</time>
            if let (Some(relative), false) = (text.relative, props.date_only) {
                { " " }<span class="av-relative">{ format!("({relative})") }</span>
            }
        </>
    }
}
