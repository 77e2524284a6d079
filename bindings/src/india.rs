//! The Sinch India WhatsApp send client.

use crate::auth::{core_environment, IndiaEnvironment, SinchAuth};
use sinch_core::india::{self, IndiaConfig, SendResult, TemplateMessage, TextMessage};
use sinch_core::{HttpOptions, SinchError};
use std::sync::Arc;

#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct IndiaWhatsappClient {
    inner: india::IndiaWhatsappClient,
}

crate::async_twin!(IndiaWhatsappClient / AsyncIndiaWhatsappClient);

#[uniffi::export]
impl IndiaWhatsappClient {
    /// `auth` is normally `SinchAuth.india(...)`; `send_url` overrides the environment's URL.
    #[uniffi::constructor(default(environment), default(send_url), default(http))]
    pub fn new(
        auth: Arc<SinchAuth>,
        environment: Option<IndiaEnvironment>,
        send_url: Option<String>,
        http: Option<HttpOptions>,
    ) -> Result<Arc<Self>, SinchError> {
        let url = send_url.unwrap_or_else(|| core_environment(environment).send_url().to_string());
        let (http, retry) = http.unwrap_or_default().resolve()?;
        let config = IndiaConfig {
            send_url: Some(url),
            http,
            retry,
        };
        Ok(Arc::new(IndiaWhatsappClient {
            inner: india::IndiaWhatsappClient::new(config, auth.inner.clone())?,
        }))
    }
}

#[uniffi::export]
impl AsyncIndiaWhatsappClient {
    /// The same arguments as `IndiaWhatsappClient`; construction does no I/O.
    #[uniffi::constructor(default(environment), default(send_url), default(http))]
    pub fn new(
        auth: Arc<SinchAuth>,
        environment: Option<IndiaEnvironment>,
        send_url: Option<String>,
        http: Option<HttpOptions>,
    ) -> Result<Arc<Self>, SinchError> {
        let sync = IndiaWhatsappClient::new(auth, environment, send_url, http)?;
        Ok(Arc::new(AsyncIndiaWhatsappClient { sync }))
    }
}

crate::operations! {
    IndiaWhatsappClient / AsyncIndiaWhatsappClient {
        pub fn send_text(&self, message: TextMessage) -> Result<SendResult, SinchError> {
            self.inner.send_text(&message)
        }

        pub fn send_template(&self, message: TemplateMessage) -> Result<SendResult, SinchError> {
            self.inner.send_template(&message)
        }

        /// Any message shape the API accepts, as a JSON object in text.
        pub fn send_raw(&self, json: String) -> Result<SendResult, SinchError> {
            self.inner.send_raw(&json)
        }
    }
}
