//! `--tls`: the emulator serves HTTPS on 127.0.0.1 with a certificate made at start, so clients'
//! TLS settings (extra trusted CAs, "trust only these") are tested over a real handshake.
//!
//! A throwaway CA signs a leaf for `127.0.0.1`, `::1` and `localhost`; the CA's PEM is what a
//! client is given to trust, as it would be given a corporate CA. Nothing is written to disk
//! unless asked (`--tls-ca-out`).

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use std::sync::Arc;
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

/// The acceptor and the PEM of the CA that clients must trust.
pub struct Tls {
    pub acceptor: TlsAcceptor,
    pub ca_pem: String,
}

pub fn generate() -> std::io::Result<Tls> {
    let err = |e: &dyn std::fmt::Display| std::io::Error::other(format!("TLS setup: {e}"));
    let ca_key = KeyPair::generate().map_err(|e| err(&e))?;
    let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(|e| err(&e))?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "sinch-emulator test CA");
    let ca_cert = ca.self_signed(&ca_key).map_err(|e| err(&e))?;
    let issuer = Issuer::new(ca, ca_key);
    let leaf_key = KeyPair::generate().map_err(|e| err(&e))?;
    let leaf = CertificateParams::new(vec![
        "127.0.0.1".to_string(),
        "::1".to_string(),
        "localhost".to_string(),
    ])
    .map_err(|e| err(&e))?
    .signed_by(&leaf_key, &issuer)
    .map_err(|e| err(&e))?;
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| err(&e))?
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca_cert.der().clone()], key)
        .map_err(|e| err(&e))?;
    Ok(Tls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        ca_pem: ca_cert.pem(),
    })
}
