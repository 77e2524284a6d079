//! Replays every input the fuzzers ever crashed on (`fuzz/regressions/<target>/`), and their
//! seeds, through the same entry points the fuzz targets call: on stable, in every `cargo
//! test`, without building the fuzzers. A panic here is a regression of a fixed bug.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut replayed = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            let input = std::fs::read(&path).unwrap();
            eprintln!("replaying {}", path.display());
            run(&input);
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no seeds or regressions for {target}");
}

#[test]
fn token_response_inputs() {
    replay("token_response", sinch_core::fuzzing::token_response);
}

#[test]
fn papi_error_inputs() {
    replay("papi_error", sinch_core::fuzzing::papi_error);
}

#[test]
fn page_inputs() {
    replay("pages", sinch_core::fuzzing::pages);
}

#[test]
fn india_response_inputs() {
    replay("india_response", sinch_core::fuzzing::india_response);
}

#[test]
fn callback_inputs() {
    replay("callbacks", sinch_core::fuzzing::callbacks);
}
