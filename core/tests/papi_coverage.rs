//! Coverage of the Provisioning API cannot silently regress: every operation of the spec extract
//! (`tests/papi-spec/operations.tsv`, written by `scripts/papi-extract.py`) has a core function
//! whose doc names it and an emulator route, unless `tests/papi-spec/allow-list.tsv` leaves it
//! out with a reason.
//!
//! A doc names an operation by its operationId (compared ignoring case: the reference pages
//! spell them as lower-case slugs) or, while the extract has no operationId for it yet, by
//! `METHOD /path` exactly as the extract writes it. An emulator route exists when an
//! unauthenticated request is answered with anything but 404 or 405 (routed handlers reject
//! it with 401; the fallback answers 404).

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
struct Operation {
    method: String,
    path: String,
    operation_id: Option<String>,
}

impl Operation {
    fn key(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The rows of a tab-separated file, without comments and blank lines.
fn rows(name: &str) -> Vec<Vec<String>> {
    let path = repo().join("tests/papi-spec").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn operations() -> Vec<Operation> {
    rows("operations.tsv")
        .into_iter()
        .map(|r| {
            assert_eq!(r.len(), 6, "operations.tsv row {r:?}");
            Operation {
                method: r[0].clone(),
                path: r[1].clone(),
                operation_id: (r[2] != "-").then(|| r[2].clone()),
            }
        })
        .collect()
}

/// `METHOD /path` → reason.
fn allow_list() -> Vec<(String, String)> {
    rows("allow-list.tsv")
        .into_iter()
        .map(|r| {
            assert_eq!(r.len(), 3, "allow-list.tsv row {r:?}");
            (format!("{} {}", r[0], r[1]), r[2].clone())
        })
        .collect()
}

/// The doc comment of every `pub fn` under `core/src/provisioning`, lower-cased.
fn public_fn_docs() -> Vec<String> {
    fn walk(dir: &Path, docs: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, docs);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let mut doc = String::new();
                for line in text.lines() {
                    let line = line.trim_start();
                    if let Some(d) = line.strip_prefix("///") {
                        doc.push_str(d);
                        doc.push('\n');
                    } else if line.starts_with("#[") {
                        // attributes between the doc and the fn
                    } else {
                        if line.starts_with("pub fn ") && !doc.is_empty() {
                            docs.push(doc.to_lowercase());
                        }
                        doc.clear();
                    }
                }
            }
        }
    }
    let mut docs = Vec::new();
    walk(&repo().join("core/src/provisioning"), &mut docs);
    docs
}

fn core_names(docs: &[String], op: &Operation) -> bool {
    let needle = match &op.operation_id {
        Some(id) => id.to_lowercase(),
        None => op.key().to_lowercase(),
    };
    docs.iter().any(|d| d.contains(&needle))
}

/// The status of an unauthenticated request to the emulator.
fn status(base: &str, method: &str, path: &str) -> u16 {
    let authority = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(authority).expect("emulator reachable");
    let target = format!("/v1/projects/{}{}", common::PROJECT, path);
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\n\
         Content-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"))
}

/// The path with each `{param}` replaced by a value the emulator accepts as an identifier.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|seg| if seg.starts_with('{') { "probe" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_operation_of_the_spec_extract_is_in_core_and_the_emulator() {
    let ops = operations();
    let allowed = allow_list();
    let docs = public_fn_docs();
    let emu = common::emulator();
    let base = emu.base_url();

    let keys: BTreeSet<String> = ops.iter().map(Operation::key).collect();
    assert_eq!(keys.len(), ops.len(), "an operation is listed twice");
    for (key, _) in &allowed {
        assert!(
            keys.contains(key),
            "allow-list.tsv names {key}, which the extract lacks"
        );
    }

    let mut missing = Vec::new();
    let (mut in_core, mut in_emulator, mut left_out) = (0, 0, 0);
    for op in &ops {
        let core = core_names(&docs, op);
        let code = status(&base, &op.method, &concrete(&op.path));
        let routed = code != 404 && code != 405;
        in_core += usize::from(core);
        in_emulator += usize::from(routed);
        let reason = allowed.iter().find(|(k, _)| *k == op.key());
        match reason {
            Some((_, why)) => {
                left_out += 1;
                if core && routed {
                    missing.push(format!(
                        "{}: implemented now; delete it from allow-list.tsv ({why})",
                        op.key()
                    ));
                }
            }
            None => {
                if !core {
                    let name = op.operation_id.clone().unwrap_or_else(|| op.key());
                    missing.push(format!(
                        "{}: no core function whose doc names {name}",
                        op.key()
                    ));
                }
                if !routed {
                    missing.push(format!("{}: no emulator route (HTTP {code})", op.key()));
                }
            }
        }
    }
    println!(
        "Provisioning API operations: spec extract {}, core {in_core}, emulator {in_emulator}, \
         left out {left_out} (allow-list), without a known operationId {}",
        ops.len(),
        ops.iter().filter(|o| o.operation_id.is_none()).count()
    );
    assert!(missing.is_empty(), "coverage gaps:\n{}", missing.join("\n"));
}
