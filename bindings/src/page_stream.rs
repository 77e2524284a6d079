//! List pages for Python decoded on a worker thread while Python builds the records.
//!
//! A `list()` call from Python returns once the HTTP answer is in. A worker thread then decodes
//! the JSON item by item (core's [`PageResponse::decode_each`]) and writes the pickle stream of
//! the page (see `pickle.rs`) in frames of ~32 KB, while Python's unpickler turns the frames
//! already written into records. On one page of 1000 WhatsApp templates the decoding (~0.7 ms)
//! is thus hidden behind the building of the Python objects instead of preceding it.
//!
//! Never a hang, never a lost error: the channel is unbounded, so the worker never waits for
//! Python and always ends; it ends every stream with `End` or `Failed` (a malformed answer is
//! the same typed `Protocol` error as from `list()`), and a worker that died without either is
//! reported as an internal error. If Python drops the stream early, the worker's next send
//! fails and it stops decoding.

use crate::pickle::{PickleBytes, PickleWriter, ToPickle};
use sinch_core::provisioning::pagination::{Page, PageInfo, PageResponse};
use sinch_core::SinchError;
use std::ops::ControlFlow;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

/// A frame is handed to Python once it holds this much: large enough that the few Python-level
/// reads per frame do not count, small enough that Python starts early.
const FRAME_BYTES: usize = 32 * 1024;
/// The first frame is smaller, so that Python starts building while the rest is decoded.
const FIRST_FRAME_BYTES: usize = 8 * 1024;

enum Part {
    Frame(PickleBytes),
    Failed(SinchError),
    End,
}

/// The pickle stream of one list page, in parts, for the Python package (see the module doc).
#[derive(uniffi::Object)]
pub struct PageStream {
    parts: Mutex<Parts>,
}

struct Parts {
    receiver: Receiver<Part>,
    ended: bool,
}

impl std::fmt::Debug for PageStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageStream")
    }
}

#[uniffi::export]
impl PageStream {
    /// The next part of the stream, waiting while it is decoded; `None` after the last.
    pub fn next_part(&self) -> Result<Option<PickleBytes>, SinchError> {
        let mut parts = self.parts.lock().unwrap_or_else(|p| p.into_inner());
        if parts.ended {
            return Ok(None);
        }
        let next = parts.receiver.recv();
        match next {
            Ok(Part::Frame(bytes)) => Ok(Some(bytes)),
            Ok(Part::End) => {
                parts.ended = true;
                Ok(None)
            }
            Ok(Part::Failed(e)) => {
                parts.ended = true;
                Err(e)
            }
            Err(_) => {
                parts.ended = true;
                Err(SinchError::internal(
                    "the page decoder stopped without finishing the page (a bug in sinch-core)",
                ))
            }
        }
    }
}

/// Starts decoding `response` on a worker thread (inline if no thread can be started).
pub(crate) fn stream_page<P>(response: PageResponse<P>) -> Arc<PageStream>
where
    P: Page + Send + 'static,
    P::Item: ToPickle + Send + 'static,
{
    let (sender, receiver) = channel();
    workers::run(Box::new(move || write_page(response, &sender)));
    Arc::new(PageStream {
        parts: Mutex::new(Parts {
            receiver,
            ended: false,
        }),
    })
}

/// Long-lived worker threads, started when none is idle. A thread started per call was often
/// placed on a busy CPU and waited ~0.7 ms for it; an idle thread that is woken up starts at
/// once, and keeps its allocator's memory warm.
mod workers {
    use std::sync::mpsc::{channel, Sender};
    use std::sync::{Arc, Mutex};

    pub(super) type Job = Box<dyn FnOnce() + Send>;

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
    pub(super) fn run(mut job: Job) {
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
}

/// The page as `cls.__new__(cls)` with its items appended frame by frame, then its other
/// attributes (`BUILD`), as `PickleWriter::dump(&page)` writes it in one piece.
fn write_page<P>(response: PageResponse<P>, sender: &Sender<Part>)
where
    P: Page,
    P::Item: ToPickle,
{
    let mut w = PickleWriter::new();
    w.begin_object(P::TYPE_NAME, "");
    w.name(P::ITEMS_FIELD);
    w.empty_list();
    // Kept until the stream ends: the writer memoizes repeated strings by address.
    let mut items: Vec<P::Item> = Vec::new();
    let mut open = false;
    let mut limit = FIRST_FRAME_BYTES;
    let read = response.decode_each(|item| {
        if !open {
            w.mark();
            open = true;
        }
        item.pickle(&mut w);
        items.push(item);
        if w.frame_len() >= limit {
            w.appends();
            open = false;
            limit = FRAME_BYTES;
            if sender.send(Part::Frame(w.take_frame())).is_err() {
                return ControlFlow::Break(()); // Python dropped the stream
            }
        }
        ControlFlow::Continue(())
    });
    let info = match read {
        Ok(Some(info)) => info,
        Ok(None) => return,
        Err(e) => {
            let _ = sender.send(Part::Failed(e));
            return;
        }
    };
    if open {
        w.appends();
    }
    let PageInfo {
        total_size,
        next_page_token,
        previous_page_token,
    } = info;
    w.attr("total_size", &total_size);
    w.attr("next_page_token", &next_page_token);
    w.attr("previous_page_token", &previous_page_token);
    w.end_object();
    let _ = sender.send(Part::Frame(w.finish()));
    let _ = sender.send(Part::End);
    drop(items);
}
