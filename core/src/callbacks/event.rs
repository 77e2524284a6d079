//! The body Sinch POSTs: `{"type": "<TRIGGER>", "payload": <the resource at callback time>,
//! "comment"?: "…"}` (`comment` on `*_COMMENT_ADDED`). The payload is typed by the trigger's
//! resource with the structs the API client returns, and always kept as raw JSON too. A trigger
//! this version does not know, or a payload that does not fit its type, gives
//! [`CallbackPayload::Other`]: never an error, the raw JSON is all there.

use super::CallbackError;
use crate::provisioning::bundles::Bundle;
use crate::provisioning::kakaotalk::KakaoTalkSender;
use crate::provisioning::kakaotalk_templates::KakaoTalkTemplate;
use crate::provisioning::rcs::RcsSender;
use crate::provisioning::webhooks::WebhookTrigger;
use crate::provisioning::whatsapp::account::WhatsappAccount;
use crate::provisioning::whatsapp::senders::WhatsappSender;
use crate::provisioning::whatsapp::templates::WhatsappTemplate;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;

/// The resource a callback is about, typed by its trigger.
// Unboxed: UniFFI lifts variants by value, and there is one payload per callback.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CallbackPayload {
    /// `WHATSAPP_TEMPLATE_*`.
    WhatsappTemplate { template: WhatsappTemplate },
    /// `WHATSAPP_SENDER_*`.
    WhatsappSender { sender: WhatsappSender },
    /// `WHATSAPP_ACCOUNT_*`.
    WhatsappAccount { account: WhatsappAccount },
    /// `RCS_SENDER_*`.
    RcsSender { sender: RcsSender },
    /// `KAKAOTALK_SENDER_*`.
    KakaoTalkSender { sender: KakaoTalkSender },
    /// `KAKAOTALK_TEMPLATE_*`.
    KakaoTalkTemplate { template: KakaoTalkTemplate },
    /// `BUNDLE_DONE`.
    Bundle { bundle: Bundle },
    /// A trigger whose payload this version does not type (an unknown trigger, the RCS brand
    /// and account triggers, `WHATSAPP_WABA_ACCOUNT_CHANGED`), or a payload that does not fit
    /// its type: read `payload_json`.
    Other,
}

impl CallbackPayload {
    /// The variant's name, for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            CallbackPayload::WhatsappTemplate { .. } => "WhatsappTemplate",
            CallbackPayload::WhatsappSender { .. } => "WhatsappSender",
            CallbackPayload::WhatsappAccount { .. } => "WhatsappAccount",
            CallbackPayload::RcsSender { .. } => "RcsSender",
            CallbackPayload::KakaoTalkSender { .. } => "KakaoTalkSender",
            CallbackPayload::KakaoTalkTemplate { .. } => "KakaoTalkTemplate",
            CallbackPayload::Bundle { .. } => "Bundle",
            CallbackPayload::Other => "Other",
        }
    }

    /// The resource's id or name, for logs.
    fn label(&self) -> Option<&str> {
        match self {
            CallbackPayload::WhatsappTemplate { template } => Some(&template.name),
            CallbackPayload::WhatsappSender { sender } => Some(&sender.id),
            CallbackPayload::WhatsappAccount { account } => account.id.as_deref(),
            CallbackPayload::RcsSender { sender } => Some(&sender.id),
            CallbackPayload::KakaoTalkSender { sender } => Some(&sender.plus_friend_id),
            CallbackPayload::KakaoTalkTemplate { template } => Some(&template.code),
            CallbackPayload::Bundle { bundle } => Some(&bundle.id),
            CallbackPayload::Other => None,
        }
    }
}

/// A verified callback.
///
/// `Debug`/`Display` (and so Python `repr` and Kotlin `toString`) show the trigger, the
/// resource and the nonce, never `payload_json`: a payload may hold secret-like values (a
/// sender's `bearerToken`), which the typed payload redacts.
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "uniffi", uniffi::export(Debug, Display))]
pub struct CallbackEvent {
    /// The body's `type`: the trigger that fired. Unknown triggers are kept as sent.
    pub trigger: WebhookTrigger,
    pub payload: CallbackPayload,
    /// The body's `payload`, as JSON text (re-serialised from the parsed body, so whitespace
    /// may differ from what was sent; values are unchanged).
    pub payload_json: String,
    /// Present on `*_COMMENT_ADDED`.
    pub comment: Option<String>,
    /// The delivery's nonce (unique per delivery attempt): a key for idempotent processing.
    pub nonce: String,
    /// The signed timestamp, unix seconds.
    pub timestamp: i64,
}

impl fmt::Debug for CallbackEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CallbackEvent(trigger={}, payload={}",
            self.trigger,
            self.payload.kind()
        )?;
        if let Some(label) = self.payload.label() {
            write!(f, "({label})")?;
        }
        write!(
            f,
            ", payload_json=[{} bytes], comment={}, nonce={}, timestamp={})",
            self.payload_json.len(),
            if self.comment.is_some() {
                "yes"
            } else {
                "none"
            },
            self.nonce,
            self.timestamp
        )
    }
}

impl fmt::Display for CallbackEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Parses a callback body (already authenticated) into its trigger, payload and comment.
pub(crate) fn parse(
    body: &[u8],
) -> Result<(WebhookTrigger, CallbackPayload, String, Option<String>), CallbackError> {
    let malformed = |what: String| CallbackError::MalformedBody {
        reason: format!(
            "the callback is correctly signed but its body is not a Sinch callback ({what}); \
             expected a JSON object {{\"type\", \"payload\", \"comment\"?}}"
        ),
    };
    let value: Value =
        serde_json::from_slice(body).map_err(|e| malformed(format!("not JSON: {e}")))?;
    let Value::Object(mut body) = value else {
        return Err(malformed("not a JSON object".into()));
    };
    let trigger = match body.remove("type") {
        Some(Value::String(t)) if !t.trim().is_empty() => WebhookTrigger::from(t),
        Some(_) => return Err(malformed("\"type\" is not a non-empty string".into())),
        None => return Err(malformed("no \"type\"".into())),
    };
    let comment = match body.remove("comment") {
        Some(Value::String(c)) => Some(c),
        _ => None,
    };
    let payload = body.remove("payload").unwrap_or(Value::Null);
    let payload_json = payload.to_string();
    let typed = typed_payload(&trigger, payload, &payload_json);
    Ok((trigger, typed, payload_json, comment))
}

fn typed_payload(trigger: &WebhookTrigger, payload: Value, raw: &str) -> CallbackPayload {
    use CallbackPayload as P;
    use WebhookTrigger as T;
    fn read<R: DeserializeOwned>(v: Value) -> Option<R> {
        serde_json::from_value(v).ok()
    }
    let typed = match trigger {
        T::WhatsappTemplateApproved
        | T::WhatsappTemplateCategoryFutureUpdate
        | T::WhatsappTemplateCategoryUpdated
        | T::WhatsappTemplateCommentAdded
        | T::WhatsappTemplateDeleted
        | T::WhatsappTemplateQualityScoreUpdated
        | T::WhatsappTemplateRejected
        | T::WhatsappTemplateStatusUpdated => {
            read(payload).map(|template| P::WhatsappTemplate { template })
        }
        T::WhatsappSenderActive
        | T::WhatsappSenderCommentAdded
        | T::WhatsappSenderDailyLimitChanged
        | T::WhatsappSenderDeleted
        | T::WhatsappSenderError
        | T::WhatsappSenderInactive
        | T::WhatsappSenderPendingVerification
        | T::WhatsappSenderQualityRatingChanged
        | T::WhatsappSenderRejected => read(payload).map(|sender| P::WhatsappSender { sender }),
        T::WhatsappAccountCommentAdded
        | T::WhatsappAccountDailyLimitChanged
        | T::WhatsappAccountOnboarded
        | T::WhatsappAccountPendingVerification
        | T::WhatsappAccountRejected => read(payload).map(|mut account: WhatsappAccount| {
            account.raw_json = raw.to_string();
            P::WhatsappAccount { account }
        }),
        T::RcsSenderCommentAdded
        | T::RcsSenderOperatorStatusUpdated
        | T::RcsSenderStatusUpdated => read(payload).map(|sender| P::RcsSender { sender }),
        T::KakaotalkSenderActive
        | T::KakaotalkSenderCommentAdded
        | T::KakaotalkSenderInactive
        | T::KakaotalkSenderRejected => read(payload).map(|sender| P::KakaoTalkSender { sender }),
        T::KakaotalkTemplateApproved
        | T::KakaotalkTemplateCommentAdded
        | T::KakaotalkTemplateRejected => {
            read(payload).map(|template| P::KakaoTalkTemplate { template })
        }
        T::BundleDone => read(payload).map(|bundle| P::Bundle { bundle }),
        T::All
        | T::RcsBrandRegistrationProcessStatusUpdated
        | T::RcsAccountCommentAdded
        | T::WhatsappWabaAccountChanged
        | T::Unknown(_) => None,
    };
    typed.unwrap_or(P::Other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provisioning::whatsapp::templates::WhatsappTemplateState;

    #[test]
    fn a_template_payload_is_typed_and_kept_raw() {
        let body = br#"{"type":"WHATSAPP_TEMPLATE_APPROVED","payload":{"name":"welcome","language":"EN_US","state":"APPROVED","extra":1}}"#;
        let (trigger, payload, raw, comment) = parse(body).unwrap();
        assert_eq!(trigger, WebhookTrigger::WhatsappTemplateApproved);
        let CallbackPayload::WhatsappTemplate { template } = payload else {
            panic!("{payload:?}")
        };
        assert_eq!(template.name, "welcome");
        assert_eq!(template.state, Some(WhatsappTemplateState::Approved));
        assert!(raw.contains("\"extra\":1"), "{raw}");
        assert_eq!(comment, None);
    }

    #[test]
    fn an_unknown_trigger_is_kept_with_its_raw_payload() {
        let body = br#"{"type":"SOMETHING_NEW","payload":{"a":[1,2]},"comment":"hi"}"#;
        let (trigger, payload, raw, comment) = parse(body).unwrap();
        assert_eq!(trigger, WebhookTrigger::Unknown("SOMETHING_NEW".into()));
        assert_eq!(payload, CallbackPayload::Other);
        assert_eq!(raw, r#"{"a":[1,2]}"#);
        assert_eq!(comment.as_deref(), Some("hi"));
    }

    #[test]
    fn a_payload_that_does_not_fit_is_other_not_an_error() {
        let body = br#"{"type":"BUNDLE_DONE","payload":"not a bundle"}"#;
        assert_eq!(parse(body).unwrap().1, CallbackPayload::Other);
    }

    #[test]
    fn bodies_that_are_not_callbacks_are_malformed() {
        for body in [
            &b"nope"[..],
            b"[]",
            b"{}",
            br#"{"type":7}"#,
            br#"{"type":" "}"#,
        ] {
            let e = parse(body).unwrap_err();
            assert_eq!(e.kind(), "MalformedBody", "{body:?}");
        }
    }
}
