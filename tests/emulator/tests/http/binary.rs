use super::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Kills the child even when an assertion fails.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs the binary with `args`; the running child and the base URL its first line announces.
fn spawn(args: &[&std::ffi::OsStr]) -> (Child, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_sinch-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = Child(child);
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim_end()
        .strip_prefix("sinch-emulator listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    (child, base)
}

fn os(args: &[&'static str]) -> Vec<&'static std::ffi::OsStr> {
    args.iter().map(|a| std::ffi::OsStr::new(*a)).collect()
}

#[test]
fn prints_listening_line_and_serves() {
    let (_child, base) = spawn(&os(&[
        "--port",
        "0",
        "--key",
        "bin-id:bin:secret",
        "--token-lifetime",
        "42",
    ]));
    assert!(base.starts_with("http://127.0.0.1:"));

    let resp = client()
        .post(format!("{base}/oauth2/token"))
        .basic_auth("bin-id", Some("bin:secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(json(resp)["expires_in"], 42);
}

#[test]
fn help_and_bad_arguments() {
    let out = Command::new(env!("CARGO_BIN_EXE_sinch-emulator"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--keycloak-refresh-lifetime"));
    let out = Command::new(env!("CARGO_BIN_EXE_sinch-emulator"))
        .args(["--port", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn version_host_and_seed_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_sinch-emulator"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        concat!("sinch-emulator ", env!("CARGO_PKG_VERSION"))
    );

    let dir = std::env::temp_dir().join(format!("emu-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = dir.join("seed.json");
    std::fs::write(
        &seed,
        r#"{"projects": {"p9": {"webhooks": [{"target": "https://example.com/seeded", "secret": "s", "triggers": ["ALL"]}]}}}"#,
    )
    .unwrap();
    let mut args = os(&["--host", "0.0.0.0", "--port", "0", "--seed"]);
    args.push(seed.as_os_str());
    let (_child, base) = spawn(&args);
    // Listening on every address, it names the loopback one for clients on this machine.
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let token = json(
        client()
            .post(format!("{base}/oauth2/token"))
            .basic_auth("demo-key-id", Some("demo-key-secret"))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .unwrap(),
    )["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let listed = json(
        client()
            .get(format!("{base}/v1/projects/p9/webhooks"))
            .bearer_auth(token)
            .send()
            .unwrap(),
    );
    assert_eq!(
        listed["webhooks"][0]["target"],
        "https://example.com/seeded"
    );

    std::fs::write(&seed, "{not json").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sinch-emulator"))
        .arg("--seed")
        .arg(&seed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not JSON"));
    let _ = std::fs::remove_dir_all(&dir);
}
