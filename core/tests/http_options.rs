//! `HttpOptions` over real sockets: timeouts, an explicit proxy, extra trusted CAs over real
//! TLS on loopback, the user agent (scenarios "HTTP options" in tests/scenarios/README.md).

mod common;

use common::*;
use sinch_core::clock::SystemClock;
use sinch_core::provisioning::PageRequest;
use sinch_core::token::CacheOptions;
use sinch_core::{
    Auth, HttpOptions, OAuthConfig, ProvisioningClient, ProvisioningConfig, SinchError,
};
use sinch_emulator::{Emulator, EmulatorConfig, Fault, FaultKind, FaultTarget};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn oauth_with_options(emu: &Emulator, options: &HttpOptions) -> sinch_core::Result<Auth> {
    let mut config = OAuthConfig::new(KEY_ID, KEY_SECRET).with_token_url(emu.token_url());
    (config.http, config.retry) = options.resolve()?;
    Auth::oauth_private(
        config,
        Arc::new(SystemClock::new()),
        CacheOptions::default(),
    )
}

#[test]
fn a_token_endpoint_slower_than_the_timeout_is_a_timeout_and_the_next_call_works() {
    let emu = emulator();
    emu.inject_fault(Fault {
        target: FaultTarget::Token,
        count: 1,
        kind: FaultKind::Delay { ms: 5000 },
    });
    let options = HttpOptions {
        request_timeout: Some(Duration::from_secs(1)),
        ..Default::default()
    };
    let auth = oauth_with_options(&emu, &options).unwrap();
    let started = Instant::now();
    let err = auth.access_token().unwrap_err();
    let took = started.elapsed();
    assert!(matches!(err, SinchError::Timeout { .. }), "{err:?}");
    assert!(took < Duration::from_millis(2500), "took {took:?}");
    assert!(auth.access_token().is_ok(), "the next call works");
}

#[test]
fn retries_follow_max_attempts() {
    let emu = emulator();
    for (attempts, expected_requests) in [(1, 1), (3, 3)] {
        let before = emu.counters().token_requests;
        emu.inject_fault(Fault {
            target: FaultTarget::Token,
            count: 10,
            kind: FaultKind::Status {
                status: 503,
                retry_after: Some("0".into()),
                body: None,
            },
        });
        let options = HttpOptions {
            max_attempts: Some(attempts),
            ..Default::default()
        };
        let err = oauth_with_options(&emu, &options)
            .unwrap()
            .access_token()
            .unwrap_err();
        assert!(
            matches!(err, SinchError::ServiceUnavailable { .. }),
            "{err:?}"
        );
        assert_eq!(emu.counters().token_requests - before, expected_requests);
        emu.reset();
    }
}

/// A forward proxy that records each request's head and answers every one with a token.
struct FakeProxy {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl FakeProxy {
    fn start() -> FakeProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut head = String::new();
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                    head.push_str(&line);
                }
                let mut body = vec![0; length];
                let _ = std::io::Read::read_exact(&mut reader, &mut body);
                log.lock().unwrap().push(head);
                let answer =
                    r#"{"access_token":"from-the-proxy","token_type":"bearer","expires_in":3600}"#;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        FakeProxy { url, seen }
    }
}

#[test]
fn an_explicit_proxy_receives_the_request_with_the_user_agent() {
    let emu = emulator();
    let proxy = FakeProxy::start();
    let options = HttpOptions {
        proxy: Some(proxy.url.clone()),
        user_agent_suffix: Some("myapp/1.2".into()),
        ..Default::default()
    };
    let token = oauth_with_options(&emu, &options)
        .unwrap()
        .access_token()
        .unwrap();
    assert_eq!(token.expose(), "from-the-proxy");
    assert_eq!(
        emu.counters().token_requests,
        0,
        "the emulator was not reached"
    );
    let seen = proxy.seen.lock().unwrap().join("\n");
    assert!(
        seen.starts_with(&format!("POST {}", emu.token_url())),
        "absolute-form request line: {seen}"
    );
    let ua = format!(
        "user-agent: sinch-core/{} myapp/1.2",
        env!("CARGO_PKG_VERSION")
    );
    assert!(seen.to_ascii_lowercase().contains(&ua), "{seen}");

    // Hosts on the no_proxy list go direct.
    let direct = HttpOptions {
        proxy: Some(proxy.url.clone()),
        no_proxy: Some("127.0.0.1".into()),
        ..Default::default()
    };
    let token = oauth_with_options(&emu, &direct)
        .unwrap()
        .access_token()
        .unwrap();
    assert_ne!(token.expose(), "from-the-proxy");
    assert_eq!(emu.counters().token_requests, 1);
}

fn tls_emulator() -> Emulator {
    Emulator::start(EmulatorConfig {
        tls: true,
        ..Default::default()
    })
    .unwrap()
}

fn list_over_tls(emu: &Emulator, options: &HttpOptions) -> sinch_core::Result<usize> {
    let auth = oauth_with_options(emu, options)?;
    let mut config = ProvisioningConfig::new(PROJECT).with_base_url(emu.base_url());
    (config.http, config.retry) = options.resolve()?;
    let client = ProvisioningClient::new(config, auth)?;
    Ok(client
        .webhooks()
        .list(&PageRequest::default())?
        .webhooks
        .len())
}

#[test]
fn real_tls_on_loopback_needs_the_servers_ca() {
    let emu = tls_emulator();
    assert!(emu.base_url().starts_with("https://127.0.0.1:"));
    let pem = emu.tls_ca_pem().unwrap().to_string();
    let trusting = HttpOptions {
        extra_ca_pem: Some(pem.clone()),
        ..Default::default()
    };
    assert_eq!(list_over_tls(&emu, &trusting).unwrap(), 0);
    let only = HttpOptions {
        extra_ca_pem: Some(pem),
        trust_only_extra_ca: Some(true),
        ..Default::default()
    };
    assert_eq!(list_over_tls(&emu, &only).unwrap(), 0);

    let started = Instant::now();
    let err = list_over_tls(&emu, &HttpOptions::default()).unwrap_err();
    assert!(matches!(err, SinchError::InvalidConfig { .. }), "{err:?}");
    assert!(
        err.reason().contains("certificate") && err.reason().contains("extra_ca_pem"),
        "a clear TLS error: {}",
        err.reason()
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "an untrusted certificate is not retried"
    );
    // Another CA (the one of a second emulator) is not enough either.
    let other = tls_emulator();
    let wrong = HttpOptions {
        extra_ca_pem: other.tls_ca_pem().map(str::to_string),
        trust_only_extra_ca: Some(true),
        ..Default::default()
    };
    assert!(list_over_tls(&emu, &wrong).is_err());
}
