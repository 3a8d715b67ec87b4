//! An interrupted run: once writing is stopped, a file being written never gets its final
//! name and no new one starts; a per-document folder gets no new file and never its name. Its own test binary, since the stop is for the whole process.

use std::io::{ErrorKind, Write};

use sen_emit::atomic::{stop_writing, AtomicFile, StagedDir};

#[test]
fn after_a_stop_nothing_is_renamed_into_place() {
    let dir = tempfile::tempdir().unwrap();
    let folder = StagedDir::create(dir.path().join("tom-tat")).unwrap();
    folder.write("bai-1.json", b"{}").unwrap();
    let mut half = AtomicFile::create(dir.path().join("tom-tat.json")).unwrap();
    half.write_all("{\"doc\": \"Hội nghị Cấp cao ASEAN\"".as_bytes())
        .unwrap();
    stop_writing();
    let err = half.commit_unsynced().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Interrupted);
    assert_eq!(
        folder.write("bai-2.json", b"{}").unwrap_err().kind(),
        ErrorKind::Interrupted
    );
    assert_eq!(folder.commit().unwrap_err().kind(), ErrorKind::Interrupted);
    assert_eq!(
        StagedDir::create(dir.path().join("brat"))
            .err()
            .unwrap()
            .kind(),
        ErrorKind::Interrupted
    );
    let err = AtomicFile::create(dir.path().join("su-kien.csv"))
        .err()
        .unwrap();
    assert_eq!(err.kind(), ErrorKind::Interrupted);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names.is_empty(),
        "no output and no temporary file: {names:?}"
    );
}
