//! Retries for 429 and 5xx: full-jitter exponential backoff that honours `Retry-After`, bounded
//! both in tries and in total time. One policy and one loop ([`RetryPolicy::run`]) serve the
//! token endpoints and the APIs.

use crate::clock::Clock;
use crate::error::{Result, SinchError};
use crate::http::RawResponse;
use rand::Rng;
use std::ops::ControlFlow;
use std::time::{Duration, Instant, SystemTime};

#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retries).
    pub max_retries: u32,
    /// First backoff ceiling; attempt n waits `rand(0, base * factor^n)`, capped at `max_delay`.
    pub base_delay: Duration,
    pub factor: u32,
    pub max_delay: Duration,
    /// No retry starts once this much time has passed since the first attempt, and no single
    /// wait (even a server's `Retry-After`) goes beyond it.
    pub max_total: Duration,
}

impl Default for RetryPolicy {
    /// Sinch's own SDKs: 3 retries, base 1 s, x4, full jitter; capped at 10 s a wait, 30 s total.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            factor: 4,
            max_delay: Duration::from_secs(10),
            max_total: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// How long to wait before retry number `retry` (0-based), or `None` when retries are over.
    /// `retry_after` is the server's hint; `elapsed` the time since the first attempt.
    pub fn delay(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        elapsed: Duration,
    ) -> Option<Duration> {
        if retry >= self.max_retries || elapsed >= self.max_total {
            return None;
        }
        let remaining = self.max_total - elapsed;
        let wait = match retry_after {
            // The server said when: honour it, plus a little jitter so clients spread out.
            Some(ra) => ra + Duration::from_millis(rand::rng().random_range(0..=250)),
            None => {
                let ceiling = self
                    .base_delay
                    .saturating_mul(self.factor.saturating_pow(retry))
                    .min(self.max_delay);
                let ms = ceiling.as_millis() as u64;
                Duration::from_millis(rand::rng().random_range(0..=ms))
            }
        };
        if wait > remaining {
            return None;
        }
        Some(wait)
    }
}

impl RetryPolicy {
    /// Runs `attempt` (one HTTP exchange) until its outcome is final, and returns that outcome
    /// and how many attempts were made. A 429 is always retried (the request was not
    /// processed); a 5xx or a broken connection only when the request is `idempotent`. An
    /// attempt that answers `Break(e)` ends the call with `e` at once (no token could be had:
    /// the token endpoint has already applied this rule itself). Each attempt is one DEBUG log
    /// record: `what` (method and path, never a query or a secret), the attempt number, the
    /// status or error kind, and the time it took.
    pub(crate) fn run(
        &self,
        clock: &dyn Clock,
        idempotent: bool,
        what: &str,
        mut attempt: impl FnMut() -> ControlFlow<SinchError, Result<RawResponse>>,
    ) -> (Result<RawResponse>, u32) {
        let started = clock.now();
        let mut retry = 0u32;
        loop {
            let sent = Instant::now();
            let outcome = match attempt() {
                ControlFlow::Continue(outcome) => outcome,
                ControlFlow::Break(e) => return (Err(e), retry + 1),
            };
            let took = sent.elapsed().as_millis();
            let retryable = match &outcome {
                Ok(r) => r.status == 429 || (r.status >= 500 && idempotent),
                Err(SinchError::NetworkError { .. }) => idempotent,
                Err(_) => false,
            };
            let wait = if retryable {
                let retry_after = outcome
                    .as_ref()
                    .ok()
                    .and_then(|r| r.retry_after(clock.wall()));
                self.delay(retry, retry_after, clock.now().saturating_sub(started))
            } else {
                None
            };
            if log::log_enabled!(log::Level::Debug) {
                let result = match &outcome {
                    Ok(r) => format!("HTTP {}", r.status),
                    Err(e) => e.kind().to_string(),
                };
                match wait {
                    Some(wait) => log::debug!(
                        "{what}: attempt {} -> {result} in {took} ms; retrying in {} ms",
                        retry + 1,
                        wait.as_millis()
                    ),
                    None => log::debug!("{what}: attempt {} -> {result} in {took} ms", retry + 1),
                }
            }
            match wait {
                Some(wait) => {
                    clock.sleep(wait);
                    retry += 1;
                }
                None => return (outcome, retry + 1),
            }
        }
    }
}

/// The longest `Retry-After` read; a larger hint is clamped to it (no retry waits that long
/// anyway: waits are bounded by [`RetryPolicy::max_total`]).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Parses a `Retry-After` value: delay-seconds or an HTTP-date, at most [`MAX_RETRY_AFTER`].
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    let wait = if let Ok(secs) = v.parse::<u64>() {
        Duration::from_secs(secs)
    } else if let Ok(secs) = v.parse::<f64>() {
        if !secs.is_finite() || secs < 0.0 {
            return None;
        }
        Duration::from_secs_f64(secs.min(MAX_RETRY_AFTER.as_secs_f64()))
    } else {
        httpdate::parse_http_date(v)
            .ok()
            .map(|at| at.duration_since(now).unwrap_or(Duration::ZERO))?
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn absurd_retry_after_values_are_clamped_never_panic() {
        let now = SystemTime::now();
        for v in ["18446744073709551615", "1e30", "3e73", "9.3e18"] {
            assert_eq!(parse_retry_after(v, now), Some(MAX_RETRY_AFTER), "{v}");
            let d = RetryPolicy::default().delay(0, parse_retry_after(v, now), Duration::ZERO);
            assert_eq!(d, None, "{v}: beyond the retry budget");
        }
        for v in ["-1", "NaN", "inf"] {
            assert_eq!(parse_retry_after(v, now), None, "{v}");
        }
    }

    #[test]
    fn delays_are_bounded_in_tries_and_total_time() {
        let p = RetryPolicy::default();
        for retry in 0..3 {
            let d = p.delay(retry, None, Duration::ZERO).unwrap();
            assert!(d <= p.max_delay);
        }
        assert_eq!(p.delay(3, None, Duration::ZERO), None);
        assert_eq!(p.delay(0, None, Duration::from_secs(30)), None);
        // A Retry-After beyond the total budget is not waited for.
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(60)), Duration::ZERO),
            None
        );
        let d = p
            .delay(0, Some(Duration::from_secs(1)), Duration::ZERO)
            .unwrap();
        assert!(d >= Duration::from_secs(1) && d <= Duration::from_millis(1250));
    }
}
