//! Ctrl-C (SIGINT) in the middle of a run: outputs are written to hidden temporary files
//! (per-document files into hidden temporary folders) and renamed into place only when
//! complete, so an interrupted run has written nothing
//! under a final name. The handler says so, removes the temporary files and exits 130.

use std::path::{Path, PathBuf};

/// Exit code of an interrupted run (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

/// Install the handler for a run writing under `output` (`None` in streaming mode).
pub fn install(output: Option<PathBuf>) {
    let _ = ctrlc::set_handler(move || {
        // From here on no writer creates a temporary file or renames one into place, so
        // the sweep below is final.
        sen_emit::atomic::stop_writing();
        match &output {
            Some(dir) => {
                let removed = remove_temporaries(dir);
                eprintln!(
                    "sen: interrupted; no output was finished, so none was written under {} ({removed} temporary file(s) removed)",
                    dir.display()
                );
            }
            None => eprintln!(
                "sen: interrupted; the documents written to stdout so far are complete lines"
            ),
        }
        std::process::exit(EXIT_INTERRUPTED.into());
    });
}

/// Remove the hidden `.NAME.XXXX.tmp` files and folders (the per-document folders being
/// written, with their files) the atomic writers leave, under `dir`. Returns the number
/// of files removed.
fn remove_temporaries(dir: &Path) -> usize {
    let mut n = 0;
    let Ok(rd) = std::fs::read_dir(dir) else {
        return 0;
    };
    for e in rd.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let temporary = name.starts_with('.') && name.ends_with(".tmp");
        // Not followed: a symlink is removed or left, never entered.
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && temporary {
            let files = std::fs::read_dir(&path).map_or(0, |rd| rd.count());
            if std::fs::remove_dir_all(&path).is_ok() {
                n += files;
            }
        } else if is_dir {
            n += remove_temporaries(&path);
        } else if temporary && std::fs::remove_file(&path).is_ok() {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("summary")).unwrap();
        std::fs::write(dir.path().join(".annotations.jsonl.a1b2.tmp"), "{").unwrap();
        std::fs::write(dir.path().join("summary/.bai-1.json.c3d4.tmp"), "{").unwrap();
        std::fs::write(dir.path().join("summary/bai-0.json"), "{}").unwrap();
        // A per-document folder being written, with its files.
        std::fs::create_dir(dir.path().join(".conllu.a1b2c3.tmp")).unwrap();
        std::fs::write(dir.path().join(".conllu.a1b2c3.tmp/bai-0.conllu"), "#").unwrap();
        std::fs::write(dir.path().join(".conllu.a1b2c3.tmp/bai-1.conllu"), "#").unwrap();
        assert_eq!(remove_temporaries(dir.path()), 4);
        assert!(dir.path().join("summary/bai-0.json").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["summary"]);
    }
}
