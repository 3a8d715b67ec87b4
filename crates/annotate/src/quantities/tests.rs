//! Quantities in sentences of the genre (own sentences, other years and countries).

use super::*;

fn q(text: &str) -> Vec<(String, f64, String)> {
    Quantities::new(QuantitiesSettings::default())
        .unwrap()
        .find(text, &[], &[])
        .into_iter()
        .map(|x| (text[x.span.start..x.span.end].to_string(), x.value, x.unit))
        .collect()
}

fn t(s: &str, v: f64, u: &str) -> (String, f64, String) {
    (s.to_string(), v, u.to_string())
}

#[test]
fn money_in_both_conventions() {
    assert_eq!(
        q("Kim ngạch thương mại song phương năm 2019 đạt 77,6 tỷ USD, vốn FDI của Hàn Quốc hơn 1.245 triệu đô la Mỹ."),
        [t("77,6 tỷ USD", 77_600_000_000.0, "USD"), t("1.245 triệu đô la Mỹ", 1_245_000_000.0, "USD")]
    );
    assert_eq!(
        q("Chính phủ hỗ trợ 1,5 triệu đồng mỗi người, tổng cộng 2 nghìn tỷ đồng; Nhật Bản cam kết $3 billion."),
        [
            t("1,5 triệu đồng", 1_500_000.0, "VND"),
            t("2 nghìn tỷ đồng", 2_000_000_000_000.0, "VND"),
            t("$3 billion", 3_000_000_000.0, "USD"),
        ]
    );
    assert_eq!(
        q("Quỹ được cấp USD 3 tỷ và 500 triệu euro."),
        [t("USD 3 tỷ", 3e9, "USD"), t("500 triệu euro", 5e8, "EUR")]
    );
}

#[test]
fn percentages() {
    assert_eq!(
        q("GDP tăng 7,08%, lạm phát 3,54 %, xuất khẩu tăng 8 phần trăm và lãi suất giảm 0,5 điểm phần trăm."),
        [
            t("7,08%", 7.08, "%"),
            t("3,54 %", 3.54, "%"),
            t("8 phần trăm", 8.0, "%"),
            t("0,5 điểm phần trăm", 0.5, "điểm phần trăm"),
        ]
    );
}

#[test]
fn counts_and_durations() {
    assert_eq!(
        q("Hai nước kỷ niệm 30 năm thiết lập quan hệ, ký 12 văn kiện hợp tác với sự tham dự của 150 doanh nghiệp."),
        [t("30 năm", 30.0, "năm"), t("12 văn kiện", 12.0, "văn kiện"), t("150 doanh nghiệp", 150.0, "doanh nghiệp")]
    );
    assert_eq!(
        q("Cộng đồng 28.000 người Việt tại Singapore và 2 triệu lượt khách quốc tế."),
        [
            t("28.000 người", 28_000.0, "người"),
            t("2 triệu lượt khách", 2e6, "lượt khách")
        ]
    );
}

#[test]
fn ordinals_names_and_spelled_numbers_are_not_quantities() {
    assert!(q(
        "Hội nghị Cấp cao ASEAN lần thứ 43 và Đại hội 13 của Đảng, Nhóm 20 nền kinh tế lớn (G20)."
    )
    .is_empty());
    assert!(
        q("Hai chuyến thăm, ba văn kiện, khoản 2 điều 5, phiên bản ASW 2.0 và mạng 5G.").is_empty()
    );
    assert!(
        q("Tổng thống Obama thăm Việt Nam năm 2016 cùng 5 đồng chí.")
            .iter()
            .all(|x| x.2 != "VND")
    );
}

#[test]
fn unknown_counted_nouns_take_the_word_layer() {
    let text = "Đoàn gồm 40 xe tăng và 3 khinh hạm.";
    let d = Quantities::new(QuantitiesSettings::default()).unwrap();
    let start = text.find("xe").unwrap();
    let words = [Span::new(start, start + "xe tăng".len())];
    let found: Vec<_> = d
        .find(text, &[], &words)
        .into_iter()
        .map(|x| x.unit)
        .collect();
    assert_eq!(found, ["xe tăng", "khinh"]);
    let custom = Quantities::new(QuantitiesSettings {
        units: vec!["khinh hạm".into()],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(custom.find(text, &[], &[])[1].unit, "khinh hạm");
    let strict = Quantities::new(QuantitiesSettings {
        unknown_units: false,
        counts: true,
        units: vec![],
    })
    .unwrap();
    assert_eq!(strict.find(text, &[], &[]).len(), 1);
}

#[test]
fn dates_are_skipped() {
    let text = "Ngày 2/9/2025, 80 năm Quốc khánh, có 5 đoàn.";
    let d = Quantities::new(QuantitiesSettings::default()).unwrap();
    let date = Span::new(0, "Ngày 2/9/2025".len());
    let found: Vec<_> = d
        .find(text, &[date], &[])
        .into_iter()
        .map(|x| (x.value, x.unit))
        .collect();
    assert_eq!(
        found,
        [(80.0, "năm".to_string()), (5.0, "đoàn".to_string())]
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("tỷ ".to_string()),
            Just("USD ".to_string()),
            Just("$".to_string()),
            Just("triệu đồng ".to_string()),
            Just("nền kinh tế ".to_string()),
            Just("thứ ".to_string()),
            "[0-9]{1,5}",
            "[.,%/\\- ]",
            "[a-zA-Zàáạđêếôơưữ\u{300} ]{1,6}",
            "\\PC{1,3}",
        ]
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_ordered(parts in proptest::collection::vec(piece(), 0..40)) {
            let text: String = parts.concat();
            let d = Quantities::new(QuantitiesSettings::default()).unwrap();
            let mut last = 0;
            for x in d.find(&text, &[], &[]) {
                prop_assert!(x.span.start < x.span.end && x.span.start >= last);
                prop_assert!(text.is_char_boundary(x.span.start) && text.is_char_boundary(x.span.end));
                prop_assert!(!x.value.is_nan());
                last = x.span.end;
            }
        }
    }
}

#[test]
fn counts_after_person_names_and_labels() {
    assert_eq!(
        q("Ông Trump 79 tuổi đã gặp ông Kim Jong-un 3 lần; Thông tư 01 có hiệu lực."),
        [t("79 tuổi", 79.0, "tuổi"), t("3 lần", 3.0, "lần")]
    );
    assert!(q("Diễn đàn WEF 2018 và vòng 2 đàm phán.").is_empty());
}

#[test]
fn tonnes_of_rice_a_year() {
    assert_eq!(
        q("Hai bên ký thỏa thuận cung cấp 500.000 tấn gạo mỗi năm."),
        [t("500.000 tấn", 500_000.0, "tấn")]
    );
}

#[test]
fn other_currencies_by_their_codes() {
    assert_eq!(
        q("Hai bên đặt mục tiêu 3 tỷ NZD; New Zealand dành 22 triệu NZD cho các dự án."),
        [
            t("3 tỷ NZD", 3_000_000_000.0, "NZD"),
            t("22 triệu NZD", 22_000_000.0, "NZD")
        ]
    );
}
