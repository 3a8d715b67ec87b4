//! `sen`: a thin binary; the libraries do the work.

// Name every plugin crate, or the linker drops their registrations.
use sen_annotate as _;
use sen_tokenize as _;

fn main() {
    println!("sen {}", env!("CARGO_PKG_VERSION"));
}
