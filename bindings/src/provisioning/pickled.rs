//! The Python attributes of every record reachable from a list page, for the pickle streams
//! of `crate::pickle`. Each macro destructures its type without `..`: a field added in core
//! and missing here does not compile. A type added to a page without a `ToPickle` impl does not
//! compile either. `python/tests/test_page_streams.py` checks the result against UniFFI's own
//! lifting for every page type.

use crate::pickle::{pickle_enum, pickle_open_enums, pickle_record, PickleWriter, ToPickle};
use sinch_core::provisioning::bundles::{
    Bundle, BundleConversationApp, BundlePage, BundleState, BundleSubproject,
    BundleSubprojectStatus, BundleWebhookDeliveryStatus, ConversationProcessingMode,
};
use sinch_core::provisioning::kakaotalk::{
    KakaoTalkSender, KakaoTalkSenderDetails, KakaoTalkSenderPage, KakaoTalkSenderState,
};
use sinch_core::provisioning::rcs::{
    RcsBillingCategory, RcsBrand, RcsSender, RcsSenderDetails, RcsSenderPage, RcsSenderState,
    RcsUseCase,
};
use sinch_core::provisioning::sms_apps::{
    AppRegion, ConversationChannelStatus, SmsApp, SmsAppConversationApp, SmsAppPage,
    SmsAppServiceRegion, SmsAppStatus,
};
use sinch_core::provisioning::webhooks::{Webhook, WebhookPage, WebhookTrigger};
use sinch_core::provisioning::whatsapp::flows::{
    WhatsappFlow, WhatsappFlowPage, WhatsappFlowStatus,
};
use sinch_core::provisioning::whatsapp::senders::{
    WhatsappChannelStatus, WhatsappConversationApiAppDetails, WhatsappNumberProvider,
    WhatsappQualityRating, WhatsappReviewedValue, WhatsappSender, WhatsappSenderChangeStatus,
    WhatsappSenderChanges, WhatsappSenderDetails, WhatsappSenderMetadata, WhatsappSenderPage,
    WhatsappSenderState, WhatsappVertical,
};
use sinch_core::provisioning::whatsapp::templates::{
    WhatsappButtonAnalytics, WhatsappCardComponent, WhatsappCarouselCard, WhatsappHeaderFormat,
    WhatsappOtpSupportedApp, WhatsappTemplate, WhatsappTemplateAnalytics, WhatsappTemplateButton,
    WhatsappTemplateCategory, WhatsappTemplateChangeStatus, WhatsappTemplateChanges,
    WhatsappTemplateComponent, WhatsappTemplateDetails, WhatsappTemplatePage,
    WhatsappTemplateState,
};
use sinch_core::provisioning::whatsapp::{
    WhatsappBusinessManager, WhatsappDailyLimit, WhatsappMetaLocalStorage, WhatsappRegion,
};

pickle_open_enums!(
    AppRegion,
    BundleState,
    BundleSubprojectStatus,
    ConversationChannelStatus,
    ConversationProcessingMode,
    KakaoTalkSenderState,
    RcsBillingCategory,
    RcsSenderState,
    RcsUseCase,
    SmsAppServiceRegion,
    SmsAppStatus,
    WebhookTrigger,
    WhatsappBusinessManager,
    WhatsappChannelStatus,
    WhatsappDailyLimit,
    WhatsappFlowStatus,
    WhatsappHeaderFormat,
    WhatsappMetaLocalStorage,
    WhatsappNumberProvider,
    WhatsappQualityRating,
    WhatsappRegion,
    WhatsappSenderChangeStatus,
    WhatsappSenderState,
    WhatsappTemplateCategory,
    WhatsappTemplateChangeStatus,
    WhatsappTemplateState,
    WhatsappVertical
);

pickle_record!(RcsSenderPage {
    senders,
    total_size,
    next_page_token,
    previous_page_token
});
pickle_record!(RcsSender {
    id,
    region,
    billing_category,
    use_case,
    state,
    details,
    created,
    modified
});
pickle_record!(RcsSenderDetails { brand });
pickle_record!(RcsBrand { name, raw_json });
pickle_record!(SmsAppPage {
    sms_apps,
    total_size,
    next_page_token,
    previous_page_token
});
pickle_record!(SmsApp {
    id,
    sms_service_id,
    name,
    status,
    regions,
    test,
    conversation_api_app_details
});
pickle_record!(SmsAppConversationApp {
    id,
    project_id,
    region,
    channel_status
});
pickle_record!(WebhookPage {
    webhooks,
    total_size,
    next_page_token,
    previous_page_token
});
pickle_record!(Webhook {
    id,
    project_id,
    target,
    triggers
});
pickle_record!(KakaoTalkSenderPage {
    senders,
    total_size,
    next_page_token,
    previous_page_token
});
pickle_record!(KakaoTalkSender {
    plus_friend_id,
    state,
    details,
    created,
    modified
});
pickle_record!(KakaoTalkSenderDetails {
    admin_phone_no,
    name,
    top_level_category_code,
    mid_level_category_code,
    sub_level_category_code
});
pickle_record!(BundlePage {
    bundles,
    total_size,
    next_page_token,
    previous_page_token
});
pickle_record!(Bundle {
    id,
    project_id,
    name,
    region,
    subproject,
    sms_app,
    conv_app,
    webhooks,
    state,
    webhook_delivery_statuses
});
pickle_record!(BundleSubproject {
    id,
    name,
    parent_project_id,
    status
});
pickle_record!(BundleConversationApp {
    id,
    name,
    processing_mode,
    sms_channel_status
});
pickle_record!(BundleWebhookDeliveryStatus {
    webhook_id,
    date,
    http_status_code
});
pickle_record!(WhatsappTemplatePage {
    templates,
    total_size,
    next_page_token,
    previous_page_token
});
pickle_record!(WhatsappTemplate {
    name,
    whatsapp_id,
    language,
    category,
    state,
    rejection_code,
    quality_score,
    changes,
    details,
    analytics,
    is_meta_generated
});
pickle_record!(WhatsappTemplateChanges {
    status,
    allow_category_change,
    details
});
pickle_record!(WhatsappTemplateDetails {
    components,
    message_send_ttl_seconds,
    optimization_json
});
pickle_enum!(WhatsappTemplateComponent {
    Header { format, text, examples },
    Body { text, examples, add_security_recommendation },
    Footer { text, code_expiration_minutes },
    Buttons { buttons },
    Carousel { cards },
    Other { json },
});
pickle_enum!(WhatsappTemplateButton {
    PhoneNumber { text, phone_number },
    Url { text, url, examples },
    QuickReply { text },
    Otp { otp_type, text, autofill_text, package_name, signature_hash, supported_apps, zero_tap_terms_accepted },
    RequestContactInfo { text },
    OrderDetails { text },
    CopyCode { text, example },
    Flow { text, flow_id, flow_action, navigate_screen },
    Other { json },
});
pickle_record!(WhatsappOtpSupportedApp {
    package_name,
    signature_hash
});
pickle_record!(WhatsappCarouselCard { components });
pickle_enum!(WhatsappCardComponent {
    Header { format, text, examples },
    Body { text, examples },
    Buttons { buttons },
    Other { json },
});
pickle_record!(WhatsappTemplateAnalytics {
    sent,
    delivered,
    read,
    start,
    end,
    buttons
});
pickle_record!(WhatsappButtonAnalytics {
    kind,
    content,
    clicks
});
pickle_record!(WhatsappFlowPage {
    flows,
    total_size,
    next_page_token,
    previous_page_token
});
pickle_record!(WhatsappFlow { id, name, status });
pickle_record!(WhatsappSenderPage {
    senders,
    total_size,
    next_page_token,
    previous_page_token
});
pickle_record!(WhatsappSender {
    id,
    state,
    changes,
    details,
    metadata,
    region,
    meta_local_storage,
    business_manager,
    compatible_regions,
    conversation_api_app_details,
    conversation_api_app,
    max_tps,
    quality_rating,
    daily_limit,
    bearer_token,
    cloud_api,
    created,
    modified,
    country_code,
    phone_number,
    number_provider,
    waba_ban_state,
    waba_ban_date
});
pickle_record!(WhatsappSenderChanges { status, details });
pickle_record!(WhatsappSenderDetails {
    display_name,
    description,
    vertical,
    email,
    address,
    about,
    website_one,
    website_two,
    photo_url
});
pickle_record!(WhatsappSenderMetadata { display_name });
pickle_record!(WhatsappReviewedValue { value, status });
pickle_record!(WhatsappConversationApiAppDetails {
    id,
    project_id,
    region,
    channel_status
});
