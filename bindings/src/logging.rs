//! Forwards sinch-core's log records to a sink the app provides (Python's `logging`, a Kotlin
//! logger). Only records from sinch-core are forwarded; they never contain secrets or tokens
//! (tokens appear as `sha256:` fingerprints).

use once_cell::sync::Lazy;
use std::sync::{Arc, RwLock};

#[derive(uniffi::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

#[uniffi::export(foreign)]
pub trait LogSink: Send + Sync {
    fn log(&self, level: LogLevel, target: String, text: String);
}

static SINK: Lazy<RwLock<Option<Arc<dyn LogSink>>>> = Lazy::new(|| RwLock::new(None));

struct Forwarder;

impl log::Log for Forwarder {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.target().starts_with("sinch_core")
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let sink = SINK.read().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(sink) = sink {
            let level = match record.level() {
                log::Level::Error => LogLevel::Error,
                log::Level::Warn => LogLevel::Warn,
                log::Level::Info => LogLevel::Info,
                log::Level::Debug => LogLevel::Debug,
                log::Level::Trace => LogLevel::Trace,
            };
            sink.log(
                level,
                record.target().to_string(),
                record.args().to_string(),
            );
        }
    }

    fn flush(&self) {}
}

static FORWARDER: Forwarder = Forwarder;

/// Sends sinch-core's records at `level` and above to `sink` (`None` stops forwarding).
#[uniffi::export]
pub fn set_log_sink(sink: Option<Arc<dyn LogSink>>, level: LogLevel) {
    // Installing fails only if the host already installed another `log` logger (a Rust app
    // embedding this library); then that logger receives the records.
    let _ = log::set_logger(&FORWARDER);
    *SINK.write().unwrap_or_else(|p| p.into_inner()) = sink;
    log::set_max_level(match level {
        LogLevel::Error => log::LevelFilter::Error,
        LogLevel::Warn => log::LevelFilter::Warn,
        LogLevel::Info => log::LevelFilter::Info,
        LogLevel::Debug => log::LevelFilter::Debug,
        LogLevel::Trace => log::LevelFilter::Trace,
    });
}

/// The sinch-core version.
#[uniffi::export]
pub fn sinch_core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Names the calling language in the user agent (`sinch-core/0.1.0 python/3.11.4`); the
/// packages call it once when loaded. Only the first call counts.
#[uniffi::export]
pub fn set_user_agent_platform(platform: String) {
    sinch_core::http::set_user_agent_platform(&platform);
}
