//! sinch-core
