#![no_main]
// See sinch_core::fuzzing::callbacks for what the input is and what runs on it.
libfuzzer_sys::fuzz_target!(|data: &[u8]| sinch_core::fuzzing::callbacks(data));
