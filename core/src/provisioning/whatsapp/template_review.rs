//! Reviewing one language of a WhatsApp template (spec v1.2.117, WhatsApp Templates): leaving
//! a comment for Sinch support, and comparing how users blocked it against another template.
//!
//! Compare (`POST …/languages/{languageCode}/compare`) takes exactly one other template and a
//! lookback of 7, 30, 60 or 90 days ending now or at `endTimestamp` (milliseconds), and ranks
//! the two by block rate (`blockOrder` 1 is blocked least) with their sends and top block
//! reason. Both must have been sent at least 1,000 times in the period, or the API answers 409
//! `templates_not_eligible_for_comparison`; the same template twice is 409
//! `templates_compare_not_unique`, an unknown other template 404
//! `templates_compare_not_found`.

use super::templates::WhatsappTemplates;
use crate::error::Result;
use crate::open_enum;
use crate::provisioning::activity::{self, Comment};
use crate::provisioning::decode;
use crate::provisioning::pagination::PagedList;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

open_enum! {
    /// How many days back a comparison looks (`WhatsappInputTemplateCompareTimeframesEnum`,
    /// strings on the wire).
    WhatsappCompareTimeframe {
        Days7 = "7",
        Days30 = "30",
        Days60 = "60",
        Days90 = "90",
    }
}

open_enum! {
    /// What users most often gave as their reason to block a template
    /// (`WhatsappTemplateCompareBlockReasonsEnum`).
    WhatsappBlockReason {
        NoLongerNeeded = "NO_LONGER_NEEDED",
        NoReason = "NO_REASON",
        NoReasonGiven = "NO_REASON_GIVEN",
        NoSignUp = "NO_SIGN_UP",
        OffensiveMessages = "OFFENSIVE_MESSAGES",
        Other = "OTHER",
        OtpDidNotRequest = "OTP_DID_NOT_REQUEST",
        Spam = "SPAM",
        UnknownBlockReason = "UNKNOWN_BLOCK_REASON",
        Unrecognized = "UNRECOGNIZED",
    }
}

/// One template of a comparison (`WhatsappTemplateCompareIdentifierDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappTemplateComparison {
    pub name: String,
    pub language: String,
    /// 1 for the template blocked least.
    #[serde(default, deserialize_with = "super::templates::count_opt")]
    pub block_order: Option<i64>,
    #[serde(default, deserialize_with = "super::templates::count_opt")]
    pub message_sends: Option<i64>,
    #[serde(default)]
    pub top_block_reason: Option<WhatsappBlockReason>,
}

#[derive(Deserialize)]
struct Compared {
    templates: Vec<WhatsappTemplateComparison>,
}

impl WhatsappTemplates {
    /// Leaves a comment for Sinch support on one language of a template; returns the comment
    /// created.
    ///
    /// Spec: `POST /whatsapp/templates/{templateName}/languages/{languageCode}/comments`,
    /// operationId `WhatsappTemplatesController_createComment_v1`.
    pub fn comment(&self, name: &str, language: &str, comment: &str) -> Result<Comment> {
        let url = self.url(path![{ name }, "languages", { language }, "comments"], &[])?;
        activity::post(
            self.client(),
            url,
            comment,
            "commenting on a WhatsApp template",
        )
    }

    /// Compares how users blocked this template and `other_name` in `other_language` over
    /// `timeframe` (the server's default is 7 days) ending at `end_timestamp_ms` (now if
    /// unset); returns both, ranked.
    ///
    /// Spec: `POST /whatsapp/templates/{templateName}/languages/{languageCode}/compare`,
    /// operationId `WhatsappTemplatesController_compareTemplates_v1`.
    pub fn compare(
        &self,
        name: &str,
        language: &str,
        other_name: &str,
        other_language: &str,
        timeframe: Option<&WhatsappCompareTimeframe>,
        end_timestamp_ms: Option<i64>,
    ) -> Result<Vec<WhatsappTemplateComparison>> {
        let action = "comparing WhatsApp templates";
        let mut body = json!({
            "templates": [{"templateName": other_name, "templateLanguage": other_language}],
        });
        if let Some(t) = timeframe {
            body["timeframe"] = json!(t);
        }
        if let Some(end) = end_timestamp_ms {
            body["endTimestamp"] = json!(end);
        }
        let url = self.url(path![{ name }, "languages", { language }, "compare"], &[])?;
        let r = self.client().send(Method::POST, url, Some(&body), action)?;
        Ok(decode::<Compared>(&r, action)?.templates)
    }
}
