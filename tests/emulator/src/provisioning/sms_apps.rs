//! SMS apps: `/v1/projects/{projectId}/sms/smsApps[/{smsAppId}]`.
//!
//! List in creation order, `pageSize` 1..100 (default 50). Create answers 201 with
//! `status: PENDING_ADD` (the status a new app shows in Sinch's examples); tests move it on
//! with the set-field control. `convApiApp: true` also "creates" a Conversation app
//! (`channelStatus: PENDING`); `convApiAppId` links the given one. PATCH renames; DELETE
//! answers 204.

use super::collection::{Collection, Delete, Edit, NotFound};
use super::error::PapiError;
use super::pagination::PageSpec;
use super::store::{check_region, str_field, Resource};
use crate::state::AppState;
use crate::tokens;
use axum::Router;
use serde_json::{json, Value};

pub static COLLECTION: Collection<Resource> = Collection::new(
    "/sms/smsApps",
    "smsApps",
    NotFound {
        code: "sms_app_not_found",
        what: "SmsApp",
    },
    |p, project_id| p.sms_apps.entry(project_id.to_string()).or_default(),
    |app| str_field(app, "id"),
)
.paged(PageSpec {
    max: 100,
    default: 50,
})
.create(create)
.update(update)
.delete(Delete::Remove);

pub fn routes() -> Router<AppState> {
    COLLECTION.routes()
}

/// A 32-hex id, the shape of SMS app and SMS service ids.
pub fn hex_id() -> String {
    tokens::uuid_v4().replace('-', "")
}

fn check_name(body: &Resource, errors: &mut Vec<String>) -> Option<String> {
    match body.get("name") {
        Some(Value::String(n)) if !n.trim().is_empty() && n.chars().count() <= 255 => {
            Some(n.clone())
        }
        _ => {
            errors.push("name must be a string between 1 and 255 characters".to_string());
            None
        }
    }
}

/// A new SMS app record in its initial status. Also used by bundles.
pub fn new_app(
    project_id: &str,
    name: &str,
    region: &str,
    conv_app_id: Option<String>,
) -> Resource {
    let mut app = json!({
        "id": hex_id(),
        "smsServiceId": hex_id(),
        "name": name,
        "status": "PENDING_ADD",
        "regions": [region],
        "test": false,
    });
    if let Some(id) = conv_app_id {
        app["conversationApiAppDetails"] = json!({
            "id": id,
            "projectId": project_id,
            "region": region,
            "channelStatus": "PENDING",
        });
    }
    match app {
        Value::Object(m) => m,
        _ => Resource::new(),
    }
}

fn create(project_id: &str, body: Resource) -> Result<Resource, PapiError> {
    let mut errors = Vec::new();
    let name = check_name(&body, &mut errors);
    let region = check_region(&body, &mut errors);
    let create_conv = match body.get("convApiApp") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push("convApiApp must be a boolean value".to_string());
            false
        }
    };
    let link_conv = match body.get("convApiAppId") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(_) => {
            errors.push("convApiAppId must be a non-empty string".to_string());
            None
        }
    };
    if create_conv && link_conv.is_some() {
        errors.push("convApiApp and convApiAppId are mutually exclusive".to_string());
    }
    let (Some(name), Some(region)) = (name, region) else {
        return Err(PapiError::invalid_input(errors));
    };
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    let conv_id = if create_conv {
        Some(tokens::ulid_like())
    } else {
        link_conv
    };
    Ok(new_app(project_id, &name, &region, conv_id))
}

/// PATCH `{name}`: without `name` it is 400 `no_fields_to_update`.
fn update(body: Resource) -> Result<Edit<Resource>, PapiError> {
    if !body.contains_key("name") {
        return Err(PapiError::no_fields_to_update());
    }
    let mut errors = Vec::new();
    let name = check_name(&body, &mut errors).ok_or_else(|| PapiError::invalid_input(errors))?;
    Ok(Box::new(move |app| {
        app.insert("name".into(), Value::String(name));
    }))
}
