//! Helpers shared by the reader's unit and render tests.

use std::sync::Arc;

use crate::action::Action;
use crate::app::{App, Effect};
use crate::filter::Searcher;
use crate::item::Archive;
use crate::search_worker::SearchResponse;
use crate::source;

/// An app on `archive` in a terminal of the given size.
pub fn app_on(archive: Archive, width: u16, height: u16) -> App {
    let mut app = App::new(Arc::new(archive));
    app.update(Action::Resize { width, height });
    app
}

/// An archive from text, as the binary would load it.
pub fn archive_from(text: &str) -> Archive {
    let mut archive = Archive::new();
    source::add_bytes(&mut archive, "test.txt", text.as_bytes().to_vec()).unwrap();
    archive.sort();
    archive
}

/// Applies `action`; a search it asks for runs at once, as the worker would.
pub fn act(app: &mut App, action: Action) -> Effect {
    let effect = app.update(action);
    if let Effect::Search(request) = &effect {
        let archive = app.archive();
        let outcome = Searcher::new(archive)
            .search(
                archive,
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
