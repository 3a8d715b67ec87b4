//! Print what the reader makes of each document of a path: id, encoding, meta, warnings.
//! `cargo run -p sen-ingest --example show -- corpus/summits`
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus/summits".into());
    let docs = sen_ingest::read_path(std::path::Path::new(&path), &Default::default());
    for doc in docs.unwrap_or_else(|e| panic!("{e}")) {
        match doc {
            Ok(d) => {
                let first: String = d.text.chars().take(80).collect();
                println!(
                    "{}: {}\n  {first:?}",
                    d.id,
                    serde_json::to_string(&d.meta).unwrap()
                );
            }
            Err(e) => println!("error: {e}"),
        }
    }
}
