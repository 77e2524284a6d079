//! WhatsApp sub-clients: one exported object per family. Records, enums and open enums are
//! derived in core; these objects only convert arguments and call core.

mod account;
mod flows;
mod senders;
mod solutions;
mod templates;

pub use account::WhatsappAccounts;
pub use flows::{WhatsappFlowPager, WhatsappFlows};
pub use senders::{WhatsappSenderPager, WhatsappSenders};
pub use solutions::WhatsappSolutions;
pub use templates::{WhatsappTemplatePager, WhatsappTemplates};
