//! WhatsApp Flows (`/whatsapp/flows`): list (paged 1..100) and the screens of a flow. Flows are
//! built in Meta's tools; the Provisioning API only reads them.
//!
//! The spec (v1.2.117) answers the screens as `{screens: [{id}]}`; `title` is read too when a
//! server sends it, and `raw_json` keeps the whole screen. A bare array is accepted as well.

use super::{list_items, protocol, with_raw};
use crate::error::Result;
use crate::open_enum;
use crate::provisioning::pagination::{PageRequest, PagedList, Pager};
use crate::provisioning::{paging_query, ProvisioningClient};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The documented page-size range of the flows list.
pub const MAX_PAGE_SIZE: u32 = 100;

open_enum! {
    WhatsappFlowStatus {
        Draft = "FLOW_STATUS_DRAFT",
        Published = "FLOW_STATUS_PUBLISHED",
        Deprecated = "FLOW_STATUS_DEPRECATED",
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappFlow {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<WhatsappFlowStatus>,
}

crate::page_record!(WhatsappFlowPage {
    flows: WhatsappFlow
});

/// One screen of a flow (see the module docs).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappFlowScreen {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(skip)]
    pub raw_json: String,
}

#[derive(Debug, Clone)]
pub struct WhatsappFlows {
    client: ProvisioningClient,
}

impl PagedList for WhatsappFlows {
    type Page = WhatsappFlowPage;
    type Filter = ();
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "WhatsApp flows";
    const ACTION: &'static str = "listing WhatsApp flows";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, _: &()) -> Result<url::Url> {
        self.client
            .url(path!["whatsapp", "flows"], &paging_query(page))
    }
}

impl WhatsappFlows {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        WhatsappFlows { client }
    }

    /// One page. Page size 1 to 100; none = the server default (50).
    ///
    /// Spec: `GET /whatsapp/flows`, operationId `WhatsappFlowsController_listFlows_v1`.
    pub fn list(&self, page: &PageRequest) -> Result<WhatsappFlowPage> {
        self.page(page, &())
    }

    pub fn pages(&self, page_size: Option<u32>) -> Result<Pager<WhatsappFlowPage>> {
        self.pager(page_size, ())
    }

    /// Spec: `GET /whatsapp/flows/{flowId}/screens`, operationId `WhatsappFlowsController_listFlowScreens_v1`.
    pub fn screens(&self, flow_id: &str) -> Result<Vec<WhatsappFlowScreen>> {
        let action = "listing a WhatsApp flow's screens";
        let url = self
            .client
            .url(path!["whatsapp", "flows", { flow_id }, "screens"], &[])?;
        let v: Value = self.client.call(Method::GET, url, None, action)?;
        list_items(v, "screens")
            .into_iter()
            .map(|s| {
                with_raw(s, |x: &mut WhatsappFlowScreen, raw| x.raw_json = raw)
                    .map_err(|e| protocol(action, e))
            })
            .collect()
    }
}
