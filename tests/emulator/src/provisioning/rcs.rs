//! RCS senders: `/v1/projects/{projectId}/rcs/senders[/{senderId}]`, list, create and get,
//! in the spec's shapes (v1.2.117, `RcsSenderDto`); update and launch are in
//! [`rcs_launch`](super::rcs_launch), test numbers in
//! [`rcs_test_numbers`](super::rcs_test_numbers), the details' rules in
//! [`rcs_details`](super::rcs_details).
//!
//! The emulator's own choices (Sinch does not document them): create answers 201 with `state:
//! IN_PROGRESS` (set `IN_TEST` with the set-field control to stand for Google's agent being
//! ready), requires `region` (BR/EU/US), non-empty `billingCategory` and `useCase` strings
//! (any value, so unknown ones can be tested) and `details.brand.name`; `hostingRegion` is
//! `EUROPE` for EU senders and `NORTH_AMERICA` otherwise; test numbers given at create start
//! `UNVERIFIED`. The list key is `senders`, `pageSize` 1..100 (default 50);
//! `filterConversationApiAppId` matches a stored `conversationApiAppId` (set-field control);
//! `search` (or the deprecated `filterSenderName`) is a case-insensitive substring of
//! `details.brand.name`; the default order is creation order, `sortColumn` MODIFIED, NAME and
//! STATE sort on that field. Unknown sender: 404 `sender_not_found`.

use super::collection::{Collection, NotFound, Query};
use super::error::PapiError;
use super::pagination::PageSpec;
use super::rcs_details as details;
use super::store::{check_region, now_iso, query_values, str_field, Resource};
use crate::http_util::form_get;
use crate::state::AppState;
use crate::tokens;
use axum::Router;
use serde_json::{json, Map, Value};

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

/// The list's `sortColumn` key of a sender.
fn sort_key(r: &Resource, column: &str) -> String {
    let text = match column {
        "MODIFIED" => str_field(r, "modified"),
        "NAME" => brand_name(r),
        "STATE" => str_field(r, "state"),
        _ => str_field(r, "created"),
    };
    text.unwrap_or_default().to_lowercase()
}

fn select<'a>(all: &'a [Resource], query: &Query) -> Result<Vec<&'a Resource>, PapiError> {
    let conv = form_get(query, "filterConversationApiAppId").filter(|s| !s.is_empty());
    let ids = query_values(query, "filterSenderIds");
    let name = form_get(query, "filterSenderName")
        .or_else(|| form_get(query, "search"))
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase);
    let states = query_values(query, "filterStates");
    let column = match form_get(query, "sortColumn") {
        None | Some("") => None,
        Some(c @ ("CREATED" | "MODIFIED" | "NAME" | "STATE")) => Some(c),
        Some(_) => {
            return Err(PapiError::invalid_input(vec![
                "sortColumn must be one of the following values: CREATED, MODIFIED, NAME, STATE"
                    .into(),
            ]))
        }
    };
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
    if let Some(column) = column.filter(|c| *c != "CREATED") {
        // Stable, so equal keys keep creation order.
        items.sort_by_cached_key(|s| sort_key(s, column));
    }
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
    let details = match body.get("details") {
        Some(Value::Object(d)) => d.clone(),
        _ => {
            errors.push("details must be an object".to_string());
            Map::new()
        }
    };
    details::check(&details, false, &mut errors);
    if details
        .get("brand")
        .and_then(|b| b.get("name"))
        .and_then(Value::as_str)
        .is_none_or(|s| s.trim().is_empty())
    {
        errors.push("details.brand.name should not be empty".to_string());
    }
    let (Some(region), true) = (region, errors.is_empty()) else {
        return Err(PapiError::invalid_input(errors));
    };
    let now = now_iso();
    let mut rec: Resource = match json!({
        "id": tokens::ulid_like(),
        "region": region,
        "billingCategory": body["billingCategory"],
        "useCase": body["useCase"],
        "hostingRegion": hosting_region(&region),
        "state": "IN_PROGRESS",
        "details": details,
        "testNumberStates": [],
        "countryStatus": [],
        "created": now,
        "modified": now,
    }) {
        Value::Object(m) => m,
        _ => Resource::new(),
    };
    details::sync_test_number_states(&mut rec);
    Ok(rec)
}

/// Google's hosting region for the emulator's senders (its own choice: Sinch does not say
/// how it picks one).
fn hosting_region(region: &str) -> &'static str {
    match region {
        "EU" => "EUROPE",
        _ => "NORTH_AMERICA",
    }
}
