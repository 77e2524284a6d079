//! Pages for Python as pickle streams that build the generated record classes directly.
//!
//! UniFFI's generated Python lifts a record field by field in interpreted code: about 15 µs per
//! WhatsApp template, 15 ms for a page of 1000, twice what the whole HTTP round trip costs. The
//! Python package therefore asks for list pages through `list_stream` / `next_page_stream`
//! (excluded from the Kotlin bindings), which return the page as a pickle stream (protocol 4):
//! `pickle`'s C unpickler then creates the very same generated classes (`WhatsappTemplate`,
//! `WhatsappTemplateComponent.BODY`, ...), with the same attributes, as UniFFI's own lifting
//! would, in a fraction of the time. Only data opcodes are written; classes are named by the
//! UniFFI namespace (`sinch_core`), which the Python side resolves against the generated module
//! and nothing else.
//!
//! Which attributes a class gets is declared once per type below with [`pickle_record!`] and
//! [`pickle_enum!`], which destructure exhaustively: a field added in core and not listed here
//! fails to compile. A Python test compares every page type lifted both ways.
//!
//! What keeps the load cheap: attribute names are asked of the loader like classes (module
//! `sinch_core:attribute`) so that Python answers with its interned `str`, which CPython sets
//! without a lookup in the interning table; open-enum values are written once per stream; the
//! stream is handed to UniFFI as [`PickleBytes`], already in its serialized form.
//!
//! A page's stream goes over in frames as it is written ([`PickleWriter::take_frame`], see
//! `page_stream.rs`); the memo carries over from frame to frame.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The UniFFI namespace of the core records: the Python side maps it to the generated module.
const NAMESPACE: &str = "sinch_core";
/// The "module" of attribute names: the Python side answers each with the interned `str`.
const ATTRIBUTES: &str = "sinch_core:attribute";

// Pickle opcodes (Lib/pickle.py).
const PROTO: u8 = 0x80;
const FRAME: u8 = 0x95;
/// The `FRAME` opcode with its 8-byte length.
const FRAME_HEADER_LEN: usize = 9;
const STOP: u8 = b'.';
const MARK: u8 = b'(';
const NONE: u8 = b'N';
const NEWTRUE: u8 = 0x88;
const NEWFALSE: u8 = 0x89;
const BININT: u8 = b'J';
const BININT1: u8 = b'K';
const LONG1: u8 = 0x8a;
const BINFLOAT: u8 = b'G';
const SHORT_BINUNICODE: u8 = 0x8c;
const BINUNICODE: u8 = b'X';
const EMPTY_LIST: u8 = b']';
const APPENDS: u8 = b'e';
const EMPTY_DICT: u8 = b'}';
const SETITEMS: u8 = b'u';
const EMPTY_TUPLE: u8 = b')';
const TUPLE2: u8 = 0x86;
const STACK_GLOBAL: u8 = 0x93;
const MEMOIZE: u8 = 0x94;
const BINGET: u8 = b'h';
const LONG_BINGET: u8 = b'j';
const NEWOBJ: u8 = 0x81;
const BUILD: u8 = b'b';

/// A value that can be written as the Python object UniFFI would lift it to.
pub(crate) trait ToPickle {
    fn pickle(&self, w: &mut PickleWriter);
}

/// Serializes one top-level value: `PickleWriter::dump(&page)`.
pub(crate) struct PickleWriter {
    out: Vec<u8>,
    /// Memo slots of class objects and attribute names, each written once per stream. Keyed
    /// by the address of the `'static` name: a lookup per attribute must cost next to nothing.
    classes: HashMap<(usize, usize), u32, BuildHasherDefault<AddressHasher>>,
    names: HashMap<usize, u32, BuildHasherDefault<AddressHasher>>,
    /// Memo slots of open-enum values (`APPROVED`, `MARKETING`, ...), which repeat on every
    /// item of a page: Python then shares one `str` instead of building one per item. Keyed
    /// by address and length, which is sound because the page outlives the writer.
    values: HashMap<(usize, usize), u32, BuildHasherDefault<AddressHasher>>,
    next_memo: u32,
    /// Where the current frame's `FRAME` opcode is in `out`.
    frame_at: usize,
}

/// A pickle stream as UniFFI's `bytes`, handed over without a copy.
///
/// UniFFI lowers a `Vec<u8>` byte by byte into a second buffer (its length first); a page of
/// 1000 templates is ~170 KB. This buffer is written in that serialized form from the start (a
/// 4-byte big-endian length, then the stream), so lowering it just passes the buffer on. The
/// foreign side sees `bytes` (Python) exactly as for `Vec<u8>`.
pub struct PickleBytes(Vec<u8>);

impl PickleBytes {
    /// The pickle stream itself, without the length prefix.
    #[cfg(test)]
    pub(crate) fn stream(&self) -> &[u8] {
        &self.0[LENGTH_PREFIX..]
    }
}

/// UniFFI's serialized `bytes`: a big-endian `i32` length before the data.
const LENGTH_PREFIX: usize = 4;

unsafe impl uniffi::FfiConverter<crate::UniFfiTag> for PickleBytes {
    type FfiType = uniffi::RustBuffer;

    fn lower(obj: Self) -> uniffi::RustBuffer {
        uniffi::RustBuffer::from_vec(obj.0)
    }

    fn try_lift(v: uniffi::RustBuffer) -> uniffi::Result<Self> {
        Self::try_read(&mut v.destroy_into_vec().as_slice())
    }

    fn write(obj: Self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(&obj.0);
    }

    fn try_read(buf: &mut &[u8]) -> uniffi::Result<Self> {
        let stream = <Vec<u8> as uniffi::Lift<crate::UniFfiTag>>::try_read(buf)?;
        let mut out = Vec::with_capacity(LENGTH_PREFIX + stream.len());
        out.extend_from_slice(&(stream.len() as i32).to_be_bytes());
        out.extend_from_slice(&stream);
        Ok(PickleBytes(out))
    }

    const TYPE_ID_META: uniffi::MetadataBuffer =
        <Vec<u8> as uniffi::TypeId<crate::UniFfiTag>>::TYPE_ID_META;
}

uniffi::derive_ffi_traits!(local PickleBytes);

impl PickleWriter {
    /// `value` as a whole stream in one part (the tests' reference).
    #[cfg(test)]
    pub(crate) fn dump<T: ToPickle + ?Sized>(value: &T) -> PickleBytes {
        let mut w = PickleWriter::new();
        value.pickle(&mut w);
        w.finish()
    }

    /// A stream that starts with `PROTO 4` and a first frame. Write into it, then
    /// [`PickleWriter::finish`] it, or hand it over in parts with [`PickleWriter::take_frame`].
    pub(crate) fn new() -> PickleWriter {
        let mut w = PickleWriter {
            out: Vec::with_capacity(64 * 1024),
            classes: HashMap::default(),
            names: HashMap::default(),
            values: HashMap::default(),
            next_memo: 0,
            frame_at: 0,
        };
        w.start_frame(&[PROTO, 4]);
        w
    }

    /// Each part handed over is one `FRAME`: an `Unpickler` over a file object reads it with one
    /// `read()`, instead of one Python-level read per opcode (3x slower). The part starts with
    /// the length prefix of `PickleBytes`.
    fn start_frame(&mut self, before: &[u8]) {
        self.out.clear();
        self.out.extend_from_slice(&[0; LENGTH_PREFIX]);
        self.out.extend_from_slice(before);
        self.frame_at = self.out.len();
        self.out.extend_from_slice(&[FRAME, 0, 0, 0, 0, 0, 0, 0, 0]);
    }

    /// Bytes written in the current frame.
    pub(crate) fn frame_len(&self) -> usize {
        self.out.len() - self.frame_at - FRAME_HEADER_LEN
    }

    /// The part written so far (the memo carries over: the next part may refer to it).
    pub(crate) fn take_frame(&mut self) -> PickleBytes {
        let frame_len = self.frame_len() as u64;
        let at = self.frame_at + 1;
        self.out[at..at + 8].copy_from_slice(&frame_len.to_le_bytes());
        // A page is at most 16 MiB (the HTTP body cap) and a stream is smaller than its JSON.
        let len = i32::try_from(self.out.len() - LENGTH_PREFIX).unwrap_or(i32::MAX);
        self.out[..LENGTH_PREFIX].copy_from_slice(&len.to_be_bytes());
        let capacity = self.out.capacity();
        let part = std::mem::replace(&mut self.out, Vec::with_capacity(capacity));
        self.start_frame(&[]);
        PickleBytes(part)
    }

    /// Ends the stream (`STOP`) and returns its last part.
    pub(crate) fn finish(mut self) -> PickleBytes {
        self.out.push(STOP);
        self.take_frame()
    }

    fn memoize(&mut self) -> u32 {
        self.out.push(MEMOIZE);
        self.next_memo += 1;
        self.next_memo - 1
    }

    fn get(&mut self, slot: u32) {
        match u8::try_from(slot) {
            Ok(small) => self.out.extend_from_slice(&[BINGET, small]),
            Err(_) => {
                self.out.push(LONG_BINGET);
                self.out.extend_from_slice(&slot.to_le_bytes());
            }
        }
    }

    pub(crate) fn none(&mut self) {
        self.out.push(NONE);
    }

    pub(crate) fn bool(&mut self, v: bool) {
        self.out.push(if v { NEWTRUE } else { NEWFALSE });
    }

    pub(crate) fn int(&mut self, v: i128) {
        if (0..=255).contains(&v) {
            self.out.extend_from_slice(&[BININT1, v as u8]);
        } else if let Ok(v) = i32::try_from(v) {
            self.out.push(BININT);
            self.out.extend_from_slice(&v.to_le_bytes());
        } else {
            // Two's complement, little endian, 9 bytes covers every u64 and i64.
            let bytes = v.to_le_bytes();
            self.out.extend_from_slice(&[LONG1, 9]);
            self.out.extend_from_slice(&bytes[..9]);
        }
    }

    pub(crate) fn float(&mut self, v: f64) {
        self.out.push(BINFLOAT);
        self.out.extend_from_slice(&v.to_be_bytes());
    }

    pub(crate) fn str(&mut self, s: &str) {
        match u8::try_from(s.len()) {
            Ok(len) => self.out.extend_from_slice(&[SHORT_BINUNICODE, len]),
            Err(_) => {
                self.out.push(BINUNICODE);
                // A page is at most 16 MiB (the HTTP body cap), so every string fits in u32.
                self.out.extend_from_slice(&(s.len() as u32).to_le_bytes());
            }
        }
        self.out.extend_from_slice(s.as_bytes());
    }

    /// A string that repeats across a page (an open-enum value), memoized by address.
    pub(crate) fn repeated_str(&mut self, s: &str) {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(&slot) = self.values.get(&key) {
            return self.get(slot);
        }
        self.str(s);
        let slot = self.memoize();
        self.values.insert(key, slot);
    }

    pub(crate) fn list<T: ToPickle>(&mut self, items: &[T]) {
        self.out.push(EMPTY_LIST);
        if items.is_empty() {
            return;
        }
        // APPENDS takes every item since the mark; batches keep the unpickler's stack small.
        for chunk in items.chunks(1000) {
            self.out.push(MARK);
            for item in chunk {
                item.pickle(self);
            }
            self.out.push(APPENDS);
        }
    }

    /// An empty list, to be filled with [`PickleWriter::mark`], items, [`PickleWriter::appends`].
    pub(crate) fn empty_list(&mut self) {
        self.out.push(EMPTY_LIST);
    }

    pub(crate) fn mark(&mut self) {
        self.out.push(MARK);
    }

    /// Appends every item written since the last [`PickleWriter::mark`] to the list below it.
    pub(crate) fn appends(&mut self) {
        self.out.push(APPENDS);
    }

    /// Pushes the class `type_name` (or the variant class `type_name.VARIANT`), memoized.
    fn class(&mut self, type_name: &'static str, variant: &'static str) {
        let key = (type_name.as_ptr() as usize, variant.as_ptr() as usize);
        if let Some(&slot) = self.classes.get(&key) {
            return self.get(slot);
        }
        self.str(NAMESPACE);
        if variant.is_empty() {
            self.str(type_name);
        } else {
            self.str(&format!("{type_name}.{}", python_variant_name(variant)));
        }
        self.out.push(STACK_GLOBAL);
        let slot = self.memoize();
        self.classes.insert(key, slot);
    }

    /// Pushes an attribute name, memoized. It is asked of the loader (like a class) rather
    /// than written as a string, so that Python hands back its interned `str`: the unpickler
    /// then sets each attribute without looking the name up in the interning table first
    /// (a page of 1000 templates loads ~15% faster).
    pub(crate) fn name(&mut self, name: &'static str) {
        let key = name.as_ptr() as usize;
        if let Some(&slot) = self.names.get(&key) {
            return self.get(slot);
        }
        self.str(ATTRIBUTES);
        self.str(name);
        self.out.push(STACK_GLOBAL);
        let slot = self.memoize();
        self.names.insert(key, slot);
    }

    /// Starts an instance of a record (`variant` empty) or of an enum variant class, created
    /// without running `__init__` (`cls.__new__(cls)`), then its attributes: call
    /// [`PickleWriter::attr`] for each, then [`PickleWriter::end_object`].
    pub(crate) fn begin_object(&mut self, type_name: &'static str, variant: &'static str) {
        self.class(type_name, variant);
        self.out
            .extend_from_slice(&[EMPTY_TUPLE, NEWOBJ, NONE, EMPTY_DICT, MARK]);
    }

    pub(crate) fn attr<T: ToPickle + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.name(name);
        value.pickle(self);
    }

    /// `SETITEMS` fills a dict, `BUILD` with the state `(None, dict)` sets each entry as an
    /// attribute (what `__init__` does), so CPython keeps the attributes in the instance's
    /// inline values instead of materializing a `__dict__` per object: fewer allocations, less
    /// garbage-collector work, measurably faster to load.
    pub(crate) fn end_object(&mut self) {
        self.out.extend_from_slice(&[SETITEMS, TUPLE2, BUILD]);
    }
}

/// Hashes addresses (multiply-shift); two equal names at different addresses only cost a second
/// memo slot.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// UniFFI's Python name of an enum variant class: `RequestContactInfo` → `REQUEST_CONTACT_INFO`.
fn python_variant_name(variant: &str) -> String {
    let mut out = String::with_capacity(variant.len() + 4);
    let chars: Vec<char> = variant.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev_lower = chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev_lower || (next_lower && chars[i - 1].is_uppercase()) {
                out.push('_');
            }
        }
        out.extend(c.to_uppercase());
    }
    out
}

impl ToPickle for str {
    fn pickle(&self, w: &mut PickleWriter) {
        w.str(self);
    }
}

impl ToPickle for String {
    fn pickle(&self, w: &mut PickleWriter) {
        w.str(self);
    }
}

impl ToPickle for bool {
    fn pickle(&self, w: &mut PickleWriter) {
        w.bool(*self);
    }
}

macro_rules! pickle_ints {
    ($($t:ty),*) => {$(
        impl ToPickle for $t {
            fn pickle(&self, w: &mut PickleWriter) {
                w.int(i128::from(*self));
            }
        }
    )*};
}
pickle_ints!(u8, u16, u32, u64, i8, i16, i32, i64);

impl ToPickle for f64 {
    fn pickle(&self, w: &mut PickleWriter) {
        w.float(*self);
    }
}

impl<T: ToPickle> ToPickle for Option<T> {
    fn pickle(&self, w: &mut PickleWriter) {
        match self {
            Some(v) => v.pickle(w),
            None => w.none(),
        }
    }
}

impl<T: ToPickle> ToPickle for Vec<T> {
    fn pickle(&self, w: &mut PickleWriter) {
        w.list(self);
    }
}

/// A `Secret` crosses the FFI as its value (UniFFI's custom type lifts it to `str`); the Python
/// records print such fields as `[redacted]`.
impl ToPickle for sinch_core::Secret {
    fn pickle(&self, w: &mut PickleWriter) {
        w.str(self.expose());
    }
}

/// Open enums cross the FFI as `str` (their wire value), like UniFFI's custom type; a known
/// value's text is a `'static` literal, so each value is written once per page.
macro_rules! pickle_open_enums {
    ($($t:path),* $(,)?) => {$(
        impl ToPickle for $t {
            fn pickle(&self, w: &mut PickleWriter) {
                w.repeated_str(self.as_str());
            }
        }
    )*};
}

/// A record: its class and every field, named as in Rust (UniFFI keeps the names in Python).
/// The destructuring has no `..`, so a field added in core must be listed here.
macro_rules! pickle_record {
    ($t:ident { $($field:ident),* $(,)? }) => {
        impl ToPickle for $t {
            fn pickle(&self, w: &mut PickleWriter) {
                let $t { $($field),* } = self;
                w.begin_object(stringify!($t), "");
                $(w.attr(stringify!($field), $field);)*
                w.end_object();
            }
        }
    };
}

/// An enum with data: each variant is the nested class `Type.VARIANT` with its fields.
macro_rules! pickle_enum {
    ($t:ident { $($variant:ident { $($field:ident),* $(,)? }),* $(,)? }) => {
        impl ToPickle for $t {
            fn pickle(&self, w: &mut PickleWriter) {
                match self {
                    $($t::$variant { $($field),* } => {
                        w.begin_object(stringify!($t), stringify!($variant));
                        $(w.attr(stringify!($field), $field);)*
                        w.end_object();
                    })*
                }
            }
        }
    };
}

pub(crate) use {pickle_enum, pickle_open_enums, pickle_record};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_follow_uniffi() {
        assert_eq!(python_variant_name("Body"), "BODY");
        assert_eq!(
            python_variant_name("RequestContactInfo"),
            "REQUEST_CONTACT_INFO"
        );
        assert_eq!(python_variant_name("QuickReply"), "QUICK_REPLY");
        assert_eq!(python_variant_name("Url"), "URL");
        assert_eq!(python_variant_name("Otp"), "OTP");
    }

    #[test]
    fn ints_use_the_smallest_opcode_and_big_values_survive() {
        let small = PickleWriter::dump(&7u64).stream().to_vec();
        assert_eq!(
            small,
            vec![PROTO, 4, FRAME, 3, 0, 0, 0, 0, 0, 0, 0, BININT1, 7, STOP]
        );
        let big = PickleWriter::dump(&u64::MAX).stream().to_vec();
        assert_eq!(&big[11..13], &[LONG1, 9]);
        assert_eq!(
            &big[13..22],
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]
        );
        let neg = PickleWriter::dump(&-2i64).stream().to_vec();
        assert_eq!(&neg[11..16], &[BININT, 0xfe, 0xff, 0xff, 0xff]);
    }

    #[test]
    fn a_stream_handed_over_in_parts_is_one_frame_per_part() {
        let mut w = PickleWriter::new();
        w.empty_list();
        w.mark();
        w.str("a");
        w.appends();
        let first = w.take_frame();
        w.mark();
        w.str("bc");
        w.appends();
        let last = w.finish();
        let (first, last) = (first.stream().to_vec(), last.stream().to_vec());
        // PROTO 4 once, then each part is FRAME <len> <exactly len bytes of opcodes>.
        assert_eq!(&first[..3], &[PROTO, 4, FRAME]);
        assert_eq!(u64::from_le_bytes(first[3..11].try_into().unwrap()), 6);
        assert_eq!(
            &first[11..],
            &[EMPTY_LIST, MARK, SHORT_BINUNICODE, 1, b'a', APPENDS]
        );
        assert_eq!(last[0], FRAME);
        assert_eq!(u64::from_le_bytes(last[1..9].try_into().unwrap()), 7);
        assert_eq!(
            &last[9..],
            &[MARK, SHORT_BINUNICODE, 2, b'b', b'c', APPENDS, STOP]
        );
    }

    #[test]
    fn long_strings_use_four_byte_lengths() {
        let s = "x".repeat(300);
        let out = PickleWriter::dump(&s).stream().to_vec();
        assert_eq!(out[11], BINUNICODE);
        assert_eq!(&out[12..16], &300u32.to_le_bytes());
    }

    #[test]
    fn bytes_are_handed_over_in_uniffis_serialized_form() {
        let stream = PickleWriter::dump(&"abc".to_string());
        let expected = stream.stream().to_vec();
        let lowered = <PickleBytes as uniffi::Lower<crate::UniFfiTag>>::lower(stream);
        let buffer = lowered.destroy_into_vec();
        // What UniFFI's own `Vec<u8>` lowering writes: a big-endian i32 length, then the data.
        let mut uniffi_form = Vec::new();
        <Vec<u8> as uniffi::Lower<crate::UniFfiTag>>::write(expected.clone(), &mut uniffi_form);
        assert_eq!(buffer, uniffi_form);
        let lifted = <PickleBytes as uniffi::Lift<crate::UniFfiTag>>::try_lift(
            uniffi::RustBuffer::from_vec(buffer),
        )
        .unwrap();
        assert_eq!(lifted.stream(), expected.as_slice());
    }

    #[test]
    fn repeated_enum_values_are_written_once() {
        use sinch_core::provisioning::whatsapp::templates::WhatsappTemplateState;
        let states = vec![WhatsappTemplateState::from("APPROVED"); 3];
        let out = PickleWriter::dump(&states);
        let count = out
            .stream()
            .windows(b"APPROVED".len())
            .filter(|w| *w == b"APPROVED")
            .count();
        assert_eq!(count, 1);
    }
}
