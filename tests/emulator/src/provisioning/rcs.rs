//! RCS senders: `/v1/projects/{projectId}/rcs/senders[/{senderId}]`.
//!
//! Confirmed by Sinch's docs: list and create paths, the list parameters and the create
//! body's top level. The emulator's own choices (not documented by Sinch): `GET
//! /rcs/senders/{id}`; create answers 201 with `state: IN_PROGRESS`, requires `region`
//! (BR/EU/US), non-empty `billingCategory` and `useCase` strings (any value, so unknown ones
//! can be tested) and `details.brand.name`, and keeps every other brand field as sent; the
//! list key is `senders`, `pageSize` 1..100 (default 50); `filterConversationApiAppId` matches
//! a stored `conversationApiAppId` (set it with the set-field control); `filterSenderName` is a
//! case-insensitive substring of `details.brand.name`; default order is creation order
//! (`sortColumn=CREATED`, `sortDirection=ASC`). Unknown sender: 404 `sender_not_found`.

use super::collection::{Collection, NotFound, Query};
use super::error::PapiError;
use super::pagination::PageSpec;
use super::store::{check_region, now_iso, query_values, str_field, Resource};
use crate::http_util::form_get;
use crate::state::AppState;
use crate::tokens;
use axum::Router;
use serde_json::{json, Value};

pub static COLLECTION: Collection<Resource> = Collection::new(
    "/rcs/senders",
    "senders",
    NotFound {
        code: "sender_not_found",
        what: "Sender",
    },
    |p, project_id| p.rcs_senders.entry(project_id.to_string()).or_default(),
    |sender| str_field(sender, "id"),
)
.paged(PageSpec {
    max: 100,
    default: 50,
})
.select(select)
.create(create);

pub fn routes() -> Router<AppState> {
    COLLECTION.routes()
}

fn brand_name(r: &Resource) -> Option<&str> {
    r.get("details")?.get("brand")?.get("name")?.as_str()
}

fn select<'a>(all: &'a [Resource], query: &Query) -> Result<Vec<&'a Resource>, PapiError> {
    let conv = form_get(query, "filterConversationApiAppId").filter(|s| !s.is_empty());
    let ids = query_values(query, "filterSenderIds");
    let name = form_get(query, "filterSenderName")
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase);
    let states = query_values(query, "filterStates");
    match form_get(query, "sortColumn") {
        None | Some("") | Some("CREATED") => {}
        Some(_) => {
            return Err(PapiError::invalid_input(vec![
                "sortColumn must be one of the following values: CREATED".into(),
            ]))
        }
    }
    let desc = match form_get(query, "sortDirection") {
        None | Some("") | Some("ASC") => false,
        Some("DESC") => true,
        Some(_) => {
            return Err(PapiError::invalid_input(vec![
                "sortDirection must be one of the following values: ASC, DESC".into(),
            ]))
        }
    };
    let mut items: Vec<&Resource> = all
        .iter()
        .filter(|s| conv.is_none() || str_field(s, "conversationApiAppId") == conv)
        .filter(|s| {
            ids.is_empty() || str_field(s, "id").is_some_and(|id| ids.iter().any(|x| x == id))
        })
        .filter(|s| {
            name.as_ref().is_none_or(|n| {
                brand_name(s).is_some_and(|b| b.to_lowercase().contains(n.as_str()))
            })
        })
        .filter(|s| {
            states.is_empty()
                || str_field(s, "state").is_some_and(|st| states.iter().any(|x| x == st))
        })
        .collect();
    if desc {
        items.reverse();
    }
    Ok(items)
}

fn create(_project_id: &str, body: Resource) -> Result<Resource, PapiError> {
    let mut errors = Vec::new();
    let region = check_region(&body, &mut errors);
    for key in ["billingCategory", "useCase"] {
        if body
            .get(key)
            .and_then(Value::as_str)
            .is_none_or(|s| s.trim().is_empty())
        {
            errors.push(format!("{key} should not be empty"));
        }
    }
    let brand = body
        .get("details")
        .and_then(|d| d.get("brand"))
        .filter(|b| b.is_object())
        .cloned();
    match &brand {
        None => errors.push("details.brand must be an object".to_string()),
        Some(b) => {
            if b.get("name")
                .and_then(Value::as_str)
                .is_none_or(|s| s.trim().is_empty())
            {
                errors.push("details.brand.name should not be empty".to_string());
            }
        }
    }
    let (Some(region), true) = (region, errors.is_empty()) else {
        return Err(PapiError::invalid_input(errors));
    };
    let now = now_iso();
    let rec: Resource = match json!({
        "id": tokens::ulid_like(),
        "region": region,
        "billingCategory": body["billingCategory"],
        "useCase": body["useCase"],
        "state": "IN_PROGRESS",
        "details": {"brand": brand},
        "created": now,
        "modified": now,
    }) {
        Value::Object(m) => m,
        _ => Resource::new(),
    };
    Ok(rec)
}
