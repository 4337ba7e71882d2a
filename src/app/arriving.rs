//! The list's entries for an archive, whose cards arrive a shard at a time: [`list_entries`]
//! says for each rank on screen whether its card is here, on its way, or in a shard that failed
//! (consecutive cards of one failed shard become one entry, so the reader sees one located
//! message and one Retry per file, and a screen reader hears it once); [`waiting_entry`] draws
//! the last two, and [`failed_filter`] the list when a part the filter needs failed.

use crate::archive::{Archive, Arrived, FileLoad};
use crate::i18n::Ui;
use crate::model::Article;
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// One entry of the list.
#[derive(Clone, Debug, PartialEq)]
pub enum ListEntry {
    Card(Rc<Article>),
    /// The card at this rank is on its way.
    Pending(u32),
    /// `count` cards from `rank` on are in `file`, which could not be read.
    Failed {
        rank: u32,
        count: usize,
        file: String,
        why: String,
    },
}

/// The entries for `ranks` of `archive`, from what has arrived.
#[must_use]
pub fn list_entries(
    ranks: impl Iterator<Item = u32>,
    archive: &Archive,
    arrived: &Arrived,
) -> Vec<ListEntry> {
    let mut entries: Vec<ListEntry> = Vec::new();
    for rank in ranks {
        if let Some(article) = arrived.article(rank) {
            entries.push(ListEntry::Card(Rc::clone(article)));
            continue;
        }
        let file = archive.shard_of(rank).map(|s| s.file).unwrap_or_default();
        let Some(FileLoad::Failed(why)) = arrived.file(&file) else {
            entries.push(ListEntry::Pending(rank));
            continue;
        };
        match entries.last_mut() {
            Some(ListEntry::Failed {
                count, file: last, ..
            }) if *last == file => *count += 1,
            _ => entries.push(ListEntry::Failed {
                rank,
                count: 1,
                file,
                why: why.clone(),
            }),
        }
    }
    entries
}

/// A card that has not arrived, or the cards of a failed shard with Retry for that file only.
pub fn waiting_entry(ui: &Ui, entry: &ListEntry, on_action: &Callback<Action>) -> Html {
    match entry {
        ListEntry::Card(_) => Html::default(),
        ListEntry::Pending(rank) => html! {
            <li key={format!("~{rank}")} class="av-card av-card--pending" aria-busy="true">
                <p class="av-card__pending">{ ui.t("loading") }</p>
            </li>
        },
        ListEntry::Failed {
            rank,
            count,
            file,
            why,
        } => {
            let message = ui.n("shard-failed", *count as u64, &[("why", why)]);
            html! {
                <li key={format!("~{rank}")} class="av-card av-card--failed" role="alert">
                    { failure(ui, &message, file, on_action) }
                </li>
            }
        }
    }
}

/// The list when a part the filter needs (a rank set or a day table) failed: what, where, Retry.
pub fn failed_filter(ui: &Ui, file: &str, why: &str, on_action: &Callback<Action>) -> Html {
    let message = ui.f("filter-part-failed", &[("why", why)]);
    html! {
        <div class="av-card av-card--failed" role="alert">{ failure(ui, &message, file, on_action) }</div>
    }
}

/// What failed, and Retry for its file only.
fn failure(ui: &Ui, message: &str, file: &str, on_action: &Callback<Action>) -> Html {
    let file = file.to_owned();
    html! {
        <>
            <p class="av-card__pending">{ message.to_owned() }</p>
            <button type="button" class="av-button av-button--secondary"
                onclick={on_action.reform(move |_: MouseEvent| Action::ArchiveRetry { file: file.clone() })}>
                { ui.t("retry") }
            </button>
        </>
    }
}
