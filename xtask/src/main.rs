//! `cargo xtask run | test | eval | bench | new-annotator | train-segmenter | eval-segmenter`
fn main() {}
