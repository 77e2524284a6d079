//! KakaoTalk templates (of one sender).

use sinch_core::provisioning::activity::{ActivityPage, Comment};
use sinch_core::provisioning::kakaotalk_templates::{
    KakaoTalkTemplate, KakaoTalkTemplateCreate, KakaoTalkTemplateFilter, KakaoTalkTemplatePage,
    KakaoTalkTemplateUpdate,
};
use sinch_core::SinchError;

crate::paged_family! {
    /// The KakaoTalk templates of one sender.
    KakaoTalkTemplates / AsyncKakaoTalkTemplates(sinch_core::provisioning::kakaotalk_templates::KakaoTalkTemplates) {
        /// `GET /kakaotalk/senders/{plusFriendId}/templates`: one page, alphabetical. Page size
        /// 1 to 1000 (server default 50). `filter` defaults to no filtering.
        list: KakaoTalkTemplatePage,
        /// Pages of KakaoTalk templates, fetched one at a time as you ask for them.
        pager: KakaoTalkTemplatePager / AsyncKakaoTalkTemplatePager,
        filter: KakaoTalkTemplateFilter,
    }
}

#[uniffi::export]
impl KakaoTalkTemplates {
    /// The sender whose templates these are.
    pub fn plus_friend_id(&self) -> String {
        self.inner.plus_friend_id().to_string()
    }
}

#[uniffi::export]
impl AsyncKakaoTalkTemplates {
    /// The sender whose templates these are.
    pub fn plus_friend_id(&self) -> String {
        self.sync.plus_friend_id()
    }
}

crate::operations! {
    KakaoTalkTemplates / AsyncKakaoTalkTemplates {
        /// `POST …/templates` (201): submitted for review unless `status` is `Draft`.
        pub fn create(
            &self,
            template: KakaoTalkTemplateCreate,
        ) -> Result<KakaoTalkTemplate, SinchError> {
            self.inner.create(&template)
        }

        /// `GET …/templates/{templateCode}`.
        pub fn get(&self, template_code: String) -> Result<KakaoTalkTemplate, SinchError> {
            self.inner.get(&template_code)
        }

        /// `PATCH …/templates/{templateCode}`: the fields set change; a draft unless submitted.
        pub fn update(
            &self,
            template_code: String,
            update: KakaoTalkTemplateUpdate,
        ) -> Result<KakaoTalkTemplate, SinchError> {
            self.inner.update(&template_code, &update)
        }

        /// `DELETE …/templates/{templateCode}`.
        pub fn delete(&self, template_code: String) -> Result<(), SinchError> {
            self.inner.delete(&template_code)
        }

        /// `DELETE …/templates/{templateCode}/changes`: deletes a draft never submitted (409
        /// `template_not_deletable` otherwise).
        pub fn delete_draft(&self, template_code: String) -> Result<(), SinchError> {
            self.inner.delete_draft(&template_code)
        }

        /// `GET …/templates/{templateCode}/activities`: one page of the template's activity
        /// log, most recent first (page size 1 to 100).
        #[uniffi::method(default(page_size), default(page_token))]
        pub fn activities(
            &self,
            template_code: String,
            page_size: Option<i32>,
            page_token: Option<String>,
        ) -> Result<ActivityPage, SinchError> {
            let page = crate::provisioning::paging(page_size, page_token)?;
            self.inner.activities(&template_code, &page)
        }

        /// `POST …/templates/{templateCode}/comments`: a comment for Sinch support; returns the
        /// comment created.
        pub fn comment(
            &self,
            template_code: String,
            comment: String,
        ) -> Result<Comment, SinchError> {
            self.inner.comment(&template_code, &comment)
        }
    }
}
