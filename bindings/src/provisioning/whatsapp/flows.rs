use sinch_core::provisioning::whatsapp::flows::{WhatsappFlowPage, WhatsappFlowScreen};
use sinch_core::SinchError;

crate::paged_family! {
    /// The WhatsApp flows of a project (read only).
    WhatsappFlows / AsyncWhatsappFlows(sinch_core::provisioning::whatsapp::flows::WhatsappFlows) {
        list: WhatsappFlowPage,
        /// Pages of WhatsApp flows.
        pager: WhatsappFlowPager / AsyncWhatsappFlowPager,
    }
}

crate::operations! {
    WhatsappFlows / AsyncWhatsappFlows {
        pub fn screens(&self, flow_id: String) -> Result<Vec<WhatsappFlowScreen>, SinchError> {
            self.inner.screens(&flow_id)
        }
    }
}
