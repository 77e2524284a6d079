//! List pages for the Python package as one pickle each (feature `python`, which only the
//! Python build turns on).
//!
//! UniFFI's generated Python lifts a record field by field in interpreted code: about 15 µs per
//! WhatsApp template. The Python package therefore asks for list pages as `bytes`: a pickle
//! stream (protocol 4) from which `pickle`'s C unpickler creates the very same generated
//! classes (`WhatsappTemplate`, `WhatsappTemplateComponent.BODY`, ...), with the same
//! attributes, as UniFFI's own lifting would, in a fraction of the time. Only data opcodes are
//! written; classes are named by the UniFFI namespace (`sinch_core`), which the Python side
//! resolves against the generated module and nothing else.
//!
//! What each type writes is derived from the type itself (`#[derive(ToPickle)]`, beside the
//! `uniffi` derives); open enums get theirs from `open_enum!`. A Python test compares every
//! page type lifted both ways.
//!
//! What keeps the load cheap: attribute names are asked of the loader like classes (module
//! `sinch_core:attribute`), so that Python answers with its interned `str`, which CPython sets
//! without a lookup in the interning table; classes, names and open-enum values are written
//! once per page and then referred to through the memo.

use rustc_hash::FxHashMap;

pub use sinch_core_derive::ToPickle;

/// The UniFFI namespace of the core records: the Python side maps it to the generated module.
const NAMESPACE: &str = "sinch_core";
/// The "module" of attribute names: the Python side answers each with the interned `str`.
const ATTRIBUTES: &str = "sinch_core:attribute";

// Pickle opcodes (CPython's Lib/pickle.py).
const PROTO: u8 = 0x80;
const FRAME: u8 = 0x95;
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

/// What a memoized string stands for: the same text in two roles is two different objects.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    Class,
    Attribute,
    Value,
}

/// A value that can be written as the Python object UniFFI would lift it to.
pub trait ToPickle {
    fn pickle(&self, w: &mut PickleWriter);
}

/// Writes one value as a whole pickle stream: [`PickleWriter::dump`].
pub struct PickleWriter {
    out: Vec<u8>,
    /// Memo slots of what repeats within a page: classes and attribute names (`'static`) and
    /// open-enum values (`APPROVED`, `MARKETING`...; Python then shares one `str`). Keyed by
    /// role, address and length, which is sound because every key outlives the writer.
    memo: FxHashMap<(Role, usize, usize), u32>,
    next_memo: u32,
}

impl PickleWriter {
    /// `value` as a pickle stream (protocol 4) in one frame: an `Unpickler` over a file object
    /// then reads the whole page with one `read()` instead of one Python-level read per opcode.
    pub fn dump<T: ToPickle + ?Sized>(value: &T) -> Vec<u8> {
        const HEADER: usize = 11; // PROTO 4, then FRAME and its 8-byte length
        let mut w = PickleWriter {
            out: Vec::with_capacity(64 * 1024),
            memo: FxHashMap::default(),
            next_memo: 0,
        };
        w.out
            .extend_from_slice(&[PROTO, 4, FRAME, 0, 0, 0, 0, 0, 0, 0, 0]);
        value.pickle(&mut w);
        w.out.push(STOP);
        let frame_len = (w.out.len() - HEADER) as u64;
        w.out[3..HEADER].copy_from_slice(&frame_len.to_le_bytes());
        w.out
    }

    /// Refers to what `key` was memoized as, or writes it with `write` and memoizes it.
    fn memoized(&mut self, role: Role, key: &str, write: impl FnOnce(&mut Self)) {
        let key = (role, key.as_ptr() as usize, key.len());
        if let Some(&slot) = self.memo.get(&key) {
            match u8::try_from(slot) {
                Ok(small) => self.out.extend_from_slice(&[BINGET, small]),
                Err(_) => {
                    self.out.push(LONG_BINGET);
                    self.out.extend_from_slice(&slot.to_le_bytes());
                }
            }
            return;
        }
        write(self);
        self.out.push(MEMOIZE);
        self.memo.insert(key, self.next_memo);
        self.next_memo += 1;
    }

    pub fn none(&mut self) {
        self.out.push(NONE);
    }

    pub fn bool(&mut self, v: bool) {
        self.out.push(if v { NEWTRUE } else { NEWFALSE });
    }

    pub fn int(&mut self, v: i64) {
        if let Ok(small) = u8::try_from(v) {
            self.out.extend_from_slice(&[BININT1, small]);
        } else if let Ok(v) = i32::try_from(v) {
            self.out.push(BININT);
            self.out.extend_from_slice(&v.to_le_bytes());
        } else {
            // Two's complement, little endian.
            self.out.extend_from_slice(&[LONG1, 8]);
            self.out.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub fn float(&mut self, v: f64) {
        self.out.push(BINFLOAT);
        self.out.extend_from_slice(&v.to_be_bytes());
    }

    pub fn str(&mut self, s: &str) {
        match u8::try_from(s.len()) {
            Ok(len) => self.out.extend_from_slice(&[SHORT_BINUNICODE, len]),
            Err(_) => {
                self.out.push(BINUNICODE);
                // A page is at most 16 MiB (the HTTP body cap), so every string fits in u32.
                let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
                self.out.extend_from_slice(&len.to_le_bytes());
            }
        }
        self.out.extend_from_slice(s.as_bytes());
    }

    /// A string that repeats across a page (an open-enum value), memoized by address.
    pub fn repeated_str(&mut self, s: &str) {
        self.memoized(Role::Value, s, |w| w.str(s));
    }

    pub fn list<T: ToPickle>(&mut self, items: &[T]) {
        self.out.push(EMPTY_LIST);
        // APPENDS takes every item since the mark; batches keep the unpickler's stack small.
        for chunk in items.chunks(1000) {
            self.out.push(MARK);
            for item in chunk {
                item.pickle(self);
            }
            self.out.push(APPENDS);
        }
    }

    /// Starts an instance of `class` (a record, or an enum variant's `Type.VARIANT`), created
    /// without running `__init__` (`cls.__new__(cls)`); then [`PickleWriter::attr`] for each
    /// field, then [`PickleWriter::end_object`].
    pub fn begin_object(&mut self, class: &'static str) {
        self.memoized(Role::Class, class, |w| {
            w.str(NAMESPACE);
            w.str(class);
            w.out.push(STACK_GLOBAL);
        });
        self.out
            .extend_from_slice(&[EMPTY_TUPLE, NEWOBJ, NONE, EMPTY_DICT, MARK]);
    }

    /// One attribute. Its name is asked of the loader (like a class) rather than written as a
    /// string, so that Python hands back its interned `str` and sets the attribute without
    /// looking the name up in the interning table first.
    pub fn attr<T: ToPickle + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.memoized(Role::Attribute, name, |w| {
            w.str(ATTRIBUTES);
            w.str(name);
            w.out.push(STACK_GLOBAL);
        });
        value.pickle(self);
    }

    /// `SETITEMS` fills a dict; `BUILD` with the state `(None, dict)` sets each entry as an
    /// attribute (what `__init__` does), so CPython keeps the attributes in the instance's
    /// inline values instead of materializing a `__dict__` per object.
    pub fn end_object(&mut self) {
        self.out.extend_from_slice(&[SETITEMS, TUPLE2, BUILD]);
    }
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

impl ToPickle for i32 {
    fn pickle(&self, w: &mut PickleWriter) {
        w.int(i64::from(*self));
    }
}

impl ToPickle for i64 {
    fn pickle(&self, w: &mut PickleWriter) {
        w.int(*self);
    }
}

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
impl ToPickle for crate::Secret {
    fn pickle(&self, w: &mut PickleWriter) {
        w.str(self.expose());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_use_the_smallest_opcode_and_big_values_survive() {
        assert_eq!(
            PickleWriter::dump(&7i64),
            vec![PROTO, 4, FRAME, 3, 0, 0, 0, 0, 0, 0, 0, BININT1, 7, STOP]
        );
        let big = PickleWriter::dump(&i64::MAX);
        assert_eq!(&big[11..13], &[LONG1, 8]);
        assert_eq!(&big[13..21], &i64::MAX.to_le_bytes());
        let neg = PickleWriter::dump(&-2i64);
        assert_eq!(&neg[11..16], &[BININT, 0xfe, 0xff, 0xff, 0xff]);
    }

    #[test]
    fn long_strings_use_four_byte_lengths() {
        let out = PickleWriter::dump(&"x".repeat(300));
        assert_eq!(out[11], BINUNICODE);
        assert_eq!(&out[12..16], &300u32.to_le_bytes());
    }

    #[test]
    fn repeated_enum_values_are_written_once() {
        use crate::provisioning::whatsapp::templates::WhatsappTemplateState;
        let states = vec![WhatsappTemplateState::from("APPROVED"); 3];
        let out = PickleWriter::dump(&states);
        let count = out
            .windows(b"APPROVED".len())
            .filter(|w| *w == b"APPROVED")
            .count();
        assert_eq!(count, 1);
    }
}
