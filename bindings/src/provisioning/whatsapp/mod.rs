//! WhatsApp sub-clients: one exported object per family, and its async twin. Records, enums and
//! open enums are derived in core; these objects only convert arguments and call core.

mod account;
mod flows;
mod senders;
mod solutions;
mod templates;

pub use account::{AsyncWhatsappAccounts, WhatsappAccounts};
pub use flows::{AsyncWhatsappFlows, WhatsappFlows};
pub use senders::{AsyncWhatsappSenders, WhatsappSenders};
pub use solutions::{AsyncWhatsappSolutions, WhatsappSolutions};
pub use templates::{AsyncWhatsappTemplates, WhatsappTemplates};
