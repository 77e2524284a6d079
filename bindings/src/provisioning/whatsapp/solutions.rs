use sinch_core::provisioning::whatsapp::solutions::{
    WhatsappSolution, WhatsappSolutionCreate, WhatsappSolutionsCreated,
};
use sinch_core::provisioning::whatsapp::WhatsappBusinessManager;
use sinch_core::{Secret, SinchError};

crate::family! {
    /// The WhatsApp (Multi-Partner) solutions of a project.
    WhatsappSolutions / AsyncWhatsappSolutions(sinch_core::provisioning::whatsapp::solutions::WhatsappSolutions)
}

crate::operations! {
    WhatsappSolutions / AsyncWhatsappSolutions {
        pub fn list(&self) -> Result<Vec<WhatsappSolution>, SinchError> {
            self.inner.list()
        }

        /// `access_token` (Meta's `authResponse.accessToken`) is a secret: it is sent, never kept.
        /// The answer lists the solutions made and those that failed.
        pub fn create(
            &self,
            name: String,
            access_token: String,
            business_manager: WhatsappBusinessManager,
        ) -> Result<WhatsappSolutionsCreated, SinchError> {
            self.inner.create(&WhatsappSolutionCreate {
                name,
                access_token: Secret::new(access_token),
                business_manager,
            })
        }

        pub fn get(&self, solution_id: String) -> Result<WhatsappSolution, SinchError> {
            self.inner.get(&solution_id)
        }

        pub fn assign(&self, solution_id: String) -> Result<(), SinchError> {
            self.inner.assign(&solution_id)
        }
    }
}
