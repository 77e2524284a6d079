//! List pages for Python decoded on a worker thread while Python builds the records.
//!
//! A `list()` or pager `next_page()` call from Python returns once the HTTP answer is in. A worker thread then decodes
//! the JSON item by item (core's [`PageResponse::decode_each`]) and writes the pickle stream of
//! the page (see `pickle.rs`) in frames of 8 to 64 KB, while Python's unpickler turns the frames
//! already written into records. On one page of 1000 WhatsApp templates the decoding (~0.7 ms)
//! is thus hidden behind the building of the Python objects instead of preceding it.
//!
//! Never a hang, never a lost error: the channel is unbounded, so the worker never waits for
//! Python and always ends; it ends every stream with `End` or `Failed` (a malformed answer is
//! the same typed `Protocol` error as from `list()`), and a worker that died without either is
//! reported as an internal error. If Python drops the stream early, the worker's next send
//! fails and it stops decoding.

use crate::pickle::{PickleBytes, PickleWriter, ToPickle};
use sinch_core::provisioning::pagination::{Page, PageInfo, PageResponse, Pager};
use sinch_core::SinchError;
use std::ops::ControlFlow;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

/// A frame is handed to Python once it holds this much. The first is small, so that Python
/// starts building early; each next one is 1.5 times larger, up to the largest, so that Rust
/// (which writes a frame ~1.7 times faster than Python builds it) is always a frame ahead while
/// the few Python-level reads and the FFI call per frame stay negligible. A page of 1000
/// WhatsApp templates (~160 KB of stream) comes in 6 frames.
const FIRST_FRAME_BYTES: usize = 8 * 1024;
const LARGEST_FRAME_BYTES: usize = 64 * 1024;
/// Smaller answers are decoded on the calling thread, before the call returns: handing them to
/// a worker cost more than it saved (20 pages of 50 WhatsApp templates, ~14 KB each: 9.4-9.7 ms
/// with a worker, 8.9-9.2 ms without).
const WORKER_FROM_BYTES: usize = 64 * 1024;

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

impl PageStream {
    /// A stream without parts (no page).
    fn empty() -> Arc<PageStream> {
        let (_, receiver) = channel();
        Arc::new(PageStream {
            parts: Mutex::new(Parts {
                receiver,
                ended: true,
            }),
        })
    }
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

/// Starts decoding `response` on a worker thread (here if it is small, or if no thread can be
/// started).
/// `on_end` gets what the page says besides its items once they are all read, or `None` if
/// the page could not be read to the end (before the stream's last part is sent).
pub(crate) fn stream_page<P>(
    response: PageResponse<P>,
    on_end: impl FnOnce(Option<&PageInfo>) + Send + 'static,
) -> Arc<PageStream>
where
    P: Page + Send + 'static,
    P::Item: ToPickle + Send + 'static,
{
    let (sender, receiver) = channel();
    if response.len() < WORKER_FROM_BYTES {
        write_page(response, &sender, on_end);
    } else {
        crate::workers::run(Box::new(move || write_page(response, &sender, on_end)));
    }
    Arc::new(PageStream {
        parts: Mutex::new(Parts {
            receiver,
            ended: false,
        }),
    })
}

/// A list call's answer as a stream (for `list_stream`).
pub(crate) fn stream_list<P>(response: PageResponse<P>) -> Arc<PageStream>
where
    P: Page + Send + 'static,
    P::Item: ToPickle + Send + 'static,
{
    stream_page(response, |_| ())
}

/// A core pager whose pages can also be streamed. The `nextPageToken` of a streamed page is
/// known once the worker has read the page; the pager waits for it (normally long arrived:
/// Python asks for the next page after loading the last part of this one).
pub(crate) struct StreamedPager<P: Page> {
    pager: Pager<P>,
    /// The token of the page being streamed, sent by its worker; `None` ends the walk.
    pending: Option<Receiver<Option<String>>>,
}

impl<P> StreamedPager<P>
where
    P: Page + serde::de::DeserializeOwned + Send + 'static,
    P::Item: ToPickle + Send + 'static,
{
    pub(crate) fn new(pager: Pager<P>) -> Self {
        StreamedPager {
            pager,
            pending: None,
        }
    }

    fn settle(&mut self) {
        if let Some(token) = self.pending.take() {
            // A worker that died without sending ends the walk, like a page that failed.
            let token = token.recv().ok().flatten();
            self.pager.follow(token.as_deref());
        }
    }

    pub(crate) fn next_page(&mut self) -> Result<Option<P>, SinchError> {
        self.settle();
        self.pager.next_page()
    }

    /// The next page's stream; after the last page, a stream without parts.
    pub(crate) fn next_stream(&mut self) -> Result<Arc<PageStream>, SinchError> {
        self.settle();
        let Some(response) = self.pager.next_response()? else {
            return Ok(PageStream::empty());
        };
        let (token, pending) = channel();
        self.pending = Some(pending);
        Ok(stream_page(response, move |info| {
            let _ = token.send(info.and_then(|i| i.next_page_token.clone()));
        }))
    }
}

/// The page as `cls.__new__(cls)` with its items appended frame by frame, then its other
/// attributes (`BUILD`), as `PickleWriter::dump(&page)` writes it in one piece.
fn write_page<P>(
    response: PageResponse<P>,
    sender: &Sender<Part>,
    on_end: impl FnOnce(Option<&PageInfo>),
) where
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
            limit = (limit + limit / 2).min(LARGEST_FRAME_BYTES);
            if sender.send(Part::Frame(w.take_frame())).is_err() {
                return ControlFlow::Break(()); // Python dropped the stream
            }
        }
        ControlFlow::Continue(())
    });
    let info = match read {
        Ok(Some(info)) => info,
        Ok(None) => return on_end(None),
        Err(e) => {
            on_end(None);
            let _ = sender.send(Part::Failed(e));
            return;
        }
    };
    on_end(Some(&info));
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
