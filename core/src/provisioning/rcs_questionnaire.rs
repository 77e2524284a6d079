//! The RCS launch questionnaire (`GET /rcs/questionnaire/{useCase}`): the questions a sender's
//! launch must answer, per section (`general`, `verification`, and one per country asked for,
//! e.g. `us`, `gb`, `fr`), each `{question, suggestedAnswers}` (spec v1.2.117).
//!
//! Sections and question sets differ by country and change over time (the spec says so), so
//! they are read generically: every question is kept under its key, a nested group joined with
//! `.` (`partner.companyName`), and `raw_json` keeps the whole answer.

use super::rcs::RcsUseCase;
use super::ProvisioningClient;
use crate::error::Result;
use reqwest::Method;
use serde_json::{Map, Value};

/// One question of the questionnaire.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RcsQuestion {
    /// The answer's field name, nested groups joined with `.` (`partner.companyName`).
    pub key: String,
    /// The question in words (may be empty for a field that needs no explanation).
    pub question: String,
    pub suggested_answers: Vec<String>,
}

/// The questions of one section (`general`, `verification`, `us`, ...).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RcsQuestionnaireSection {
    pub name: String,
    pub questions: Vec<RcsQuestion>,
}

/// The questionnaire of one use case.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RcsQuestionnaire {
    pub sections: Vec<RcsQuestionnaireSection>,
    /// The whole answer as the server sent it.
    pub raw_json: String,
}

/// What to ask the questionnaire for; empty means the server's defaults.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RcsQuestionnaireQuery {
    /// Country codes (`US`, `GB`, ...): adds each country's section. Sent as repeated
    /// `countries` parameters, as the spec's array says.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub countries: Vec<String>,
    /// `usQuestionnaireVersion`: `v1` or `v2`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub us_questionnaire_version: Option<String>,
    /// `usQuestionnaireBrandCampaignVersion`: `US_PUBLIC`, `US_PRIVATE`, `NON_US_PUBLIC`,
    /// `NON_US_PRIVATE`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub us_questionnaire_brand_campaign_version: Option<String>,
}

impl RcsQuestionnaireQuery {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut q: Vec<(&'static str, String)> = self
            .countries
            .iter()
            .map(|c| ("countries", c.clone()))
            .collect();
        if let Some(v) = &self.us_questionnaire_version {
            q.push(("usQuestionnaireVersion", v.clone()));
        }
        if let Some(v) = &self.us_questionnaire_brand_campaign_version {
            q.push(("usQuestionnaireBrandCampaignVersion", v.clone()));
        }
        q
    }
}

/// Reads the questions of `group` into `out`, keys prefixed with `prefix`.
fn questions(group: &Map<String, Value>, prefix: &str, out: &mut Vec<RcsQuestion>) {
    for (key, value) in group {
        let key = format!("{prefix}{key}");
        let Value::Object(obj) = value else { continue };
        match obj.get("question") {
            Some(Value::String(question)) => out.push(RcsQuestion {
                question: question.clone(),
                suggested_answers: obj
                    .get("suggestedAnswers")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                key,
            }),
            _ => questions(obj, &format!("{key}."), out),
        }
    }
}

/// The questionnaire in an answer (sections without a `questions` object are skipped; the raw
/// JSON still has them).
pub(crate) fn read(v: Value) -> RcsQuestionnaire {
    let raw_json = v.to_string();
    let mut sections = Vec::new();
    if let Value::Object(map) = v {
        for (name, section) in map {
            if let Some(Value::Object(group)) = section.get("questions") {
                let mut qs = Vec::new();
                questions(group, "", &mut qs);
                sections.push(RcsQuestionnaireSection {
                    name,
                    questions: qs,
                });
            }
        }
    }
    RcsQuestionnaire { sections, raw_json }
}

impl ProvisioningClient {
    pub(crate) fn rcs_questionnaire(
        &self,
        use_case: &RcsUseCase,
        query: &RcsQuestionnaireQuery,
    ) -> Result<RcsQuestionnaire> {
        let use_case = use_case.as_str();
        let url = self.url(path!["rcs", "questionnaire", { use_case }], &query.pairs())?;
        let v: Value = self.call(Method::GET, url, None, "getting the RCS questionnaire")?;
        Ok(read(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_groups_are_flattened_and_unknown_sections_kept() {
        let q = read(json!({
            "verification": {"questions": {
                "name": {"question": "Name?", "suggestedAnswers": []},
                "partner": {"companyName": {"question": "Company?", "suggestedAnswers": ["A"]}}}},
            "zz": {"questions": {"newField": {"question": "New?", "suggestedAnswers": ["x", "y"]}}},
            "notASection": 1
        }));
        let names: Vec<&str> = q.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["verification", "zz"]);
        let keys: Vec<&str> = q.sections[0]
            .questions
            .iter()
            .map(|q| q.key.as_str())
            .collect();
        assert_eq!(keys, ["name", "partner.companyName"]);
        assert_eq!(q.sections[1].questions[0].suggested_answers, ["x", "y"]);
        assert!(q.raw_json.contains("notASection"));
    }
}
