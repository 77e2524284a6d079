//! Benchmark (prints numbers; not a test): the Redis token store. Needs `redis-server` on PATH
//! (`scripts/ensure-redis.sh`). Run: `cargo bench -p sinch-core --bench redis_store`.
//!
//! * a cached token read with the Redis store vs with the memory store (the in-process cache is
//!   consulted first, so neither touches its store);
//! * how long a waiting process takes to get the lease holder's token once the holder has it
//!   (the waiter polls the lease with backoff);
//! * token requests of a cold fleet (3 hosts x 8 processes) with Redis vs a file per host.

use sinch_core::clock::{Clock, SystemClock};
use sinch_core::token::{
    CacheOptions, FileStore, MemoryStore, RedisOptions, RedisStore, TokenStore,
};
use sinch_core::{Auth, OAuthConfig};
use sinch_emulator::{Emulator, EmulatorConfig, Fault, FaultKind, FaultTarget};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

fn spread(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

fn process(emu: &Emulator, store: Arc<dyn TokenStore>) -> Auth {
    Auth::oauth_private(
        OAuthConfig::new("demo-key-id", "demo-key-secret")
            .with_token_url(emu.token_url())
            .with_store(store),
        Arc::new(SystemClock::new()) as Arc<dyn Clock>,
        CacheOptions::default(),
    )
    .unwrap()
}

fn reads_ns(auth: &Auth, n: u32) -> f64 {
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(auth.access_token().unwrap());
    }
    t.elapsed().as_nanos() as f64 / f64::from(n)
}

fn main() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut redis = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server on PATH (scripts/ensure-redis.sh)");
    std::thread::sleep(Duration::from_millis(300));
    let url = format!("redis://127.0.0.1:{port}");
    let redis_store =
        || -> Arc<dyn TokenStore> { Arc::new(RedisStore::new(RedisOptions::new(&url)).unwrap()) };

    // Cached reads, alternating.
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let with_memory = process(&emu, Arc::new(MemoryStore::new()));
    let with_redis = process(&emu, redis_store());
    with_memory.access_token().unwrap();
    with_redis.access_token().unwrap();
    let (mut mem, mut red) = (Vec::new(), Vec::new());
    for _ in 0..9 {
        mem.push(reads_ns(&with_memory, 500_000));
        red.push(reads_ns(&with_redis, 500_000));
    }
    let ratios: Vec<f64> = red.iter().zip(&mem).map(|(r, m)| r / m).collect();
    let (m, r, q) = (spread(mem), spread(red), spread(ratios));
    println!(
        "Redis store: cached access_token() {:.0}/{:.0}/{:.0} ns vs memory store {:.0}/{:.0}/{:.0} ns \
         (min/median/max); ratio {:.2}/{:.2}/{:.2}",
        r.0, r.1, r.2, m.0, m.1, m.2, q.0, q.1, q.2
    );

    // A waiter's delay: the holder's fetch takes 200–400 ms (a delayed token endpoint; varied so
    // that the waiter's polls fall at every phase of the holder's release).
    let mut delays = Vec::new();
    for i in 0..10u64 {
        let emu = Emulator::start(EmulatorConfig::default()).unwrap();
        emu.inject_fault(Fault {
            target: FaultTarget::Token,
            count: 1,
            kind: FaultKind::Delay { ms: 200 + 23 * i },
        });
        let holder = process(&emu, redis_store());
        let waiter = process(&emu, redis_store());
        let h = std::thread::spawn(move || {
            holder.access_token().unwrap();
            Instant::now()
        });
        std::thread::sleep(Duration::from_millis(50));
        waiter.access_token().unwrap();
        let waiter_done = Instant::now();
        let holder_done = h.join().unwrap();
        assert_eq!(emu.counters().token_requests, 1);
        delays.push(
            waiter_done
                .saturating_duration_since(holder_done)
                .as_secs_f64()
                * 1e3,
        );
        let _ = Command::new("redis-cli")
            .args(["-p", &port.to_string(), "FLUSHALL"])
            .output();
    }
    let d = spread(delays);
    println!(
        "Redis store: a waiting process has the holder's token {:.1}/{:.1}/{:.1} ms after the \
         holder (min/median/max of 10)",
        d.0, d.1, d.2
    );

    // Cold fleets.
    let fleet = |store_of: &dyn Fn(usize) -> Arc<dyn TokenStore>| {
        let emu = Emulator::start(EmulatorConfig::default()).unwrap();
        let barrier = Arc::new(Barrier::new(24));
        let threads: Vec<_> = (0..24)
            .map(|i| {
                let auth = process(&emu, store_of(i / 8));
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    auth.access_token().unwrap();
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        emu.counters().token_requests
    };
    let dir = std::env::temp_dir().join(format!("sinch-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = fleet(&|h| Arc::new(FileStore::new(dir.join(format!("host{h}.json"))).unwrap()));
    let _ = Command::new("redis-cli")
        .args(["-p", &port.to_string(), "FLUSHALL"])
        .output();
    let shared = fleet(&|_| redis_store());
    println!(
        "cold fleet of 3 hosts x 8 processes: {shared} token request(s) with Redis, {files} with a \
         file store per host"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = redis.kill();
    let _ = redis.wait();
}
