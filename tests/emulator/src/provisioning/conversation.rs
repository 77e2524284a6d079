//! The channels of Conversation API apps:
//! `GET /v1/projects/{projectId}/conversation/apps/{conversationAppId}/{instagram|messenger|telegram|viber}`.
//!
//! Confirmed by Sinch's docs (reference pages v1.2.91, schemas of spec v1.2.117): the four
//! paths, the answers (`status` ACTIVE|ERROR|FAILING|PENDING plus `statusDescription` and the
//! channel's own fields, answered as stored) and 400 `conversation_app_id_invalid`.
//!
//! The emulator's own choices (not documented by Sinch):
//! - A valid app id is a ULID as Sinch makes them: 26 characters of Crockford base32,
//!   upper case (`01H…`); anything else is 400 `conversation_app_id_invalid`.
//! - Apps are not created here: a test links a channel to an app id with the control
//!   `POST /_emulator/conversation/channels` `{project_id, app_id, channel, info}` (the
//!   channel info as the API answers it; `status` defaults to `ACTIVE`). Linking again
//!   replaces the info.
//! - An app without that channel (or an app never linked) is 404 `channel_not_found`.

use super::auth::Authenticated;
use super::error::PapiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Map, Value};

/// The channels an app can be asked about, with the name the 404 uses.
pub const CHANNELS: [(&str, &str); 4] = [
    ("instagram", "Instagram"),
    ("messenger", "Messenger"),
    ("telegram", "Telegram"),
    ("viber", "Viber"),
];

/// The key of an app's channels in [`ProvisioningState::conversation_channels`](super::ProvisioningState).
fn key(project_id: &str, app_id: &str) -> String {
    format!("{project_id}/{app_id}")
}

/// A Conversation API app id as Sinch makes them (a ULID).
pub fn valid_app_id(id: &str) -> bool {
    const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    id.len() == 26 && id.chars().all(|c| ALPHABET.contains(c))
}

fn app_id_invalid() -> PapiError {
    PapiError::new(
        StatusCode::BAD_REQUEST,
        "conversation_app_id_invalid",
        "Conversation app id not valid.",
        "Verify that the conversationAppId is the ID of a Conversation API app.",
    )
}

fn channel_not_found(name: &str) -> PapiError {
    PapiError::new(
        StatusCode::NOT_FOUND,
        "channel_not_found",
        &format!("{name} channel not found."),
        &format!("Link a {name} channel to the Conversation API app first."),
    )
}

/// Links `channel` (one of [`CHANNELS`]) with `info` to an app (the control API); the error
/// says what to fix.
pub fn link(
    st: &mut crate::state::State,
    project_id: &str,
    app_id: &str,
    channel: &str,
    mut info: Map<String, Value>,
) -> Result<(), String> {
    if !CHANNELS.iter().any(|(c, _)| *c == channel) {
        let known: Vec<&str> = CHANNELS.iter().map(|(c, _)| *c).collect();
        return Err(format!(
            "unknown channel '{channel}'; one of {}",
            known.join(", ")
        ));
    }
    if !valid_app_id(app_id) {
        return Err(format!(
            "app_id '{app_id}' is not a Conversation API app id (26 upper-case Crockford \
             base32 characters), which the API would refuse"
        ));
    }
    info.entry("status")
        .or_insert_with(|| Value::String("ACTIVE".into()));
    st.provisioning
        .conversation_channels
        .entry(key(project_id, app_id))
        .or_default()
        .insert(channel.to_string(), Value::Object(info));
    Ok(())
}

pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for (channel, name) in CHANNELS {
        router = router.route(
            &format!("/v1/projects/{{project_id}}/conversation/apps/{{app_id}}/{channel}"),
            get(
                move |_: Authenticated,
                      State(app): State<AppState>,
                      Path((project_id, app_id)): Path<(String, String)>| async move {
                    answer(&app, &project_id, &app_id, channel, name)
                },
            ),
        );
    }
    router
}

fn answer(
    app: &AppState,
    project_id: &str,
    app_id: &str,
    channel: &str,
    name: &str,
) -> Result<Json<Value>, PapiError> {
    if !valid_app_id(app_id) {
        return Err(app_id_invalid());
    }
    app.lock()
        .provisioning
        .conversation_channels
        .get(&key(project_id, app_id))
        .and_then(|channels| channels.get(channel))
        .cloned()
        .map(Json)
        .ok_or_else(|| channel_not_found(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_ids_are_ulids() {
        assert!(valid_app_id("01HZY8Q5V9K3M2N4P6R7S8T0AB"));
        for bad in [
            "",
            "probe",
            "01hzy8q5v9k3m2n4p6r7s8t0ab",
            "01HZY8Q5V9K3M2N4P6R7S8T0AI",
        ] {
            assert!(!valid_app_id(bad), "{bad}");
        }
    }
}
