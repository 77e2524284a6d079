//! KakaoTalk categories (`/kakaotalk/categories/...`), read-only, in the spec's shapes
//! (v1.2.117):
//!
//! - sender categories: the whole tree at once, `{categories: [{parentCode, depth, code, name,
//!   subcategories: [...]}]}` (depth 1 to 3; a sender is created with one code per level);
//! - template categories of a sender: a page (`pageSize` 1 to 100) of
//!   `{name, nameEnglish, subcategories: [{code, name, nameEnglish, groupName, inclusion,
//!   exclusion}]}`; 404 `sender_not_found` for an unknown sender.
//!
//! Names are Korean (with an English one for template categories); the spec lists them as
//! enums with `UNRECOGNIZED`, kept here as the strings sent so that a new one is never lost.

use super::pagination::{check_page_size, PageRequest};
use super::{paging_query, ProvisioningClient};
use crate::error::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// The largest page of template categories.
pub const TEMPLATE_CATEGORIES_MAX_PAGE_SIZE: u32 = 100;

/// A sender category and, below it, its subcategories (one level deeper each).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkSenderCategory {
    /// The code of the category above (empty at depth 1).
    #[serde(default)]
    pub parent_code: String,
    /// 1 (top level, 3 digits), 2 (mid level, 4 digits) or 3 (sub level, 4 digits).
    #[serde(default)]
    pub depth: i32,
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub subcategories: Vec<KakaoTalkSenderCategory>,
}

#[derive(Deserialize)]
struct SenderCategoryList {
    categories: Vec<KakaoTalkSenderCategory>,
}

/// A template subcategory: the code a template is created with.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkTemplateSubcategory {
    /// Six digits, e.g. `001001`.
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub name_english: Option<String>,
    #[serde(default)]
    pub group_name: Option<String>,
    /// Which templates belong here.
    #[serde(default)]
    pub inclusion: Option<String>,
    /// Which templates do not (and where they go instead).
    #[serde(default)]
    pub exclusion: Option<String>,
}

/// A template category: a group of subcategories.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkTemplateCategory {
    pub name: String,
    #[serde(default)]
    pub name_english: Option<String>,
    #[serde(default)]
    pub subcategories: Vec<KakaoTalkTemplateSubcategory>,
}

crate::page_record! {
    /// One page of template categories.
    KakaoTalkTemplateCategoryPage { categories: KakaoTalkTemplateCategory }
}

/// The KakaoTalk categories of one project.
#[derive(Debug, Clone)]
pub struct KakaoTalkCategories {
    client: ProvisioningClient,
}

impl KakaoTalkCategories {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        KakaoTalkCategories { client }
    }

    /// Every sender category, as a tree (the endpoint has no paging).
    ///
    /// Spec: `GET /kakaotalk/categories/senders`, operationId
    /// `KakaotalkCategoriesController_listSenderCategories_v1`.
    pub fn sender_categories(&self) -> Result<Vec<KakaoTalkSenderCategory>> {
        let url = self
            .client
            .url(path!["kakaotalk", "categories", "senders"], &[])?;
        let list: SenderCategoryList = self.client.call(
            Method::GET,
            url,
            None,
            "listing KakaoTalk sender categories",
        )?;
        Ok(list.categories)
    }

    /// One page of the template categories the sender `plus_friend_id` can use (page size
    /// 1 to 100).
    ///
    /// Spec: `GET /kakaotalk/categories/senders/{plusFriendId}/templates`, operationId
    /// `KakaotalkCategoriesController_getTemplateCategories_v1`.
    pub fn template_categories(
        &self,
        plus_friend_id: &str,
        page: &PageRequest,
    ) -> Result<KakaoTalkTemplateCategoryPage> {
        check_page_size(
            page.page_size,
            TEMPLATE_CATEGORIES_MAX_PAGE_SIZE,
            "template categories",
        )?;
        let url = self.client.url(
            path![
                "kakaotalk",
                "categories",
                "senders",
                { plus_friend_id },
                "templates"
            ],
            &paging_query(page),
        )?;
        self.client
            .fetch_page(url, "listing KakaoTalk template categories")?
            .decode()
    }
}
