//! Benchmark (prints numbers): listing 1000 WhatsApp templates in Rust, the cost under the
//! bindings. Run: `cargo bench -p sinch-core --bench list_pages`.

use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::whatsapp::templates::WhatsappTemplateFilter;
use sinch_core::{Auth, OAuthConfig, ProvisioningClient, ProvisioningConfig};
use sinch_emulator::{Emulator, EmulatorConfig};
use std::time::Instant;

fn main() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    emu.seed_whatsapp_templates("bench", "bench_", 1000);
    let auth = Auth::oauth(
        OAuthConfig::new("demo-key-id", "demo-key-secret").with_token_url(emu.token_url()),
    )
    .unwrap();
    let client = ProvisioningClient::new(
        ProvisioningConfig::new("bench").with_base_url(emu.base_url()),
        auth,
    )
    .unwrap();
    let templates = client.whatsapp_templates();
    let req = PageRequest {
        page_size: Some(1000),
        page_token: None,
    };
    let filter = WhatsappTemplateFilter::default();
    templates.list(&req, &filter).unwrap();
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            let page = templates.list(&req, &filter).unwrap();
            assert_eq!(page.templates.len(), 1000);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    // The same page as raw bytes and as untyped JSON, to split HTTP from decoding.
    let token = client.auth().access_token().unwrap();
    let http = reqwest::blocking::Client::new();
    let url = format!(
        "{}/v1/projects/bench/whatsapp/templates?pageSize=1000",
        emu.base_url()
    );
    let mut raw: Vec<f64> = Vec::new();
    let mut body = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        body = http
            .get(&url)
            .bearer_auth(token.expose())
            .send()
            .unwrap()
            .bytes()
            .unwrap()
            .to_vec();
        raw.push(t.elapsed().as_secs_f64() * 1e3);
    }
    raw.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let t = Instant::now();
    for _ in 0..20 {
        let _: serde_json::Value = serde_json::from_slice(&body).unwrap();
    }
    let untyped = t.elapsed().as_secs_f64() * 1e3 / 20.0;
    let t = Instant::now();
    for _ in 0..20 {
        let _: sinch_core::provisioning::whatsapp::templates::WhatsappTemplatePage =
            serde_json::from_slice(&body).unwrap();
    }
    let typed = t.elapsed().as_secs_f64() * 1e3 / 20.0;
    println!("  of which HTTP GET of the {} KB body: median {:.2} ms; JSON decode untyped {:.2} ms, typed {:.2} ms", body.len() / 1024, raw[raw.len() / 2], untyped, typed);
    println!(
        "Rust: list 1000 WhatsApp templates (one page): best {:.2} ms, median {:.2} ms",
        times[0],
        times[times.len() / 2]
    );
}
