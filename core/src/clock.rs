//! Time, injectable: the token cache reads a monotonic clock and sleeps through this trait, so
//! Rust tests drive expiry, refresh-ahead and backoff deterministically with [`ManualClock`].

use std::fmt::Debug;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// Whole milliseconds as a signed number (saturating), as the exported records carry them.
pub fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

pub trait Clock: Send + Sync + Debug {
    /// Monotonic time since an arbitrary origin. Token expiry is measured on this clock only.
    fn now(&self) -> Duration;
    /// Wall time, used only to persist entries (re-validated on load).
    fn wall(&self) -> SystemTime;
    /// Blocks the calling thread (backoff between retries).
    fn sleep(&self, d: Duration);
}

#[derive(Debug)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    pub fn new() -> Self {
        SystemClock {
            origin: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
    fn wall(&self) -> SystemTime {
        SystemTime::now()
    }
    fn sleep(&self, d: Duration) {
        std::thread::sleep(d)
    }
}

/// A clock that moves only when told to; `sleep` advances it instead of blocking and records
/// the requested durations so tests can assert on backoff.
#[derive(Debug)]
pub struct ManualClock {
    state: Mutex<(Duration, Vec<Duration>)>,
    wall_origin: SystemTime,
}

impl ManualClock {
    pub fn new() -> Self {
        ManualClock {
            state: Mutex::new((Duration::from_secs(1), Vec::new())),
            wall_origin: SystemTime::now(),
        }
    }
    pub fn advance(&self, d: Duration) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.0 += d;
    }
    /// Every duration passed to `sleep` so far.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .1
            .clone()
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).0
    }
    fn wall(&self) -> SystemTime {
        self.wall_origin + self.now()
    }
    fn sleep(&self, d: Duration) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.0 += d;
        s.1.push(d);
    }
}
