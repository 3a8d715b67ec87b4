//! Tests of the shipped model on real Vietnamese.

use super::*;

fn seg(line: &str) -> String {
    segment_line(line)
}

#[test]
fn shipped_model_loads_and_segments_a_known_sentence() {
    assert_eq!(
        seg("Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Hàn Quốc ."),
        "Thủ_tướng Phạm_Minh_Chính hội_đàm với Tổng_thống Hàn_Quốc ."
    );
}

#[test]
fn names_of_people_and_places_come_out_whole() {
    let out =
        seg("Chủ tịch nước Lương Cường đến Kuala Lumpur dự Hội nghị Cấp cao ASEAN lần thứ 47 .");
    assert!(out.contains("Lương_Cường"), "{out}");
    assert!(out.contains("Kuala_Lumpur"), "{out}");
    let out =
        seg("Bộ trưởng Ngoại giao Hàn Quốc Cho Hyun gặp Tổng thống Donald Trump tại Nhà Trắng .");
    assert!(out.contains("Hàn_Quốc"), "{out}");
    assert!(out.contains("Donald_Trump"), "{out}");
}

#[test]
fn a_lowercase_verb_does_not_swallow_the_name_after_it() {
    let out = seg("Phóng viên hỏi Kim Jong-un về cuộc gặp .");
    assert!(out.contains("hỏi Kim"), "{out}");
    let out = seg("Ông đã gặp Lý Cường tại Bắc Kinh .");
    assert!(out.contains("gặp Lý_Cường"), "{out}");
}

#[test]
fn numbers_written_with_spaces_are_one_word_and_punctuation_never_joins() {
    assert_eq!(seg("Có 28 . 000 người"), "Có 28_._000 người");
    assert_eq!(seg("giá 1.000 đồng"), "giá 1.000 đồng");
    let out = seg("Hội nghị có Việt Nam , Hàn Quốc và Nhật Bản .");
    assert!(out.contains("Việt_Nam ,"), "{out}");
    assert!(
        !out.contains(",_") && !out.contains("_,") && !out.contains("_."),
        "{out}"
    );
}

#[test]
fn every_character_is_kept() {
    let line = "  Hà Nội,  ngày 29/10 (TTXVN) – “Hòa bình”  ";
    let out = seg(line);
    assert_eq!(
        out.replace('_', " ").replace("  ", " "),
        line.replace("  ", " ")
    );
    assert_eq!(
        out.chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .collect::<String>(),
        line.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    );
}

#[test]
fn segment_covers_every_token_once_in_order() {
    let text = "Hai nhà lãnh đạo nhất trí thúc đẩy hợp tác kinh tế.\nẢnh: TTXVN";
    let tokens = crate::tokenize(text);
    let words = Segmenter::builtin().segment(text, &tokens);
    let mut next = 0;
    for w in &words {
        assert_eq!(w.tokens.0, next);
        assert!(w.tokens.1 > w.tokens.0);
        assert_eq!(w.span.start, tokens[w.tokens.0].span.start);
        assert_eq!(w.span.end, tokens[w.tokens.1 - 1].span.end);
        next = w.tokens.1;
    }
    assert_eq!(next, tokens.len());
    // never across the line break
    assert!(words.iter().all(|w| !w.span.slice(text).contains('\n')));
}

/// A floor on UD VTB test (never used for training or for choosing the model): the first
/// 200 sentences, word-span F1 over the treebank's own tokens.
#[test]
fn f1_floor_on_a_held_out_slice_of_ud_vtb_test() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/ud-vtb/vi_vtb-ud-test.conllu"
    );
    let text = std::fs::read_to_string(path).expect("UD VTB test is in the repository");
    let sents = train::read_conllu(&text);
    let seg = Segmenter::builtin();
    let (mut c, mut s, mut g) = (0, 0, 0);
    for sent in sents.iter().take(200) {
        let (a, b, d) = train::span_counts(&sent.labels(), &seg.label_tokens(sent.tokens()));
        c += a;
        s += b;
        g += d;
    }
    let (p, r) = (c as f64 / s as f64, c as f64 / g as f64);
    let f1 = 2.0 * p * r / (p + r);
    assert!(f1 > 0.955, "F1 {f1:.4} on the first 200 test sentences");
}
