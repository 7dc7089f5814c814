//! Helpers shared by the reader's unit and render tests.

use std::sync::Arc;

use crate::archive::item::Archive;
use crate::reader::action::Action;
use crate::reader::app::{App, Effect};
use crate::search::engine::Searcher;
use crate::search::worker::answer;

/// An app on `archive` in a terminal of the given size.
pub fn app_on(archive: Archive, width: u16, height: u16) -> App {
    let mut app = App::new(Arc::new(archive));
    app.update(Action::Resize { width, height });
    count_facets_now(&mut app);
    app
}

pub use crate::archive::test_support::archive_from;

/// Applies `action`; a search it asks for runs at once, as the worker would.
pub fn act(app: &mut App, action: Action) -> Effect {
    let effect = app.update(action);
    if let Effect::Search(request) = &effect {
        // The archive the request names: a reload asks about the new one.
        let mut searcher = Searcher::new(&request.archive);
        let response = answer(&mut searcher, request.clone(), &|| false).expect("never stale");
        app.update(Action::SearchFinished(response));
    }
    count_facets_now(app);
    effect
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        act(app, Action::InsertChar(c));
    }
}

/// The user stops typing: the pending-term timer last armed fires.
pub fn stop_typing(app: &mut App) {
    let token = app
        .take_commands()
        .into_iter()
        .filter_map(|command| match command {
            crate::reader::app::Command::ArmPendingTimer(token) => Some(token),
            _ => None,
        })
        .next_back();
    if let Some(token) = token {
        act(app, Action::PendingTimerFired(token));
    }
}

/// Counts the places and days the app asked for, as the facets worker
/// would, leaving its other commands for the test to see.
fn count_facets_now(app: &mut App) {
    let (requests, others): (Vec<_>, Vec<_>) = app
        .take_commands()
        .into_iter()
        .partition(|command| matches!(command, crate::reader::app::Command::CountFacets(_)));
    app.put_back_commands(others);
    for command in requests {
        if let crate::reader::app::Command::CountFacets(request) = command {
            let days = crate::places::DayIndex::new(&request.archive);
            let facets = crate::reader::facets::count(&request, &days);
            app.update(Action::FacetsReady(request.generation, facets));
        }
    }
}
