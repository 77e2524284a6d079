//! Async callers and the blocking core.
//!
//! Every rule (single-flight, refresh ahead, the 401 rule, stores) is implemented once, in
//! blocking code. An async caller (Rust `async fn`, Python `await`, Kotlin `suspend`) runs that
//! same code on a bounded pool of threads and awaits its result, so sync and async callers of
//! one credential share one cache entry and one in-flight token request by construction.
//!
//! * [`run`] is the async door: the caller's task or thread never blocks. Dropping its future
//!   (a cancelled Python task or Kotlin coroutine) detaches the work: it runs to its end and
//!   publishes its token, so the other waiters and the next call are unaffected.
//! * [`outside_async`] is the blocking door's guard: the blocking API called on a tokio runtime
//!   thread (where reqwest's blocking client must not run) moves the work to a plain thread
//!   and waits for it, instead of panicking.

use crate::error::{Result, SinchError};
use std::cell::Cell;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

/// The most pool threads running blocking work at once; further async calls queue. Each
/// runs one HTTP exchange at a time, bounded by its timeouts.
pub const MAX_THREADS: usize = 64;

/// An idle pool thread exits after this long.
const KEEP_ALIVE: Duration = Duration::from_secs(10);

thread_local! {
    /// Set on the pool's own threads: blocking there is what they are for.
    static IN_POOL: Cell<bool> = const { Cell::new(false) };
}

/// The pool: the blocking-thread pool of a tokio runtime that runs nothing else (no worker
/// drives it; only `spawn_blocking` is used). Rebuilt in a `fork()`ed child, which inherits
/// the map but not the threads.
static POOL: Mutex<Option<(u32, tokio::runtime::Runtime)>> = Mutex::new(None);

fn pool() -> Result<tokio::runtime::Handle> {
    let mut slot = POOL.lock().unwrap_or_else(|p| p.into_inner());
    let pid = std::process::id();
    match slot.as_ref() {
        Some((owner, rt)) if *owner == pid => return Ok(rt.handle().clone()),
        // Dropping the parent's runtime would wait for threads this process does not have.
        Some(_) => std::mem::forget(slot.take()),
        None => {}
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(MAX_THREADS)
        .thread_keep_alive(KEEP_ALIVE)
        .thread_name("sinch-core-io")
        .on_thread_start(|| IN_POOL.with(|p| p.set(true)))
        .build()
        .map_err(|e| SinchError::internal(format!("cannot start the async call pool: {e}")))?;
    let handle = rt.handle().clone();
    *slot = Some((pid, rt));
    Ok(handle)
}

/// Runs the blocking `op` on the pool and awaits its result. Works on any executor (tokio,
/// Python's asyncio through UniFFI, Kotlin coroutines): the future only waits for a wake-up.
/// A panic in `op` becomes [`SinchError::InternalError`].
pub async fn run<T, F>(op: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    let task = pool()?.spawn_blocking(op);
    match task.await {
        Ok(result) => result,
        Err(e) => Err(SinchError::internal(format!(
            "an async call failed inside sinch-core ({}); please report this bug",
            if e.is_panic() { "panic" } else { "cancelled" }
        ))),
    }
}

/// Runs `op` here, unless this thread belongs to a tokio runtime: then on a plain thread of
/// its own, this one waiting for it (reqwest's blocking client panics on runtime threads).
/// Blocking a runtime thread still stalls the runtime's other tasks: that is logged once,
/// pointing at the async API.
pub(crate) fn outside_async<T: Send>(op: impl FnOnce() -> T + Send) -> T {
    let on_runtime = tokio::runtime::Handle::try_current().is_ok() && !IN_POOL.with(|p| p.get());
    if !on_runtime {
        return op();
    }
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| {
        log::warn!(
            "the blocking sinch-core API was called on a tokio runtime thread; it works, but \
             blocks that thread for the whole exchange. In async code use the async API \
             (AsyncRun::run, Auth::access_token_async)"
        )
    });
    std::thread::scope(|s| match s.spawn(op).join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

/// The async form of a blocking sinch-core object: `client.run(|c| c.webhooks().get(id))`
/// runs the closure on the pool ([`run`]) with a clone of `self` (clients are cheap to
/// clone; all clones share one connection pool and token cache).
pub trait AsyncRun: Clone + Send + Sync + 'static {
    /// The future owns its clone of `self`: it can be spawned (`tokio::spawn`) and outlive
    /// the borrow it was made from.
    fn run<T, F>(&self, op: F) -> impl Future<Output = Result<T>> + Send + 'static + use<Self, T, F>
    where
        T: Send + 'static,
        F: FnOnce(&Self) -> Result<T> + Send + 'static,
    {
        let this = self.clone();
        run(move || op(&this))
    }
}

mod impls {
    use super::AsyncRun;
    use crate::provisioning::{
        bundles, kakaotalk, kakaotalk_templates, rcs, sms_apps, webhooks, whatsapp,
    };

    impl AsyncRun for crate::Auth {}
    impl AsyncRun for crate::ProvisioningClient {}
    impl AsyncRun for crate::india::IndiaWhatsappClient {}
    impl AsyncRun for webhooks::Webhooks {}
    impl AsyncRun for whatsapp::account::WhatsappAccounts {}
    impl AsyncRun for whatsapp::senders::WhatsappSenders {}
    impl AsyncRun for whatsapp::templates::WhatsappTemplates {}
    impl AsyncRun for whatsapp::flows::WhatsappFlows {}
    impl AsyncRun for whatsapp::solutions::WhatsappSolutions {}
    impl AsyncRun for bundles::Bundles {}
    impl AsyncRun for kakaotalk::KakaoTalkSenders {}
    impl AsyncRun for kakaotalk_templates::KakaoTalkTemplates {}
    impl AsyncRun for rcs::RcsSenders {}
    impl AsyncRun for sms_apps::SmsApps {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_pool_is_an_internal_error_not_a_crash() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let err = rt
            .block_on(run(|| -> Result<()> { panic!("boom") }))
            .unwrap_err();
        assert!(matches!(err, SinchError::InternalError { .. }), "{err:?}");
        assert!(err.reason().contains("please report"), "{}", err.reason());
    }

    /// Polls `fut` to completion on this thread with no async runtime at all, as UniFFI's
    /// foreign executors (asyncio, Kotlin coroutines) do.
    fn block_on_without_a_runtime<F: Future>(fut: F) -> F::Output {
        struct Unpark(std::thread::Thread);
        impl std::task::Wake for Unpark {
            fn wake(self: std::sync::Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = std::sync::Arc::new(Unpark(std::thread::current())).into();
        let mut cx = std::task::Context::from_waker(&waker);
        let mut fut = std::pin::pin!(fut);
        loop {
            if let std::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                return v;
            }
            std::thread::park_timeout(Duration::from_secs(1));
        }
    }

    #[test]
    fn run_completes_when_polled_outside_any_tokio_runtime() {
        assert!(tokio::runtime::Handle::try_current().is_err());
        let here = std::thread::current().id();
        let there = block_on_without_a_runtime(run(move || {
            std::thread::sleep(Duration::from_millis(20));
            Ok(std::thread::current().id())
        }))
        .unwrap();
        assert_ne!(there, here, "ran on the pool, not on the polling thread");
    }

    #[test]
    fn pool_threads_are_not_treated_as_runtime_threads() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let here = std::thread::current().id();
        let (pool_thread, moved) = rt
            .block_on(run(move || {
                let pool_thread = std::thread::current().id();
                Ok((pool_thread, outside_async(|| std::thread::current().id())))
            }))
            .unwrap();
        assert_ne!(pool_thread, here);
        assert_eq!(moved, pool_thread, "no extra thread on a pool thread");
        let on_runtime = rt.block_on(async { outside_async(|| std::thread::current().id()) });
        assert_ne!(on_runtime, here, "moved off the runtime thread");
        assert_eq!(outside_async(|| std::thread::current().id()), here);
    }
}
