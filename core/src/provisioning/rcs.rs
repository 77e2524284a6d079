//! RCS senders (`/rcs/senders`): list with filters and sorting, create, get, update, launch,
//! their activity logs and comments, and their test numbers (add, state, capabilities,
//! re-invite, delete). Shapes and errors are those of the spec (v1.2.117, RCS Senders; see
//! [`super::rcs_sender`] for the sender itself).
//!
//! operationIds: the spec's where read (`RcsSendersController_listSenders_v1` and the
//! test-number operations); the others follow the spec's naming (`RcsSendersController_<op>_v1`,
//! which the reference pages' slugs confirm in lower case).
//!
//! A sender is made in two steps: create it (region, billing category, use case, brand), fill
//! in what the launch needs with [`RcsSenders::update`] (countries, the questionnaire's answers,
//! brand contacts and images), then [`RcsSenders::launch`] it. Until launch it reaches only its
//! test numbers, which must accept Google's invite first.

use super::activity::{self, ActivityPage, Comment};
use super::pagination::{PageRequest, PagedList, Pager};
use super::rcs_questionnaire::{RcsQuestionnaire, RcsQuestionnaireQuery};
pub use super::rcs_sender::*;
use super::sms_apps::AppRegion;
use super::{decode, paging_query, ProvisioningClient, Segment};
use crate::error::{Result, SinchError};
use crate::open_enum;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The largest page of the RCS senders list.
pub const MAX_PAGE_SIZE: u32 = 100;

open_enum! {
    /// The list's `sortColumn`.
    RcsSortColumn {
        Created = "CREATED",
        Modified = "MODIFIED",
        Name = "NAME",
        State = "STATE",
    }
}

open_enum! {
    /// The list's `sortDirection`.
    RcsSortDirection {
        Asc = "ASC",
        Desc = "DESC",
    }
}

crate::page_record!(
    /// One page of RCS senders.
    RcsSenderPage { senders: RcsSender });

/// List filters and sorting; unset fields are not sent. Lists are sent as repeated
/// parameters (`filterSenderIds=a&filterSenderIds=b`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct RcsSenderFilter {
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub conversation_api_app_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sender_ids: Vec<String>,
    /// Deprecated by Sinch: use `search`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sender_name: Option<String>,
    /// Part of the sender's name, any case.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub search: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub states: Vec<RcsSenderState>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sort_column: Option<RcsSortColumn>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sort_direction: Option<RcsSortDirection>,
}

impl RcsSenderFilter {
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(v) = &self.conversation_api_app_id {
            q.push(("filterConversationApiAppId", v.clone()));
        }
        q.extend(
            self.sender_ids
                .iter()
                .map(|v| ("filterSenderIds", v.clone())),
        );
        if let Some(v) = &self.sender_name {
            q.push(("filterSenderName", v.clone()));
        }
        if let Some(v) = &self.search {
            q.push(("search", v.clone()));
        }
        q.extend(
            self.states
                .iter()
                .map(|v| ("filterStates", v.as_str().to_string())),
        );
        if let Some(v) = &self.sort_column {
            q.push(("sortColumn", v.as_str().to_string()));
        }
        if let Some(v) = &self.sort_direction {
            q.push(("sortDirection", v.as_str().to_string()));
        }
        q
    }
}

/// A new RCS sender (`POST /rcs/senders`):
/// `{region, billingCategory, useCase, details{brand, testNumbers, countries, questionnaire}}`.
/// Empty lists and unset fields are not sent.
#[derive(Debug, Clone, PartialEq)]
pub struct RcsSenderSpec {
    pub region: AppRegion,
    pub billing_category: RcsBillingCategory,
    pub use_case: RcsUseCase,
    pub brand: RcsBrand,
    pub test_numbers: Vec<String>,
    pub countries: Vec<String>,
    /// The questionnaire's answers as a JSON object (`{"general": {"answers": {...}}, ...}`).
    pub questionnaire_json: Option<String>,
}

impl RcsSenderSpec {
    fn to_json(&self) -> Result<Value> {
        let mut details = Map::new();
        let brand = brand_json(&self.brand);
        details.insert("brand".into(), brand);
        put_list(&mut details, "testNumbers", &self.test_numbers);
        put_list(&mut details, "countries", &self.countries);
        if let Some(q) = questionnaire(self.questionnaire_json.as_deref())? {
            details.insert("questionnaire".into(), q);
        }
        Ok(json!({
            "region": self.region,
            "billingCategory": self.billing_category,
            "useCase": self.use_case,
            "details": details,
        }))
    }
}

/// A list of a sender's details that an update can delete (it is sent as `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RcsDetailsList {
    BrandEmails,
    BrandPhones,
    BrandWebsites,
    TestNumbers,
    Countries,
}

impl RcsDetailsList {
    /// Where the list sits in `details`.
    fn path(self) -> (Option<&'static str>, &'static str) {
        match self {
            RcsDetailsList::BrandEmails => (Some("brand"), "emails"),
            RcsDetailsList::BrandPhones => (Some("brand"), "phones"),
            RcsDetailsList::BrandWebsites => (Some("brand"), "websites"),
            RcsDetailsList::TestNumbers => (None, "testNumbers"),
            RcsDetailsList::Countries => (None, "countries"),
        }
    }
}

/// A change to a sender (`PATCH /rcs/senders/{senderId}`, body `{details}`): only what is set
/// is sent, so the rest stays as it is. A brand field replaces the stored one; a list given
/// replaces the stored list; `remove` deletes whole lists. The questionnaire's sections given
/// replace the stored sections of the same name.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RcsSenderUpdate {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub brand: Option<RcsBrand>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub test_numbers: Vec<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub countries: Vec<String>,
    /// The questionnaire's answers as a JSON object (`{"gb": {"answers": {...}}}`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub questionnaire_json: Option<String>,
    /// Lists to delete.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub remove: Vec<RcsDetailsList>,
}

impl RcsSenderUpdate {
    fn to_json(&self) -> Result<Value> {
        let mut details = Map::new();
        if let Some(b) = &self.brand {
            if let Value::Object(m) = brand_json(b) {
                if !m.is_empty() {
                    details.insert("brand".into(), Value::Object(m));
                }
            }
        }
        put_list(&mut details, "testNumbers", &self.test_numbers);
        put_list(&mut details, "countries", &self.countries);
        if let Some(q) = questionnaire(self.questionnaire_json.as_deref())? {
            details.insert("questionnaire".into(), q);
        }
        for list in &self.remove {
            let (parent, key) = list.path();
            let target = match parent {
                None => &mut details,
                Some(p) => details
                    .entry(p)
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .expect("brand is an object"),
            };
            if target.get(key).is_some_and(|v| !v.is_null()) {
                return Err(SinchError::invalid_config(format!(
                    "the update both sets and removes {list:?}; do one or the other"
                )));
            }
            target.insert(key.into(), Value::Null);
        }
        if details.is_empty() {
            return Err(SinchError::invalid_config(
                "the RCS sender update changes nothing; set a field or name a list in `remove`",
            ));
        }
        Ok(json!({ "details": details }))
    }
}

open_enum! {
    /// `usQuestionnaireVersion` of an update: which US questionnaire the answers follow.
    RcsUsQuestionnaireVersion {
        V1 = "v1",
        V2 = "v2",
    }
}

open_enum! {
    /// What a test device supports (`RcsTestNumberCapabilitiesFeaturesEnum`).
    RcsTestNumberFeature {
        ActionCompose = "ACTION_COMPOSE",
        ActionCreateCalendarEvent = "ACTION_CREATE_CALENDAR_EVENT",
        ActionDial = "ACTION_DIAL",
        ActionOpenUrl = "ACTION_OPEN_URL",
        ActionOpenUrlInWebview = "ACTION_OPEN_URL_IN_WEBVIEW",
        ActionShareLocation = "ACTION_SHARE_LOCATION",
        ActionViewLocation = "ACTION_VIEW_LOCATION",
        Revocation = "REVOCATION",
        RichcardCarousel = "RICHCARD_CAROUSEL",
        RichcardStandalone = "RICHCARD_STANDALONE",
        FeatureUnspecified = "FEATURE_UNSPECIFIED",
    }
}

/// The brand as sent: unset fields and empty lists left out.
fn brand_json(brand: &RcsBrand) -> Value {
    let mut v = serde_json::to_value(brand).unwrap_or_else(|_| json!({}));
    if let Value::Object(m) = &mut v {
        m.retain(|_, x| !x.is_null() && x.as_array().is_none_or(|a| !a.is_empty()));
    }
    v
}

fn put_list(details: &mut Map<String, Value>, key: &str, items: &[String]) {
    if !items.is_empty() {
        details.insert(key.into(), json!(items));
    }
}

/// The caller's questionnaire JSON, which must be an object.
fn questionnaire(text: Option<&str>) -> Result<Option<Value>> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    match serde_json::from_str::<Value>(text) {
        Ok(v @ Value::Object(_)) => Ok(Some(v)),
        _ => Err(SinchError::invalid_config(
            "questionnaire_json must be a JSON object of sections, such as \
             {\"general\": {\"answers\": {...}}}",
        )),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TestNumbers {
    test_numbers: Vec<RcsTestNumberState>,
}

#[derive(Deserialize)]
struct Capabilities {
    #[serde(default)]
    features: Vec<RcsTestNumberFeature>,
}

/// The RCS senders of one project.
#[derive(Debug, Clone)]
pub struct RcsSenders {
    client: ProvisioningClient,
}

impl PagedList for RcsSenders {
    type Page = RcsSenderPage;
    type Filter = RcsSenderFilter;
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "RCS senders";
    const ACTION: &'static str = "listing RCS senders";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, filter: &RcsSenderFilter) -> Result<url::Url> {
        let mut query = paging_query(page);
        query.extend(filter.query());
        self.client.url(path!["rcs", "senders"], &query)
    }
}

impl RcsSenders {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        RcsSenders { client }
    }

    /// `GET /rcs/senders`: one page, filtered and sorted.
    ///
    /// Spec: `GET /rcs/senders`, operationId `RcsSendersController_listSenders_v1`.
    pub fn list(&self, page: &PageRequest, filter: &RcsSenderFilter) -> Result<RcsSenderPage> {
        self.page(page, filter)
    }

    /// `GET /rcs/senders`, every page in turn with the same filter, fetched when asked for.
    pub fn pages(
        &self,
        page_size: Option<u32>,
        filter: RcsSenderFilter,
    ) -> Result<Pager<RcsSenderPage>> {
        self.pager(page_size, filter)
    }

    /// `POST /rcs/senders`.
    ///
    /// Spec: `POST /rcs/senders`, operationId `RcsSendersController_createSender_v1`.
    pub fn create(&self, spec: &RcsSenderSpec) -> Result<RcsSender> {
        let body = spec.to_json()?;
        let url = self.client.url(path!["rcs", "senders"], &[])?;
        self.client
            .call(Method::POST, url, Some(&body), "creating an RCS sender")
    }

    /// One sender.
    ///
    /// Spec: `GET /rcs/senders/{senderId}`, operationId `RcsSendersController_getSender_v1`.
    pub fn get(&self, sender_id: &str) -> Result<RcsSender> {
        let url = self
            .client
            .url(path!["rcs", "senders", { sender_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting an RCS sender")
    }

    /// The launch questionnaire of `use_case`: the questions a sender's launch must answer,
    /// per section (see [`super::rcs_questionnaire`]).
    ///
    /// Spec: `GET /rcs/questionnaire/{useCase}`, operationId
    /// `RcsQuestionnaireController_getQuestions_v1`.
    pub fn questionnaire(
        &self,
        use_case: &RcsUseCase,
        query: &RcsQuestionnaireQuery,
    ) -> Result<RcsQuestionnaire> {
        self.client.rcs_questionnaire(use_case, query)
    }

    /// One page of the sender's activity log, most recent first (page size 1 to 100); entry
    /// types `CREATED`, `EDITED`, `COMMENT_ADDED`, `TEST`, `ACTIVE`, `INACTIVE`, `DELETED`.
    ///
    /// Spec: `GET /rcs/senders/{senderId}/activities`, operationId
    /// `RcsSendersController_listActivities_v1`.
    pub fn activities(&self, sender_id: &str, page: &PageRequest) -> Result<ActivityPage> {
        activity::page(
            &self.client,
            page,
            "listing an RCS sender's activities",
            |q| {
                self.client
                    .url(path!["rcs", "senders", { sender_id }, "activities"], q)
            },
        )
    }

    /// Leaves a comment for Sinch support on the sender; returns the comment created.
    ///
    /// Spec: `POST /rcs/senders/{senderId}/comments`, operationId
    /// `RcsSendersController_createComment_v1`.
    pub fn comment(&self, sender_id: &str, comment: &str) -> Result<Comment> {
        let url = self
            .client
            .url(path!["rcs", "senders", { sender_id }, "comments"], &[])?;
        activity::post(&self.client, url, comment, "commenting on an RCS sender")
    }

    /// `…/senders/{senderId}/testNumbers/{testNumber}[/{action}]`.
    fn test_number_url(
        &self,
        sender_id: &str,
        test_number: &str,
        action: Option<&'static str>,
    ) -> Result<url::Url> {
        let mut segments = path!["rcs", "senders", { sender_id }, "testNumbers", {
            test_number
        }]
        .to_vec();
        segments.extend(action.map(Segment::Fixed));
        self.client.url(&segments, &[])
    }

    /// Changes the sender's details (`PATCH`, body `{details}`); returns the sender.
    /// `us_questionnaire_version` says which US questionnaire the answers follow.
    ///
    /// Spec: `PATCH /rcs/senders/{senderId}`, operationId
    /// `RcsSendersController_updateSender_v1`, query `usQuestionnaireVersion` (`v1`, `v2`).
    pub fn update(
        &self,
        sender_id: &str,
        update: &RcsSenderUpdate,
        us_questionnaire_version: Option<&RcsUsQuestionnaireVersion>,
    ) -> Result<RcsSender> {
        let body = update.to_json()?;
        let query: Vec<(&str, String)> = us_questionnaire_version
            .map(|v| ("usQuestionnaireVersion", v.as_str().to_string()))
            .into_iter()
            .collect();
        let url = self
            .client
            .url(path!["rcs", "senders", { sender_id }], &query)?;
        self.client
            .call(Method::PATCH, url, Some(&body), "updating an RCS sender")
    }

    /// Begins the launch of the sender in its countries; returns the sender (`LAUNCHING`, or
    /// `PREPARING_LAUNCH` while Sinch adds a video the questionnaire lacks). The launch needs
    /// the questionnaire, at least one country, a brand phone or email, and the banner, logo,
    /// privacy policy and terms of service URLs: a sender without them is refused with 412
    /// `launch_precondition_failed`, whose `additional_information` names what is missing.
    ///
    /// Spec: `POST /rcs/senders/{senderId}/launch`, operationId
    /// `RcsSendersController_launchSender_v1`.
    pub fn launch(&self, sender_id: &str) -> Result<RcsSender> {
        let url = self
            .client
            .url(path!["rcs", "senders", { sender_id }, "launch"], &[])?;
        self.client
            .call(Method::POST, url, None, "launching an RCS sender")
    }

    /// Adds test numbers (E.164, at most 200 per sender; Google allows 20 invites a day) and
    /// sends each an invite to become a tester; returns the states of the sender's test
    /// numbers. Adding a verified number again makes it unverified and invites it again.
    ///
    /// Spec: `POST /rcs/senders/{senderId}/testNumbers`, operationId
    /// `RcsSendersController_addTestNumbers_v1`.
    pub fn add_test_numbers(
        &self,
        sender_id: &str,
        numbers: &[String],
    ) -> Result<Vec<RcsTestNumberState>> {
        if numbers.is_empty() {
            return Err(SinchError::invalid_config(
                "add_test_numbers needs at least one number (E.164, such as +46701234567)",
            ));
        }
        let url = self
            .client
            .url(path!["rcs", "senders", { sender_id }, "testNumbers"], &[])?;
        let r = self.client.send(
            Method::POST,
            url,
            Some(&json!({ "testNumbers": numbers })),
            "adding test numbers to an RCS sender",
        )?;
        Ok(decode::<TestNumbers>(&r, "adding test numbers to an RCS sender")?.test_numbers)
    }

    /// The state of one test number (404 `user_is_not_tester_for_agent` for a number that
    /// is not one).
    ///
    /// Spec: `GET /rcs/senders/{senderId}/testNumbers/{testNumber}`, operationId
    /// `RcsSendersController_getTestNumberState_v1`.
    pub fn test_number(&self, sender_id: &str, test_number: &str) -> Result<RcsTestNumberState> {
        let url = self.test_number_url(sender_id, test_number, None)?;
        self.client.call(
            Method::GET,
            url,
            None,
            "getting the state of an RCS test number",
        )
    }

    /// What the device of a verified test number supports (404
    /// `user_has_not_accepted_invite` until its owner accepts the invite).
    ///
    /// Spec: `GET /rcs/senders/{senderId}/testNumbers/{testNumber}/capabilities`, operationId
    /// `RcsSendersController_getTestNumberCapabilities_v1`.
    pub fn test_number_capabilities(
        &self,
        sender_id: &str,
        test_number: &str,
    ) -> Result<Vec<RcsTestNumberFeature>> {
        let url = self.test_number_url(sender_id, test_number, Some("capabilities"))?;
        let action = "getting the capabilities of an RCS test number";
        let r = self.client.send(Method::GET, url, None, action)?;
        Ok(decode::<Capabilities>(&r, action)?.features)
    }

    /// Sends the invite to a test number again; returns its state (a verified number becomes
    /// unverified). Deprecated by Sinch after v1.2.117 (the reference pages of v1.2.126 mark
    /// it so, without naming a replacement): adding the number again does the same.
    ///
    /// Spec: `GET /rcs/senders/{senderId}/testNumbers/{testNumber}/retry`, operationId
    /// `RcsSendersController_retryTestNumber_v1`.
    pub fn retry_test_number(
        &self,
        sender_id: &str,
        test_number: &str,
    ) -> Result<RcsTestNumberState> {
        let url = self.test_number_url(sender_id, test_number, Some("retry"))?;
        self.client
            .call(Method::GET, url, None, "re-inviting an RCS test number")
    }

    /// Removes a test number from the sender.
    ///
    /// Spec: `DELETE /rcs/senders/{senderId}/testNumbers/{testNumber}`, operationId
    /// `RcsSendersController_deleteTestNumber_v1`.
    pub fn delete_test_number(&self, sender_id: &str, test_number: &str) -> Result<()> {
        let url = self.test_number_url(sender_id, test_number, None)?;
        self.client
            .send(Method::DELETE, url, None, "deleting an RCS test number")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> RcsBrand {
        RcsBrand {
            name: Some("Acme".into()),
            color: Some("#000000".into()),
            emails: vec![RcsEmail {
                label: "Support".into(),
                address: "help@acme.example".into(),
            }],
            ..RcsBrand::default()
        }
    }

    #[test]
    fn create_body_leaves_out_what_is_unset() {
        let spec = RcsSenderSpec {
            region: AppRegion::Eu,
            billing_category: RcsBillingCategory::Conversational,
            use_case: RcsUseCase::from("NEW_USE"),
            brand: acme(),
            test_numbers: vec![],
            countries: vec!["SE".into()],
            questionnaire_json: Some(r#"{"general": {"answers": {}}}"#.into()),
        };
        assert_eq!(
            spec.to_json().unwrap(),
            json!({"region": "EU", "billingCategory": "CONVERSATIONAL", "useCase": "NEW_USE",
                   "details": {"brand": {"name": "Acme", "color": "#000000",
                                         "emails": [{"label": "Support", "address": "help@acme.example"}]},
                               "countries": ["SE"],
                               "questionnaire": {"general": {"answers": {}}}}})
        );
        let bad = RcsSenderSpec {
            questionnaire_json: Some("[1]".into()),
            ..spec
        };
        assert!(matches!(
            bad.to_json(),
            Err(SinchError::InvalidConfig { .. })
        ));
    }

    #[test]
    fn update_sends_only_changes_and_nulls_for_removed_lists() {
        let update = RcsSenderUpdate {
            brand: Some(RcsBrand {
                logo_url: Some("https://acme.example/logo.png".into()),
                ..RcsBrand::default()
            }),
            remove: vec![RcsDetailsList::BrandPhones, RcsDetailsList::TestNumbers],
            ..RcsSenderUpdate::default()
        };
        assert_eq!(
            update.to_json().unwrap(),
            json!({"details": {"brand": {"logoUrl": "https://acme.example/logo.png", "phones": null},
                               "testNumbers": null}})
        );
        let nothing = RcsSenderUpdate::default().to_json().unwrap_err();
        assert!(nothing.to_string().contains("changes nothing"), "{nothing}");
        let both = RcsSenderUpdate {
            countries: vec!["SE".into()],
            remove: vec![RcsDetailsList::Countries],
            ..RcsSenderUpdate::default()
        };
        assert!(matches!(
            both.to_json(),
            Err(SinchError::InvalidConfig { .. })
        ));
    }

    #[test]
    fn sender_reads_the_spec_shape_and_hides_the_auth_token() {
        let s: RcsSender = serde_json::from_value(json!({
            "id": "01S", "region": "EU", "billingCategory": "NON_CONVERSATIONAL",
            "useCase": "OTP", "hostingRegion": "EUROPE", "state": "IN_TEST",
            "authName": "agent", "authToken": "tok-123-secret",
            "testNumberStates": [{"number": "+46701234567", "state": "VERIFIED", "submitted": "2026-01-01T00:00:00Z"}],
            "countryStatus": [{"country": "SE", "status": "PENDING",
                               "operators": [{"name": "Telia", "status": "NEW_STATUS"}]}],
            "details": {"brand": {"name": "Acme"}, "countries": ["SE"],
                        "questionnaire": {"general": {"answers": {"optInDescription": "web"}}}},
            "brandDetails": {"id": "b1", "status": "COMPLETED", "registration": {"id": "r1", "status": "PENDING"}},
            "supplierDetails": {"google": {"agentId": "a1"}}
        }))
        .unwrap();
        assert_eq!(s.hosting_region, Some(RcsHostingRegion::Europe));
        assert_eq!(s.test_number_states[0].state, RcsTestNumberStatus::Verified);
        assert_eq!(
            s.country_status[0].operators[0].status,
            RcsLaunchStatus::Unknown("NEW_STATUS".into())
        );
        let q: Value = serde_json::from_str(
            s.details
                .as_ref()
                .unwrap()
                .questionnaire_json
                .as_ref()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(q["general"]["answers"]["optInDescription"], "web");
        assert_eq!(
            s.brand_details
                .as_ref()
                .unwrap()
                .registration
                .as_ref()
                .unwrap()
                .status,
            "PENDING"
        );
        for shown in [format!("{s}"), format!("{s:?}")] {
            assert!(!shown.contains("tok-123-secret"), "{shown}");
        }
        assert!(format!("{s}").contains("auth_token=[redacted]"));
    }
}
