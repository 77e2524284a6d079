//! The async API (`AsyncRun::run`, `Auth::access_token_async`, `Pager::into_stream`) and the
//! blocking API inside tokio, against the emulator on 127.0.0.1: the async scenarios of
//! tests/scenarios/README.md.

mod common;

use common::*;
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::webhooks::{WebhookSpec, WebhookTrigger};
use sinch_core::{AsyncRun, SinchError};
use sinch_emulator::{Fault, FaultKind, FaultTarget};
use std::future::poll_fn;
use std::pin::Pin;
use std::sync::{Arc, Barrier};
use std::time::Duration;

fn spec(target: &str) -> WebhookSpec {
    WebhookSpec {
        target: target.to_string(),
        secret: "whsec-async-do-not-print".into(),
        triggers: vec![WebhookTrigger::WhatsappTemplateApproved],
    }
}

fn runtime(multi_thread: bool) -> tokio::runtime::Runtime {
    let mut b = if multi_thread {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    b.enable_all().build().unwrap()
}

/// The next item of a stream, without a dependency on a stream utilities crate.
async fn next<S: futures_core::Stream + Unpin>(s: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *s).poll_next(cx)).await
}

#[test]
fn blocking_api_inside_a_tokio_runtime_works() {
    let emu = emulator();
    for multi_thread in [false, true] {
        let auth = oauth_with(&emu, &format!("inside-rt-{multi_thread}"), KEY_SECRET);
        emu.add_key(&format!("inside-rt-{multi_thread}"), KEY_SECRET);
        let c = client(&emu, auth.clone());
        let listed = runtime(multi_thread).block_on(async move {
            c.webhooks()
                .create(&spec(&format!("https://example.com/rt-{multi_thread}")))?;
            let page = c.webhooks().list(&PageRequest::default())?;
            auth.access_token()?;
            Ok::<_, SinchError>(page.webhooks.len())
        });
        assert_eq!(listed.unwrap(), usize::from(multi_thread) + 1);
    }
}

#[test]
fn async_and_sync_cold_start_one_token_request() {
    let emu = emulator();
    let auth = oauth(&emu);
    // The token endpoint is slow, so every caller arrives while the one fetch is in flight.
    emu.inject_fault(Fault {
        target: FaultTarget::Token,
        count: 1,
        kind: FaultKind::Delay { ms: 300 },
    });
    let start = Arc::new(Barrier::new(17));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let (auth, start) = (auth.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                auth.access_token().map(|t| t.expose().to_string())
            })
        })
        .collect();
    let rt = runtime(true);
    let tokens = rt.block_on(async {
        let tasks: Vec<_> = (0..64)
            .map(|_| {
                let auth = auth.clone();
                tokio::spawn(async move {
                    auth.access_token_async()
                        .await
                        .map(|t| t.expose().to_string())
                })
            })
            .collect();
        start.wait();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap().unwrap());
        }
        out
    });
    let threaded: Vec<String> = threads
        .into_iter()
        .map(|t| t.join().unwrap().unwrap())
        .collect();
    assert_eq!(emu.counters().token_requests, 1);
    assert!(tokens.iter().chain(&threaded).all(|t| *t == tokens[0]));
    assert_eq!(auth.stats().fetches, 1);
}

#[test]
fn async_expired_token_retried_once() {
    let emu = emulator();
    let c = client(&emu, oauth(&emu));
    let rt = runtime(false);
    rt.block_on(c.webhooks().run(|w| w.list(&PageRequest::default())))
        .unwrap();
    emu.expire_all_tokens();
    rt.block_on(c.webhooks().run(|w| w.list(&PageRequest::default())))
        .unwrap();
    let n = emu.counters();
    assert_eq!((n.token_requests, n.expired_401_sent), (2, 1));
}

#[test]
fn async_bad_credentials_negative_cache() {
    let emu = emulator();
    let auth = oauth_with(&emu, KEY_ID, "wrong-secret-async");
    let rt = runtime(false);
    for _ in 0..5 {
        let err = rt.block_on(auth.access_token_async()).unwrap_err();
        assert!(
            matches!(err, SinchError::InvalidCredentials { .. }),
            "{err:?}"
        );
        assert!(!err.to_string().contains("wrong-secret-async"));
    }
    assert_eq!(emu.counters().token_requests, 1);
    let s = auth.stats();
    assert_eq!((s.fetch_failures, s.negative_hits), (1, 4));
}

#[test]
fn async_pagination() {
    let emu = emulator();
    let c = client(&emu, oauth(&emu));
    for i in 0..15 {
        c.webhooks()
            .create(&spec(&format!("https://example.com/p{i:02}")))
            .unwrap();
    }
    let rt = runtime(false);
    let sizes = rt.block_on(async {
        let mut stream = c.webhooks().pages(Some(4)).unwrap().into_stream();
        let mut sizes = Vec::new();
        while let Some(page) = next(&mut stream).await {
            sizes.push(page.unwrap().webhooks.len());
        }
        sizes
    });
    assert_eq!(sizes, [4, 4, 4, 3]);
}

#[test]
fn async_cancelled_waiters_leave_the_cache_consistent() {
    let emu = emulator();
    let auth = oauth(&emu);
    emu.inject_fault(Fault {
        target: FaultTarget::Token,
        count: 1,
        kind: FaultKind::Delay { ms: 800 },
    });
    let rt = runtime(true);
    let (cancelled, kept) = rt.block_on(async {
        // Half the callers give up while the one token request is in flight.
        let impatient: Vec<_> = (0..8)
            .map(|_| {
                let auth = auth.clone();
                tokio::spawn(async move {
                    tokio::time::timeout(Duration::from_millis(100), auth.access_token_async())
                        .await
                        .is_err()
                })
            })
            .collect();
        let patient: Vec<_> = (0..8)
            .map(|_| {
                let auth = auth.clone();
                tokio::spawn(async move { auth.access_token_async().await })
            })
            .collect();
        let mut cancelled = 0;
        for t in impatient {
            cancelled += usize::from(t.await.unwrap());
        }
        let mut kept = Vec::new();
        for t in patient {
            kept.push(t.await.unwrap().unwrap().expose().to_string());
        }
        (cancelled, kept)
    });
    assert_eq!(cancelled, 8, "every impatient caller timed out");
    assert!(kept.iter().all(|t| *t == kept[0]));
    let next = rt.block_on(auth.access_token_async()).unwrap();
    assert_eq!(next.expose(), kept[0]);
    assert_eq!(emu.counters().token_requests, 1);
}
