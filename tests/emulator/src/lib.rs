//! Sinch emulator
