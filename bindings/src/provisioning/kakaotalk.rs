//! KakaoTalk senders.

use sinch_core::provisioning::activity::{ActivityPage, Comment};
use sinch_core::provisioning::kakaotalk::{
    KakaoTalkSender, KakaoTalkSenderDetails, KakaoTalkSenderPage, KakaoTalkSenderSpec,
    KakaoTalkSubmitMode,
};
use sinch_core::SinchError;

crate::paged_family! {
    KakaoTalkSenders / AsyncKakaoTalkSenders(sinch_core::provisioning::kakaotalk::KakaoTalkSenders) {
        /// `GET /kakaotalk/senders`: one page.
        list: KakaoTalkSenderPage,
        /// Pages of KakaoTalk senders, fetched one at a time as you ask for them.
        pager: KakaoTalkSenderPager / AsyncKakaoTalkSenderPager,
    }
}

crate::operations! {
    KakaoTalkSenders / AsyncKakaoTalkSenders {
        /// `POST /kakaotalk/senders` `{plusFriendId, details{…}, status, saveDraftOnFailure}`:
        /// `status` `SUBMIT` (the server's default) or `DRAFT`.
        #[uniffi::method(default(status), default(save_draft_on_failure))]
        pub fn create(
            &self,
            plus_friend_id: String,
            details: KakaoTalkSenderDetails,
            status: Option<KakaoTalkSubmitMode>,
            save_draft_on_failure: Option<bool>,
        ) -> Result<KakaoTalkSender, SinchError> {
            self.inner.create(&KakaoTalkSenderSpec {
                plus_friend_id,
                details,
                status,
                save_draft_on_failure,
            })
        }

        /// `GET /kakaotalk/senders/{plusFriendId}`.
        pub fn get(&self, plus_friend_id: String) -> Result<KakaoTalkSender, SinchError> {
            self.inner.get(&plus_friend_id)
        }

        /// `PATCH /kakaotalk/senders/{plusFriendId}`: the fields set in `details` become the
        /// sender's pending `changes`, a draft (`status` none or `DRAFT`) or sent for review
        /// (`SUBMIT`).
        #[uniffi::method(default(status))]
        pub fn update(
            &self,
            plus_friend_id: String,
            details: KakaoTalkSenderDetails,
            status: Option<KakaoTalkSubmitMode>,
        ) -> Result<KakaoTalkSender, SinchError> {
            self.inner.update(&plus_friend_id, &details, status.as_ref())
        }

        /// `DELETE /kakaotalk/senders/{plusFriendId}`: marks for removal (active 60 more days).
        pub fn delete(&self, plus_friend_id: String) -> Result<(), SinchError> {
            self.inner.delete(&plus_friend_id)
        }

        /// `POST /kakaotalk/senders/{plusFriendId}/register`: sends a code to the admin phone;
        /// returns the sender, now `VERIFYING`.
        pub fn register(&self, plus_friend_id: String) -> Result<KakaoTalkSender, SinchError> {
            self.inner.register(&plus_friend_id)
        }

        /// `POST /kakaotalk/senders/{plusFriendId}/verify`: the code received on the admin
        /// phone after `register`, as its digits (`"123456"`; anything else is `InvalidConfig`
        /// before any request). Returns the sender, now `ACTIVE`.
        pub fn verify(
            &self,
            plus_friend_id: String,
            code: String,
        ) -> Result<KakaoTalkSender, SinchError> {
            self.inner.verify(&plus_friend_id, &code)
        }

        /// `DELETE /kakaotalk/senders/{plusFriendId}/changes`: discards the pending changes.
        pub fn discard_changes(&self, plus_friend_id: String) -> Result<(), SinchError> {
            self.inner.discard_changes(&plus_friend_id)
        }

        /// One page of the sender's activity log, most recent first (page size 1 to 100).
        #[uniffi::method(default(page_size), default(page_token))]
        pub fn activities(
            &self,
            plus_friend_id: String,
            page_size: Option<i32>,
            page_token: Option<String>,
        ) -> Result<ActivityPage, SinchError> {
            let page = crate::provisioning::paging(page_size, page_token)?;
            self.inner.activities(&plus_friend_id, &page)
        }

        /// A comment for Sinch support; returns the comment created.
        pub fn comment(
            &self,
            plus_friend_id: String,
            comment: String,
        ) -> Result<Comment, SinchError> {
            self.inner.comment(&plus_friend_id, &comment)
        }
    }
}
