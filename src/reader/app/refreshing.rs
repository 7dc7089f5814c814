//! Ctrl-R as the state sees it: progress, failures for F2, and the reloaded archive.

use std::collections::HashMap;
use std::sync::Arc;

use super::{App, Effect, RefreshStatus};
use crate::archive::source::Origin;
use crate::archive::state::ItemStates;
use crate::reader::refresh::{self, RefreshEvent};

impl App {
    pub(super) fn refreshed(&mut self, event: RefreshEvent) -> Effect {
        match event {
            RefreshEvent::Started { feeds } => {
                self.refresh = RefreshStatus::Running { done: 0, feeds };
                self.refresh_failures.clear();
            }
            RefreshEvent::Feed { report, done } => {
                if let RefreshStatus::Running { feeds, .. } = self.refresh {
                    self.refresh = RefreshStatus::Running { done, feeds };
                }
                if let Some(warning) = refresh::failure_warning(&report) {
                    self.refresh_failures.push(warning);
                }
            }
            RefreshEvent::Loaded(archive, states) => {
                self.incoming = Some((archive, Arc::new(states), Arc::default()));
                self.origin = Origin::Store;
                return self.request_search();
            }
            RefreshEvent::Finished { summary } => {
                self.refresh = RefreshStatus::Idle;
                self.notice = Some(summary);
                if self.incoming.is_none() {
                    self.changes_during_refresh.clear();
                }
            }
            RefreshEvent::Failed(error) => {
                self.refresh = RefreshStatus::Idle;
                self.notice = Some(format!("refresh failed: {error}"));
                self.problems.insert(0, format!("refresh: {error}"));
                if self.incoming.is_none() {
                    self.changes_during_refresh.clear();
                }
            }
        }
        Effect::None
    }

    /// The states of a reloaded archive with this reader's changes since the
    /// refresh began applied again: the reload may have read the store
    /// before they were saved.
    pub(super) fn with_changes_since_refresh(&mut self, states: &mut Arc<ItemStates>) {
        let changes = std::mem::take(&mut self.changes_during_refresh);
        if changes.is_empty() {
            return;
        }
        let wanted: HashMap<_, _> = changes.into_iter().collect();
        let states = Arc::make_mut(states);
        for index in 0..self.archive.len() {
            if let Some(&state) = wanted.get(&self.archive.key(index)) {
                states.set(index, state);
            }
        }
    }
}
