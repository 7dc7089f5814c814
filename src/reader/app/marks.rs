//! Read, starred and links: what a person does to an item rather than to the list.
//!
//! Every change is applied here, to the states the reader shows, and queued
//! as a [`Command::SaveStates`] for the event loop's writer thread, so the
//! store is written at once without a frame ever waiting for the disk.

use std::sync::Arc;

use super::{App, Command, Overlay};
use crate::archive::state::{ItemKey, ItemState};
use crate::reader::links::checked_link;

impl App {
    /// The state of the item at archive index `index`.
    pub fn state_of(&self, index: usize) -> ItemState {
        self.states.get(index)
    }

    /// How many of the results are unread.
    pub fn unread_in_results(&self) -> usize {
        self.unread_in_results
    }

    /// Sets the state of the item at `index` and queues it for saving.
    pub(super) fn set_state(&mut self, index: usize, state: ItemState) {
        let before = self.states.get(index);
        if before == state {
            return;
        }
        Arc::make_mut(&mut self.states).set(index, state);
        if before.read != state.read && self.results.iter().any(|m| m.index as usize == index) {
            if state.read {
                self.unread_in_results = self.unread_in_results.saturating_sub(1);
            } else {
                self.unread_in_results += 1;
            }
        }
        let key = self.archive.key(index);
        self.remember_change(key, state);
        self.commands.push(Command::SaveStates(vec![(key, state)]));
    }

    pub(super) fn mark_read(&mut self, index: usize) {
        let state = ItemState {
            read: true,
            ..self.states.get(index)
        };
        self.set_state(index, state);
    }

    pub(super) fn toggle_selected(&mut self, change: impl FnOnce(&mut ItemState)) {
        if let Some(index) = self.selected_index() {
            let mut state = self.states.get(index);
            change(&mut state);
            self.set_state(index, state);
        }
    }

    /// After every update: when another item comes into view, its read
    /// timer starts; scrolling past an item quickly never marks it read.
    pub(super) fn note_shown_item(&mut self) {
        let shown = self
            .selected_index()
            .filter(|_| self.reading || !self.layout().detail_text.is_empty())
            .zip(self.selected_key());
        if shown.map(|(_, key)| key) == self.shown {
            return;
        }
        self.shown = shown.map(|(_, key)| key);
        if let Some((index, _)) = shown
            && !self.states.get(index).read
        {
            self.read_timer += 1;
            self.commands.push(Command::ArmReadTimer(self.read_timer));
        }
    }

    pub(super) fn read_timer_fired(&mut self, token: u64) {
        if token != self.read_timer {
            return;
        }
        if let Some(index) = self.selected_index()
            && self.shown == self.selected_key()
        {
            self.mark_read(index);
        }
    }

    /// Asks before marking every result read: it cannot be undone at once.
    pub(super) fn ask_mark_all_read(&mut self) {
        let count = self.unread_in_results;
        if count == 0 {
            self.notice = Some("nothing unread here".into());
            return;
        }
        self.overlay = Some(Overlay::ConfirmMarkAllRead { count });
    }

    pub(super) fn confirm(&mut self) {
        if let Some(Overlay::ConfirmMarkAllRead { .. }) = self.overlay {
            self.overlay = None;
            let unread: Vec<usize> = self
                .results
                .iter()
                .map(|m| m.index as usize)
                .filter(|&index| !self.states.get(index).read)
                .collect();
            let states = Arc::make_mut(&mut self.states);
            let mut changes = Vec::with_capacity(unread.len());
            for &index in &unread {
                let state = ItemState {
                    read: true,
                    ..states.get(index)
                };
                states.set(index, state);
                changes.push((self.archive.key(index), state));
            }
            for &(key, state) in &changes {
                self.remember_change(key, state);
            }
            self.unread_in_results = 0;
            self.notice = Some(format!("{} marked read", unread.len()));
            self.commands.push(Command::SaveStates(changes));
        }
    }

    /// `o` opens the selected item's link, `y` copies it; only http(s).
    pub(super) fn open_link(&mut self, copy: bool) {
        let Some(item) = self.selected_item() else {
            return;
        };
        match checked_link(item.link) {
            Ok(link) if copy => self.commands.push(Command::CopyLink(link.to_string())),
            Ok(link) => self.commands.push(Command::OpenLink(link.to_string())),
            Err(why) => self.notice = Some(why),
        }
    }

    /// While a refresh runs, its reloaded archive was read before this
    /// change may have been saved: keep it to apply again.
    fn remember_change(&mut self, key: ItemKey, state: ItemState) {
        if self.refresh != super::RefreshStatus::Idle || self.incoming.is_some() {
            self.changes_during_refresh.push((key, state));
        }
    }
}
