//! KakaoTalk senders.

use crate::provisioning::paging;
use sinch_core::provisioning::kakaotalk::{
    KakaoTalkSender, KakaoTalkSenderDetails, KakaoTalkSenderPage, KakaoTalkSenderSpec,
};
use sinch_core::provisioning::pagination::signed_page_size;
use sinch_core::SinchError;
use std::sync::Arc;

#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct KakaoTalkSenders {
    pub(crate) inner: sinch_core::provisioning::kakaotalk::KakaoTalkSenders,
}

#[uniffi::export]
impl KakaoTalkSenders {
    /// `GET /kakaotalk/senders`: one page.
    #[uniffi::method(default(page_size = None, page_token = None))]
    pub fn list(
        &self,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<KakaoTalkSenderPage, SinchError> {
        self.inner.list(&paging(page_size, page_token)?)
    }

    /// `list` for the Python package: the page as a pickle stream decoded while Python reads it
    /// (see `page_stream.rs`).
    #[uniffi::method(default(page_size = None, page_token = None))]
    pub fn list_stream(
        &self,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<Arc<crate::page_stream::PageStream>, SinchError> {
        self.inner
            .list_response(&paging(page_size, page_token)?)
            .map(crate::page_stream::stream_list)
    }

    /// `GET /kakaotalk/senders`, pages fetched one at a time as you ask for them.
    #[uniffi::method(default(page_size = None))]
    pub fn pages(&self, page_size: Option<i32>) -> Result<Arc<KakaoTalkSenderPager>, SinchError> {
        Ok(KakaoTalkSenderPager::new(
            self.inner.pages(signed_page_size(page_size)?)?,
        ))
    }

    /// `POST /kakaotalk/senders` `{plusFriendId, details{…}}`.
    pub fn create(
        &self,
        plus_friend_id: String,
        details: KakaoTalkSenderDetails,
    ) -> Result<KakaoTalkSender, SinchError> {
        self.inner.create(&KakaoTalkSenderSpec {
            plus_friend_id,
            details,
        })
    }

    /// `GET /kakaotalk/senders/{plusFriendId}`.
    pub fn get(&self, plus_friend_id: String) -> Result<KakaoTalkSender, SinchError> {
        self.inner.get(&plus_friend_id)
    }

    /// `PATCH /kakaotalk/senders/{plusFriendId}`: the fields set in `details` change.
    pub fn update(
        &self,
        plus_friend_id: String,
        details: KakaoTalkSenderDetails,
    ) -> Result<KakaoTalkSender, SinchError> {
        self.inner.update(&plus_friend_id, &details)
    }

    /// `DELETE /kakaotalk/senders/{plusFriendId}`: marks for removal (active 60 more days).
    pub fn delete(&self, plus_friend_id: String) -> Result<(), SinchError> {
        self.inner.delete(&plus_friend_id)
    }

    /// `POST /kakaotalk/senders/{plusFriendId}/register`.
    pub fn register(&self, plus_friend_id: String) -> Result<(), SinchError> {
        self.inner.register(&plus_friend_id)
    }

    /// `POST /kakaotalk/senders/{plusFriendId}/verify` `{code}` (unconfirmed path).
    pub fn verify(&self, plus_friend_id: String, code: String) -> Result<(), SinchError> {
        self.inner.verify(&plus_friend_id, &code)
    }
}

crate::pager_object!(
    /// Pages of KakaoTalk senders, fetched one at a time as you ask for them.
    KakaoTalkSenderPager,
    KakaoTalkSenderPage
);
