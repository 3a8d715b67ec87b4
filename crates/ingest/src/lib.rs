//! Reading documents: readers for the sample-article text format, directories and JSON
//! Lines; encoding detection and decoding; normalization. Every change to the text is
//! recorded in the document's offset map, so any span maps back to the source bytes.
//!
//! ```
//! use sen_ingest::{document_from_bytes, IngestOptions};
//! let doc = document_from_bytes("vd", " date 2025-10-29 Hoà bình và hợp tác.".as_bytes(), &IngestOptions::default());
//! assert_eq!(doc.text, "Hòa bình và hợp tác.");
//! assert_eq!(doc.meta.date.as_deref(), Some("2025-10-29"));
//! ```

pub mod article;
pub mod decode;
pub mod legacy;
pub mod normalize;
pub mod read;

use serde::{Deserialize, Serialize};

use sen_core::{Document, OffsetMap};

pub use decode::{decode, detect, Decoded, Encoding};
pub use normalize::{normalize, ToneMarks};
pub use read::{read_jsonl, read_path, Documents};

/// How documents are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestOptions {
    pub format: Format,
    pub tone_marks: ToneMarks,
    /// Force an encoding instead of detecting it.
    pub encoding: Option<Encoding>,
}

/// The input format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// `.txt` files in the sample-article format (one document per file).
    Text,
    /// JSON Lines: `{"id", "text"}` with optional `date`, `title`, `url`, `source`.
    Jsonl,
    /// By file extension: `.jsonl`/`.json` are JSON Lines, anything else text.
    #[default]
    Auto,
}

/// A document that could not be read. The reader goes on with the next one.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum IngestError {
    #[error("cannot read {path}: {source}")]
    #[diagnostic(code(sen::ingest::io))]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a JSON object: {message}")]
    #[diagnostic(
        code(sen::ingest::json),
        help("each line must be one JSON object such as {{\"id\": \"a1\", \"text\": \"…\"}}")
    )]
    Json {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}:{line}: document {id:?} has no \"text\" string")]
    #[diagnostic(code(sen::ingest::no_text))]
    MissingText {
        path: String,
        line: usize,
        id: String,
    },
    #[error("{path}:{line}: document has no \"id\" (or an empty one)")]
    #[diagnostic(code(sen::ingest::no_id))]
    MissingId { path: String, line: usize },
}

impl IngestError {
    /// The document id or place the error is about, for reports.
    pub fn subject(&self) -> String {
        match self {
            IngestError::Io { path, .. } => path.clone(),
            IngestError::Json { path, line, .. } | IngestError::MissingId { path, line } => {
                format!("{path}:{line}")
            }
            IngestError::MissingText { id, .. } => id.clone(),
        }
    }
}

/// A document from the bytes of one file in the sample-article format.
pub fn document_from_bytes(id: &str, bytes: &[u8], opts: &IngestOptions) -> Document {
    let d = decode(bytes, opts.encoding);
    let meta = sen_core::DocMeta {
        encoding: Some(d.encoding.name().to_string()),
        warnings: d.warnings,
        ..Default::default()
    };
    let mut doc = from_decoded(id, &d.text, &d.map, meta, opts);
    doc.source = bytes.to_vec();
    doc
}

/// A document from text that is already a string (a JSON Lines `text`); its UTF-8 bytes
/// are the source.
pub fn document_from_text(id: &str, text: &str, opts: &IngestOptions) -> Document {
    document_from_string(id, text.to_string(), opts)
}

/// [`document_from_text`] taking the string, which becomes the document's source
/// without a copy.
pub fn document_from_string(id: &str, text: String, opts: &IngestOptions) -> Document {
    let meta = sen_core::DocMeta {
        encoding: Some(Encoding::Utf8.name().to_string()),
        ..Default::default()
    };
    let map = OffsetMap::identity(text.len());
    let mut doc = from_decoded(id, &text, &map, meta, opts);
    doc.source = text.into_bytes();
    doc
}

/// The document of decoded text: `map` takes the text back to the source bytes.
fn from_decoded(
    id: &str,
    decoded: &str,
    decoded_map: &OffsetMap,
    mut meta: sen_core::DocMeta,
    opts: &IngestOptions,
) -> Document {
    let (mut text, norm_map) = normalize(decoded, opts.tone_marks);
    let mut map = norm_map.compose(decoded_map);
    // The ` date YYYY-MM-DD` marker leaves the text (a recorded deletion).
    if let Some((len, date)) = article::date_marker(&text) {
        meta.date = Some(date);
        let mut cut = OffsetMap::default();
        cut.replace(len, 0);
        cut.copy(text.len() - len);
        map = cut.compose(&map);
        text.replace_range(..len, "");
    }
    article::read_header(&text, &mut meta);
    Document {
        id: id.to_string(),
        meta,
        source: Vec::new(),
        text,
        offsets: map,
        layers: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn sample_article_header_and_offsets() {
        let src = " date 2026-02-21 Tổng Bí thư Tô Lâm gặp Tổng thống Hoa Kỳ Donald Trump\n\n(Ngày Nay) - Sáng 20/2, hai bên trao đổi về hoà bình.";
        let doc = document_from_bytes("004", src.as_bytes(), &IngestOptions::default());
        assert_eq!(doc.meta.date.as_deref(), Some("2026-02-21"));
        assert!(doc.text.starts_with("Tổng Bí thư Tô Lâm"));
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Tổng Bí thư Tô Lâm gặp Tổng thống Hoa Kỳ Donald Trump")
        );
        assert_eq!(doc.meta.source.as_deref(), Some("Ngày Nay"));
        assert!(doc.text.ends_with("hòa bình."));
        // Every span maps back to the same words in the source.
        let i = doc.text.find("Tô Lâm").unwrap();
        let r = doc.offsets.to_source(i..i + "Tô Lâm".len());
        assert_eq!(&src[r], "Tô Lâm");
        let h = doc.text.find("hòa").unwrap();
        assert_eq!(&src[doc.offsets.to_source(h..h + "hòa".len())], "hoà");
    }

    const SAMPLE: &str = "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản về hợp tác, hòa bình và phát triển bền vững ở khu vực.";

    /// Windows-1258 as Vietnamese Windows writes it: base letters (with their hat, breve
    /// or horn) and the tone as a separate combining mark.
    fn encode_1258(text: &str) -> Vec<u8> {
        use unicode_normalization::UnicodeNormalization;
        let tone = |m: char| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
        let split: String = text
            .chars()
            .flat_map(|c| {
                let d: Vec<char> = c.to_string().nfd().collect();
                let base: String = d
                    .iter()
                    .filter(|m| !tone(**m))
                    .collect::<String>()
                    .nfc()
                    .collect();
                base.chars()
                    .chain(d.into_iter().filter(|m| tone(*m)))
                    .collect::<Vec<_>>()
            })
            .collect();
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&split);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn legacy_encodings_round_trip_and_are_detected() {
        for (enc, bytes) in [
            (Encoding::Tcvn3, legacy::encode_tcvn3(SAMPLE).unwrap()),
            (Encoding::Vni, legacy::encode_vni(SAMPLE).unwrap()),
            (Encoding::Windows1258, encode_1258(SAMPLE)),
        ] {
            assert_eq!(decode(&bytes, None).encoding, enc);
            let doc = document_from_bytes("x", &bytes, &IngestOptions::default());
            assert_eq!(doc.text, SAMPLE, "{enc:?}");
            assert_eq!(doc.meta.encoding.as_deref(), Some(enc.name()));
            assert!(doc.meta.warnings.is_empty());
            // The offsets of a word point at its bytes in the legacy source.
            let i = doc.text.find("bền").unwrap();
            let r = doc.offsets.to_source(i..i + "bền".len());
            assert_eq!(
                decode(&bytes[r], Some(enc)).text.nfc().collect::<String>(),
                "bền"
            );
        }
    }

    #[test]
    fn short_legacy_lines_are_detected() {
        for line in [
            "Hà Nội",
            "Đà Nẵng mùa thu",
            "Việt Nam và Hoa Kỳ ký hiệp định.",
        ] {
            for (enc, bytes) in [
                (Encoding::Tcvn3, legacy::encode_tcvn3(line).unwrap()),
                (Encoding::Vni, legacy::encode_vni(line).unwrap()),
                (Encoding::Windows1258, encode_1258(line)),
            ] {
                let doc = document_from_bytes("x", &bytes, &IngestOptions::default());
                assert_eq!(
                    (doc.text.as_str(), enc.name()),
                    (line, doc.meta.encoding.as_deref().unwrap())
                );
            }
        }
    }

    #[test]
    fn forced_encoding_wins() {
        let bytes = legacy::encode_vni("Hòa bình").unwrap();
        let opts = IngestOptions {
            encoding: Some(Encoding::Tcvn3),
            ..Default::default()
        };
        let doc = document_from_bytes("x", &bytes, &opts);
        assert_eq!(doc.meta.encoding.as_deref(), Some("TCVN3"));
        assert_ne!(doc.text, "Hòa bình");
    }

    #[test]
    fn windows_1258_decomposed_marks_become_nfc() {
        let bytes = encode_1258(SAMPLE);
        assert!(bytes.contains(&0xEC), "the sắc tone is its own byte");
        let doc = document_from_bytes("x", &bytes, &IngestOptions::default());
        assert_eq!(doc.meta.encoding.as_deref(), Some("windows-1258"));
        assert_eq!(doc.text, SAMPLE);
        let i = doc.text.find("Chính").unwrap();
        let r = doc.offsets.to_source(i..i + "Chính".len());
        assert_eq!(&bytes[r], b"Chi\xECnh");
    }

    #[test]
    fn utf16_and_boms() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(SAMPLE.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(
            document_from_bytes("x", &le, &IngestOptions::default()).text,
            SAMPLE
        );
        let be: Vec<u8> = SAMPLE
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let doc = document_from_bytes("x", &be, &IngestOptions::default());
        assert_eq!(doc.text, SAMPLE, "UTF-16BE without a BOM");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        let doc = document_from_bytes("x", &bom, &IngestOptions::default());
        assert_eq!(doc.text, SAMPLE);
        assert_eq!(doc.source_range(sen_core::Span::new(0, 3)), 3..6);
    }

    #[test]
    fn invalid_bytes_are_replaced_and_reported() {
        let mut bytes = "Hà Nội ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice("và Huế".as_bytes());
        let doc = document_from_bytes(
            "x",
            &bytes,
            &IngestOptions {
                encoding: Some(Encoding::Utf8),
                ..Default::default()
            },
        );
        assert_eq!(doc.text, "Hà Nội \u{FFFD}và Huế");
        assert_eq!(doc.meta.warnings.len(), 1);
        assert_eq!(doc.meta.warnings[0].offset, "Hà Nội ".len());
    }

    #[test]
    fn glued_sentences_of_sample_003() {
        let src = "ưu tiên hàng đầu trong đường lối đối ngoại độc lập tự chủ, đa dạng hóa, đa phương hóa của Việt Nam.Chủ tịch Tập Cận Bình nói rằng Trung Quốc";
        let doc = document_from_text("003", src, &IngestOptions::default());
        assert!(doc.text.contains("Việt Nam. Chủ tịch"));
        let i = doc.text.find("Chủ tịch").unwrap();
        assert_eq!(
            &src[doc.offsets.to_source(i..doc.text.len())],
            "Chủ tịch Tập Cận Bình nói rằng Trung Quốc"
        );
    }

    #[test]
    fn mostly_utf8_with_a_few_bad_bytes_stays_utf8() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.insert(20, 0xFF);
        let doc = document_from_bytes("x", &bytes, &IngestOptions::default());
        assert_eq!(doc.meta.encoding.as_deref(), Some("UTF-8"));
        assert_eq!(doc.meta.warnings.len(), 1);
        assert_eq!(doc.meta.warnings[0].offset, 20);
    }

    #[test]
    fn a_binary_file_gives_a_bounded_number_of_warnings() {
        let bytes: Vec<u8> = (0..100_000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8 | 0x80)
            .collect();
        let doc = document_from_bytes(
            "x",
            &bytes,
            &IngestOptions {
                encoding: Some(Encoding::Utf8),
                ..Default::default()
            },
        );
        assert_eq!(doc.meta.warnings.len(), 101);
        assert!(doc.meta.warnings[100].message.contains("more undecodable"));
    }

    fn check_offsets(doc: &Document, source_len: usize) -> Result<(), TestCaseError> {
        prop_assert_eq!(doc.offsets.text_len(), doc.text.len());
        let mut last = 0;
        let ends = doc
            .text
            .char_indices()
            .map(|(i, _)| i)
            .chain([doc.text.len()]);
        for i in ends {
            let r = doc.offsets.to_source(i..doc.text.len());
            prop_assert!(r.start <= r.end && r.end <= source_len);
            prop_assert!(r.start >= last, "the map goes backwards at {}", i);
            last = r.start;
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_bytes_decode_without_panic_and_map_into_the_source(
            bytes in prop::collection::vec(any::<u8>(), 0..300),
            forced in prop::sample::select(vec![None, Some(Encoding::Utf8), Some(Encoding::Utf16Le),
                Some(Encoding::Utf16Be), Some(Encoding::Windows1258), Some(Encoding::Tcvn3), Some(Encoding::Vni)]),
        ) {
            let opts = IngestOptions { encoding: forced, ..Default::default() };
            let doc = document_from_bytes("x", &bytes, &opts);
            check_offsets(&doc, bytes.len())?;
            let (again, _) = normalize(&doc.text, opts.tone_marks);
            // The date marker is cut after normalizing; everything else is stable.
            if article::date_marker(&again).is_none() {
                prop_assert_eq!(again, doc.text.clone());
            }
        }

        #[test]
        fn vietnamese_text_maps_word_by_word(
            words in prop::collection::vec(prop::sample::select(vec![
                "Hoà", "bình", "hòa", "Thủ", "tướng", "Việt", "Nam.Chủ", "tịch", "khoá", "28.000",
                "TP.HCM", "\u{A0}", "\u{200B}", "Ðà", "Nẵng", "(TTXVN)", "–", "“Tầm", "nhìn”",
            ]), 1..20),
            nfd in any::<bool>(),
        ) {
            let s = words.join(" ");
            let src: String = if nfd { s.nfd().collect() } else { s.clone() };
            let doc = document_from_bytes("x", src.as_bytes(), &IngestOptions::default());
            check_offsets(&doc, src.len())?;
            // Every word of the text maps to the source bytes of a word that normalizes to it.
            for (i, w) in doc.text.split(' ').scan(0, |at, w| { let i = *at; *at += w.len() + 1; Some((i, w)) }) {
                if w.is_empty() { continue; }
                let r = doc.offsets.to_source(i..i + w.len());
                let back = std::str::from_utf8(&src.as_bytes()[r]).unwrap();
                let again = normalize(back, ToneMarks::Modern).0;
                prop_assert_eq!(again.trim(), w);
            }
        }
    }
}
