//! Long-lived worker threads for the page streams (`page_stream.rs`), started when none is idle.
//! A thread started per call was often placed on a busy CPU and waited ~0.7 ms for it; an idle
//! thread that is woken up starts at once, and keeps its allocator's memory warm.

use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};

pub(crate) type Job = Box<dyn FnOnce() + Send>;

/// Idle workers kept; more (after a burst of concurrent calls) end once idle.
const MAX_IDLE: usize = 4;

struct Idle {
    /// The process the threads belong to: after a `fork()` the child has none of them.
    pid: u32,
    workers: Vec<Sender<Job>>,
}

static IDLE: Mutex<Option<Idle>> = Mutex::new(None);

fn take_idle() -> Option<Sender<Job>> {
    let pid = std::process::id();
    let mut idle = IDLE.lock().unwrap_or_else(|p| p.into_inner());
    match idle.as_mut() {
        Some(i) if i.pid == pid => i.workers.pop(),
        _ => {
            *idle = Some(Idle {
                pid,
                workers: Vec::new(),
            });
            None
        }
    }
}

fn put_idle(worker: Sender<Job>) -> bool {
    let pid = std::process::id();
    let mut idle = IDLE.lock().unwrap_or_else(|p| p.into_inner());
    match idle.as_mut() {
        Some(i) if i.pid == pid && i.workers.len() < MAX_IDLE => {
            i.workers.push(worker);
            true
        }
        _ => false,
    }
}

/// Runs `job` on an idle worker, a new one, or here if no thread can be started.
pub(crate) fn run(mut job: Job) {
    while let Some(worker) = take_idle() {
        match worker.send(job) {
            Ok(()) => return,
            Err(returned) => job = returned.0, // that worker has ended
        }
    }
    let slot = Arc::new(Mutex::new(Some(job)));
    let for_worker = Arc::clone(&slot);
    let spawned = std::thread::Builder::new()
        .name("sinch-core-page".into()) // 15 bytes: the whole name shows in `ps`
        .spawn(move || {
            let first = for_worker.lock().unwrap_or_else(|p| p.into_inner()).take();
            drop(for_worker);
            if let Some(job) = first {
                job();
            }
            // Each idle period has its own channel, held by the idle list only: if the list
            // lets go of it (full, or reset after a fork), `recv` fails and the thread ends.
            loop {
                let (sender, receiver) = channel::<Job>();
                if !put_idle(sender) {
                    return;
                }
                match receiver.recv() {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            }
        });
    if spawned.is_err() {
        let job = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(job) = job {
            job();
        }
    }
}
