//! Empty on purpose. `maturin sdist` ships only the Python crate's path dependencies, and maturin
//! runs the bindgen as `cargo run --bin uniffi-bindgen` from the workspace: sinch-core-ffi names
//! this crate as a dev-dependency (which needs a library target) so the Python sdist carries it.
