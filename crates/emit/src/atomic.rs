//! Atomic output files and safe file names.
//!
//! Every output is written to a temporary file in the directory it ends up in, flushed to
//! disk, then renamed over the final name: a reader (or a crashed run) sees the old file
//! or the new one, never half of one. Per-document files go into a hidden temporary
//! folder renamed into place whole at the end of the run ([`StagedDir`]). Document ids come from file names or JSON input, so
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

/// Whether [`stop_writing`] has been called: a write that failed after it failed because
/// the run is stopping, and whoever stopped it reports the stop.
pub fn is_stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
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

/// A folder of per-document files (`summary/`, `conllu/`, `brat/`) that appears under its
/// final name only on [`StagedDir::commit`], all files at once.
///
/// The files are written under their final names into a hidden `.NAME.XXXX.tmp` folder
/// next to the destination, with one create and one write each (no temporary file and
/// rename per file: on a corpus of small documents those renames were a third of the
/// run's system time). The commit renames the folder into place; a folder of an earlier
/// run is swapped out atomically (`RENAME_EXCHANGE` on Linux) and then removed, so the
/// folder always holds exactly one run's files. Dropped without a commit (an error, a
/// Ctrl-C), the hidden folder is removed and the destination is untouched.
pub struct StagedDir {
    tmp: PathBuf,
    dest: PathBuf,
    /// The hidden folder, open: files are created relative to it (no path walk per file).
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
    committed: bool,
}

impl StagedDir {
    /// Start the folder `dest`, creating its parent directories.
    pub fn create(dest: impl Into<PathBuf>) -> io::Result<Self> {
        let dest = dest.into();
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _g = in_flight().ok_or_else(stopped)?;
        let tmp = hidden_dir_in(&parent, &name)?;
        #[cfg(unix)]
        let fd = match rustix::fs::open(
            &tmp,
            rustix::fs::OFlags::DIRECTORY
                | rustix::fs::OFlags::RDONLY
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        ) {
            Ok(fd) => fd,
            Err(e) => {
                let _ = fs::remove_dir(&tmp);
                return Err(e.into());
            }
        };
        Ok(StagedDir {
            tmp,
            dest,
            #[cfg(unix)]
            fd,
            committed: false,
        })
    }

    /// Where the folder will appear.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Write the file `name` (a plain file name, such as [`safe_file_stem`] makes) in the
    /// folder, replacing a file of that name written earlier in the run.
    pub fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        if !is_plain_file_name(name) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{name:?} is not a plain file name"),
            ));
        }
        let mut f = {
            // Held only while the file is made: once the run stops, no file appears in
            // the folder, so removing it is final.
            let _g = in_flight().ok_or_else(stopped)?;
            self.open(name)?
        };
        f.write_all(bytes)
    }

    #[cfg(unix)]
    fn open(&self, name: &str) -> io::Result<File> {
        use rustix::fs::{Mode, OFlags};
        let fd = rustix::fs::openat(
            &self.fd,
            name,
            OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC,
            // What any new file gets (less the umask), as `File::create` does.
            Mode::from_raw_mode(0o666),
        )?;
        Ok(File::from(fd))
    }

    #[cfg(not(unix))]
    fn open(&self, name: &str) -> io::Result<File> {
        File::create(self.tmp.join(name))
    }

    /// Put the folder in place of `dest` (see [`StagedDir`]). Files are not synced: like
    /// [`AtomicFile::commit_unsynced`], all-or-nothing if the run is killed.
    pub fn commit(mut self) -> io::Result<()> {
        let old = {
            let _g = in_flight().ok_or_else(stopped)?;
            let old = replace_dir(&self.tmp, &self.dest)?;
            self.committed = true;
            old
        };
        // The earlier run's folder, now hidden; a Ctrl-C meanwhile sweeps it as well.
        if let Some(old) = old {
            remove_any(&old)?;
        }
        Ok(())
    }
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// A name that stays in the folder it is joined to: not empty, no separator, no NUL,
/// not `.` or `..`.
pub fn is_plain_file_name(name: &str) -> bool {
    !(name.is_empty() || name.contains(['/', '\\', '\0']) || name == "." || name == "..")
}

/// A new empty hidden folder `.NAME.XXXX.tmp` in `parent` (mode as any new folder).
fn hidden_dir_in(parent: &Path, name: &str) -> io::Result<PathBuf> {
    use std::sync::atomic::AtomicU64;
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for _ in 0..64 {
        let n = SEQ.fetch_add(1, Ordering::Relaxed);
        let tag = fnv1a(format!("{}.{nanos}.{n}", std::process::id()).as_bytes()) >> 40;
        let tmp = parent.join(format!(".{name}.{tag:06x}.tmp"));
        match fs::create_dir(&tmp) {
            Ok(()) => return Ok(tmp),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("no free temporary name for {name} in {}", parent.display()),
    ))
}

/// Rename the folder `tmp` to `dest`. When `dest` already exists, the two are swapped
/// and the old one's (hidden) path is returned for removal.
fn replace_dir(tmp: &Path, dest: &Path) -> io::Result<Option<PathBuf>> {
    // A missing destination (or an empty folder) is simply replaced.
    match fs::rename(tmp, dest) {
        Ok(()) => return Ok(None),
        Err(e) if fs::symlink_metadata(dest).is_err() => return Err(e),
        Err(_) => {}
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, tmp, CWD, dest, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(Some(tmp.to_path_buf())),
            // Not supported by this file system or kernel: the two-step way below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    // Move the old one aside, then the new one in: a moment without the folder, but
    // never a half-written one.
    let parent = tmp.parent().unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside = hidden_dir_in(parent, &format!("{name}.old"))?;
    fs::remove_dir(&aside)?;
    fs::rename(dest, &aside)?;
    if let Err(e) = fs::rename(tmp, dest) {
        let _ = fs::rename(&aside, dest);
        return Err(e);
    }
    Ok(Some(aside))
}

/// Remove a folder with its files, or a file (or symlink: never followed).
fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
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
    dir.join(safe_file_name(id, ext))
}

/// `<safe stem of id>.<ext>`: a plain file name (see [`safe_file_stem`]).
pub fn safe_file_name(id: &str, ext: &str) -> String {
    let mut name = safe_file_stem(id);
    name.push('.');
    name.push_str(ext);
    name
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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn staged_folder_appears_whole_and_replaces_the_last_run() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out/summary");
        let first = StagedDir::create(&dest).unwrap();
        first
            .write("bài-1.json", "{\"doc\": \"Hà Nội\"}".as_bytes())
            .unwrap();
        first.write("bài-2.json", b"{}").unwrap();
        // A duplicate id: the later document wins, as with a rename per file.
        first.write("bài-2.json", b"[]").unwrap();
        assert!(
            !dest.exists(),
            "nothing under the final name before the commit"
        );
        first.commit().unwrap();
        assert_eq!(names(&dest), ["bài-1.json", "bài-2.json"]);
        assert_eq!(fs::read(dest.join("bài-2.json")).unwrap(), b"[]");

        // The next run's folder replaces the whole folder: no file of the last run stays.
        let second = StagedDir::create(&dest).unwrap();
        second.write("bài-3.json", b"{}").unwrap();
        assert_eq!(names(&dest), ["bài-1.json", "bài-2.json"]);
        second.commit().unwrap();
        assert_eq!(names(&dest), ["bài-3.json"]);
        assert_eq!(
            names(&dir.path().join("out")),
            ["summary"],
            "nothing hidden left"
        );

        // Over a file of that name, too.
        let file = dir.path().join("out/conllu");
        fs::write(&file, "not a folder").unwrap();
        let third = StagedDir::create(&file).unwrap();
        third.write("a.conllu", b"# text = x").unwrap();
        third.commit().unwrap();
        assert_eq!(names(&file), ["a.conllu"]);
    }

    #[test]
    fn staged_folder_dropped_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("brat");
        {
            let old = StagedDir::create(&dest).unwrap();
            old.write("a.txt", b"old").unwrap();
            old.commit().unwrap();
        }
        {
            let half = StagedDir::create(&dest).unwrap();
            half.write("a.txt", b"new").unwrap();
            half.write("b.txt", b"new").unwrap();
        }
        assert_eq!(names(dir.path()), ["brat"]);
        assert_eq!(names(&dest), ["a.txt"]);
        assert_eq!(fs::read(dest.join("a.txt")).unwrap(), b"old");
    }

    #[test]
    fn staged_folder_takes_plain_names_only() {
        let dir = tempfile::tempdir().unwrap();
        let d = StagedDir::create(dir.path().join("summary")).unwrap();
        for bad in ["", ".", "..", "../x.json", "a/b.json", "a\\b", "a\0b"] {
            assert_eq!(
                d.write(bad, b"{}").unwrap_err().kind(),
                io::ErrorKind::InvalidInput,
                "{bad:?}"
            );
        }
        d.commit().unwrap();
        assert!(names(&dir.path().join("summary")).is_empty());
    }

    #[test]
    #[cfg(unix)]
    fn staged_files_and_folder_get_the_modes_of_new_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        fs::write(&plain, "Hà Nội").unwrap();
        fs::create_dir(dir.path().join("plain")).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let d = StagedDir::create(dir.path().join("conllu")).unwrap();
        d.write("a.conllu", b"#").unwrap();
        d.commit().unwrap();
        assert_eq!(
            mode(&dir.path().join("conllu")),
            mode(&dir.path().join("plain"))
        );
        assert_eq!(mode(&dir.path().join("conllu/a.conllu")), mode(&plain));
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
