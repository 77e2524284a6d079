//! Benchmark (prints numbers; not a test): the async API over the blocking core.
//! Run: `cargo bench -p sinch-core --bench async_calls`.
//!
//! * per-call cost of the async form (`AsyncRun::run` from a tokio task) against the blocking
//!   form, one small list (5 webhooks) at a time;
//! * 64 concurrent awaited lists on a one-thread tokio runtime: calls/s and the process's peak
//!   OS threads (each contender's own: the other's idle threads are left out), against async reqwest with a hand-kept bearer token on the same emulator (what
//!   an async core would cost at best).
//!
//! Contenders alternate round by round; each figure is min / median / max over the rounds.

use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::webhooks::{WebhookSpec, WebhookTrigger};
use sinch_core::{AsyncRun, Auth, OAuthConfig, ProvisioningClient, ProvisioningConfig};
use sinch_emulator::{Emulator, EmulatorConfig};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ROUNDS: usize = 7;
const SEQUENTIAL: usize = 300;
const CONCURRENT: usize = 64;
const BATCHES: usize = 8;

fn spread(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

const SAMPLER: &str = "thread-sampler";

/// The process's OS threads, without the in-process emulator's, the sampler, and those whose
/// name starts with one of `others` (the other contender's idle threads).
fn os_threads(others: &'static [&'static str]) -> usize {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .filter(|name| {
            !name.starts_with("sinch-emulator")
                && !name.starts_with(SAMPLER)
                && !others.iter().any(|o| name.starts_with(o))
        })
        .count()
}

/// Samples the process's OS thread count every millisecond until dropped; keeps the peak.
struct ThreadPeak {
    peak: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    sampler: Option<std::thread::JoinHandle<()>>,
}

impl ThreadPeak {
    fn start(others: &'static [&'static str]) -> Self {
        let peak = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s) = (peak.clone(), stop.clone());
        let sampler = std::thread::Builder::new()
            .name(SAMPLER.into())
            .spawn(move || {
                while !s.load(Ordering::Relaxed) {
                    p.fetch_max(os_threads(others), Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(1));
                }
            })
            .unwrap();
        ThreadPeak {
            peak,
            stop,
            sampler: Some(sampler),
        }
    }

    fn finish(mut self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(s) = self.sampler.take() {
            s.join().unwrap();
        }
        self.peak.load(Ordering::Relaxed)
    }
}

fn main() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let auth = Auth::oauth(
        OAuthConfig::new("demo-key-id", "demo-key-secret").with_token_url(emu.token_url()),
    )
    .unwrap();
    let client = ProvisioningClient::new(
        ProvisioningConfig::new("bench").with_base_url(emu.base_url()),
        auth.clone(),
    )
    .unwrap();
    let webhooks = client.webhooks();
    for i in 0..5 {
        webhooks
            .create(&WebhookSpec {
                target: format!("https://example.com/bench-{i}"),
                secret: "bench-secret".into(),
                triggers: vec![WebhookTrigger::All],
            })
            .unwrap();
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let page = PageRequest::default();

    // Per-call cost, sequential.
    let (mut sync_us, mut async_us) = (Vec::new(), Vec::new());
    for round in 0..=ROUNDS {
        let t = Instant::now();
        for _ in 0..SEQUENTIAL {
            assert_eq!(webhooks.list(&page).unwrap().webhooks.len(), 5);
        }
        let s = t.elapsed().as_secs_f64() * 1e6 / SEQUENTIAL as f64;
        let t = Instant::now();
        rt.block_on(async {
            for _ in 0..SEQUENTIAL {
                let p = page.clone();
                let listed = webhooks.run(move |w| w.list(&p)).await.unwrap();
                assert_eq!(listed.webhooks.len(), 5);
            }
        });
        let a = t.elapsed().as_secs_f64() * 1e6 / SEQUENTIAL as f64;
        if round > 0 {
            // Round 0 warms connections and the pool.
            sync_us.push(s);
            async_us.push(a);
        }
    }
    let ratios: Vec<f64> = async_us.iter().zip(&sync_us).map(|(a, s)| a / s).collect();
    let (s, a, r) = (spread(sync_us), spread(async_us), spread(ratios));
    println!(
        "Rust: one small list (5 webhooks), per call: blocking {:.0}/{:.0}/{:.0} µs, async run() \
         {:.0}/{:.0}/{:.0} µs (min/median/max); async/blocking ratio {:.2}/{:.2}/{:.2}",
        s.0, s.1, s.2, a.0, a.1, a.2, r.0, r.1, r.2
    );

    // 64 concurrent awaited calls on one runtime thread.
    let token = auth.access_token().unwrap().expose().to_string();
    let http = reqwest::Client::new();
    let url = format!("{}/v1/projects/bench/webhooks", emu.base_url());
    let (mut ours, mut native) = (Vec::new(), Vec::new());
    let (mut ours_threads, mut native_threads) = (0, 0);
    for round in 0..=ROUNDS {
        let peak = ThreadPeak::start(&[]);
        let t = Instant::now();
        rt.block_on(async {
            for _ in 0..BATCHES {
                let calls: Vec<_> = (0..CONCURRENT)
                    .map(|_| {
                        let p = page.clone();
                        tokio::spawn(webhooks.run(move |w| w.list(&p)))
                    })
                    .collect();
                for c in calls {
                    assert_eq!(c.await.unwrap().unwrap().webhooks.len(), 5);
                }
            }
        });
        let o = (BATCHES * CONCURRENT) as f64 / t.elapsed().as_secs_f64();
        let o_threads = peak.finish();
        // Not counted for async reqwest: sinch-core's idle pool and blocking-client threads.
        let peak = ThreadPeak::start(&["sinch-core-io", "reqwest-interna"]);
        let t = Instant::now();
        rt.block_on(async {
            for _ in 0..BATCHES {
                let calls: Vec<_> = (0..CONCURRENT)
                    .map(|_| {
                        let (http, url, token) = (http.clone(), url.clone(), token.clone());
                        tokio::spawn(async move {
                            let r = http.get(&url).bearer_auth(&token).send().await.unwrap();
                            assert!(r.status().is_success());
                            r.bytes().await.unwrap().len()
                        })
                    })
                    .collect();
                for c in calls {
                    assert!(c.await.unwrap() > 0);
                }
            }
        });
        let n = (BATCHES * CONCURRENT) as f64 / t.elapsed().as_secs_f64();
        let n_threads = peak.finish();
        if round > 0 {
            ours.push(o);
            native.push(n);
            ours_threads = ours_threads.max(o_threads);
            native_threads = native_threads.max(n_threads);
        }
    }
    let ratios: Vec<f64> = ours.iter().zip(&native).map(|(o, n)| o / n).collect();
    let (o, n, r) = (spread(ours), spread(native), spread(ratios));
    println!(
        "Rust: {CONCURRENT} concurrent awaited lists on one tokio thread: sinch-core \
         {:.0}/{:.0}/{:.0} calls/s (peak {} OS threads), async reqwest + fixed token \
         {:.0}/{:.0}/{:.0} calls/s (peak {} OS threads); ratio {:.2}/{:.2}/{:.2} \
         (the in-process emulator's threads not counted)",
        o.0, o.1, o.2, ours_threads, n.0, n.1, n.2, native_threads, r.0, r.1, r.2
    );
}
