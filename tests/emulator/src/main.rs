//! `sinch-emulator`: runs the emulator until killed. See `--help`.

use sinch_emulator::{Emulator, EmulatorConfig};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = r#"Usage: sinch-emulator [OPTIONS]

A local emulator of Sinch auth (OAuth2 + Keycloak), Provisioning and India WhatsApp APIs.

Options:
  --host ADDR                       Address to listen on (default 127.0.0.1). The emulator
                                    accepts fixed demo credentials: use 0.0.0.0 only inside
                                    a container or on a network you trust
  --port N                          Port (0 = pick a free one; default 0)
  --token-lifetime SECS             Sinch OAuth2 access token lifetime (default 3600)
  --keycloak-access-lifetime SECS   Keycloak access token lifetime (default 3600)
  --keycloak-refresh-lifetime SECS  Keycloak refresh token idle lifetime (default 1800)
  --key ID:SECRET                   Accepted Sinch key (repeatable; replaces the demo key)
  --user NAME:PASSWORD              Accepted Keycloak user (repeatable; replaces the demo user)
  --tls                             Serve HTTPS with a certificate signed by a CA made at start
  --tls-ca-out PATH                 With --tls: write that CA's PEM to PATH (for clients to trust)
  --seed FILE                       Resources to create at start, restored by every reset:
                                    {"projects": {"<projectId>": {"<collection path>": [<POST body>, ...]}}}
                                    e.g. {"projects": {"p1": {"webhooks": [{"target": "https://x.example/h",
                                    "secret": "s", "triggers": ["ALL"]}], "sms/smsApps": [...]}}}
  -V, --version                     Print the version
  -h, --help                        Print this help

Prints `sinch-emulator listening on http://127.0.0.1:PORT` (https:// with --tls) as its first
stdout line (after writing --tls-ca-out), then
serves until killed. Control API: /_emulator/{health,counters,reset,expire-tokens,config,keys,users,faults}
and /_emulator/callbacks/{deliveries,emit,config} (signed webhook callbacks, sent when resources
change state).
A reset keeps issued tokens valid (a client's cached token keeps working); POST
{"revoke_tokens": true} to /_emulator/reset to refuse them too.
"#;

/// What the command line asks for.
enum Command {
    Serve(EmulatorConfig, Option<String>),
    Help,
    Version,
}

/// Parses the command line (and where to write the TLS CA).
fn parse_args(args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut config = EmulatorConfig::default();
    let mut ca_out = None;
    let mut keys = Vec::new();
    let mut users = Vec::new();
    let mut args = args;
    while let Some(arg) = args.next() {
        // Accept both `--opt value` and `--opt=value`.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            return Ok(Command::Help);
        }
        if name == "-V" || name == "--version" {
            return Ok(Command::Version);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{name}: not a number: {v}"))
        };
        let pair = |v: String| {
            v.split_once(':')
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .ok_or_else(|| format!("{name}: expected A:B"))
        };
        match name.as_str() {
            "--host" => {
                let v = value()?;
                config.host = v
                    .parse()
                    .map_err(|_| format!("--host: not an IP address: {v}"))?;
            }
            "--seed" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("--seed: cannot read {path}: {e}"))?;
                config.seed = Some(
                    serde_json::from_str(&text)
                        .map_err(|e| format!("--seed: {path} is not JSON: {e}"))?,
                );
            }
            "--port" => {
                let v = value()?;
                config.port = v.parse().map_err(|_| format!("--port: bad port: {v}"))?;
            }
            "--token-lifetime" => config.token_lifetime_secs = number(value()?)?,
            "--keycloak-access-lifetime" => {
                config.keycloak_access_lifetime_secs = number(value()?)?
            }
            "--keycloak-refresh-lifetime" => {
                config.keycloak_refresh_lifetime_secs = number(value()?)?
            }
            "--key" => keys.push(pair(value()?)?),
            "--tls" => config.tls = true,
            "--tls-ca-out" => ca_out = Some(value()?),
            "--user" => users.push(pair(value()?)?),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    if !keys.is_empty() {
        config.keys = keys;
    }
    if !users.is_empty() {
        config.users = users;
    }
    if ca_out.is_some() && !config.tls {
        return Err("--tls-ca-out needs --tls".into());
    }
    Ok(Command::Serve(config, ca_out))
}

fn main() -> ExitCode {
    let (config, ca_out) = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Serve(config, ca_out)) => (config, ca_out),
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("sinch-emulator {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("sinch-emulator: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let emulator = match Emulator::start(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("sinch-emulator: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    emulator.set_request_logging(true);
    if let (Some(path), Some(pem)) = (ca_out, emulator.tls_ca_pem()) {
        if let Err(e) = std::fs::write(&path, pem) {
            eprintln!("sinch-emulator: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "sinch-emulator listening on {}", emulator.base_url());
    let _ = out.flush();
    // Serve until killed (SIGTERM/SIGINT end the process).
    loop {
        std::thread::park();
    }
}
