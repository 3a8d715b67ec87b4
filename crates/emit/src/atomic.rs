//! Atomic output files and safe file names.
//!
//! Every output is written to a temporary file in the directory it ends up in, flushed to
//! disk, then renamed over the final name: a reader (or a crashed run) sees the old file
//! or the new one, never half of one. Document ids come from file names or JSON input, so
//! they are turned into file stems that cannot leave the output directory.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use tempfile::NamedTempFile;

/// Set once the run is stopping: no temporary file is created and none is renamed into place.
static STOPPING: AtomicBool = AtomicBool::new(false);
/// Held while a temporary file is created or renamed, so [`stop_writing`] can wait for the
/// ones in flight: after it returns, sweeping the temporaries is final.
static IN_FLIGHT: Mutex<()> = Mutex::new(());

fn in_flight() -> Option<MutexGuard<'static, ()>> {
    let g = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    (!STOPPING.load(Ordering::SeqCst)).then_some(g)
}

fn stopped() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "the run is stopping")
}

/// Stop every atomic write of this process: files being written never get their final
/// name, and no new one starts. Returns once no creation or rename is in progress.
pub fn stop_writing() {
    STOPPING.store(true, Ordering::SeqCst);
    drop(IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner()));
}

/// A file being written; it appears under its final name only on [`AtomicFile::commit`].
/// Dropped without a commit, the temporary file is removed and the destination untouched.
pub struct AtomicFile {
    out: BufWriter<NamedTempFile>,
    dest: PathBuf,
}

impl AtomicFile {
    /// Start writing `dest`, creating its parent directories.
    pub fn create(dest: impl Into<PathBuf>) -> io::Result<Self> {
        let dest = dest.into();
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&dir)?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Same directory as the destination, so the final rename never crosses file systems.
        // A leading dot keeps half-written files out of casual listings.
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // A temporary file is created private (0600) and would stay so after the rename;
        // outputs get the mode any new file gets (0666 less the umask).
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp = {
            let _g = in_flight().ok_or_else(stopped)?;
            builder.tempfile_in(&dir)?
        };
        Ok(AtomicFile {
            out: BufWriter::with_capacity(1 << 16, tmp),
            dest,
        })
    }

    /// Where the file will appear.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Flush, fsync and rename into place: the file survives a crash of the machine.
    pub fn commit(self) -> io::Result<()> {
        let tmp = self.out.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        persist(tmp, &self.dest)?;
        sync_dir(self.dest.parent());
        Ok(())
    }

    /// Flush and rename into place without waiting for the disk. Still all-or-nothing if
    /// the run is killed; for the many small per-document files, where an fsync each would
    /// cost more than writing them.
    pub fn commit_unsynced(self) -> io::Result<()> {
        let tmp = self.out.into_inner().map_err(|e| e.into_error())?;
        persist(tmp, &self.dest)
    }
}

fn persist(tmp: NamedTempFile, dest: &Path) -> io::Result<()> {
    let _g = in_flight().ok_or_else(stopped)?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Write a whole file atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(dest)?;
    f.write_all(bytes)?;
    f.commit()
}

/// Make the rename itself durable (POSIX needs the directory synced too). Best effort:
/// some file systems refuse to open or sync a directory, and the data is already safe.
fn sync_dir(dir: Option<&Path>) {
    #[cfg(unix)]
    if let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(f) = File::open(d) {
            let _ = f.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Longest stem kept before the hash suffix, in bytes: with the suffix and an extension
/// the name stays far below the usual 255-byte limit.
const MAX_STEM: usize = 120;

/// Marks a stem that sanitizing changed; never kept from an id, so a changed id cannot
/// collide with an id that was already safe.
const MARK: char = '~';

/// Names Windows reserves in every directory, whatever the extension.
const WINDOWS_RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file stem for a document id that is safe in any directory on Linux, macOS and Windows.
///
/// Letters (any script, so Vietnamese ids stay readable), digits, `-`, `_` and inner `.`
/// are kept. Anything else (`/`, `\`, NUL, control characters, spaces, …), a leading or
/// trailing dot, an empty id, a Windows device name or an overlong id is rewritten, and
/// then `~` plus a hash of the original id is appended, so distinct ids stay distinct —
/// also on file systems that ignore case, since a stem with capitals gets the hash too.
/// An id that is already safe (and lower-case) is returned unchanged.
pub fn safe_file_stem(id: &str) -> String {
    let mut out = String::with_capacity(id.len().min(MAX_STEM) + 13);
    let mut changed = false;
    for c in id.chars() {
        let keep = c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
        if out.len() + c.len_utf8() > MAX_STEM {
            changed = true;
            break;
        }
        if keep {
            out.push(c);
            // macOS and Windows fold case: `Bai` and `bai` would be one file there, so a
            // stem with capitals gets the hash that keeps it apart.
            changed |= c.is_uppercase();
        } else {
            out.push('_');
            changed = true;
        }
    }
    // `.`, `..`, hidden files, and Windows' silently dropped trailing dots.
    if out.starts_with('.') || out.ends_with('.') {
        let trimmed = out.trim_matches('.');
        let lead = out.len() - out.trim_start_matches('.').len();
        let trail = out.len() - out.trim_end_matches('.').len();
        let fixed = if trimmed.is_empty() {
            "_".repeat(out.len())
        } else {
            format!("{}{}{}", "_".repeat(lead), trimmed, "_".repeat(trail))
        };
        out = fixed;
        changed = true;
    }
    if out.is_empty() {
        out.push_str("doc");
        changed = true;
    }
    let device = out.split('.').next().unwrap_or("");
    if WINDOWS_RESERVED
        .iter()
        .any(|r| r.eq_ignore_ascii_case(device))
    {
        out.insert(0, '_');
        changed = true;
    }
    if changed {
        out.push(MARK);
        out.push_str(&format!("{:012x}", fnv1a(id.as_bytes()) >> 16));
    }
    out
}

/// `dir/<safe stem of id>.<ext>`: always a direct child of `dir`.
pub fn safe_path(dir: &Path, id: &str, ext: &str) -> PathBuf {
    dir.join(format!("{}.{ext}", safe_file_stem(id)))
}

/// FNV-1a, 64 bits: stable across platforms, versions and runs (std's hasher is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::Component;

    fn is_plain_name(stem: &str) -> bool {
        let p = Path::new(stem);
        let mut comps = p.components();
        matches!(comps.next(), Some(Component::Normal(_))) && comps.next().is_none()
    }

    #[test]
    fn safe_ids_are_kept() {
        for id in [
            "000_bacbfc46a103cdeb",
            "bai-viet.2025",
            "hội_nghị_apec",
            "x",
        ] {
            assert_eq!(safe_file_stem(id), id);
        }
        assert!(safe_file_stem("Hội_nghị_APEC").starts_with("Hội_nghị_APEC~"));
    }

    #[test]
    fn hostile_ids_stay_inside_the_directory() {
        let long = "a".repeat(5000);
        let ids = [
            "../../x",
            "..",
            ".",
            "",
            "/etc/passwd",
            "a\\..\\..\\b",
            "C:\\Windows\\system32",
            "nul\0byte",
            "line\nbreak\ttab\r",
            "CON",
            "con.txt",
            "lpt9",
            ".hidden",
            "trailing.",
            "space name",
            "ý~kiến",
            long.as_str(),
        ];
        let dir = Path::new("/out/conllu");
        for id in ids {
            let stem = safe_file_stem(id);
            assert!(is_plain_name(&stem), "{id:?} -> {stem:?}");
            assert!(
                !stem.starts_with('.') && !stem.ends_with('.'),
                "{id:?} -> {stem:?}"
            );
            assert!(
                stem.len() <= MAX_STEM + 13,
                "{id:?} -> {} bytes",
                stem.len()
            );
            assert!(!stem
                .chars()
                .any(|c| c.is_control() || c == '/' || c == '\\'));
            let dev = stem.split('.').next().unwrap();
            assert!(
                !WINDOWS_RESERVED.iter().any(|r| r.eq_ignore_ascii_case(dev)),
                "{stem}"
            );
            assert_eq!(safe_path(dir, id, "conllu").parent(), Some(dir), "{id:?}");
        }
    }

    #[test]
    fn ids_that_sanitize_alike_stay_distinct() {
        let ids = [
            "a/b", "a\\b", "a b", "a_b", "a\0b", "..", "__", "", "doc", "Doc", "DOC",
        ];
        // Distinct even when case is folded, as on macOS and Windows.
        let stems: std::collections::BTreeSet<_> = ids
            .iter()
            .map(|i| safe_file_stem(i).to_lowercase())
            .collect();
        assert_eq!(stems.len(), ids.len(), "{stems:?}");
    }

    proptest! {
        #[test]
        fn any_id_gives_one_plain_name(id in "\\PC{0,40}|[./\\\\\\x00-\\x1f~ a]{0,12}") {
            let stem = safe_file_stem(&id);
            prop_assert!(is_plain_name(&stem));
            prop_assert!(!stem.starts_with('.'));
            // Deterministic, and a changed stem is marked.
            prop_assert_eq!(&stem, &safe_file_stem(&id));
            prop_assert!(stem == id || stem.contains(MARK));
        }

        #[test]
        fn distinct_ids_give_distinct_stems(a in "[./a_ \\x00]{0,8}", b in "[./a_ \\x00]{0,8}") {
            prop_assume!(a != b);
            prop_assert_ne!(safe_file_stem(&a), safe_file_stem(&b));
        }
    }

    #[test]
    #[cfg(unix)]
    fn outputs_get_the_mode_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        fs::write(&plain, "Hà Nội").unwrap();
        let want = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        let dest = dir.path().join("out.json");
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all("Hà Nội".as_bytes()).unwrap();
        f.commit().unwrap();
        assert_eq!(
            fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
            want
        );
    }

    #[test]
    fn commit_replaces_and_drop_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("sub/out.txt");
        write_atomic(&dest, b"old").unwrap();

        // Interrupted: the old content stays, no temporary file is left.
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.write_all(b"half of the new").unwrap();
        }
        assert_eq!(fs::read(&dest).unwrap(), b"old");
        assert_eq!(fs::read_dir(dest.parent().unwrap()).unwrap().count(), 1);

        let mut f = AtomicFile::create(&dest).unwrap();
        // Not visible before the commit.
        f.write_all(b"new").unwrap();
        f.flush().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"old");
        f.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"new");
        assert_eq!(fs::read_dir(dest.parent().unwrap()).unwrap().count(), 1);
    }
}
