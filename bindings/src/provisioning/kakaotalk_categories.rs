//! KakaoTalk categories (read-only).

use sinch_core::provisioning::kakaotalk_categories::{
    KakaoTalkSenderCategory, KakaoTalkTemplateCategoryPage,
};
use sinch_core::SinchError;

crate::family! {
    /// The KakaoTalk sender and template categories.
    KakaoTalkCategories / AsyncKakaoTalkCategories(sinch_core::provisioning::kakaotalk_categories::KakaoTalkCategories)
}

crate::operations! {
    KakaoTalkCategories / AsyncKakaoTalkCategories {
        /// `GET /kakaotalk/categories/senders`: every sender category, as a tree.
        pub fn sender_categories(&self) -> Result<Vec<KakaoTalkSenderCategory>, SinchError> {
            self.inner.sender_categories()
        }

        /// `GET /kakaotalk/categories/senders/{plusFriendId}/templates`: one page of the
        /// template categories the sender can use (page size 1 to 100).
        #[uniffi::method(default(page_size), default(page_token))]
        pub fn template_categories(
            &self,
            plus_friend_id: String,
            page_size: Option<i32>,
            page_token: Option<String>,
        ) -> Result<KakaoTalkTemplateCategoryPage, SinchError> {
            let page = crate::provisioning::paging(page_size, page_token)?;
            self.inner.template_categories(&plus_friend_id, &page)
        }
    }
}
