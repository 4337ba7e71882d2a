//! Native tests of the app reducer: loading, stale answers, Retry, and bodies from `body_url`.

mod common;

use article_viewer::format::parse_collection;
use article_viewer::query::Query;
use article_viewer::state::{with_index, Action, AppState, BodyLoad, Load, LoadError};

use common::TODAY;

const SPLIT: &str = r#"{"version": 1, "articles": [
  {"id": "a", "title": "A", "published": "2025-01-01", "body_url": "bodies/a.json"},
  {"id": "b", "title": "B", "published": "2025-01-02", "body": [{"type": "paragraph", "text": "x"}]}
]}"#;

/// The state once the sample file has loaded and been drawn whole (a frame later).
fn loaded(search: &str) -> AppState {
    just_loaded(search).apply(Action::DrawRest)
}

/// The state in the frame in which the sample file has loaded.
fn just_loaded(search: &str) -> AppState {
    let state = AppState::new(Query::parse(search), TODAY);
    let result = parse_collection(SPLIT)
        .map(with_index)
        .map_err(LoadError::from);
    state.apply(Action::Loaded {
        request: state.request,
        result,
    })
}

#[test]
fn a_stale_answer_is_ignored() {
    let state = AppState::new(Query::parse("?src=one.json"), TODAY);
    let old_request = state.request;
    let state = state.apply(Action::Navigate(Query::parse("?src=two.json")));
    assert_ne!(state.request, old_request);
    let after = state.apply(Action::Loaded {
        request: old_request,
        result: Err(LoadError::Timeout(20)),
    });
    assert_eq!(
        after.load,
        Load::Loading,
        "the answer for one.json does not land on two.json"
    );
}

#[test]
fn navigating_within_a_file_does_not_reload() {
    let state = loaded("");
    let next = state.apply(Action::Navigate(Query::parse("?article=b")));
    assert_eq!(next.request, state.request);
    assert!(matches!(next.load, Load::Ready(_)));
}

#[test]
fn retry_starts_a_new_request() {
    let state = AppState::new(Query::default(), TODAY);
    let failed = state.apply(Action::Loaded {
        request: state.request,
        result: Err(LoadError::Http {
            status: 500,
            status_text: "Internal Server Error".into(),
        }),
    });
    assert!(matches!(failed.load, Load::Failed(_)));
    let retried = failed.apply(Action::Retry);
    assert_eq!(retried.load, Load::Loading);
    assert_ne!(retried.request, failed.request);
}

#[test]
fn an_opened_article_with_body_url_asks_for_its_body_once() {
    let state = loaded("?article=a");
    let pending = state.pending_body();
    assert_eq!(
        pending
            .as_ref()
            .map(|(id, url)| (id.as_str(), url.as_str())),
        Some(("a", "bodies/a.json"))
    );
    let started = state.apply(Action::BodyStarted { id: "a".into() });
    assert_eq!(started.pending_body(), None, "not asked for twice");
    assert_eq!(
        loaded("?article=b").pending_body(),
        None,
        "inline bodies need nothing"
    );
    assert_eq!(loaded("").pending_body(), None, "the list needs nothing");
}

#[test]
fn a_failed_body_affects_only_its_article_and_can_be_retried() {
    let state = loaded("?article=a").apply(Action::BodyStarted { id: "a".into() });
    let failed = state.apply(Action::BodyLoaded {
        id: "a".into(),
        result: Err(LoadError::Http {
            status: 404,
            status_text: "Not Found".into(),
        }),
    });
    assert!(matches!(
        failed.bodies.get("a"),
        Some(BodyLoad::Failed(LoadError::Http { status: 404, .. }))
    ));
    assert!(
        matches!(failed.load, Load::Ready(_)),
        "the collection stays loaded"
    );
    let retried = failed.apply(Action::BodyRetry { id: "a".into() });
    assert!(retried.pending_body().is_some());
    let done = retried
        .apply(Action::BodyStarted { id: "a".into() })
        .apply(Action::BodyLoaded {
            id: "a".into(),
            result: Ok((Vec::new(), Vec::new())),
        });
    assert!(matches!(done.bodies.get("a"), Some(BodyLoad::Ready { .. })));
}

#[test]
fn a_body_nobody_asked_for_is_ignored() {
    let state = loaded("?article=a");
    let after = state.apply(Action::BodyLoaded {
        id: "a".into(),
        result: Ok((Vec::new(), Vec::new())),
    });
    assert!(after.bodies.is_empty());
}

#[test]
fn a_host_request_keeps_the_current_file() {
    let state = AppState::new(Query::parse("?src=news/a.json"), TODAY);
    let shown = state.apply(Action::Show(Query::parse("?region=Asia")));
    assert_eq!(shown.query.to_search(), "?src=news/a.json&region=Asia");
    assert_eq!(shown.request, state.request, "same file, no reload");
    let other = state.apply(Action::Show(Query::parse("?src=other.json")));
    assert_ne!(other.request, state.request);
}

#[test]
fn a_hovered_card_prefetches_its_body_and_the_open_article_comes_first() {
    let state = loaded("");
    assert_eq!(state.pending_body(), None);
    let hovered = state.apply(Action::Prefetch("a".into()));
    assert_eq!(
        hovered.pending_body().map(|(id, _)| id).as_deref(),
        Some("a")
    );
    let started = hovered.apply(Action::BodyStarted { id: "a".into() });
    assert_eq!(started.pending_body(), None, "fetched once, then cached");
    assert_eq!(
        loaded("")
            .apply(Action::Prefetch("b".into()))
            .pending_body(),
        None,
        "inline bodies need nothing"
    );
}

#[test]
fn a_changed_list_draws_its_first_cards_then_the_rest_after_a_paint() {
    use article_viewer::state::{FIRST_FRAME_CARDS, PAGE_SIZE};
    // A loaded list's cards are drawn at once; its filter panel's sections a frame later,
    // and a published page's copy gives way to it only then.
    let first = just_loaded("");
    assert_eq!(
        first.cards_drawn(),
        PAGE_SIZE,
        "a list drawn on load is drawn whole"
    );
    assert!(first.panel_later && first.draws_later() && !first.is_settled());
    let state = first.apply(Action::DrawRest);
    assert!(!state.panel_later && !state.draws_later() && state.is_settled());
    assert!(
        !just_loaded("?article=a").panel_later,
        "an article is drawn at once"
    );
    let changed = state.apply(Action::Navigate(Query::parse("?region=Europe")));
    assert!(changed.first_frame);
    assert_eq!(changed.cards_drawn(), FIRST_FRAME_CARDS);
    let drawn = changed.apply(Action::DrawRest);
    assert_eq!(drawn.cards_drawn(), PAGE_SIZE);
    assert_eq!(
        drawn.apply(Action::DrawRest),
        drawn,
        "nothing left to draw: the same state, so nothing re-renders"
    );
    // The same list (an article opened from it, then Back) is drawn whole at once.
    let back = drawn
        .apply(Action::Navigate(Query::parse("?region=Europe&article=b")))
        .apply(Action::Navigate(Query::parse("?region=Europe")));
    assert_eq!(back.cards_drawn(), PAGE_SIZE);
    // So are a search and an order (changes of the list), but not more cards asked for.
    for search in ["?q=river", "?sort=oldest"] {
        let next = drawn.apply(Action::Navigate(Query::parse(search)));
        assert_eq!(next.cards_drawn(), FIRST_FRAME_CARDS, "{search}");
    }
    assert_eq!(changed.apply(Action::ShowMore).cards_drawn(), 2 * PAGE_SIZE);
    // A new file is drawn whole when it loads.
    let other = drawn.apply(Action::Navigate(Query::parse("?src=other.json")));
    assert!(!other.first_frame);
}

#[test]
fn a_changed_list_first_draws_the_cards_that_fill_the_screen() {
    use article_viewer::state::{FIRST_FRAME_CARDS, PAGE_SIZE};
    let state = loaded("");
    // A phone's screen shows two cards: the first frame of a change draws two.
    let phone = state.apply(Action::Screenful(2));
    assert_eq!(phone.cards_drawn(), PAGE_SIZE, "the shown list stays whole");
    let changed = phone.apply(Action::Navigate(Query::parse("?region=Europe")));
    assert_eq!(changed.cards_drawn(), 2);
    assert_eq!(changed.apply(Action::DrawRest).cards_drawn(), PAGE_SIZE);
    // Never none, never more than the cap (a huge screen, an embedded frame's full height).
    assert_eq!(state.apply(Action::Screenful(0)).screenful, 1);
    assert_eq!(
        state.apply(Action::Screenful(500)).screenful,
        FIRST_FRAME_CARDS
    );
    // The same measure again changes nothing, so nothing re-renders.
    assert_eq!(phone.apply(Action::Screenful(2)), phone);
}
