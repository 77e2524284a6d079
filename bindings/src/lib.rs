uniffi::setup_scaffolding!("sinch_core_ffi");
