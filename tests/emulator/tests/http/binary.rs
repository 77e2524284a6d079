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

#[test]
fn prints_listening_line_and_serves() {
    let child = Command::new(env!("CARGO_BIN_EXE_sinch-emulator"))
        .args([
            "--port",
            "0",
            "--key",
            "bin-id:bin:secret",
            "--token-lifetime",
            "42",
        ])
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
