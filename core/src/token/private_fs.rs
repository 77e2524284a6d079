//! Files only the current user controls: the file store's directory, its file and its lock
//! files. A token store in a directory others can write to could be fed a planted token (or a
//! symlink, or a FIFO that blocks a reader forever), so every file is opened without following
//! symlinks and without blocking, and checked before it is trusted.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why a path is not trusted, as a sentence fragment ("is writable by other users").
pub(crate) type Distrust = String;

/// Creates `dir` and its missing parents, each private to the current user (0700).
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// `Err` with the reason when `meta` (of a file or directory) is not owned by the current user
/// or can be written by its group or by others.
pub(crate) fn check_owned(meta: &std::fs::Metadata) -> Result<(), Distrust> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(format!(
                "is owned by user {} (this process runs as user {me})",
                meta.uid()
            ));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(format!(
                "can be written by other users (mode {:o})",
                meta.mode() & 0o7777
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    Ok(())
}

/// The directory that holds `path`, if it is trusted.
pub(crate) fn check_dir_of(path: &Path) -> Result<(), Distrust> {
    let dir = parent(path);
    let meta = std::fs::metadata(dir).map_err(|e| format!("cannot be examined ({e})"))?;
    if !meta.is_dir() {
        return Err("is not a directory".into());
    }
    check_owned(&meta)
}

pub(crate) fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn options(write: bool, create: bool) -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true).write(write).create(create);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
        // No symlinks; and a FIFO planted in place of the file must not block the open.
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    o
}

/// Opens an existing file for reading if it is a regular file the current user owns and only
/// it can write. `Ok(None)` when there is no file.
pub(crate) fn open_trusted(path: &Path) -> io::Result<Option<Result<File, Distrust>>> {
    let file = match options(false, false).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Ok(Some(Err("is a symbolic link".into())))
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(Some(Err("is not a regular file".into())));
    }
    Ok(Some(check_owned(&meta).map(|()| file)))
}

/// Creates a new private file (0600) that did not exist, for writing.
pub(crate) fn create_new_private(path: &Path) -> io::Result<File> {
    let mut o = options(true, false);
    o.create_new(true);
    o.open(path)
}

/// An exclusive lock held through a file that exists only while it is held: the file is
/// removed on release, so no lock file is left behind per credential.
///
/// Removing a lock file is safe only with a check after locking: a waiter may have opened the
/// file just before its holder removed it, and would then lock a file no one else can find.
/// So a lock counts only if the path still names the very file that was locked; otherwise the
/// path is opened again.
pub(crate) struct LockFile {
    path: PathBuf,
    _file: File,
}

impl LockFile {
    /// Waits up to `timeout` for the lock. `Ok(None)` when the wait ran out.
    pub fn acquire(path: &Path, timeout: Duration) -> io::Result<Option<LockFile>> {
        let deadline = Instant::now().checked_add(timeout);
        loop {
            let file = options(true, true).open(path)?;
            match file.try_lock() {
                Ok(()) => {
                    if same_file(&file, path)? {
                        return Ok(Some(LockFile {
                            path: path.to_path_buf(),
                            _file: file,
                        }));
                    }
                    // Locked a file its holder has just removed: try the path again.
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        return Ok(None);
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }
}

impl Drop for LockFile {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes when the file closes, right after.
        let _ = std::fs::remove_file(&self.path);
    }
}

fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let locked = file.metadata()?;
        match std::fs::symlink_metadata(path) {
            Ok(now) => Ok(now.dev() == locked.dev() && now.ino() == locked.ino()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        Ok(true)
    }
}
