//! The channels of the project's Conversation API apps.

use sinch_core::provisioning::conversation::{
    InstagramChannelInfo, MessengerChannelInfo, TelegramBotInfo, ViberBotInfo,
};
use sinch_core::SinchError;

crate::family! {
    /// The channels (Instagram, Messenger, Telegram, Viber) of the project's Conversation API
    /// apps.
    ConversationChannels / AsyncConversationChannels(sinch_core::provisioning::conversation::ConversationChannels)
}

crate::operations! {
    ConversationChannels / AsyncConversationChannels {
        /// `GET /conversation/apps/{conversationAppId}/instagram`: the linked Instagram account.
        pub fn instagram(&self, conversation_app_id: String) -> Result<InstagramChannelInfo, SinchError> {
            self.inner.instagram(&conversation_app_id)
        }

        /// `GET /conversation/apps/{conversationAppId}/messenger`: the linked Facebook page.
        pub fn messenger(&self, conversation_app_id: String) -> Result<MessengerChannelInfo, SinchError> {
            self.inner.messenger(&conversation_app_id)
        }

        /// `GET /conversation/apps/{conversationAppId}/telegram`: the linked Telegram bot.
        pub fn telegram(&self, conversation_app_id: String) -> Result<TelegramBotInfo, SinchError> {
            self.inner.telegram(&conversation_app_id)
        }

        /// `GET /conversation/apps/{conversationAppId}/viber`: the linked Viber bot.
        pub fn viber(&self, conversation_app_id: String) -> Result<ViberBotInfo, SinchError> {
            self.inner.viber(&conversation_app_id)
        }
    }
}
