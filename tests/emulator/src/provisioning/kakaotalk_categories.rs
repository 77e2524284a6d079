//! KakaoTalk categories, read-only, in the spec's shapes (v1.2.117, KakaoTalk Categories):
//!
//! - `GET /kakaotalk/categories/senders`: `{categories: [...]}`, a tree of
//!   `{parentCode, depth, code, name, subcategories}`, unpaged;
//! - `GET /kakaotalk/categories/senders/{plusFriendId}/templates`: a page (`pageSize` 1 to 100,
//!   default 50) of `{name, nameEnglish, subcategories: [{code, name, nameEnglish, groupName,
//!   inclusion, exclusion}]}`; 404 `sender_not_found` when the project has no such sender.
//!
//! The data: the spec's examples (sender categories 건강 and 교육; template category 회원),
//! plus two template groups of the emulator's own so that paging can be tested (their codes are
//! not Sinch's).

use super::auth::Authenticated;
use super::error::PapiError;
use super::pagination::{page, PageSpec};
use super::store::str_field;
use crate::http_util::parse_form;
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

const PAGES: PageSpec = PageSpec {
    max: 100,
    default: 50,
};

pub fn routes() -> Router<AppState> {
    let base = "/v1/projects/{project_id}/kakaotalk/categories/senders";
    Router::new().route(base, get(sender_categories)).route(
        &format!("{base}/{{id}}/templates"),
        get(template_categories),
    )
}

fn node(parent: &str, depth: u8, code: &str, name: &str, below: Vec<Value>) -> Value {
    json!({"parentCode": parent, "depth": depth, "code": code, "name": name, "subcategories": below})
}

fn sender_tree() -> Vec<Value> {
    let leaf = |parent: &str, code: &str, name: &str| node(parent, 3, code, name, vec![]);
    vec![
        node(
            "",
            1,
            "001",
            "건강",
            vec![
                node(
                    "001",
                    2,
                    "0001",
                    "병원",
                    vec![
                        leaf("0001", "0001", "종합병원"),
                        leaf("0001", "0002", "피부과"),
                        leaf("0001", "0003", "성형외과"),
                    ],
                ),
                node("001", 2, "0002", "약국", vec![leaf("0002", "0001", "약국")]),
            ],
        ),
        node(
            "",
            1,
            "002",
            "교육",
            vec![node(
                "002",
                2,
                "0001",
                "학교",
                vec![leaf("0001", "0001", "유치원")],
            )],
        ),
    ]
}

fn sub(code: &str, name: &str, english: &str, group: &str) -> Value {
    json!({"code": code, "name": name, "nameEnglish": english, "groupName": group,
           "inclusion": "", "exclusion": ""})
}

fn template_groups() -> Vec<Value> {
    vec![
        json!({"name": "회원", "nameEnglish": "Membership", "subcategories": [
            sub("001001", "회원가입", "Join membership", "회원"),
            sub("001002", "인증/비밀번호/로그인", "Authentication/Password/Login", "회원"),
            sub("001003", "회원정보/회원혜택", "Membership information/Member ship benefits", "회원"),
        ]}),
        json!({"name": "구매", "nameEnglish": "Purchase", "subcategories": [
            sub("002002", "상품가입", "Product subscription", "구매"),
        ]}),
        json!({"name": "기타", "nameEnglish": "Others", "subcategories": [
            sub("999999", "기타", "Others", "기타"),
        ]}),
    ]
}

async fn sender_categories(_: Authenticated, Path(_project_id): Path<String>) -> Json<Value> {
    Json(json!({ "categories": sender_tree() }))
}

async fn template_categories(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, plus_friend_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let known = {
        let st = app.lock();
        st.provisioning
            .kakaotalk_senders
            .get(&project_id)
            .is_some_and(|all| {
                all.iter()
                    .any(|s| str_field(s, "plusFriendId") == Some(plus_friend_id.as_str()))
            })
    };
    if !known {
        return Err(PapiError::new(
            StatusCode::NOT_FOUND,
            "sender_not_found",
            "Sender not found.",
            "Verify that the parameters are correct.",
        ));
    }
    let query = parse_form(query.unwrap_or_default().as_bytes());
    page(&template_groups(), "categories", &query, PAGES)
}
