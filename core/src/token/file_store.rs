//! A token store in one JSON file, shared by the processes of one user on one machine.
//!
//! * The file and its lock files are created with mode 0600; writes go to a temporary file that
//!   is renamed over the old one, so a reader never sees half a file.
//! * A cross-process lease per key (an OS file lock on `<file>.<key hash>.lock`) makes N
//!   processes starting cold make one token request: one fetches, the others wait, then load.
//!   The OS releases the lock when its owner dies, so a crashed process never blocks others.
//! * A corrupt file, or one in another format, is ignored (logged) and replaced on the next save.

use super::store::{StoreLease, StoredToken, TokenStore};
use crate::error::{Result, SinchError};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const FORMAT: &str = "sinch-core/token-store";
const VERSION: u32 = 1;

#[derive(Debug, Clone)]
pub struct FileStore {
    path: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct FileContents {
    format: String,
    version: u32,
    entries: BTreeMap<String, FileEntry>,
}

#[derive(Serialize, Deserialize)]
struct FileEntry {
    access_token: String,
    expires_at_unix_ms: u64,
    lifetime_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_expires_at_unix_ms: Option<u64>,
}

struct FileLease {
    _file: File,
}

impl StoreLease for FileLease {}

impl FileStore {
    /// A store in `path` (its directory must exist or be creatable).
    pub fn new(path: impl Into<PathBuf>) -> Result<Self> {
        let path = path.into();
        if path.as_os_str().is_empty() {
            return Err(SinchError::invalid_config(
                "the token store file path is empty",
            ));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                SinchError::store(format!(
                    "cannot create the token store directory {}: {e}",
                    dir.display()
                ))
            })?;
        }
        Ok(FileStore { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        self.path.with_file_name(name)
    }

    fn read(&self) -> BTreeMap<String, FileEntry> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return BTreeMap::new(),
            Err(e) => {
                log::warn!(
                    "cannot read the token store {}: {e}; ignoring it",
                    self.path.display()
                );
                return BTreeMap::new();
            }
        };
        match serde_json::from_slice::<FileContents>(&bytes) {
            Ok(c) if c.format == FORMAT && c.version == VERSION => c.entries,
            _ => {
                log::warn!(
                    "the token store {} is corrupt or in another format; ignoring it (it is \
                     replaced on the next save)",
                    self.path.display()
                );
                BTreeMap::new()
            }
        }
    }

    fn write(&self, entries: BTreeMap<String, FileEntry>) -> Result<()> {
        let contents = FileContents {
            format: FORMAT.into(),
            version: VERSION,
            entries,
        };
        let json = serde_json::to_vec_pretty(&contents)
            .map_err(|e| SinchError::internal(format!("cannot encode the token store: {e}")))?;
        let tmp = self.sibling(&format!(".tmp.{}.{}", std::process::id(), rand_suffix()));
        let result = (|| -> std::io::Result<()> {
            let mut f = open_private(&tmp, true)?;
            f.write_all(&json)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.path)
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(SinchError::store(format!(
                "cannot write the token store {}: {e}",
                self.path.display()
            )));
        }
        Ok(())
    }

    /// Runs a read-modify-write of the file under the file-wide write lock.
    fn modify(&self, f: impl FnOnce(&mut BTreeMap<String, FileEntry>)) -> Result<()> {
        let lock_path = self.sibling(".lock");
        let lock = open_private(&lock_path, false)
            .map_err(|e| SinchError::store(format!("cannot open {}: {e}", lock_path.display())))?;
        lock.lock()
            .map_err(|e| SinchError::store(format!("cannot lock {}: {e}", lock_path.display())))?;
        let mut entries = self.read();
        f(&mut entries);
        self.write(entries)
    }
}

fn rand_suffix() -> u32 {
    rand::random()
}

/// Opens (creating if needed) a file only its owner can read or write.
fn open_private(path: &Path, truncate: bool) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.create(true).write(true).read(true).truncate(truncate);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

impl TokenStore for FileStore {
    fn load(&self, key: &str) -> Result<Option<StoredToken>> {
        Ok(self.read().remove(key).map(|e| StoredToken {
            access_token: Secret::new(e.access_token),
            expires_at_unix_ms: e.expires_at_unix_ms,
            lifetime_ms: e.lifetime_ms,
            refresh_token: e.refresh_token.map(Secret::new),
            refresh_expires_at_unix_ms: e.refresh_expires_at_unix_ms,
        }))
    }

    fn save(&self, key: &str, token: &StoredToken) -> Result<()> {
        let entry = FileEntry {
            access_token: token.access_token.expose().to_string(),
            expires_at_unix_ms: token.expires_at_unix_ms,
            lifetime_ms: token.lifetime_ms,
            refresh_token: token.refresh_token.as_ref().map(|s| s.expose().to_string()),
            refresh_expires_at_unix_ms: token.refresh_expires_at_unix_ms,
        };
        self.modify(|entries| {
            entries.insert(key.to_string(), entry);
        })
    }

    fn remove(&self, key: &str) -> Result<()> {
        self.modify(|entries| {
            entries.remove(key);
        })
    }

    fn lease(&self, key: &str, timeout: Duration) -> Result<Option<Box<dyn StoreLease>>> {
        let digest = Sha256::digest(key.as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let path = self.sibling(&format!(".{hex}.lock"));
        let file = open_private(&path, false)
            .map_err(|e| SinchError::store(format!("cannot open {}: {e}", path.display())))?;
        let deadline = Instant::now() + timeout;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(Box::new(FileLease { _file: file }))),
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    log::warn!(
                        "waited {} s for another process's token request ({}); fetching anyway",
                        timeout.as_secs(),
                        path.display()
                    );
                    return Ok(None);
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(SinchError::store(format!(
                        "cannot lock {}: {e}",
                        path.display()
                    )))
                }
            }
        }
    }
}
