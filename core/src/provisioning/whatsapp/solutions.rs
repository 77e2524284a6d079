//! WhatsApp solutions (Multi-Partner Solutions, `/whatsapp/solutions`), needed before embedded
//! signup onboarding: list (no paging), create, get, assign to the project.

use super::{list_items, protocol, WhatsappBusinessManager};
use crate::error::{Result, SinchError};
use crate::provisioning::ProvisioningClient;
use crate::secret::Secret;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappSolutionDetails {
    #[serde(default)]
    pub name: Option<String>,
}

/// A Meta app taking part in a solution.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappSolutionApp {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappSolution {
    pub id: String,
    #[serde(default)]
    pub details: Option<WhatsappSolutionDetails>,
    /// Whether the solution is assigned to this project.
    #[serde(default)]
    pub assigned: Option<bool>,
    #[serde(default)]
    pub partner_app: Option<WhatsappSolutionApp>,
    #[serde(default)]
    pub owner_app: Option<WhatsappSolutionApp>,
}

/// `POST /whatsapp/solutions`. `access_token` is Meta's `authResponse.accessToken` from the
/// embedded MPS-creation button: a secret, never printed.
#[derive(Debug, Clone)]
pub struct WhatsappSolutionCreate {
    pub name: String,
    pub access_token: Secret,
    pub business_manager: WhatsappBusinessManager,
}

#[derive(Debug, Clone)]
pub struct WhatsappSolutions {
    client: ProvisioningClient,
}

impl WhatsappSolutions {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        WhatsappSolutions { client }
    }

    /// Every solution of the project (the endpoint has no paging).
    ///
    /// Spec: `GET /whatsapp/solutions` (spec operation; operationId not read yet).
    pub fn list(&self) -> Result<Vec<WhatsappSolution>> {
        let action = "listing WhatsApp solutions";
        let url = self.client.url(path!["whatsapp", "solutions"], &[])?;
        let v: Value = self.client.call(Method::GET, url, None, action)?;
        list_items(v, "solutions")
            .into_iter()
            .map(|s| serde_json::from_value(s).map_err(|e| protocol(action, e)))
            .collect()
    }

    /// Spec: `POST /whatsapp/solutions` (spec operation; operationId not read yet).
    pub fn create(&self, spec: &WhatsappSolutionCreate) -> Result<WhatsappSolution> {
        if spec.access_token.is_empty() {
            return Err(SinchError::invalid_config(
                "the solution access token is empty (Meta's authResponse.accessToken)",
            ));
        }
        let body = json!({"details": {"name": spec.name},
                          "accessToken": spec.access_token.expose(),
                          "businessManager": spec.business_manager});
        let url = self.client.url(path!["whatsapp", "solutions"], &[])?;
        self.client.call(
            Method::POST,
            url,
            Some(&body),
            "creating a WhatsApp solution",
        )
    }

    /// Spec: `GET /whatsapp/solutions/{solutionId}` (spec operation; operationId not read yet).
    pub fn get(&self, solution_id: &str) -> Result<WhatsappSolution> {
        let url = self
            .client
            .url(path!["whatsapp", "solutions", { solution_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting a WhatsApp solution")
    }

    /// Assigns the solution to this project, enabling embedded-signup onboarding.
    ///
    /// Spec: `POST /whatsapp/solutions/{solutionId}/assign` (spec operation; operationId not read yet).
    pub fn assign(&self, solution_id: &str) -> Result<()> {
        let url = self.client.url(
            path!["whatsapp", "solutions", { solution_id }, "assign"],
            &[],
        )?;
        self.client
            .send(
                Method::POST,
                url,
                Some(&json!({})),
                "assigning a WhatsApp solution",
            )
            .map(|_| ())
    }
}
