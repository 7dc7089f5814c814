//! A timer: one thread that wakes the loop when an armed time is up (an
//! item on screen long enough to count as read, a term left pending).

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Arms the one timer; a newer arming replaces the older.
pub struct Timer(Option<Sender<(Instant, u64)>>);

impl Timer {
    /// `fire(token)` is called on the timer's thread when `token`'s time is up.
    pub fn spawn(fire: impl Fn(u64) + Send + 'static) -> Self {
        let (arm, armed) = mpsc::channel::<(Instant, u64)>();
        let spawned = std::thread::Builder::new()
            .name("migranews-timer".into())
            .spawn(move || {
                while let Ok(mut next) = armed.recv() {
                    loop {
                        let wait = next.0.saturating_duration_since(Instant::now());
                        match armed.recv_timeout(wait) {
                            Ok(newer) => next = newer,
                            Err(RecvTimeoutError::Timeout) => {
                                fire(next.1);
                                break;
                            }
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                }
            });
        Self(spawned.ok().map(|_| arm))
    }

    pub fn arm(&self, after: Duration, token: u64) {
        if let Some(arm) = &self.0 {
            let _ = arm.send((Instant::now() + after, token));
        }
    }
}
