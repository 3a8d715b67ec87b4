//! Resolution tests on sentences of the genre (own sentences, other years and leaders).

use super::*;

fn dates(text: &str, doc_date: Option<&str>) -> Vec<(String, String)> {
    Dates::new(DatesSettings::default())
        .unwrap()
        .find(text, doc_date, &[])
        .into_iter()
        .map(|d| (text[d.span.start..d.span.end].to_string(), d.value))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn resolves_against_the_document_date() {
    let text =
        "Sáng 14/9 (giờ địa phương), Thủ tướng Nguyễn Xuân Phúc hội đàm với Thủ tướng Nhật Bản \
                Shinzo Abe. Ông thăm Nhật Bản ngày 13-16/9, sau chuyến thăm năm 2017 và 2018.";
    assert_eq!(
        dates(text, Some("2019-09-15")),
        pairs(&[
            ("Sáng 14/9", "2019-09-14"),
            ("ngày 13-16/9", "2019-09-13/2019-09-16"),
            ("năm 2017", "2017"),
            ("2018", "2018"),
        ])
    );
}

#[test]
fn year_rolls_over_at_new_year() {
    let text = "Tổng thống Hàn Quốc sẽ thăm Việt Nam từ ngày 2/1 đến ngày 4/1, sau cuộc điện đàm hôm 28/12.";
    assert_eq!(
        dates(text, Some("2025-12-30")),
        pairs(&[
            ("ngày 2/1 đến ngày 4/1", "2026-01-02/2026-01-04"),
            ("hôm 28/12", "2025-12-28")
        ])
    );
    let text = "Hội nghị diễn ra ngày 30/12-2/1 tại Jakarta.";
    assert_eq!(
        dates(text, Some("2025-12-20")),
        pairs(&[("ngày 30/12-2/1", "2025-12-30/2026-01-02")])
    );
}

#[test]
fn month_only_document_date() {
    let text = "Hôm nay, Chủ tịch Quốc hội Vương Đình Huệ tiếp Chủ tịch Thượng viện Australia; ngày 5/2 ông dự tiệc.";
    assert_eq!(
        dates(text, Some("2024-02")),
        pairs(&[("Hôm nay", "2024-02"), ("ngày 5/2", "2024-02-05")])
    );
    assert_eq!(
        dates("Tháng 12 năm ngoái, hai bên ký kết.", Some("2011-01")),
        pairs(&[("Tháng 12 năm ngoái", "2010-12")])
    );
}

#[test]
fn without_a_document_date_the_year_comes_from_the_text() {
    let text = "Bên lề Hội nghị Cấp cao ASEAN 2023 tại Jakarta hôm 6/9, Thủ tướng gặp Tổng thống Joko Widodo.\n\
                Ngày 7/9, ông dự Hội nghị Cấp cao Đông Á.";
    assert_eq!(
        dates(text, None),
        pairs(&[("hôm 6/9", "2023-09-06"), ("Ngày 7/9", "2023-09-07")])
    );
    // No year anywhere: the year stays unknown.
    let text = "Ngày 12/5, Chủ tịch nước tiếp Tổng thống Philippines. Cũng trong ngày, ông gặp doanh nghiệp.";
    assert_eq!(
        dates(text, None),
        pairs(&[
            ("Ngày 12/5", "XXXX-05-12"),
            ("Cũng trong ngày", "XXXX-05-12")
        ])
    );
    // An obituary's life span fixes the year of the funeral date.
    let text = "Lễ tang nguyên Thủ tướng (1930-2012) được tổ chức ngày 14/6.";
    assert_eq!(
        dates(text, None),
        pairs(&[("1930-2012", "1930/2012"), ("ngày 14/6", "2012-06-14")])
    );
    assert_eq!(
        dates("Hôm qua, hai bên điện đàm.", None),
        pairs(&[("Hôm qua", "XXXX-XX-XX")])
    );
}

#[test]
fn relative_expressions() {
    let text = "Chiều nay, Thủ tướng tiếp Bộ trưởng Ngoại giao Pháp. Tối qua ông dự chiêu đãi. \
                Ngày mai ông thăm Đà Nẵng, tuần tới ông đi Paris; tháng sau ký hiệp định, năm sau kỷ niệm 50 năm.";
    assert_eq!(
        dates(text, Some("2023-03-31")),
        pairs(&[
            ("Chiều nay", "2023-03-31"),
            ("Tối qua", "2023-03-30"),
            ("Ngày mai", "2023-04-01"),
            ("tuần tới", "2023-W14"),
            ("tháng sau", "2023-04"),
            ("năm sau", "2024"),
        ])
    );
}

#[test]
fn times_and_weekdays() {
    let text = "Lúc 11 giờ ngày 27-2, chuyên cơ hạ cánh; 20h30 tối 28/2 hai bên hội đàm. Hôm thứ Năm, ông điện đàm.";
    assert_eq!(
        dates(text, Some("2019-03-02")),
        pairs(&[
            ("11 giờ ngày 27-2", "2019-02-27T11:00"),
            ("20h30 tối 28/2", "2019-02-28T20:30"),
            ("Hôm thứ Năm", "2019-02-28"),
        ])
    );
}

#[test]
fn header_and_month_forms() {
    let text = "Thứ Hai, 16/02/2016 07:40\nTháng 10/2015, Chủ tịch Tập Cận Bình thăm Việt Nam; tháng 11 năm 2017 ông dự APEC 2017.";
    assert_eq!(
        dates(text, None),
        pairs(&[
            ("16/02/2016", "2016-02-16"),
            ("Tháng 10/2015", "2015-10"),
            ("tháng 11 năm 2017", "2017-11")
        ])
    );
}

#[test]
fn names_and_non_dates_are_left_out() {
    let text = "Thời gian qua, Năm Hữu nghị Việt Nam - Lào 2017 và UNCLOS 1982 được nhắc tới; tỷ lệ 1/2, lần thứ 31, G20.";
    assert!(dates(text, Some("2017-05-01")).is_empty());
}

#[test]
fn settings_are_checked() {
    assert!(Dates::new(DatesSettings {
        reference_date: Some("31/12/2020".into()),
        ..Default::default()
    })
    .is_err());
    let d = Dates::new(DatesSettings {
        reference_date: Some("2020-12-31".into()),
        ..Default::default()
    })
    .unwrap();
    let v = d.find("Hôm nay hai bên hội đàm.", None, &[]);
    assert_eq!(v[0].value, "2020-12-31");
    let strict = Dates::new(DatesSettings {
        bare_day_month: false,
        ..Default::default()
    })
    .unwrap();
    assert!(strict
        .find("Hội nghị khai mạc 5/6 tại Hà Nội.", Some("2020-06-01"), &[])
        .is_empty());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("ngày ".to_string()),
            Just("hôm ".to_string()),
            Just("sáng ".to_string()),
            Just("Tối ".to_string()),
            Just("nay ".to_string()),
            Just("năm ".to_string()),
            Just("tháng ".to_string()),
            Just("cùng ngày, ".to_string()),
            Just("giờ ".to_string()),
            Just("thứ Năm ".to_string()),
            "[0-9]{1,4}",
            "[/\\-–.,:()% ]",
            "[a-zA-Zàáạảãăắđêếôơưữ\u{300}\u{301} ]{1,6}",
            "\\PC{1,3}",
        ]
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_ordered(parts in proptest::collection::vec(piece(), 0..40), dated in any::<bool>()) {
            let text: String = parts.concat();
            let d = Dates::new(DatesSettings::default()).unwrap();
            let found = d.find(&text, dated.then_some("2025-12-31"), &[]);
            let mut last = 0;
            for e in &found {
                prop_assert!(e.span.start < e.span.end);
                prop_assert!(e.span.start >= last, "overlap or disorder");
                prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                prop_assert!(!e.value.is_empty());
                last = e.span.end;
            }
        }
    }
}

#[test]
fn pairs_of_days_lists_of_years_and_header_times() {
    let text = "Hội nghị thượng đỉnh diễn ra trong hai ngày 27 và 28/2; Chủ tịch Tập Cận Bình thăm Việt Nam \
                ngày 5 và 6-11. Các năm 2010, 2015 và 2020 đều có chuyến thăm cấp cao.";
    assert_eq!(
        dates(text, Some("2019-02-26")),
        pairs(&[
            ("ngày 27 và 28/2", "2019-02-27/2019-02-28"),
            ("ngày 5 và 6-11", "2018-11-05/2018-11-06"),
            ("năm 2010", "2010"),
            ("2015", "2015"),
            ("2020", "2020"),
        ])
    );
    // A header time does not join the date of the next line.
    assert_eq!(
        dates(
            "Thứ Sáu, 15/11/2024 - 09:30\nNgày 14/11, Chủ tịch nước hội kiến Tổng thống Peru.",
            None
        ),
        pairs(&[("15/11/2024", "2024-11-15"), ("Ngày 14/11", "2024-11-14")])
    );
    assert_eq!(
        dates(
            "Lễ kỷ niệm mùng 2/9 được tổ chức; đường dây nóng hoạt động 24/7.",
            Some("2020-08-20")
        ),
        pairs(&[("mùng 2/9", "2020-09-02")])
    );
}

#[test]
fn a_year_elsewhere_in_the_article_dates_an_undated_day() {
    let text = "Sáng 26/3, tại Trụ sở Chính phủ, Thủ tướng tiếp Bộ trưởng Quốc phòng Mỹ. \
                Năm 2025 là dịp kỷ niệm 30 năm bình thường hóa quan hệ (1995-2025).";
    assert_eq!(
        dates(text, None),
        pairs(&[
            ("Sáng 26/3", "2025-03-26"),
            ("Năm 2025", "2025"),
            ("1995-2025", "1995/2025")
        ])
    );
    // A past year in another sentence says nothing about the article's own year.
    let text = "Ngày 8/5, hai bên hội đàm. Ông từng thăm Việt Nam năm 1986.";
    assert_eq!(
        dates(text, None),
        pairs(&[("Ngày 8/5", "XXXX-05-08"), ("năm 1986", "1986")])
    );
}

#[test]
fn a_month_looked_back_to_does_not_move_the_year_of_later_days() {
    // no date line: the year of `Sáng 11/1` is the one the text speaks from (10/1/2018),
    // not the year of the earlier summit it mentions in passing
    let text =
        "(Dân trí) - Sáng 10/1/2018, tại Phnom Penh, Thủ tướng Nguyễn Xuân Phúc dự Hội nghị. \
                Hội nghị lần thứ nhất diễn ra tại Tam Á (Trung Quốc) vào tháng 3/2016. \
                Sáng 11/1, Thủ tướng sẽ thăm tỉnh Xiêm Riệp.";
    assert_eq!(
        dates(text, None),
        pairs(&[
            ("Sáng 10/1/2018", "2018-01-10"),
            ("tháng 3/2016", "2016-03"),
            ("Sáng 11/1", "2018-01-11")
        ])
    );
}

#[test]
fn same_day_before_a_predicate() {
    let text = "Sáng 15/9, Chủ tịch nước hội kiến Thủ tướng. Chương trình thăm thành phố Almaty dự kiến cùng ngày đã bị hủy do thời tiết xấu.";
    assert_eq!(
        dates(text, Some("2013-09-15")),
        pairs(&[("Sáng 15/9", "2013-09-15"), ("cùng ngày", "2013-09-15")])
    );
}

#[test]
fn dates_written_in_words_with_a_day_part_and_a_range() {
    let text = "Chiều ngày 4 tháng 10 năm 2010 (giờ địa phương), Thủ tướng tới Brussels, thăm chính thức Vương quốc Bỉ từ ngày 4 đến ngày 7 tháng 10.";
    assert_eq!(
        dates(text, None),
        pairs(&[
            ("Chiều ngày 4 tháng 10 năm 2010", "2010-10-04"),
            ("ngày 4 đến ngày 7 tháng 10", "2010-10-04/2010-10-07")
        ])
    );
}

#[test]
fn day_parts_before_same_day_and_ranges_after_tu() {
    let text = "Hà Nội, ngày 10/9/2023 - Tổng thống đến Hà Nội chiều 10/9. Tối cùng ngày, hai bên ra Tuyên bố chung. \
                Từ 3 đến 4/4, hội nghị diễn ra tại Phnom Penh.";
    assert_eq!(
        dates(text, None),
        pairs(&[
            ("ngày 10/9/2023", "2023-09-10"),
            ("chiều 10/9", "2023-09-10"),
            ("Tối cùng ngày", "2023-09-10"),
            ("3 đến 4/4", "2023-04-03/2023-04-04"),
        ])
    );
}

#[test]
fn weekdays_relative_to_weeks() {
    // 15/3/2025 is a Saturday.
    let text = "Thứ Bảy tuần trước, hai bên điện đàm; thứ Bảy vừa qua ông về nước; vào thứ Hai tuần tới sẽ ký; Chủ nhật tới ông đi Lào.";
    assert_eq!(
        dates(text, Some("2025-03-15")),
        pairs(&[
            ("Thứ Bảy tuần trước", "2025-03-08"),
            ("thứ Bảy vừa qua", "2025-03-08"),
            ("thứ Hai tuần tới", "2025-03-17"),
            ("Chủ nhật tới", "2025-03-16"),
        ])
    );
}

#[test]
fn spans_of_years() {
    assert_eq!(
        dates("Từ 2010 đến 2020, kim ngạch tăng gấp ba; kế hoạch giai đoạn 2026 – 2030 đã được thông qua.", None),
        pairs(&[("2010 đến 2020", "2010/2020"), ("2026 – 2030", "2026/2030")])
    );
}

#[test]
fn part_of_a_month_or_year_is_in_the_span() {
    let text = "Thủ tướng Thái Lan dự kiến thăm Việt Nam vào đầu tháng 12. Tổng thống sẽ thăm Việt Nam vào cuối năm 2018, giữa tháng này ông dự hội nghị.";
    assert_eq!(
        dates(text, Some("2018-11-12")),
        pairs(&[
            ("đầu tháng 12", "2018-12"),
            ("cuối năm 2018", "2018"),
            ("giữa tháng này", "2018-11"),
        ])
    );
}

#[test]
fn a_third_of_a_month_is_in_the_span() {
    let text = "Hạ tuần tháng 3, Bộ trưởng Ngoại giao Bùi Thanh Sơn thăm Brazil; Tổng thống sẽ sang Hà Nội vào thượng tuần tháng 6 tới.";
    assert_eq!(
        dates(text, Some("2023-04-02")),
        pairs(&[
            ("Hạ tuần tháng 3", "2023-03"),
            ("thượng tuần tháng 6 tới", "2023-06")
        ])
    );
}

#[test]
fn days_before_the_document_date() {
    let text = "Hai ngày trước, tại Abu Dhabi, Thủ tướng hội đàm với Tổng thống UAE. 3 ngày trước. Hai ngày trước hội nghị, ông đến Doha; mấy ngày trước, ông ở Riyadh.";
    assert_eq!(
        dates(text, Some("2024-10-30")),
        pairs(&[
            ("Hai ngày trước", "2024-10-28"),
            ("3 ngày trước", "2024-10-27")
        ])
    );
}

#[test]
fn day_month_ranges_with_dots_or_dashes() {
    let text = "Chủ tịch nước thăm cấp nhà nước Ấn Độ từ ngày 2.3 đến 4.3, Thủ tướng thăm Lào từ ngày 30-9 đến 2-10.";
    assert_eq!(
        dates(text, Some("2018-06-20")),
        pairs(&[
            ("ngày 2.3 đến 4.3", "2018-03-02/2018-03-04"),
            ("ngày 30-9 đến 2-10", "2018-09-30/2018-10-02"),
        ])
    );
}

#[test]
fn a_year_inside_a_documents_name_is_no_date() {
    let text = "Hai Thủ tướng chứng kiến lễ ký Hiệp ước bổ sung Hiệp ước hoạch định biên giới quốc gia năm 1985. Hai bên tôn trọng Công ước Liên hợp quốc về Luật Biển năm 1982. Năm 2018, thương mại đạt 4,7 tỉ USD, tăng so với năm 2017.";
    assert_eq!(
        dates(text, Some("2019-10-04")),
        pairs(&[("Năm 2018", "2018"), ("năm 2017", "2017")])
    );
}

#[test]
fn this_year_without_a_document_date_is_the_texts_year() {
    let text = "Chiều 27/6/2012, Thủ tướng hội đàm với Chủ tịch Ủy ban châu Âu. Thủ tướng đề nghị khởi động đàm phán trong năm nay.";
    assert_eq!(
        dates(text, None),
        pairs(&[("Chiều 27/6/2012", "2012-06-27"), ("năm nay", "2012")])
    );
}

#[test]
fn a_relative_day_restated_in_brackets() {
    let text = "(Tuổi Trẻ) - Chiều qua (2-12), tại Nhà Quốc hội, Chủ tịch Quốc hội hội đàm với Chủ tịch Quốc hội Hàn Quốc.";
    assert_eq!(
        dates(text, Some("2024-12-03")),
        pairs(&[("Chiều qua", "2024-12-02"), ("2-12", "2024-12-02")])
    );
}

#[test]
fn the_month_of_an_iso_week() {
    assert_eq!(month_of_week("2024-W45").as_deref(), Some("2024-11")); // 4-10 Nov
    assert_eq!(month_of_week("2024-W21").as_deref(), Some("2024-05")); // 20-26 May
    assert_eq!(month_of_week("2024-W44"), None); // 28 Oct - 3 Nov
    assert_eq!(month_of_week("2024-11"), None);
}

#[test]
fn the_coming_month_named() {
    let text = "Ngày 22/7/2011, hai bên nhất trí tổ chức đối thoại vào tháng 9 tới tại Washington.";
    assert_eq!(
        dates(text, None),
        pairs(&[("Ngày 22/7/2011", "2011-07-22"), ("tháng 9 tới", "2011-09")])
    );
}

#[test]
fn weekdays_of_what_is_to_come_and_weekday_ranges() {
    // Monday 2024-06-03: the programme of a visit announced for the coming days
    let text = "Tổng thống Indonesia Joko Widodo sẽ thăm cấp Nhà nước Việt Nam từ thứ Tư đến thứ Sáu tuần này. \
                Theo lịch trình, sáng thứ Năm, Chủ tịch nước sẽ chủ trì lễ đón. Chiều cùng ngày, hai bên hội đàm. \
                Hôm thứ Bảy, Bộ trưởng Ngoại giao đã điện đàm với người đồng cấp.";
    assert_eq!(
        dates(text, Some("2024-06-03")),
        pairs(&[
            ("thứ Tư đến thứ Sáu tuần này", "2024-06-05/2024-06-07"),
            ("sáng thứ Năm", "2024-06-06"),
            ("Chiều cùng ngày", "2024-06-06"),
            ("Hôm thứ Bảy", "2024-06-01"),
        ])
    );
    // told as done, the weekday is the last one; `cùng ngày` follows it
    let text =
        "Sáng thứ Ba, Thứ trưởng Bộ Quốc phòng đã đồng chủ trì Đối thoại Chính sách Quốc phòng. \
                Chiều cùng ngày, ông hội kiến Bộ trưởng Quốc phòng.";
    assert_eq!(
        dates(text, Some("2019-10-19")),
        pairs(&[
            ("Sáng thứ Ba", "2019-10-15"),
            ("Chiều cùng ngày", "2019-10-15")
        ])
    );
}

#[test]
fn days_of_the_first_lunar_month_and_a_month_just_past() {
    let text = "Ngày 15/2 (tức mùng 6 tháng Giêng), Chủ tịch nước dự lễ khai xuân; từ mùng 8 đến 10 tháng Giêng, đoàn thăm Lào. Mùng 2 Tết, Thủ tướng chúc Tết. Thỏa thuận ký tháng 12 vừa qua.";
    assert_eq!(
        dates(text, Some("2024-02-20")),
        pairs(&[
            ("Ngày 15/2", "2024-02-15"),
            ("mùng 6 tháng Giêng", "2024-02-15"),
            ("mùng 8 đến 10 tháng Giêng", "2024-02-17/2024-02-19"),
            ("Mùng 2 Tết", "2024-02-11"),
            ("tháng 12 vừa qua", "2023-12"),
        ])
    );
}

#[test]
fn a_weekday_told_as_done_is_the_last_one_whatever_the_sentence_promises() {
    // Friday 2019-10-18
    let text = "Sáng thứ Năm, hai Bộ trưởng đã hội đàm và nhất trí sẽ ký biên bản hợp tác.";
    assert_eq!(
        dates(text, Some("2019-10-18")),
        pairs(&[("Sáng thứ Năm", "2019-10-17")])
    );
}
