//! Any pipeline text: loading never panics or hangs; an error points inside the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use sen_pipeline::Overrides;

fuzz_target!(|text: &str| {
    match sen_pipeline::parse(text, "fuzz.yaml", Path::new("/nonexistent"), &Overrides::default()) {
        Ok(_) => {}
        Err(sen_pipeline::Error::Invalid(e)) => {
            let lines = text.lines().count().max(1) + 1;
            assert!(e.line >= 1 && e.line <= lines, "error line {} past the end ({lines})", e.line);
        }
        Err(_) => {}
    }
});
