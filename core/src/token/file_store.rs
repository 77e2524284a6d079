//! A token store in one JSON file, shared by the processes of one user on one machine.
//!
//! * The file is created with mode 0600 in a directory private to the user (missing
//!   directories are created 0700); writes go to a temporary file that is renamed over the old
//!   one, so a reader never sees half a file.
//! * Only what the user alone controls is trusted: a store file or directory owned by someone
//!   else, writable by group or others, a symlink or anything but a regular file is ignored
//!   with a WARN (a token planted in a shared directory is never used) and never written to.
//! * A cross-process lease per key (an OS file lock on `<file>.<key hash>.lock`) makes N
//!   processes starting cold make one token request: one fetches, the others wait, then load.
//!   The OS releases the lock when its owner dies, so a crashed process never blocks others;
//!   every wait is bounded, so a stopped one (SIGSTOP) costs at most one extra token request.
//!   Lock files exist only while held.
//! * A corrupt file, or one in another format, is ignored (logged) and replaced on the next save.

use super::private_fs::{self, LockFile};
use super::store::{PersistedToken, StoreLease, StoredToken, TokenStore};
use crate::error::{Result, SinchError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

const FORMAT: &str = "sinch-core/token-store";
const VERSION: u32 = 1;

/// The longest a save waits for another process's read-modify-write of the file (normally a
/// few milliseconds). Past it the token is not saved: other processes then fetch their own.
const WRITE_LOCK_TIMEOUT: Duration = Duration::from_secs(5);

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

type FileEntry = PersistedToken;

struct FileLease {
    _lock: LockFile,
}

impl StoreLease for FileLease {}

impl FileStore {
    /// A store in `path`. A missing directory is created, private to the user (0700); an
    /// existing one must belong to the user and be writable by no one else.
    pub fn new(path: impl Into<PathBuf>) -> Result<Self> {
        let path = path.into();
        if path.as_os_str().is_empty() {
            return Err(SinchError::invalid_config(
                "the token store file path is empty",
            ));
        }
        let dir = private_fs::parent(&path);
        private_fs::create_private_dir(dir).map_err(|e| {
            SinchError::store(format!(
                "cannot create the token store directory {}: {e}",
                dir.display()
            ))
        })?;
        if let Err(why) = private_fs::check_dir_of(&path) {
            return Err(SinchError::invalid_config(format!(
                "the token store directory {} {why}; another user could plant or read tokens \
                 there. Put the store in a directory only you can write (e.g. ~/.cache/sinch)",
                dir.display()
            )));
        }
        Ok(FileStore { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the cross-process lease for `key` is held (the file exists only while it is).
    pub fn lease_path(&self, key: &str) -> PathBuf {
        let digest = Sha256::digest(key.as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        self.sibling(&format!(".{hex}.lock"))
    }

    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        self.path.with_file_name(name)
    }

    /// `Err` with a complete sentence when the directory is not (or no longer) trusted.
    fn check_dir(&self) -> std::result::Result<(), String> {
        private_fs::check_dir_of(&self.path).map_err(|why| {
            format!(
                "the token store directory {} {why}; ignoring the store {}",
                private_fs::parent(&self.path).display(),
                self.path.display()
            )
        })
    }

    fn read(&self) -> BTreeMap<String, FileEntry> {
        if let Err(why) = self.check_dir() {
            log::warn!("{why}");
            return BTreeMap::new();
        }
        let unreadable = |e: std::io::Error| {
            log::warn!(
                "cannot read the token store {}: {e}; ignoring it",
                self.path.display()
            );
            BTreeMap::new()
        };
        let mut file = match private_fs::open_trusted(&self.path) {
            Ok(None) => return BTreeMap::new(),
            Ok(Some(Ok(file))) => file,
            Ok(Some(Err(why))) => {
                log::warn!(
                    "the token store {} {why}; ignoring it (it may have been planted by \
                     another user)",
                    self.path.display()
                );
                return BTreeMap::new();
            }
            Err(e) => return unreadable(e),
        };
        let mut bytes = zeroize::Zeroizing::new(Vec::new());
        if let Err(e) = file.read_to_end(&mut bytes) {
            return unreadable(e);
        }
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
        let json =
            zeroize::Zeroizing::new(serde_json::to_vec_pretty(&contents).map_err(|e| {
                SinchError::internal(format!("cannot encode the token store: {e}"))
            })?);
        let tmp = self.sibling(&format!(".tmp.{}.{}", std::process::id(), rand_suffix()));
        let result = (|| -> std::io::Result<()> {
            let mut f = private_fs::create_new_private(&tmp)?;
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

    /// Runs a read-modify-write of the file under the file-wide write lock, waited for at most
    /// [`WRITE_LOCK_TIMEOUT`].
    fn modify(&self, f: impl FnOnce(&mut BTreeMap<String, FileEntry>)) -> Result<()> {
        self.check_dir().map_err(SinchError::store)?;
        let lock_path = self.sibling(".lock");
        let lock = LockFile::acquire(&lock_path, WRITE_LOCK_TIMEOUT)
            .map_err(|e| SinchError::store(format!("cannot lock {}: {e}", lock_path.display())))?;
        if lock.is_none() {
            return Err(SinchError::store(format!(
                "another process has held {} for {} s (stopped or hung?); the token store {} \
                 was not updated",
                lock_path.display(),
                WRITE_LOCK_TIMEOUT.as_secs(),
                self.path.display()
            )));
        }
        let mut entries = self.read();
        f(&mut entries);
        self.write(entries)
    }
}

fn rand_suffix() -> u32 {
    rand::random()
}

impl TokenStore for FileStore {
    /// The file is private to the user, but backups, sync tools and support bundles copy
    /// files: its tokens are sealed with the credential. Files written before sealing are
    /// read once and rewritten sealed.
    fn sealing(&self) -> super::store::Sealing {
        super::store::Sealing::On { accept_plain: true }
    }

    fn load(&self, key: &str) -> Result<Option<StoredToken>> {
        Ok(self.read().remove(key).map(StoredToken::from))
    }

    fn save(&self, key: &str, token: &StoredToken) -> Result<()> {
        let entry = FileEntry::from(token);
        self.modify(|entries| {
            entries.insert(key.to_string(), entry);
        })
    }

    fn remove(&self, key: &str) -> Result<()> {
        self.modify(|entries| {
            entries.remove(key);
        })
    }

    /// An OS lock, released by the OS when its holder dies: `hold` is not needed.
    fn lease(
        &self,
        key: &str,
        timeout: Duration,
        _hold: Duration,
    ) -> Result<Option<Box<dyn StoreLease>>> {
        self.check_dir().map_err(SinchError::store)?;
        let path = self.lease_path(key);
        match LockFile::acquire(&path, timeout) {
            Ok(Some(lock)) => Ok(Some(Box::new(FileLease { _lock: lock }))),
            Ok(None) => {
                log::warn!(
                    "waited {} s for another process's token request ({}); fetching anyway",
                    timeout.as_secs(),
                    path.display()
                );
                Ok(None)
            }
            Err(e) => Err(SinchError::store(format!(
                "cannot lock {}: {e}",
                path.display()
            ))),
        }
    }
}
