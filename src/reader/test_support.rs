//! Helpers shared by the reader's unit and render tests.

use std::sync::Arc;

use crate::archive::item::Archive;
use crate::reader::action::Action;
use crate::reader::app::{App, Effect};
use crate::search::engine::{Corpus, Searcher};
use crate::search::worker::SearchResponse;

/// An app on `archive` in a terminal of the given size.
pub fn app_on(archive: Archive, width: u16, height: u16) -> App {
    let mut app = App::new(Arc::new(archive));
    app.update(Action::Resize { width, height });
    app
}

pub use crate::archive::test_support::archive_from;

/// Applies `action`; a search it asks for runs at once, as the worker would.
pub fn act(app: &mut App, action: Action) -> Effect {
    let effect = app.update(action);
    if let Effect::Search(request) = &effect {
        // The archive the request names: a reload asks about the new one.
        let archive = &request.archive;
        let outcome = Searcher::new(archive)
            .search(
                Corpus::new(archive, &request.states),
                &request.query,
                request.scope,
                request.order,
                &|| false,
            )
            .map(Option::unwrap);
        app.update(Action::SearchFinished(SearchResponse {
            request: request.clone(),
            outcome,
        }));
    }
    effect
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        act(app, Action::InsertChar(c));
    }
}
