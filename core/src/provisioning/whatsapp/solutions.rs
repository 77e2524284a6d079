//! WhatsApp solutions (Multi-Partner Solutions, `/whatsapp/solutions`), needed before embedded
//! signup onboarding: list (no paging), create, get, assign to the project. Shapes are the
//! spec's (v1.2.117): a create answers every solution it made and every one that failed; Meta
//! app IDs are numbers there, kept here as their digits.

use super::{list_items, protocol, WhatsappBusinessManager};
use crate::error::{Result, SinchError};
use crate::open_enum;
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
    /// The Meta app ID (a number on the wire; its digits here, so no ID loses precision).
    #[serde(default, deserialize_with = "digits")]
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

open_enum! {
    /// Why Meta could not make a solution.
    WhatsappFailedSolutionError {
        ActivationFailed = "ACTIVATION_FAILED",
        CreationFailed = "CREATION_FAILED",
        Unrecognized = "UNRECOGNIZED",
    }
}

/// A solution a create could not make (`WhatsappFailedSolutionDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappFailedSolution {
    /// The Tech Provider's Meta app.
    pub partner_app_id: String,
    pub error_code: WhatsappFailedSolutionError,
    #[serde(default)]
    pub error_message: Option<String>,
}

/// What a create answers (`WhatsappCreateSolutionListDto`): one access token can make several
/// solutions, and some may fail while others are made.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappSolutionsCreated {
    pub solutions: Vec<WhatsappSolution>,
    #[serde(default)]
    pub failed_solutions: Vec<WhatsappFailedSolution>,
}

/// A number or a string of digits, as its text.
fn digits<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) => Some(s),
        _ => None,
    })
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
    /// Spec: `GET /whatsapp/solutions`, operationId `WhatsappSolutionsController_listSolutions_v1`.
    pub fn list(&self) -> Result<Vec<WhatsappSolution>> {
        let action = "listing WhatsApp solutions";
        let url = self.client.url(path!["whatsapp", "solutions"], &[])?;
        let v: Value = self.client.call(Method::GET, url, None, action)?;
        list_items(v, "solutions")
            .into_iter()
            .map(|s| serde_json::from_value(s).map_err(|e| protocol(action, e)))
            .collect()
    }

    /// Spec: `POST /whatsapp/solutions`, operationId
    /// `WhatsappSolutionsController_createSolution_v1`.
    /// Creates solutions from Meta's access token; the answer lists those made and those that
    /// failed.
    pub fn create(&self, spec: &WhatsappSolutionCreate) -> Result<WhatsappSolutionsCreated> {
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

    /// Spec: `GET /whatsapp/solutions/{solutionId}`, operationId
    /// `WhatsappSolutionsController_getSolution_v1`.
    pub fn get(&self, solution_id: &str) -> Result<WhatsappSolution> {
        let url = self
            .client
            .url(path!["whatsapp", "solutions", { solution_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting a WhatsApp solution")
    }

    /// Assigns the solution to this project, enabling embedded-signup onboarding.
    ///
    /// Answers 204; 409 `solution_cannot_be_reassigned` once the project is onboarded.
    ///
    /// Spec: `POST /whatsapp/solutions/{solutionId}/assign`, operationId
    /// `WhatsappSolutionsController_assignSolution_v1`.
    pub fn assign(&self, solution_id: &str) -> Result<()> {
        let url = self.client.url(
            path!["whatsapp", "solutions", { solution_id }, "assign"],
            &[],
        )?;
        // The spec gives this operation no request body.
        self.client
            .send(Method::POST, url, None, "assigning a WhatsApp solution")
            .map(|_| ())
    }
}
