//! Start-up configuration of the emulator.

/// How an [`crate::Emulator`] starts. `reset()` returns to exactly this configuration.
///
/// The fields are public so tests can write
/// `EmulatorConfig { token_lifetime_secs: 1, ..Default::default() }`.
#[derive(Debug, Clone, PartialEq)]
pub struct EmulatorConfig {
    /// The address to listen on: loopback by default. The emulator accepts fixed demo
    /// credentials: listen elsewhere only on a network you trust (a test container's).
    pub host: std::net::IpAddr,
    /// TCP port; 0 picks a free port.
    pub port: u16,
    /// Lifetime of Sinch OAuth2 access tokens (`expires_in`).
    pub token_lifetime_secs: u64,
    /// Lifetime of Keycloak access tokens (`expires_in`).
    pub keycloak_access_lifetime_secs: u64,
    /// Idle lifetime of Keycloak refresh tokens (`refresh_expires_in`). Real Keycloak uses
    /// 1800 s, shorter than the access token, which is the trap clients must handle.
    pub keycloak_refresh_lifetime_secs: u64,
    /// Accepted Sinch access keys as `(key_id, key_secret)`.
    pub keys: Vec<(String, String)>,
    /// Accepted Keycloak users as `(username, password)`.
    pub users: Vec<(String, String)>,
    /// Serve HTTPS with a certificate made at start ([`crate::Emulator::tls_ca_pem`]).
    pub tls: bool,
    /// Resources created before the first connection, and restored by reset (the format is in
    /// [`crate::seed`]).
    pub seed: Option<serde_json::Value>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            host: std::net::Ipv4Addr::LOCALHOST.into(),
            port: 0,
            token_lifetime_secs: 3600,
            keycloak_access_lifetime_secs: 3600,
            keycloak_refresh_lifetime_secs: 1800,
            keys: vec![("demo-key-id".to_string(), "demo-key-secret".to_string())],
            users: vec![("demo-user".to_string(), "demo-password".to_string())],
            tls: false,
            seed: None,
        }
    }
}
