//! Benchmark (prints numbers; not a test): what a cached token read costs, and how many token
//! requests cold starts make. Run: `cargo bench -p sinch-core --bench token_cache`.

use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::{Auth, OAuthConfig, ProvisioningClient, ProvisioningConfig};
use sinch_emulator::{Emulator, EmulatorConfig};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

fn auth(emu: &Emulator) -> Auth {
    Auth::oauth(OAuthConfig::new("demo-key-id", "demo-key-secret").with_token_url(emu.token_url()))
        .unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// ns per `access_token()` on a warm cache, median of `batches` batches of `n` calls.
fn cached_read_ns(auth: &Auth, n: u32, batches: u32) -> f64 {
    median(
        (0..batches)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..n {
                    std::hint::black_box(auth.access_token().unwrap());
                }
                t.elapsed().as_nanos() as f64 / n as f64
            })
            .collect(),
    )
}

fn cold_threads(n: usize) -> (u64, Duration) {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let auth = auth(&emu);
    let barrier = Arc::new(Barrier::new(n + 1));
    let threads: Vec<_> = (0..n)
        .map(|_| {
            let (auth, barrier) = (auth.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                auth.access_token().unwrap();
            })
        })
        .collect();
    let t = Instant::now();
    barrier.wait();
    for th in threads {
        th.join().unwrap();
    }
    (emu.counters().token_requests, t.elapsed())
}

fn main() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let a = auth(&emu);
    a.access_token().unwrap();
    println!(
        "sinch-core token cache benchmark ({} build)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!(
        "cached access_token() read, 1 thread:   {:>8.0} ns/call (median of 20 x 200k)",
        cached_read_ns(&a, 200_000, 20)
    );

    let threads = 8;
    let barrier = Arc::new(Barrier::new(threads));
    let per_thread: Vec<f64> = (0..threads)
        .map(|_| {
            let (a, b) = (a.clone(), barrier.clone());
            std::thread::spawn(move || {
                b.wait();
                cached_read_ns(&a, 100_000, 5)
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().unwrap())
        .collect();
    println!(
        "cached access_token() read, {threads} threads:  {:>8.0} ns/call (median per thread)",
        median(per_thread)
    );

    for n in [32, 64, 256] {
        let (requests, took) = cold_threads(n);
        println!(
            "{n:>3} cold threads -> {requests} token request(s), all served in {:.1} ms",
            took.as_secs_f64() * 1e3
        );
    }

    let client = ProvisioningClient::new(
        ProvisioningConfig::new("bench-project").with_base_url(emu.base_url()),
        a.clone(),
    )
    .unwrap();
    let hooks = client.webhooks();
    hooks.list(&PageRequest::default()).unwrap();
    let lat: Vec<f64> = (0..500)
        .map(|_| {
            let t = Instant::now();
            hooks.list(&PageRequest::default()).unwrap();
            t.elapsed().as_micros() as f64
        })
        .collect();
    println!(
        "webhooks list over loopback (reused connection): {:.0} µs median",
        median(lat)
    );
}
