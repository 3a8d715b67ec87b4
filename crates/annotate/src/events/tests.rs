//! Unit tests of the event rules on hand-built documents (people, countries and dates
//! given, as the upstream stages would give them).

use super::*;
use sen_core::layers::{DateExpr, Entity, Person};

/// A document from `text`, with people (`name`, country, mention strings), countries and
/// dates (surface, value) located by search.
pub(super) struct Fixture {
    pub doc: Document,
}

impl Fixture {
    pub fn new(text: &str) -> Self {
        Fixture {
            doc: Document::from_text("t", text),
        }
    }

    fn spans(&self, needle: &str) -> Vec<Span> {
        let t = &self.doc.text;
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = t[from..].find(needle) {
            let s = from + i;
            out.push(Span::new(s, s + needle.len()));
            from = s + needle.len();
        }
        out
    }

    pub fn person(mut self, name: &str, country: &str, mentions: &[&str]) -> Self {
        let mut spans: Vec<Span> = Vec::new();
        for m in mentions {
            for s in self.spans(m) {
                if !spans.iter().any(|x| x.overlaps(s)) {
                    spans.push(s);
                }
            }
        }
        spans.sort();
        let id = format!("p{}", self.doc.layers.people.len() + 1);
        self.doc.layers.people.push(Person {
            id,
            name: name.into(),
            titles: vec![],
            country: Some(country.into()),
            mentions: spans,
        });
        self
    }

    /// A person the text gives no country.
    pub fn stateless(mut self, name: &str, mentions: &[&str]) -> Self {
        self = self.person(name, "", mentions);
        if let Some(p) = self.doc.layers.people.last_mut() {
            p.country = None;
        }
        self
    }

    pub fn country(mut self, name: &str, code: &str) -> Self {
        for s in self.spans(name) {
            self.doc.layers.entities.push(Entity {
                span: s,
                label: EntityLabel::Country,
                canonical: name.into(),
                kb_id: Some(code.into()),
                attrs: BTreeMap::new(),
            });
        }
        self.doc.layers.entities.sort_by_key(|e| e.span);
        self
    }

    pub fn title(mut self, name: &str) -> Self {
        for s in self.spans(name) {
            self.doc.layers.entities.push(Entity {
                span: s,
                label: EntityLabel::Title,
                canonical: name.into(),
                kb_id: None,
                attrs: BTreeMap::new(),
            });
        }
        self.doc.layers.entities.sort_by_key(|e| e.span);
        self
    }

    pub fn date(mut self, surface: &str, value: &str) -> Self {
        for s in self.spans(surface) {
            self.doc.layers.dates.push(DateExpr {
                span: s,
                value: value.into(),
            });
        }
        self.doc.layers.dates.sort_by_key(|d| d.span);
        self
    }

    /// Events as (type, date, sorted participant names).
    pub fn events(&self) -> Vec<(String, Option<String>, Vec<String>)> {
        extract(&self.doc)
            .into_iter()
            .map(|e| {
                let mut names: Vec<String> = e
                    .participants
                    .iter()
                    .map(|p| {
                        self.doc
                            .layers
                            .people
                            .iter()
                            .find(|x| x.id == p.person)
                            .unwrap()
                            .name
                            .clone()
                    })
                    .collect();
                names.sort();
                (e.kind.name().to_string(), e.date, names)
            })
            .collect()
    }
}

fn ev(kind: &str, date: Option<&str>, who: &[&str]) -> (String, Option<String>, Vec<String>) {
    let mut w: Vec<String> = who.iter().map(|s| s.to_string()).collect();
    w.sort();
    (kind.into(), date.map(str::to_string), w)
}

#[test]
fn talks_with_date_and_place() {
    let f = Fixture::new(
        "Chiều 12/3, tại Hà Nội, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Kishida Fumio.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Kishida Fumio", "JP", &["Thủ tướng Nhật Bản Kishida Fumio"])
    .country("Nhật Bản", "JP")
    .date("Chiều 12/3", "2023-03-12");
    assert_eq!(
        f.events(),
        vec![ev(
            "talks",
            Some("2023-03-12"),
            &["Phạm Minh Chính", "Kishida Fumio"]
        )]
    );
}

#[test]
fn several_named_counterparts_make_several_meetings() {
    let f = Fixture::new(
        "Bên lề hội nghị, Thủ tướng Nguyễn Xuân Phúc cũng gặp Thủ tướng Canada Justin Trudeau, Thủ tướng Ấn Độ Narendra Modi và Tổng thống Chile Sebastián Piñera.",
    )
    .person("Nguyễn Xuân Phúc", "VN", &["Thủ tướng Nguyễn Xuân Phúc"])
    .person("Justin Trudeau", "CA", &["Thủ tướng Canada Justin Trudeau"])
    .person("Narendra Modi", "IN", &["Thủ tướng Ấn Độ Narendra Modi"])
    .person("Sebastián Piñera", "CL", &["Tổng thống Chile Sebastián Piñera"]);
    let e = f.events();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e.iter().all(|x| x.0 == "meeting" && x.2.len() == 2));
}

#[test]
fn unnamed_counterparts_make_one_event_of_the_named_leader() {
    let f = Fixture::new(
        "Ngày 10/11, Chủ tịch nước Võ Văn Thưởng đã có cuộc gặp ngắn với lãnh đạo các nước Chile và Peru.",
    )
    .person("Võ Văn Thưởng", "VN", &["Chủ tịch nước Võ Văn Thưởng"])
    .country("Chile", "CL")
    .country("Peru", "PE")
    .date("Ngày 10/11", "2023-11-10");
    assert_eq!(
        f.events(),
        vec![ev("meeting", Some("2023-11-10"), &["Võ Văn Thưởng"])]
    );
}

#[test]
fn caption_restating_a_meeting_is_the_same_event() {
    let f = Fixture::new(
        "Sáng 8/9, Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng thống Joe Biden.\n\
         Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng thống Joe Biden. Ảnh: TTXVN",
    )
    .person("Nguyễn Phú Trọng", "VN", &["Tổng Bí thư Nguyễn Phú Trọng"])
    .person("Joe Biden", "US", &["Tổng thống Joe Biden"])
    .date("Sáng 8/9", "2023-09-08");
    assert_eq!(
        f.events(),
        vec![ev(
            "talks",
            Some("2023-09-08"),
            &["Joe Biden", "Nguyễn Phú Trọng"]
        )]
    );
}

#[test]
fn invitation_accepted_gives_invitation_and_visit() {
    let f = Fixture::new(
        "Nhận lời mời của Chủ tịch nước Tô Lâm, Tổng thống Indonesia Prabowo Subianto thăm cấp nhà nước Việt Nam từ ngày 9-11/3.",
    )
    .person("Tô Lâm", "VN", &["Chủ tịch nước Tô Lâm"])
    .person("Prabowo Subianto", "ID", &["Tổng thống Indonesia Prabowo Subianto"])
    .country("Indonesia", "ID")
    .country("Việt Nam", "VN")
    .date("từ ngày 9-11/3", "2025-03-09/2025-03-11");
    let e = f.events();
    assert!(
        e.contains(&ev("invitation", None, &["Tô Lâm", "Prabowo Subianto"])),
        "{e:?}"
    );
    assert!(
        e.contains(&ev("visit", Some("2025-03-09"), &["Prabowo Subianto"])),
        "{e:?}"
    );
    assert_eq!(e.len(), 2);
}

#[test]
fn wishes_and_soon_are_not_events() {
    let f = Fixture::new(
        "Tổng thống Emmanuel Macron vui vẻ nhận lời và sẽ thu xếp thời gian sớm thăm Việt Nam. \
         Hai bên nhất trí sớm ký kết hiệp định và tăng cường tiếp xúc cấp cao.",
    )
    .person("Emmanuel Macron", "FR", &["Tổng thống Emmanuel Macron"])
    .country("Việt Nam", "VN");
    assert_eq!(f.events(), vec![]);
}

#[test]
fn past_visits_with_years() {
    let f =
        Fixture::new("Thủ tướng Narendra Modi nhắc lại hai chuyến thăm Việt Nam năm 2016 và 2018.")
            .person("Narendra Modi", "IN", &["Thủ tướng Narendra Modi"])
            .country("Việt Nam", "VN")
            .date("năm 2016", "2016")
            .date("2018", "2018");
    assert_eq!(
        f.events(),
        vec![
            ev("visit", Some("2016"), &["Narendra Modi"]),
            ev("visit", Some("2018"), &["Narendra Modi"])
        ]
    );
}

#[test]
fn proposal_to_both_sides_includes_the_counterpart() {
    let f = Fixture::new(
        "Ngày 3/4, Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Australia Anthony Albanese. \
         Thủ tướng Phạm Minh Chính đề nghị hai bên thúc đẩy thương mại.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person(
        "Anthony Albanese",
        "AU",
        &["Thủ tướng Australia Anthony Albanese"],
    )
    .country("Australia", "AU")
    .date("Ngày 3/4", "2024-04-03");
    assert_eq!(
        f.events(),
        vec![
            ev(
                "phone_call",
                Some("2024-04-03"),
                &["Phạm Minh Chính", "Anthony Albanese"]
            ),
            ev(
                "proposal",
                Some("2024-04-03"),
                &["Phạm Minh Chính", "Anthony Albanese"]
            ),
        ]
    );
}

#[test]
fn collective_signing_takes_the_current_encounter() {
    let f = Fixture::new(
        "Tối 20/5, Chủ tịch nước Lương Cường hội đàm với Tổng thống Pháp Emmanuel Macron tại Phủ Chủ tịch. \
         Sau hội đàm, hai nhà lãnh đạo chứng kiến lễ ký kết các văn kiện hợp tác.",
    )
    .person("Lương Cường", "VN", &["Chủ tịch nước Lương Cường"])
    .person("Emmanuel Macron", "FR", &["Tổng thống Pháp Emmanuel Macron"])
    .country("Pháp", "FR")
    .date("Tối 20/5", "2025-05-20");
    let e = f.events();
    assert_eq!(
        e,
        vec![
            ev(
                "talks",
                Some("2025-05-20"),
                &["Lương Cường", "Emmanuel Macron"]
            ),
            ev(
                "agreement_signing",
                Some("2025-05-20"),
                &["Lương Cường", "Emmanuel Macron"]
            ),
        ]
    );
    let full = extract(&f.doc);
    assert_eq!(full[0].location.venue.as_deref(), Some("Phủ Chủ tịch"));
    assert_eq!(full[1].location.country.as_deref(), Some("VN"));
    assert_eq!(full[1].cameo, "057");
}

#[test]
fn side_meetings_of_a_multi_day_summit_are_dated_to_the_month() {
    let f = Fixture::new(
        "Thủ tướng Phạm Minh Chính dự Hội nghị Cấp cao G20 tại thủ đô Rio de Janeiro (Brazil) ngày 18-19/11.\n\
         Bên lề Hội nghị Cấp cao G20, Thủ tướng Phạm Minh Chính gặp Thủ tướng Ấn Độ Narendra Modi.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Narendra Modi", "IN", &["Thủ tướng Ấn Độ Narendra Modi"])
    .country("Brazil", "BR")
    .date("ngày 18-19/11", "2024-11-18/2024-11-19");
    let full = extract(&f.doc);
    assert_eq!(
        f.events()[1],
        ev(
            "meeting",
            Some("2024-11"),
            &["Phạm Minh Chính", "Narendra Modi"]
        )
    );
    assert_eq!(full[1].location.country.as_deref(), Some("BR"));
    assert_eq!(full[1].occasion.as_deref(), Some("Hội nghị Cấp cao G20"));
    assert_eq!(full[0].occasion.as_deref(), Some("Hội nghị Cấp cao G20"));
    assert_eq!(full[1].cameo, "044", "a meeting in a third country");
}

#[test]
fn praise_of_a_past_signing_is_undated() {
    let f = Fixture::new(
        "Ngày 7/6, Thủ tướng Phạm Minh Chính gặp Tổng thống Hàn Quốc Lee Jae-myung. \
         Thủ tướng đánh giá cao vai trò của Tổng thống Lee Jae-myung trong việc ký kết hiệp định thương mại tự do.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Lee Jae-myung", "KR", &["Tổng thống Hàn Quốc Lee Jae-myung", "Tổng thống Lee Jae-myung"])
    .date("Ngày 7/6", "2025-06-07");
    let e = f.events();
    assert_eq!(e[1], ev("agreement_signing", None, &["Lee Jae-myung"]));
}

#[test]
fn cameo_table_covers_every_type() {
    for k in EventType::ALL {
        let (c, p) = cameo_of(k, false);
        assert!(c.len() == 3 && !p.is_empty(), "{k:?}");
    }
    assert_eq!(cameo_of(EventType::Visit, false).0, "042");
    assert_eq!(cameo_of(EventType::PhoneCall, false).0, "041");
}

#[test]
fn occasion_names_match_across_wordings() {
    assert!(occasions_match(
        Some("Hội nghị ASEAN - Mỹ"),
        Some("hội nghị Cấp cao ASEAN - Mỹ lần thứ 13")
    ));
    assert!(occasions_match(
        Some("Hội nghị Cấp cao APEC 2024"),
        Some("Tuần lễ Cấp cao APEC 2024")
    ));
    assert!(!occasions_match(
        Some("Hội nghị Cấp cao APEC 2024"),
        Some("Tuần lễ Cấp cao APEC 2025")
    ));
    assert!(!occasions_match(
        Some("Hội nghị Cấp cao G20"),
        Some("Hội nghị Cấp cao APEC")
    ));
}

#[test]
fn planned_visit_on_invitation() {
    let f = Fixture::new(
        "Thủ tướng Phạm Minh Chính sẽ thăm chính thức Nhật Bản từ ngày 24-27/5 theo lời mời của Thủ tướng Nhật Bản Kishida Fumio.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Kishida Fumio", "JP", &["Thủ tướng Nhật Bản Kishida Fumio"])
    .country("Nhật Bản", "JP")
    .date("từ ngày 24-27/5", "2026-05-24/2026-05-27");
    let e = f.events();
    assert_eq!(
        e,
        vec![
            ev("visit", Some("2026-05-24"), &["Phạm Minh Chính"]),
            ev("invitation", None, &["Kishida Fumio", "Phạm Minh Chính"]),
        ]
    );
    let full = extract(&f.doc);
    assert_eq!(full[0].modality, Modality::Planned);
    assert_eq!(full[0].location.country.as_deref(), Some("JP"));
}

#[test]
fn banquet_hosted_by_the_other_side() {
    let f = Fixture::new(
        "Tối 5/7, Tổng Bí thư Tô Lâm dự tiệc chiêu đãi do Tổng thống Vladimir Putin chủ trì.",
    )
    .person("Tô Lâm", "VN", &["Tổng Bí thư Tô Lâm"])
    .person("Vladimir Putin", "RU", &["Tổng thống Vladimir Putin"])
    .date("Tối 5/7", "2024-07-05");
    let full = extract(&f.doc);
    assert_eq!(full.len(), 1, "{full:?}");
    assert_eq!(full[0].kind, EventType::Reception);
    let host = full[0]
        .participants
        .iter()
        .find(|p| p.role == "host")
        .unwrap();
    assert_eq!(host.person, "p2");
}

#[test]
fn an_invitation_to_a_summit_is_not_an_attendance() {
    let f = Fixture::new(
        "Ngày 2/3, Thủ tướng Anthony Albanese mời Thủ tướng Phạm Minh Chính dự Hội nghị Cấp cao đặc biệt ASEAN - Australia.",
    )
    .person("Anthony Albanese", "AU", &["Thủ tướng Anthony Albanese"])
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .date("Ngày 2/3", "2024-03-02");
    assert_eq!(
        f.events(),
        vec![ev(
            "invitation",
            Some("2024-03-02"),
            &["Anthony Albanese", "Phạm Minh Chính"]
        )]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Thủ tướng",
        "Tổng thống",
        "Nguyễn Văn A",
        "Kim B",
        "gặp",
        "hội đàm",
        "điện đàm",
        "tiếp",
        "chiêu đãi",
        "lễ đón",
        "thăm",
        "chuyến thăm",
        "mời",
        "lời mời của",
        "ký kết",
        "thông qua",
        "“Tuyên bố",
        "dự",
        "tham dự",
        "Hội nghị Cấp cao",
        "APEC",
        "2024",
        "lần thứ",
        "47",
        "đề nghị",
        "đề xuất của",
        "hai bên",
        "hai nhà lãnh đạo",
        "tại",
        "ở",
        "đến",
        "thủ đô",
        "Hà Nội",
        "(",
        ")",
        ",",
        ";",
        ".",
        "\n",
        "ngày 5/3",
        "Sáng 12/11",
        "năm 2017",
        "và",
        "Việt Nam",
        "Nhật Bản",
        "sẽ",
        "sớm",
        "Tại cuộc gặp",
        "bên lề",
        "khi dự",
        "trong việc",
        "Ảnh: TTXVN",
        "Đ",
        "ĩ",
        "ố",
        "-",
        "–",
        "Nhà Trắng",
        "về",
        "Gaza",
        "Cũng tại",
    ];

    fn document(words: &[usize]) -> Document {
        let mut text = String::new();
        for &i in words {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push(' ');
            }
            text.push_str(WORDS[i % WORDS.len()]);
        }
        let mut f = Fixture::new(&text)
            .person(
                "Nguyễn Văn A",
                "VN",
                &["Thủ tướng Nguyễn Văn A", "Nguyễn Văn A"],
            )
            .person("Kim B", "KR", &["Tổng thống Kim B", "Kim B"])
            .country("Việt Nam", "VN")
            .country("Nhật Bản", "JP")
            .date("ngày 5/3", "2024-03-05")
            .date("Sáng 12/11", "2024-11-12")
            .date("năm 2017", "2017");
        Places.annotate(&mut f.doc).unwrap();
        f.doc
    }

    use crate::places::Places;

    proptest! {
        /// Whatever the text, extraction does not panic, spans lie on the text's char
        /// boundaries, participants are people of the document, and ids are distinct.
        #[test]
        fn events_are_well_formed(words in prop::collection::vec(0usize..200, 0..60)) {
            let doc = document(&words);
            let events = extract(&doc);
            for e in &events {
                for sp in [e.trigger, e.evidence] {
                    prop_assert!(sp.start <= sp.end && sp.end <= doc.text.len());
                    prop_assert!(doc.text.is_char_boundary(sp.start) && doc.text.is_char_boundary(sp.end));
                }
                prop_assert!(e.evidence.contains(e.trigger) || e.kind == EventType::Invitation);
                prop_assert!(!e.participants.is_empty());
                for p in &e.participants {
                    prop_assert!(doc.layers.people.iter().any(|x| x.id == p.person));
                }
                prop_assert_eq!(e.cameo.len(), 3);
            }
            let mut d = doc.clone();
            Events::new(EventsSettings::default()).annotate(&mut d).unwrap();
            let mut ids: Vec<&str> = d.layers.events.iter().map(|e| e.id.as_str()).collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), n);
        }
    }
}

#[test]
fn listed_counterparts_named_without_their_titles() {
    // a people layer whose mentions are the bare names, titles as separate entities
    let f = Fixture::new(
        "Chủ tịch nước Lương Cường cũng gặp Thủ tướng Malaysia Anwar Ibrahim, Thủ tướng Singapore Lawrence Wong và Tổng thống Chile Gabriel Boric.",
    )
    .person("Lương Cường", "VN", &["Lương Cường"])
    .person("Anwar Ibrahim", "MY", &["Anwar Ibrahim"])
    .person("Lawrence Wong", "SG", &["Lawrence Wong"])
    .person("Gabriel Boric", "CL", &["Gabriel Boric"])
    .title("Chủ tịch nước")
    .title("Thủ tướng")
    .title("Tổng thống")
    .country("Malaysia", "MY")
    .country("Singapore", "SG")
    .country("Chile", "CL");
    let e = f.events();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e
        .iter()
        .all(|x| x.0 == "meeting" && x.2.len() == 2 && x.2.contains(&"Lương Cường".to_string())));
}

#[test]
fn reception_of_a_person_named_after_a_title_entity() {
    let f =
        Fixture::new("Chiều 14/6, Chủ tịch nước Trương Tấn Sang tiếp Đại sứ Hoa Kỳ David Shear.")
            .person("Trương Tấn Sang", "VN", &["Trương Tấn Sang"])
            .person("David Shear", "US", &["David Shear"])
            .title("Chủ tịch nước")
            .title("Đại sứ")
            .country("Hoa Kỳ", "US")
            .date("Chiều 14/6", "2012-06-14");
    assert_eq!(
        f.events(),
        vec![ev(
            "reception",
            Some("2012-06-14"),
            &["Trương Tấn Sang", "David Shear"]
        )]
    );
}

#[test]
fn every_trigger_phrase_starts_with_a_first_word_the_scan_looks_for() {
    for (phrase, _) in TRIGGERS {
        let first = phrase.split(' ').next().unwrap();
        assert!(trigger_first(first), "{phrase}");
    }
}

#[test]
fn a_date_after_a_visit_is_the_visits_not_the_welcomes() {
    let f = Fixture::new(
        "Sáng 12/3, tại Phủ Tổng thống, Thủ tướng Lawrence Wong chủ trì lễ đón chính thức Tổng Bí thư Tô Lâm thăm chính thức Singapore từ ngày 11 đến 13/3.",
    )
    .person("Lawrence Wong", "SG", &["Thủ tướng Lawrence Wong"])
    .person("Tô Lâm", "VN", &["Tổng Bí thư Tô Lâm"])
    .country("Singapore", "SG")
    .date("Sáng 12/3", "2025-03-12")
    .date("ngày 11 đến 13/3", "2025-03-11/2025-03-13");
    let e = f.events();
    assert!(
        e.contains(&ev(
            "reception",
            Some("2025-03-12"),
            &["Lawrence Wong", "Tô Lâm"]
        )),
        "{e:?}"
    );
    // the guest of the welcome is the visitor, not the host
    assert!(
        e.contains(&ev("visit", Some("2025-03-11"), &["Tô Lâm"])),
        "{e:?}"
    );
}

#[test]
fn a_wish_to_meet_is_not_dated_by_the_visit_before_it() {
    let f = Fixture::new(
        "Thủ tướng Ishiba Shigeru mời Thủ tướng Phạm Minh Chính thăm Nhật Bản vào năm 2025 và mong sớm gặp lại Thủ tướng Việt Nam.",
    )
    .person("Ishiba Shigeru", "JP", &["Thủ tướng Ishiba Shigeru"])
    .person(
        "Phạm Minh Chính",
        "VN",
        &["Thủ tướng Phạm Minh Chính", "Thủ tướng Việt Nam"],
    )
    .country("Nhật Bản", "JP")
    .date("năm 2025", "2025");
    let e = f.events();
    assert!(e.iter().all(|x| x.0 != "meeting"), "{e:?}");
}

#[test]
fn negated_events_are_not_events() {
    for text in [
        "Tổng thống Tharman Shanmugaratnam cho biết ông chưa thể thăm Việt Nam trong năm 2025.",
        "Chiều 29/11, Thủ tướng Phạm Minh Chính không đề cập tới việc ký kết văn kiện mới với Tổng thống Tharman Shanmugaratnam.",
        "Ngày 29/11, Thủ tướng Phạm Minh Chính chưa gặp Tổng thống Tharman Shanmugaratnam.",
    ] {
        let f = Fixture::new(text)
            .person(
                "Tharman Shanmugaratnam",
                "SG",
                &["Tổng thống Tharman Shanmugaratnam", "ông"],
            )
            .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
            .country("Việt Nam", "VN")
            .date("năm 2025", "2025")
            .date("Chiều 29/11", "2024-11-29")
            .date("Ngày 29/11", "2024-11-29");
        assert_eq!(f.events(), vec![], "{text}");
    }
    // `không khí`, `hàng không` negate nothing
    let f = Fixture::new(
        "Trong không khí thân tình, Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Tharman Shanmugaratnam.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Tharman Shanmugaratnam", "SG", &["Tổng thống Tharman Shanmugaratnam"]);
    assert_eq!(f.events().len(), 1);
}

#[test]
fn one_host_receiving_two_ambassadors_gives_two_receptions() {
    let f = Fixture::new(
        "Cùng ngày, tại Hà Nội, Chủ tịch nước Lương Cường tiếp Đại sứ Australia Andrew Goledzinowski và Đại sứ Nam Phi Vuyiswa Tulelo đến trình quốc thư. Tiếp Đại sứ Andrew Goledzinowski, Chủ tịch nước đề nghị Australia tiếp tục hỗ trợ Việt Nam ứng phó biến đổi khí hậu.",
    )
    .person("Lương Cường", "VN", &["Chủ tịch nước Lương Cường", "Chủ tịch nước"])
    .person(
        "Andrew Goledzinowski",
        "AU",
        &["Đại sứ Australia Andrew Goledzinowski", "Đại sứ Andrew Goledzinowski"],
    )
    .person("Vuyiswa Tulelo", "ZA", &["Đại sứ Nam Phi Vuyiswa Tulelo"])
    .country("Australia", "AU")
    .date("Cùng ngày", "2025-03-12");
    let e = f.events();
    assert!(e.contains(&ev(
        "reception",
        Some("2025-03-12"),
        &["Lương Cường", "Andrew Goledzinowski"]
    )));
    assert!(e.contains(&ev(
        "reception",
        Some("2025-03-12"),
        &["Lương Cường", "Vuyiswa Tulelo"]
    )));
    assert_eq!(e.iter().filter(|x| x.0 == "reception").count(), 2, "{e:?}");
}

#[test]
fn visitors_of_reported_planned_and_nominal_visits() {
    // reported speech: the visitor is the reported clause's subject
    let f = Fixture::new(
        "Đại sứ Urawadee Sriphiromya cho biết Thủ tướng Thái Lan Paetongtarn Shinawatra dự kiến thăm chính thức Việt Nam vào đầu tháng 12.",
    )
    .person("Urawadee Sriphiromya", "TH", &["Đại sứ Urawadee Sriphiromya"])
    .person(
        "Paetongtarn Shinawatra",
        "TH",
        &["Thủ tướng Thái Lan Paetongtarn Shinawatra"],
    )
    .country("Việt Nam", "VN")
    .date("đầu tháng 12", "2024-12");
    assert_eq!(
        f.events(),
        vec![ev("visit", Some("2024-12"), &["Paetongtarn Shinawatra"])]
    );
    // a plan dated by a fronted month
    let f = Fixture::new(
        "Theo kế hoạch, đầu tháng 12, Bộ trưởng Bùi Thanh Sơn sẽ sang thăm chính thức Nhật Bản.",
    )
    .person("Bùi Thanh Sơn", "VN", &["Bộ trưởng Bùi Thanh Sơn"])
    .country("Nhật Bản", "JP")
    .date("đầu tháng 12", "2024-12");
    assert_eq!(
        f.events(),
        vec![ev("visit", Some("2024-12"), &["Bùi Thanh Sơn"])]
    );
    // `Chuyến thăm … của X`, however far the `của`
    let f = Fixture::new(
        "Chuyến thăm Bỉ và làm việc với EU của Thủ tướng Nguyễn Tấn Dũng diễn ra từ ngày 25 đến 28/6.",
    )
    .person("Nguyễn Tấn Dũng", "VN", &["Thủ tướng Nguyễn Tấn Dũng"])
    .country("Bỉ", "BE")
    .date("ngày 25 đến 28/6", "2012-06-25/2012-06-28");
    assert_eq!(
        f.events(),
        vec![ev("visit", Some("2012-06-25"), &["Nguyễn Tấn Dũng"])]
    );
}

#[test]
fn a_proposal_at_a_referred_encounter_is_made_to_its_other_side() {
    let f = Fixture::new(
        "Hôm nay, tại thủ đô Doha, Quốc vương Qatar Tamim bin Hamad Al Thani hội đàm với Thủ tướng Phạm Minh Chính. Tại hội đàm, Thủ tướng đề nghị Quỹ Đầu tư Quốc gia Qatar xem xét đầu tư vào các dự án năng lượng tại Việt Nam.",
    )
    .person(
        "Tamim bin Hamad Al Thani",
        "QA",
        &["Quốc vương Qatar Tamim bin Hamad Al Thani"],
    )
    .person(
        "Phạm Minh Chính",
        "VN",
        &["Thủ tướng Phạm Minh Chính", "Thủ tướng"],
    )
    .country("Việt Nam", "VN")
    .date("Hôm nay", "2024-10-30");
    assert!(f.events().contains(&ev(
        "proposal",
        Some("2024-10-30"),
        &["Phạm Minh Chính", "Tamim bin Hamad Al Thani"]
    )));
}

#[test]
fn a_forum_with_a_lowercase_topic_is_attended() {
    let f = Fixture::new(
        "Theo kế hoạch, sáng 4.3, Chủ tịch nước Trần Đại Quang sẽ dự Diễn đàn doanh nghiệp Việt Nam - Ấn Độ. Trước đó, sáng 2.3, Chủ tịch nước Trần Đại Quang đã dự lễ khai mạc Diễn đàn doanh nghiệp Việt Nam - Bỉ.",
    )
    .person("Trần Đại Quang", "VN", &["Chủ tịch nước Trần Đại Quang"])
    .date("sáng 4.3", "2018-03-04")
    .date("sáng 2.3", "2018-03-02");
    let occasions: Vec<Option<String>> = extract(&f.doc)
        .into_iter()
        .filter(|e| e.kind == EventType::SummitAttendance)
        .map(|e| e.occasion)
        .collect();
    assert_eq!(
        occasions,
        vec![
            Some("Diễn đàn doanh nghiệp Việt Nam - Ấn Độ".to_string()),
            Some("Diễn đàn doanh nghiệp Việt Nam - Bỉ".to_string())
        ]
    );
}

#[test]
fn a_forum_attended_afterwards_is_not_the_meetings_setting() {
    let f = Fixture::new(
        "Theo kế hoạch, sáng 4.3, Chủ tịch nước Trần Đại Quang sẽ gặp Thủ tướng Narendra Modi và dự Diễn đàn doanh nghiệp Việt Nam - Ấn Độ.",
    )
    .person("Trần Đại Quang", "VN", &["Chủ tịch nước Trần Đại Quang"])
    .person("Narendra Modi", "IN", &["Thủ tướng Narendra Modi"])
    .date("sáng 4.3", "2018-03-04");
    let e = extract(&f.doc);
    let meeting = e.iter().find(|e| e.kind == EventType::Meeting).unwrap();
    assert_eq!(meeting.occasion, None);
    assert!(e.iter().any(|e| e.kind == EventType::SummitAttendance
        && e.occasion.as_deref() == Some("Diễn đàn doanh nghiệp Việt Nam - Ấn Độ")));
}

#[test]
fn a_date_after_a_proposal_is_the_time_of_what_is_proposed() {
    let f = Fixture::new(
        "Chiều 27/6/2012, Thủ tướng Nguyễn Tấn Dũng hội đàm với Chủ tịch José Manuel Barroso. Thủ tướng đề nghị Chủ tịch José Manuel Barroso khởi động đàm phán Hiệp định thương mại tự do trong năm nay.",
    )
    .person(
        "Nguyễn Tấn Dũng",
        "VN",
        &["Thủ tướng Nguyễn Tấn Dũng", "Thủ tướng"],
    )
    .person("José Manuel Barroso", "PT", &["Chủ tịch José Manuel Barroso"])
    .date("Chiều 27/6/2012", "2012-06-27")
    .date("năm nay", "2012");
    assert!(f.events().contains(&ev(
        "proposal",
        Some("2012-06-27"),
        &["Nguyễn Tấn Dũng", "José Manuel Barroso"]
    )));
}

#[test]
fn a_figure_about_a_country_does_not_move_the_scene() {
    let f = Fixture::new(
        "Ngày 5/12, Chủ tịch nước Nguyễn Xuân Phúc hội đàm với Tổng thống Yoon Suk Yeol tại Hàn Quốc. Hàn Quốc là nhà đầu tư nước ngoài lớn nhất tại Việt Nam với tổng vốn gần 81 tỷ USD. Chủ tịch nước mời Tổng thống Yoon Suk Yeol sớm thăm Việt Nam.",
    )
    .person(
        "Nguyễn Xuân Phúc",
        "VN",
        &["Chủ tịch nước Nguyễn Xuân Phúc", "Chủ tịch nước"],
    )
    .person("Yoon Suk Yeol", "KR", &["Tổng thống Yoon Suk Yeol"])
    .country("Hàn Quốc", "KR")
    .country("Việt Nam", "VN")
    .date("Ngày 5/12", "2022-12-05");
    let e = extract(&f.doc);
    let inv = e.iter().find(|e| e.kind == EventType::Invitation).unwrap();
    assert_eq!(inv.location.country.as_deref(), Some("KR"));
}

#[test]
fn a_plural_title_is_the_pair_not_the_person_it_names() {
    let f = Fixture::new(
        "Ngày 30/3, tại La Habana, Chủ tịch Quốc hội Vương Đình Huệ hội đàm với Chủ tịch Quốc hội Cuba Esteban Lazo Hernández. Sau hội đàm, hai Chủ tịch Quốc hội ký Thoả thuận hợp tác giữa Quốc hội Việt Nam và Quốc hội Cuba.",
    )
    .person(
        "Vương Đình Huệ",
        "VN",
        &["Chủ tịch Quốc hội Vương Đình Huệ", "Chủ tịch Quốc hội"],
    )
    .person(
        "Esteban Lazo Hernández",
        "CU",
        &["Chủ tịch Quốc hội Cuba Esteban Lazo Hernández"],
    )
    .date("Ngày 30/3", "2023-03-30");
    assert!(f.events().contains(&ev(
        "agreement_signing",
        Some("2023-03-30"),
        &["Vương Đình Huệ", "Esteban Lazo Hernández"]
    )));
}

#[test]
fn a_delegation_attending_is_no_named_leaders_attendance() {
    let f = Fixture::new(
        "Tối 21/5, Tổng thống Cyril Ramaphosa cảm ơn Chủ tịch nước Tô Lâm đã cử đoàn dự lễ nhậm chức của ông.",
    )
    .person("Cyril Ramaphosa", "ZA", &["Tổng thống Cyril Ramaphosa"])
    .person("Tô Lâm", "VN", &["Chủ tịch nước Tô Lâm"])
    .date("Tối 21/5", "2024-05-21");
    assert_eq!(f.events(), vec![]);
}

#[test]
fn a_summit_with_the_participation_of_a_third_leader() {
    let f = Fixture::new(
        "Cùng ngày, Thủ tướng Phạm Minh Chính và các lãnh đạo ASEAN dự Hội nghị Cấp cao ASEAN - Trung Quốc với sự tham gia của Thủ tướng Trung Quốc Lý Cường.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Lý Cường", "CN", &["Thủ tướng Trung Quốc Lý Cường"])
    .date("Cùng ngày", "2023-09-06");
    assert_eq!(
        f.events(),
        vec![ev(
            "summit_attendance",
            Some("2023-09-06"),
            &["Phạm Minh Chính", "Lý Cường"]
        )]
    );
}

#[test]
fn the_inviter_named_before_a_visit_is_no_visitor() {
    let f = Fixture::new(
        "Bộ trưởng Lloyd Austin nhận lời mời của Đại tướng Phan Văn Giang sẽ thăm Việt Nam vào năm tới.",
    )
    .person("Lloyd Austin", "US", &["Bộ trưởng Lloyd Austin"])
    .person("Phan Văn Giang", "VN", &["Đại tướng Phan Văn Giang"])
    .country("Việt Nam", "VN")
    .date("năm tới", "2024");
    let e = f.events();
    assert!(
        e.contains(&ev("visit", Some("2024"), &["Lloyd Austin"])),
        "{e:?}"
    );
}

#[test]
fn a_proposal_right_after_an_audience_is_made_to_its_other_side() {
    let f = Fixture::new(
        "Chiều 14/8, Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh tiếp Đại sứ Nhật Bản Yamada Takio. Đại sứ Yamada Takio đề nghị thành phố đẩy nhanh tiến độ tuyến đường sắt đô thị số 1.",
    )
    .person("Trần Sỹ Thanh", "VN", &["Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh"])
    .person(
        "Yamada Takio",
        "JP",
        &["Đại sứ Nhật Bản Yamada Takio", "Đại sứ Yamada Takio"],
    )
    .date("Chiều 14/8", "2023-08-14");
    assert!(f.events().contains(&ev(
        "proposal",
        Some("2023-08-14"),
        &["Yamada Takio", "Trần Sỹ Thanh"]
    )));
}

#[test]
fn a_proposal_while_the_narrative_is_still_about_a_call() {
    let f = Fixture::new(
        "Tối 15/1, Thủ tướng Phạm Minh Chính đã điện đàm với Chủ tịch Ủy ban châu Âu Ursula von der Leyen. Bà von der Leyen chúc mừng Việt Nam. Hai nhà lãnh đạo nhất trí thúc đẩy hợp tác. Thủ tướng đề nghị EC sớm gỡ bỏ thẻ vàng IUU.",
    )
    .person(
        "Phạm Minh Chính",
        "VN",
        &["Thủ tướng Phạm Minh Chính", "Thủ tướng"],
    )
    .person(
        "Ursula von der Leyen",
        "BE",
        &["Chủ tịch Ủy ban châu Âu Ursula von der Leyen", "Bà von der Leyen"],
    )
    .date("Tối 15/1", "2025-01-15");
    assert!(f.events().contains(&ev(
        "proposal",
        Some("2025-01-15"),
        &["Phạm Minh Chính", "Ursula von der Leyen"]
    )));
}

#[test]
fn a_date_after_coordinated_predicates_dates_both() {
    let f = Fixture::new(
        "Chủ tịch nước Lương Cường thăm chính thức Peru và dự Tuần lễ Cấp cao APEC 2024 tại thủ đô Lima ngày 12-16/11. Chiều nay, Tổng Bí thư Tô Lâm kết thúc chuyến thăm cấp nhà nước Lào từ ngày 11 đến 12/7 và chuyến thăm cấp nhà nước Campuchia từ ngày 12 đến 13/7.",
    )
    .person("Lương Cường", "VN", &["Chủ tịch nước Lương Cường"])
    .person("Tô Lâm", "VN", &["Tổng Bí thư Tô Lâm"])
    .country("Peru", "PE")
    .country("Lào", "LA")
    .country("Campuchia", "KH")
    .date("ngày 12-16/11", "2024-11-12/2024-11-16")
    .date("Chiều nay", "2024-07-13")
    .date("ngày 11 đến 12/7", "2024-07-11/2024-07-12")
    .date("ngày 12 đến 13/7", "2024-07-12/2024-07-13");
    let visits: Vec<(Option<String>, Option<String>)> = extract(&f.doc)
        .into_iter()
        .filter(|e| e.kind == EventType::Visit)
        .map(|e| (e.date, e.location.country))
        .collect();
    assert_eq!(
        visits,
        vec![
            (Some("2024-11-12".into()), Some("PE".into())),
            (Some("2024-07-11".into()), Some("LA".into())),
            (Some("2024-07-12".into()), Some("KH".into())),
        ]
    );
}

#[test]
fn leaders_arriving_for_a_summit_are_not_the_hosts_attendance() {
    let f = Fixture::new(
        "Chiều 10/11, tại thành phố Đà Nẵng, Chủ tịch nước Trần Đại Quang đã lần lượt tiếp Tổng thống Nga Vladimir Putin và Thủ tướng Canada Justin Trudeau, nhân dịp các nhà lãnh đạo sang Việt Nam dự Tuần lễ Cấp cao APEC 2017.\nChủ tịch nước Trần Đại Quang tiếp các nhà lãnh đạo dự Tuần lễ Cấp cao APEC 2017.",
    )
    .person("Trần Đại Quang", "VN", &["Chủ tịch nước Trần Đại Quang"])
    .person("Vladimir Putin", "RU", &["Tổng thống Nga Vladimir Putin"])
    .person("Justin Trudeau", "CA", &["Thủ tướng Canada Justin Trudeau"])
    .date("Chiều 10/11", "2017-11-10");
    assert!(
        f.events().iter().all(|e| e.0 != "summit_attendance"),
        "{:?}",
        f.events()
    );
}

#[test]
fn leaders_meeting_a_guest_in_turn_meet_him_each() {
    let f = Fixture::new(
        "Sáng nay, Chủ tịch nước Lương Cường và Thủ tướng Phạm Minh Chính sẽ lần lượt hội kiến Chủ tịch Quốc hội Woo Won-shik.",
    )
    .person("Lương Cường", "VN", &["Chủ tịch nước Lương Cường"])
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Woo Won-shik", "KR", &["Chủ tịch Quốc hội Woo Won-shik"])
    .date("Sáng nay", "2024-12-03");
    assert_eq!(
        f.events(),
        vec![
            ev(
                "meeting",
                Some("2024-12-03"),
                &["Lương Cường", "Woo Won-shik"]
            ),
            ev(
                "meeting",
                Some("2024-12-03"),
                &["Phạm Minh Chính", "Woo Won-shik"]
            ),
        ]
    );
}

#[test]
fn what_an_event_is_is_not_another_event() {
    let f = Fixture::new(
        "Sáng 2/12, Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Mohamed bin Zayed Al Nahyan. Đây là cuộc gặp thứ hai giữa hai nhà lãnh đạo trong năm 2023.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person(
        "Mohamed bin Zayed Al Nahyan",
        "AE",
        &["Tổng thống Mohamed bin Zayed Al Nahyan"],
    )
    .date("Sáng 2/12", "2023-12-02")
    .date("năm 2023", "2023");
    assert_eq!(
        f.events(),
        vec![ev(
            "talks",
            Some("2023-12-02"),
            &["Phạm Minh Chính", "Mohamed bin Zayed Al Nahyan"]
        )]
    );
}

#[test]
fn the_hosts_of_a_welcome_are_no_visitors_and_a_proposals_content_no_place() {
    let f = Fixture::new(
        "Sáng 28/11, Nhà vua Naruhito và Hoàng hậu Masako chủ trì lễ đón Chủ tịch nước Võ Văn Thưởng thăm chính thức Nhật Bản từ ngày 27/11 đến 30/11. Chủ tịch nước Võ Văn Thưởng đề nghị Nhà vua Naruhito quan tâm tới người Việt Nam tại Hàn Quốc.",
    )
    .person("Naruhito", "JP", &["Nhà vua Naruhito"])
    .person("Masako", "JP", &["Hoàng hậu Masako"])
    .person("Võ Văn Thưởng", "VN", &["Chủ tịch nước Võ Văn Thưởng"])
    .country("Nhật Bản", "JP")
    .country("Hàn Quốc", "KR")
    .date("Sáng 28/11", "2023-11-28")
    .date("ngày 27/11 đến 30/11", "2023-11-27/2023-11-30");
    let e = extract(&f.doc);
    let visit = e.iter().find(|e| e.kind == EventType::Visit).unwrap();
    assert_eq!(visit.participants.len(), 1);
    let proposal = e.iter().find(|e| e.kind == EventType::Proposal).unwrap();
    assert_ne!(proposal.location.country.as_deref(), Some("KR"));
}

#[test]
fn a_proposal_next_to_an_explicit_invitation_of_the_same_speaker() {
    let f = Fixture::new(
        "Ngày 1/12, Tổng thống Ai Cập Abdel Fattah al-Sisi đề nghị Việt Nam tăng cường hợp tác nông nghiệp và mời Thủ tướng Phạm Minh Chính thăm Ai Cập.",
    )
    .person(
        "Abdel Fattah al-Sisi",
        "EG",
        &["Tổng thống Ai Cập Abdel Fattah al-Sisi"],
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .country("Việt Nam", "VN")
    .country("Ai Cập", "EG")
    .date("Ngày 1/12", "2023-12-01");
    let kinds: Vec<String> = f.events().into_iter().map(|e| e.0).collect();
    assert!(kinds.contains(&"proposal".to_string()), "{kinds:?}");
    assert!(kinds.contains(&"invitation".to_string()), "{kinds:?}");
}

#[test]
fn wishes_are_the_irrealis_words_without_the_plans() {
    let expected: Vec<&str> = IRREALIS
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "sẽ" | "dự kiến" | "chuẩn bị"))
        .collect();
    assert_eq!(WISHES, expected.as_slice());
}

#[test]
fn meetings_listed_as_bullets() {
    let f = Fixture::new(
        "Chiều 26/10, Thủ tướng Phạm Minh Chính đã có các cuộc gặp song phương:\n- Với Thủ tướng Malaysia Anwar Ibrahim: hai bên nhất trí sớm đưa thương mại song phương lên 18 tỷ USD.\n- Với Tổng thống Brazil Luiz Inácio Lula da Silva: Tổng thống Lula da Silva đề nghị Việt Nam mở cửa thị trường cho thịt bò Brazil.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Anwar Ibrahim", "MY", &["Thủ tướng Malaysia Anwar Ibrahim"])
    .person(
        "Luiz Inácio Lula da Silva",
        "BR",
        &[
            "Tổng thống Brazil Luiz Inácio Lula da Silva",
            "Tổng thống Lula da Silva",
        ],
    )
    .country("Việt Nam", "VN")
    .date("Chiều 26/10", "2025-10-26");
    let e = f.events();
    assert!(
        e.contains(&ev(
            "meeting",
            Some("2025-10-26"),
            &["Phạm Minh Chính", "Anwar Ibrahim"]
        )),
        "{e:?}"
    );
    assert!(e.contains(&ev(
        "meeting",
        Some("2025-10-26"),
        &["Phạm Minh Chính", "Luiz Inácio Lula da Silva"]
    )));
    assert!(e.contains(&ev(
        "proposal",
        Some("2025-10-26"),
        &["Luiz Inácio Lula da Silva", "Phạm Minh Chính"]
    )));
    assert!(!e.contains(&ev("meeting", Some("2025-10-26"), &["Phạm Minh Chính"])));
}

#[test]
fn chairing_a_summit_is_attending_it_and_a_requested_signing_is_no_signing() {
    let f = Fixture::new(
        "Ngày 26/6/2020, tại Hà Nội, Thủ tướng Nguyễn Xuân Phúc đã chủ trì Hội nghị Cấp cao ASEAN lần thứ 36 theo hình thức trực tuyến. Thủ tướng Nguyễn Xuân Phúc đề nghị các nước ASEAN sớm ký Hiệp định RCEP trong năm 2020.",
    )
    .person("Nguyễn Xuân Phúc", "VN", &["Thủ tướng Nguyễn Xuân Phúc"])
    .date("Ngày 26/6/2020", "2020-06-26")
    .date("năm 2020", "2020");
    let kinds: Vec<String> = f.events().into_iter().map(|e| e.0).collect();
    assert!(
        kinds.contains(&"summit_attendance".to_string()),
        "{kinds:?}"
    );
    assert!(
        !kinds.contains(&"agreement_signing".to_string()),
        "{kinds:?}"
    );
    // `được … chủ trì` with no named occasion is the reception's verb, no attendance
    let f = Fixture::new(
        "Lễ đón chính thức Chủ tịch nước Nguyễn Xuân Phúc được Tổng thống Yoon Suk Yeol chủ trì tại Văn phòng Tổng thống sáng 5/12.",
    )
    .person("Nguyễn Xuân Phúc", "VN", &["Chủ tịch nước Nguyễn Xuân Phúc"])
    .person("Yoon Suk Yeol", "KR", &["Tổng thống Yoon Suk Yeol"])
    .date("sáng 5/12", "2022-12-05");
    assert_eq!(
        f.events(),
        vec![ev(
            "reception",
            Some("2022-12-05"),
            &["Nguyễn Xuân Phúc", "Yoon Suk Yeol"]
        )]
    );
}

#[test]
fn a_community_of_a_country_is_not_its_leaders() {
    let f = Fixture::new(
        "Thủ tướng Nguyễn Tấn Dũng hội kiến Tổng thống Pháp François Hollande ngày 25/9. Ngày 26/9, Thủ tướng Nguyễn Tấn Dũng sẽ gặp gỡ cộng đồng doanh nghiệp Pháp.",
    )
    .person("Nguyễn Tấn Dũng", "VN", &["Thủ tướng Nguyễn Tấn Dũng"])
    .person("François Hollande", "FR", &["Tổng thống Pháp François Hollande"])
    .country("Pháp", "FR")
    .date("ngày 25/9", "2013-09-25")
    .date("Ngày 26/9", "2013-09-26");
    assert!(f
        .events()
        .contains(&ev("meeting", Some("2013-09-26"), &["Nguyễn Tấn Dũng"])));
}

#[test]
fn a_delegation_led_by_a_named_official() {
    let f = Fixture::new(
        "Chiều 17/6, Tổng Bí thư Nguyễn Phú Trọng tiếp đoàn đại biểu cấp cao Đảng Cộng sản Trung Quốc do Ủy viên Bộ Chính trị, Trưởng Ban Liên lạc Đối ngoại Trung ương Lưu Kiến Siêu dẫn đầu.",
    )
    .person("Nguyễn Phú Trọng", "VN", &["Tổng Bí thư Nguyễn Phú Trọng"])
    .person("Lưu Kiến Siêu", "CN", &["Lưu Kiến Siêu"])
    .date("Chiều 17/6", "2024-06-17");
    assert_eq!(
        f.events(),
        vec![ev(
            "reception",
            Some("2024-06-17"),
            &["Nguyễn Phú Trọng", "Lưu Kiến Siêu"]
        )]
    );
}

#[test]
fn a_guest_attending_the_banquet_just_told() {
    let f = Fixture::new(
        "Tối 5/5, Nhà vua Charles III chủ trì tiệc chiêu đãi các trưởng đoàn quốc tế. Phó Chủ tịch nước Võ Thị Ánh Xuân đã dự tiệc chiêu đãi.",
    )
    .person("Charles III", "GB", &["Nhà vua Charles III"])
    .person("Võ Thị Ánh Xuân", "VN", &["Phó Chủ tịch nước Võ Thị Ánh Xuân"])
    .date("Tối 5/5", "2023-05-05");
    assert_eq!(
        f.events(),
        vec![ev(
            "reception",
            Some("2023-05-05"),
            &["Charles III", "Võ Thị Ánh Xuân"]
        )]
    );
}

#[test]
fn an_audience_with_a_king_and_a_week_dated_plan() {
    let f = Fixture::new(
        "Chiều 15/5, Thủ tướng Phạm Minh Chính đã yết kiến Nhà vua Thái Lan Maha Vajiralongkorn. Thủ tướng Phạm Minh Chính dự Hội nghị tương lai châu Á lần thứ 29 tại Tokyo vào tuần tới.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person(
        "Maha Vajiralongkorn",
        "TH",
        &["Nhà vua Thái Lan Maha Vajiralongkorn"],
    )
    .date("Chiều 15/5", "2024-05-15")
    .date("tuần tới", "2024-W21");
    let e = f.events();
    assert!(e.contains(&ev(
        "meeting",
        Some("2024-05-15"),
        &["Phạm Minh Chính", "Maha Vajiralongkorn"]
    )));
    // a week inside one month dates the event to the month
    assert!(
        e.contains(&ev(
            "summit_attendance",
            Some("2024-05"),
            &["Phạm Minh Chính"]
        )),
        "{e:?}"
    );
}

#[test]
fn a_headline_call_the_body_tells_as_online_talks() {
    let f = Fixture::new(
        "Thủ tướng điện đàm với Tổng thống Mexico\nCùng ngày 11/6, Thủ tướng Phạm Minh Chính hội đàm trực tuyến với Tổng thống Mexico Claudia Sheinbaum Pardo.",
    )
    .person(
        "Phạm Minh Chính",
        "VN",
        &["Thủ tướng Phạm Minh Chính", "Thủ tướng"],
    )
    .person(
        "Claudia Sheinbaum Pardo",
        "MX",
        &["Tổng thống Mexico Claudia Sheinbaum Pardo", "Tổng thống Mexico"],
    )
    .date("ngày 11/6", "2025-06-11");
    assert_eq!(
        f.events(),
        vec![ev(
            "talks",
            Some("2025-06-11"),
            &["Phạm Minh Chính", "Claudia Sheinbaum Pardo"]
        )]
    );
}

#[test]
fn a_proposal_in_a_phone_call_has_no_place() {
    let f = Fixture::new(
        "Trưa nay, tại Hà Nội, Thủ tướng Phạm Minh Chính tiếp Tổng Thư ký ASEAN Kao Kim Hourn. Tối qua, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng Nhật Bản Fumio Kishida. Thủ tướng Kishida đề nghị hai bên sớm ký kết thỏa thuận về lao động.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Kao Kim Hourn", "KH", &["Tổng Thư ký ASEAN Kao Kim Hourn"])
    .person(
        "Fumio Kishida",
        "JP",
        &["Thủ tướng Nhật Bản Fumio Kishida", "Thủ tướng Kishida"],
    )
    .country("Nhật Bản", "JP")
    .date("Trưa nay", "2024-03-05")
    .date("Tối qua", "2024-03-04");
    let e = extract(&f.doc);
    let p = e.iter().find(|e| e.kind == EventType::Proposal).unwrap();
    assert_eq!(p.date.as_deref(), Some("2024-03-04"));
    assert_eq!(p.location.country, None);
}

#[test]
fn an_event_called_off_after_it_is_told_is_no_event() {
    let f = Fixture::new(
        "Bên lề Khóa họp, Chủ tịch nước đã gặp Thủ tướng Fiji Sitiveni Rabuka. Theo chương trình, Chủ tịch nước cũng gặp Tổng thống Brazil Luiz Inácio Lula da Silva, song cuộc gặp đã không diễn ra do lịch trình của Tổng thống Lula thay đổi. Cuộc gặp dự kiến giữa Chủ tịch nước với Cố vấn Nhà nước Myanmar Aung San Suu Kyi đã không diễn ra do bà không tham dự Hội nghị.",
    )
    .person("Lương Cường", "VN", &["Chủ tịch nước"])
    .person("Sitiveni Rabuka", "FJ", &["Thủ tướng Fiji Sitiveni Rabuka"])
    .person(
        "Luiz Inácio Lula da Silva",
        "BR",
        &["Tổng thống Brazil Luiz Inácio Lula da Silva", "Tổng thống Lula"],
    )
    .person(
        "Aung San Suu Kyi",
        "MM",
        &["Cố vấn Nhà nước Myanmar Aung San Suu Kyi"],
    );
    assert_eq!(
        f.events(),
        vec![ev("meeting", None, &["Lương Cường", "Sitiveni Rabuka"])]
    );
}

#[test]
fn a_postponed_meeting_and_a_country_asking_are_no_events() {
    let f = Fixture::new(
        "Theo kế hoạch ban đầu, chiều 10/4 Chủ tịch Quốc hội sẽ gặp Thị trưởng Lima Luis Castañeda, nhưng cuộc gặp đã được hoãn sang dịp khác do phía Peru đề nghị điều chỉnh lịch trình.",
    )
    .person("Nguyễn Sinh Hùng", "VN", &["Chủ tịch Quốc hội"])
    .person("Luis Castañeda", "PE", &["Thị trưởng Lima Luis Castañeda"])
    .country("Peru", "PE")
    .date("chiều 10/4", "2015-04-10");
    assert_eq!(f.events(), vec![]);
}

#[test]
fn a_session_of_a_summit_and_leaders_received_unnamed() {
    let f = Fixture::new(
        "Sáng 23/9, Chủ tịch nước Lương Cường dự và phát biểu tại Phiên thảo luận chung cấp cao Khóa họp thứ 80 Đại hội đồng Liên hợp quốc. Ngày 24/9, Chủ tịch nước sẽ dự phiên thảo luận về triển vọng kinh tế khu vực và tiếp lãnh đạo Tập đoàn Nestlé trước khi về nước.",
    )
    .person("Lương Cường", "VN", &["Chủ tịch nước Lương Cường", "Chủ tịch nước"])
    .date("Sáng 23/9", "2025-09-23")
    .date("Ngày 24/9", "2025-09-24");
    assert_eq!(
        f.events(),
        vec![
            ev("summit_attendance", Some("2025-09-23"), &["Lương Cường"]),
            ev("summit_attendance", Some("2025-09-24"), &["Lương Cường"]),
            ev("reception", Some("2025-09-24"), &["Lương Cường"]),
        ]
    );
    let e = extract(&f.doc);
    assert!(
        e[0].occasion
            .as_deref()
            .is_some_and(|o| o.starts_with("Khóa họp thứ 80")),
        "{:?}",
        e[0].occasion
    );
}

#[test]
fn a_fronted_phrase_refers_back_to_the_encounter_told() {
    let f = Fixture::new(
        "Bên lề Khóa họp, trong ngày 23/9, Chủ tịch nước đã gặp Tổng thống Kazakhstan Kassym-Jomart Tokayev và Thủ tướng Fiji Sitiveni Rabuka. Trao đổi với Tổng thống Kassym-Jomart Tokayev, hai bên nhất trí sớm mở đường bay thẳng. Gặp Chủ tịch nước, Thủ tướng Sitiveni Rabuka nhắc lại những ấn tượng sâu sắc trong chuyến thăm chính thức Việt Nam hồi tháng 10/2024.",
    )
    .person("Lương Cường", "VN", &["Chủ tịch nước"])
    .person(
        "Kassym-Jomart Tokayev",
        "KZ",
        &["Tổng thống Kazakhstan Kassym-Jomart Tokayev", "Tổng thống Kassym-Jomart Tokayev"],
    )
    .person("Sitiveni Rabuka", "FJ", &["Thủ tướng Fiji Sitiveni Rabuka", "Thủ tướng Sitiveni Rabuka"])
    .country("Việt Nam", "VN")
    .date("ngày 23/9", "2025-09-23")
    .date("tháng 10/2024", "2024-10");
    assert_eq!(
        f.events(),
        vec![
            ev(
                "meeting",
                Some("2025-09-23"),
                &["Lương Cường", "Kassym-Jomart Tokayev"]
            ),
            ev(
                "meeting",
                Some("2025-09-23"),
                &["Lương Cường", "Sitiveni Rabuka"]
            ),
            ev("visit", Some("2024-10"), &["Sitiveni Rabuka"]),
        ]
    );
}

#[test]
fn a_visit_fronted_after_a_dateline() {
    let f = Fixture::new(
        "Lima, 9/4 - Trong khuôn khổ chuyến thăm chính thức Cộng hòa Peru từ ngày 8 đến 11/4, chiều 9/4 (giờ địa phương), Chủ tịch Quốc hội Nguyễn Sinh Hùng đã hội đàm với Chủ tịch Quốc hội Peru Ana María Solórzano Flores.",
    )
    .person("Nguyễn Sinh Hùng", "VN", &["Chủ tịch Quốc hội Nguyễn Sinh Hùng"])
    .person(
        "Ana María Solórzano Flores",
        "PE",
        &["Chủ tịch Quốc hội Peru Ana María Solórzano Flores"],
    )
    .country("Peru", "PE")
    .date("9/4", "2015-04-09")
    .date("ngày 8 đến 11/4", "2015-04-08/2015-04-11");
    let mut got = f.events();
    got.sort();
    assert_eq!(
        got,
        vec![
            ev(
                "talks",
                Some("2015-04-09"),
                &["Nguyễn Sinh Hùng", "Ana María Solórzano Flores"]
            ),
            ev("visit", Some("2015-04-08"), &["Nguyễn Sinh Hùng"]),
        ]
    );
}

#[test]
fn a_witnessed_signing_an_appositive_counterpart_and_a_name_ending_in_nhan() {
    let f = Fixture::new(
        "Bên lề Hội nghị, Phó Thủ tướng Nguyễn Thiện Nhân đã có cuộc gặp với Người sáng lập kiêm Chủ tịch điều hành WEF, Giáo sư Klaus Schwab. Cũng trong ngày 26/1, dưới sự chứng kiến của Phó Thủ tướng Nguyễn Thiện Nhân, Bộ trưởng Bộ Kế hoạch và Đầu tư Bùi Quang Vinh và Giáo sư Klaus Schwab đã ký Bản ghi nhớ hợp tác. Ngày mai (28/1), Phó Thủ tướng Nguyễn Thiện Nhân sẽ dự phiên thảo luận về triển vọng kinh tế khu vực.",
    )
    .person("Nguyễn Thiện Nhân", "VN", &["Phó Thủ tướng Nguyễn Thiện Nhân"])
    .person("Klaus Schwab", "", &["Giáo sư Klaus Schwab"])
    .person(
        "Bùi Quang Vinh",
        "VN",
        &["Bộ trưởng Bộ Kế hoạch và Đầu tư Bùi Quang Vinh"],
    )
    .title("Chủ tịch")
    .title("Giáo sư")
    .date("ngày 26/1", "2012-01-26")
    .date("Ngày mai", "2012-01-28");
    let got = f.events();
    assert!(
        got.contains(&ev("meeting", None, &["Nguyễn Thiện Nhân", "Klaus Schwab"])),
        "{got:?}"
    );
    assert!(
        got.contains(&ev(
            "agreement_signing",
            Some("2012-01-26"),
            &["Nguyễn Thiện Nhân", "Bùi Quang Vinh", "Klaus Schwab"]
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&ev(
            "summit_attendance",
            Some("2012-01-28"),
            &["Nguyễn Thiện Nhân"]
        )),
        "{got:?}"
    );
}

#[test]
fn the_chairs_of_a_summit_attend_it_and_a_treaty_opened_for_signature_is_a_ceremony() {
    let f = Fixture::new(
        "Sáng 10/1/2018, tại thủ đô Phnom Penh, Thủ tướng Nguyễn Xuân Phúc dự Hội nghị các nhà lãnh đạo Hợp tác Mekong - Lan Thương lần thứ hai, do Thủ tướng Campuchia Hun Sen và Thủ tướng Quốc vụ viện Trung Quốc Lý Khắc Cường đồng chủ trì. Tổng thư ký Guterres cho biết: “Tôi sẽ sang Hà Nội dự Lễ mở ký Công ước Liên hợp quốc về chống tội phạm mạng vào tháng 10 tới”.",
    )
    .person("Nguyễn Xuân Phúc", "VN", &["Thủ tướng Nguyễn Xuân Phúc"])
    .person("Hun Sen", "KH", &["Thủ tướng Campuchia Hun Sen"])
    .person(
        "Lý Khắc Cường",
        "CN",
        &["Thủ tướng Quốc vụ viện Trung Quốc Lý Khắc Cường"],
    )
    .person("António Guterres", "", &["Tổng thư ký Guterres"])
    .date("Sáng 10/1/2018", "2018-01-10")
    .date("tháng 10 tới", "2018-10");
    assert_eq!(
        f.events(),
        vec![
            ev(
                "summit_attendance",
                Some("2018-01-10"),
                &["Nguyễn Xuân Phúc", "Hun Sen", "Lý Khắc Cường"]
            ),
            ev("summit_attendance", Some("2018-10"), &["António Guterres"]),
        ]
    );
}

#[test]
fn a_visit_as_a_further_act_and_a_past_visit_dated_by_a_fronted_month() {
    let f = Fixture::new(
        "Ngày 12/3, Tổng thống Tinubu dự kiến hội kiến Chủ tịch Quốc hội và thăm Thành phố Hồ Chí Minh trước khi về nước. Trước đó, tháng 11/2025, Phó Chủ tịch nước Võ Thị Ánh Xuân đã thăm chính thức Nigeria và hội kiến Phó Tổng thống Kashim Shettima tại Abuja.",
    )
    .person("Bola Ahmed Tinubu", "NG", &["Tổng thống Tinubu"])
    .person("Võ Thị Ánh Xuân", "VN", &["Phó Chủ tịch nước Võ Thị Ánh Xuân"])
    .person("Kashim Shettima", "NG", &["Phó Tổng thống Kashim Shettima"])
    .country("Nigeria", "NG")
    .date("Ngày 12/3", "2026-03-12")
    .date("tháng 11/2025", "2025-11");
    let got = f.events();
    for e in [
        ev("visit", Some("2026-03-12"), &["Bola Ahmed Tinubu"]),
        ev("visit", Some("2025-11"), &["Võ Thị Ánh Xuân"]),
        ev(
            "meeting",
            Some("2025-11"),
            &["Võ Thị Ánh Xuân", "Kashim Shettima"],
        ),
    ] {
        assert!(got.contains(&e), "{e:?} not in {got:?}");
    }
}

#[test]
fn an_occasion_told_with_its_acronym_in_brackets_is_the_acronyms() {
    assert!(occasions_match(
        Some("Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8"),
        Some("Hội nghị Cấp cao ASEM 8")
    ));
    assert!(!occasions_match(
        Some("Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8"),
        Some("Hội nghị Cấp cao ASEM 9")
    ));
    // and the same name written without the acronym
    assert!(occasions_match(
        Some("Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8"),
        Some("Hội nghị Cấp cao Á - Âu lần thứ 8")
    ));
    assert!(!occasions_match(
        Some("Hội nghị Cấp cao ASEAN (ASEAN) lần thứ 8"),
        Some("Hội nghị Cấp cao Á - Âu lần thứ 8")
    ));
}

#[test]
fn on_this_occasion_a_coordinated_list_and_a_meeting_moved_to_another_day() {
    let f = Fixture::new(
        "Sáng 5/10, Thủ tướng Yves Leterme chủ trì lễ đón chính thức Thủ tướng Nguyễn Tấn Dũng. Nhân dịp này, Thủ tướng Nguyễn Tấn Dũng đã hội kiến Quốc vương Albert II. Ngày 6/10, Thủ tướng Nguyễn Tấn Dũng đã gặp Chủ tịch Hội đồng châu Âu Herman Van Rompuy, Thủ tướng Đức Angela Merkel và có các cuộc gặp ngắn với lãnh đạo Đan Mạch, Phần Lan và Ba Lan. Cuộc gặp với Thủ tướng Nhật Bản Naoto Kan dự kiến diễn ra chiều 6/10 đã được chuyển sang sáng 7/10 do lịch trình Hội nghị kéo dài.",
    )
    .person("Yves Leterme", "BE", &["Thủ tướng Yves Leterme"])
    .person("Nguyễn Tấn Dũng", "VN", &["Thủ tướng Nguyễn Tấn Dũng"])
    .person("Albert II", "BE", &["Quốc vương Albert II"])
    .person(
        "Herman Van Rompuy",
        "",
        &["Chủ tịch Hội đồng châu Âu Herman Van Rompuy"],
    )
    .person("Angela Merkel", "DE", &["Thủ tướng Đức Angela Merkel"])
    .person("Naoto Kan", "JP", &["Thủ tướng Nhật Bản Naoto Kan"])
    .country("Đan Mạch", "DK")
    .country("Phần Lan", "FI")
    .country("Ba Lan", "PL")
    .date("Sáng 5/10", "2010-10-05")
    .date("Ngày 6/10", "2010-10-06")
    .date("chiều 6/10", "2010-10-06")
    .date("sáng 7/10", "2010-10-07");
    let got = f.events();
    for e in [
        ev(
            "meeting",
            Some("2010-10-05"),
            &["Nguyễn Tấn Dũng", "Albert II"],
        ),
        ev("meeting", Some("2010-10-06"), &["Nguyễn Tấn Dũng"]),
        ev(
            "meeting",
            Some("2010-10-07"),
            &["Nguyễn Tấn Dũng", "Naoto Kan"],
        ),
    ] {
        assert!(got.contains(&e), "{e:?} not in {got:?}");
    }
    assert!(
        !got.iter().any(|e| e.2 == vec!["Angela Merkel".to_string()]),
        "{got:?}"
    );
}

#[test]
fn a_summit_dated_by_a_clause_after_its_place_planned_side_meetings_and_no_plan() {
    let f = Fixture::new(
        "Chiều nay, Người phát ngôn Phạm Thu Hằng cho biết Tổng Bí thư Tô Lâm sẽ dẫn đầu đoàn đại biểu cấp cao Việt Nam dự Tuần lễ Cấp cao APEC 2026 tại thành phố Thâm Quyến, Trung Quốc, từ ngày 9 đến 12/11. Bên lề Tuần lễ Cấp cao, Tổng Bí thư dự kiến có các cuộc gặp với Tổng thống Hàn Quốc Lee Jae-myung. Người phát ngôn cho biết hiện chưa có kế hoạch tổ chức cuộc gặp giữa Tổng Bí thư với Tổng thống Mỹ Donald Trump.",
    )
    .person("Phạm Thu Hằng", "VN", &["Người phát ngôn Phạm Thu Hằng", "Người phát ngôn"])
    .person("Tô Lâm", "VN", &["Tổng Bí thư Tô Lâm", "Tổng Bí thư"])
    .person("Lee Jae-myung", "KR", &["Tổng thống Hàn Quốc Lee Jae-myung"])
    .person("Donald Trump", "US", &["Tổng thống Mỹ Donald Trump"])
    .country("Trung Quốc", "CN")
    .date("Chiều nay", "2026-10-20")
    .date("ngày 9 đến 12/11", "2026-11-09/2026-11-12");
    assert_eq!(
        f.events(),
        vec![
            ev("summit_attendance", Some("2026-11-09"), &["Tô Lâm"]),
            ev("meeting", Some("2026-11"), &["Tô Lâm", "Lee Jae-myung"]),
        ]
    );
}

#[test]
fn a_summit_attended_told_on_two_of_its_days_is_one_attendance() {
    let f = Fixture::new(
        "Chiều ngày 4 tháng 10 năm 2010, Thủ tướng Nguyễn Tấn Dũng tới Brussels, bắt đầu chuyến tham dự Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8 từ ngày 4 đến ngày 7 tháng 10. Ngày 6/10, Thủ tướng Nguyễn Tấn Dũng dự phiên khai mạc Hội nghị Cấp cao ASEM 8.",
    )
    .person("Nguyễn Tấn Dũng", "VN", &["Thủ tướng Nguyễn Tấn Dũng"])
    .date("Chiều ngày 4 tháng 10 năm 2010", "2010-10-04")
    .date("ngày 4 đến ngày 7 tháng 10", "2010-10-04/2010-10-07")
    .date("Ngày 6/10", "2010-10-06");
    let got: Vec<_> = f
        .events()
        .into_iter()
        .filter(|e| e.0 == "summit_attendance")
        .collect();
    assert_eq!(
        got,
        vec![ev(
            "summit_attendance",
            Some("2010-10-04"),
            &["Nguyễn Tấn Dũng"]
        )]
    );
}

#[test]
fn a_delegation_head_visits_comrades_sign_and_a_courtesy_call() {
    let f = Fixture::new(
        "Từ ngày 6 đến 9/4, đoàn đại biểu cấp cao Đảng Cộng sản Việt Nam do đồng chí Lê Hồng Anh, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư dẫn đầu thăm và làm việc tại Lào. Chiều 7/4, đồng chí Lê Hồng Anh hội đàm với đồng chí Bounnhang Vorachith. Sau hội đàm, hai đồng chí ký Biên bản thỏa thuận hợp tác. Sáng 8/4, đồng chí Lê Hồng Anh chào xã giao đồng chí Khamphao Ernthavanh. Chiều 8/4, Chủ tịch nước tiếp Đại sứ Hoa Kỳ David Shear đến chào xã giao.",
    )
    .person("Lê Hồng Anh", "VN", &["đồng chí Lê Hồng Anh"])
    .person("Bounnhang Vorachith", "LA", &["đồng chí Bounnhang Vorachith"])
    .person("Khamphao Ernthavanh", "LA", &["đồng chí Khamphao Ernthavanh"])
    .person("Trương Tấn Sang", "VN", &["Chủ tịch nước"])
    .person("David Shear", "US", &["Đại sứ Hoa Kỳ David Shear"])
    .country("Lào", "LA")
    .date("ngày 6 đến 9/4", "2014-04-06/2014-04-09")
    .date("Chiều 7/4", "2014-04-07")
    .date("Sáng 8/4", "2014-04-08")
    .date("Chiều 8/4", "2014-04-08");
    assert_eq!(
        f.events(),
        vec![
            ev("visit", Some("2014-04-06"), &["Lê Hồng Anh"]),
            ev(
                "talks",
                Some("2014-04-07"),
                &["Lê Hồng Anh", "Bounnhang Vorachith"]
            ),
            ev(
                "agreement_signing",
                Some("2014-04-07"),
                &["Lê Hồng Anh", "Bounnhang Vorachith"]
            ),
            ev(
                "meeting",
                Some("2014-04-08"),
                &["Lê Hồng Anh", "Khamphao Ernthavanh"]
            ),
            ev(
                "reception",
                Some("2014-04-08"),
                &["Trương Tấn Sang", "David Shear"]
            ),
        ]
    );
}

#[test]
fn an_interview_s_tôi_and_a_proposal_to_a_counterpart_of_no_stated_country() {
    let f = Fixture::new(
        "Bộ trưởng Bùi Thanh Sơn trả lời phỏng vấn báo chí.\nPV: Xin Bộ trưởng cho biết kết quả chuyến thăm?\nBộ trưởng Bùi Thanh Sơn: Sáng 12/3, tôi đã hội đàm với Ngoại trưởng Sameh Shoukry. Tại hội đàm, tôi đề nghị phía Ai Cập sớm mở đường bay thẳng.\nPV: Còn các hoạt động khác?\nTôi không rõ.",
    )
    .person("Bùi Thanh Sơn", "VN", &["Bộ trưởng Bùi Thanh Sơn"])
    .stateless("Sameh Shoukry", &["Ngoại trưởng Sameh Shoukry"])
    .country("Ai Cập", "EG")
    .date("Sáng 12/3", "2024-03-12");
    assert_eq!(
        f.events(),
        vec![
            ev(
                "talks",
                Some("2024-03-12"),
                &["Bùi Thanh Sơn", "Sameh Shoukry"]
            ),
            ev(
                "proposal",
                Some("2024-03-12"),
                &["Bùi Thanh Sơn", "Sameh Shoukry"]
            ),
        ]
    );
}

#[test]
fn a_proposal_to_the_two_parliaments_is_made_in_the_talks() {
    let f = Fixture::new(
        "Chiều 2/12, Chủ tịch Quốc hội Trần Thanh Mẫn hội đàm với Chủ tịch Quốc hội Hàn Quốc Woo Won-shik. Hai bên đánh giá cao kết quả hợp tác. Kim ngạch thương mại năm 2023 đạt 76 tỷ USD. Chủ tịch Quốc hội Trần Thanh Mẫn đề nghị hai Quốc hội tăng cường trao đổi đoàn.",
    )
    .person("Trần Thanh Mẫn", "VN", &["Chủ tịch Quốc hội Trần Thanh Mẫn"])
    .person("Woo Won-shik", "KR", &["Chủ tịch Quốc hội Hàn Quốc Woo Won-shik"])
    .country("Hàn Quốc", "KR")
    .date("Chiều 2/12", "2024-12-02")
    .date("năm 2023", "2023");
    assert_eq!(
        f.events(),
        vec![
            ev(
                "talks",
                Some("2024-12-02"),
                &["Trần Thanh Mẫn", "Woo Won-shik"]
            ),
            ev(
                "proposal",
                Some("2024-12-02"),
                &["Trần Thanh Mẫn", "Woo Won-shik"]
            ),
        ]
    );
}

#[test]
fn received_by_a_host_a_delegation_by_its_head_and_a_working_session_s_signing() {
    // `A được B tiếp`: B receives A; `tiếp đoàn`: the head of the delegation told before;
    // `Hai bên đã ký` after `đoàn làm việc với X`: the head and X, on that day
    let f = Fixture::new(
        "Từ ngày 10 đến 14/9, đoàn công tác tỉnh Bình Dương do ông Võ Văn Minh, Chủ tịch UBND tỉnh dẫn đầu đã thăm Hà Lan. Ngày 11/9, Thứ trưởng Ngoại giao Hà Lan Kees van Baar đã tiếp đoàn. Ngày 12/9, đoàn làm việc với Thống đốc Harry van der Maas. Hai bên đã ký Bản ghi nhớ hợp tác về logistics. Sáng 13/9, ông Võ Văn Minh được Thủ tướng Mark Rutte tiếp tại La Haye.",
    )
    .person("Võ Văn Minh", "VN", &["ông Võ Văn Minh"])
    .person("Kees van Baar", "NL", &["Thứ trưởng Ngoại giao Hà Lan Kees van Baar"])
    .person("Harry van der Maas", "NL", &["Thống đốc Harry van der Maas"])
    .person("Mark Rutte", "NL", &["Thủ tướng Mark Rutte"])
    .country("Hà Lan", "NL")
    .date("ngày 10 đến 14/9", "2023-09-10/2023-09-14")
    .date("Ngày 11/9", "2023-09-11")
    .date("Ngày 12/9", "2023-09-12")
    .date("Sáng 13/9", "2023-09-13");
    assert_eq!(
        f.events(),
        vec![
            ev("visit", Some("2023-09-10"), &["Võ Văn Minh"]),
            ev(
                "reception",
                Some("2023-09-11"),
                &["Kees van Baar", "Võ Văn Minh"]
            ),
            ev(
                "agreement_signing",
                Some("2023-09-12"),
                &["Võ Văn Minh", "Harry van der Maas"]
            ),
            ev(
                "reception",
                Some("2023-09-13"),
                &["Mark Rutte", "Võ Văn Minh"]
            ),
        ]
    );
}

#[test]
fn hospitality_rumours_ships_corrections_and_meetings_that_could_not_take_place() {
    let f = Fixture::new(
        "Chiều 5/6, Tổng thống Rodrigo Duterte hội đàm với Chủ tịch nước Trần Đại Quang. Tổng thống cảm ơn Việt Nam đã dành cho đoàn sự đón tiếp chu đáo. Có thông tin cho rằng hai bên đã ký hợp đồng mua tàu tuần tra. Năm sau, Philippines sẽ cử tàu hải quân thăm cảng Cam Ranh. Cuộc gặp giữa Tổng thống Rodrigo Duterte và Thủ tướng Nguyễn Xuân Phúc dự kiến ngày 6/6 không thực hiện được do thời tiết xấu.\nĐính chính: Bản tin trước ghi Tổng thống Rodrigo Duterte thăm Đà Nẵng ngày 7/6.",
    )
    .person("Rodrigo Duterte", "PH", &["Tổng thống Rodrigo Duterte"])
    .person("Trần Đại Quang", "VN", &["Chủ tịch nước Trần Đại Quang"])
    .person("Nguyễn Xuân Phúc", "VN", &["Thủ tướng Nguyễn Xuân Phúc"])
    .country("Philippines", "PH")
    .date("Chiều 5/6", "2017-06-05")
    .date("Năm sau", "2018")
    .date("ngày 6/6", "2017-06-06")
    .date("ngày 7/6", "2017-06-07");
    assert_eq!(
        f.events(),
        vec![ev(
            "talks",
            Some("2017-06-05"),
            &["Rodrigo Duterte", "Trần Đại Quang"]
        )]
    );
}

#[test]
fn a_declaration_the_summit_s_leaders_adopt_is_not_the_last_bilateral_pair_s() {
    let f = Fixture::new(
        "Sáng 12/10, Phó Chủ tịch nước Võ Thị Ánh Xuân gặp Tổng thống Senegal Macky Sall. Chiều 12/10, các nhà lãnh đạo đã thông qua Tuyên bố Djerba.",
    )
    .person("Võ Thị Ánh Xuân", "VN", &["Phó Chủ tịch nước Võ Thị Ánh Xuân"])
    .person("Macky Sall", "SN", &["Tổng thống Senegal Macky Sall"])
    .country("Senegal", "SN")
    .date("Sáng 12/10", "2022-10-12")
    .date("Chiều 12/10", "2022-10-12");
    assert_eq!(
        f.events(),
        vec![ev(
            "meeting",
            Some("2022-10-12"),
            &["Võ Thị Ánh Xuân", "Macky Sall"]
        )]
    );
}

#[test]
fn an_invitation_conveyed_past_the_inviter_s_titles_and_a_chief_of_staff_in_apposition() {
    let f = Fixture::new(
        "Sáng 20/6, Trung tướng Hoàng Xuân Chiến hội kiến Bộ trưởng Quốc phòng Israel Benny Gantz. Tại cuộc hội kiến, Trung tướng Hoàng Xuân Chiến chuyển lời mời của Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng Việt Nam, tới Bộ trưởng Benny Gantz thăm Việt Nam vào năm 2022. Chiều cùng ngày, ông có cuộc gặp với Tổng Tham mưu trưởng Lực lượng Phòng vệ Israel, Trung tướng Aviv Kochavi.",
    )
    .person("Hoàng Xuân Chiến", "VN", &["Trung tướng Hoàng Xuân Chiến", "ông"])
    .person("Benny Gantz", "IL", &["Bộ trưởng Quốc phòng Israel Benny Gantz", "Bộ trưởng Benny Gantz"])
    .person("Phan Văn Giang", "VN", &["Đại tướng Phan Văn Giang"])
    .person("Aviv Kochavi", "IL", &["Trung tướng Aviv Kochavi"])
    .title("Tổng Tham mưu trưởng")
    .title("Bộ trưởng Bộ Quốc phòng")
    .country("Israel", "IL")
    .country("Việt Nam", "VN")
    .date("Sáng 20/6", "2021-06-20")
    .date("năm 2022", "2022")
    .date("Chiều cùng ngày", "2021-06-20");
    let got = f.events();
    assert!(
        got.contains(&ev(
            "invitation",
            Some("2021-06-20"),
            &["Hoàng Xuân Chiến", "Phan Văn Giang", "Benny Gantz"]
        )),
        "{got:#?}"
    );
    assert!(
        got.contains(&ev(
            "meeting",
            Some("2021-06-20"),
            &["Hoàng Xuân Chiến", "Aviv Kochavi"]
        )),
        "{got:#?}"
    );
}

#[test]
fn past_visits_dated_by_the_last_of_them_and_a_signing_planned_after_planned_talks() {
    let f = Fixture::new(
        "Quan hệ hai nước khởi sắc sau các chuyến thăm Việt Nam của cố Chủ tịch Fidel Castro, lần gần nhất vào tháng 2/2003. Sáng thứ Năm, Thủ tướng Phạm Minh Chính sẽ hội đàm với Thủ tướng Anthony Albanese tại Trụ sở Chính phủ. Sau hội đàm, hai Thủ tướng sẽ chứng kiến lễ ký các văn kiện hợp tác.",
    )
    .person("Fidel Castro", "CU", &["Chủ tịch Fidel Castro"])
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Anthony Albanese", "AU", &["Thủ tướng Anthony Albanese"])
    .country("Việt Nam", "VN")
    .date("tháng 2/2003", "2003-02")
    .date("Sáng thứ Năm", "2024-03-07");
    assert_eq!(
        f.events(),
        vec![
            ev("visit", Some("2003-02"), &["Fidel Castro"]),
            ev(
                "talks",
                Some("2024-03-07"),
                &["Phạm Minh Chính", "Anthony Albanese"]
            ),
            ev(
                "agreement_signing",
                Some("2024-03-07"),
                &["Phạm Minh Chính", "Anthony Albanese"]
            ),
        ]
    );
}

#[test]
fn acts_told_right_after_a_dated_event_of_their_one_participant_are_on_its_day() {
    let f = Fixture::new(
        "Từ ngày 22 đến 24/10, Hội nghị các nhà lãnh đạo BRICS mở rộng diễn ra tại Kazan. Ngày 22/10, Thủ tướng Phạm Minh Chính hội kiến Tổng thống Vladimir Putin. Hai bên nhất trí thúc đẩy hợp tác dầu khí. Sáng 24/10, Thủ tướng Phạm Minh Chính dự phiên họp toàn thể của Hội nghị các nhà lãnh đạo BRICS mở rộng. Phát biểu tại phiên họp, Thủ tướng Phạm Minh Chính đề xuất các nước tăng cường hợp tác. Chiều 24/10, Thủ tướng Phạm Minh Chính dự Diễn đàn Doanh nghiệp Việt Nam - Nga. Dưới sự chứng kiến của Thủ tướng Phạm Minh Chính, các doanh nghiệp đã ký 5 thỏa thuận hợp tác.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Vladimir Putin", "RU", &["Tổng thống Vladimir Putin"])
    .date("ngày 22 đến 24/10", "2024-10-22/2024-10-24")
    .date("Ngày 22/10", "2024-10-22")
    .date("Sáng 24/10", "2024-10-24")
    .date("Chiều 24/10", "2024-10-24");
    let got = f.events();
    for (kind, day) in [
        ("proposal", "2024-10-24"),
        ("agreement_signing", "2024-10-24"),
    ] {
        assert!(
            got.contains(&ev(kind, Some(day), &["Phạm Minh Chính"])),
            "{kind}: {got:#?}"
        );
    }
}

#[test]
fn list_items_without_a_subject_are_the_lead_ins() {
    let f = Fixture::new(
        "Trong chuyến công tác, Chủ tịch Quốc hội Vương Đình Huệ đã có các hoạt động sau:\n- Sáng 12/4: hội kiến Tổng thống Argentina Alberto Fernández. Tổng thống Alberto Fernández nhận lời mời thăm Việt Nam do Chủ tịch Quốc hội chuyển.\n- Tối 12/4: dự tiệc chiêu đãi do Phó Tổng thống Cristina Fernández de Kirchner chủ trì.",
    )
    .person(
        "Vương Đình Huệ",
        "VN",
        &["Chủ tịch Quốc hội Vương Đình Huệ", "Chủ tịch Quốc hội"],
    )
    .person(
        "Alberto Fernández",
        "AR",
        &["Tổng thống Argentina Alberto Fernández", "Tổng thống Alberto Fernández"],
    )
    .person(
        "Cristina Fernández de Kirchner",
        "AR",
        &["Phó Tổng thống Cristina Fernández de Kirchner"],
    )
    .country("Việt Nam", "VN")
    .country("Argentina", "AR")
    .date("Sáng 12/4", "2023-04-12")
    .date("Tối 12/4", "2023-04-12");
    let e = f.events();
    assert!(
        e.contains(&ev(
            "meeting",
            Some("2023-04-12"),
            &["Vương Đình Huệ", "Alberto Fernández"]
        )),
        "{e:?}"
    );
    assert!(
        e.contains(&ev(
            "invitation",
            Some("2023-04-12"),
            &["Vương Đình Huệ", "Alberto Fernández"]
        )),
        "{e:?}"
    );
    assert!(
        e.contains(&ev(
            "reception",
            Some("2023-04-12"),
            &["Cristina Fernández de Kirchner", "Vương Đình Huệ"]
        )),
        "{e:?}"
    );
    assert!(!e.contains(&ev("meeting", Some("2023-04-12"), &["Alberto Fernández"])));
}

#[test]
fn a_meeting_of_three_sides_is_one_and_a_private_reception() {
    let f = Fixture::new(
        "Chiều 5/9, tại Jakarta, Thủ tướng Phạm Minh Chính có cuộc gặp ba bên với Thủ tướng Campuchia Hun Manet và Thủ tướng Lào Sonexay Siphandone. Tối cùng ngày, Tổng thống Indonesia Joko Widodo tiếp riêng Thủ tướng Phạm Minh Chính.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person("Hun Manet", "KH", &["Thủ tướng Campuchia Hun Manet"])
    .person("Sonexay Siphandone", "LA", &["Thủ tướng Lào Sonexay Siphandone"])
    .person("Joko Widodo", "ID", &["Tổng thống Indonesia Joko Widodo"])
    .country("Campuchia", "KH")
    .country("Lào", "LA")
    .country("Indonesia", "ID")
    .date("Chiều 5/9", "2023-09-05")
    .date("Tối cùng ngày", "2023-09-05");
    let e = f.events();
    assert!(
        e.contains(&ev(
            "meeting",
            Some("2023-09-05"),
            &["Phạm Minh Chính", "Hun Manet", "Sonexay Siphandone"]
        )),
        "{e:?}"
    );
    assert!(!e.contains(&ev(
        "meeting",
        Some("2023-09-05"),
        &["Phạm Minh Chính", "Hun Manet"]
    )));
    assert!(
        e.contains(&ev(
            "reception",
            Some("2023-09-05"),
            &["Joko Widodo", "Phạm Minh Chính"]
        )),
        "{e:?}"
    );
}

#[test]
fn the_encounter_referred_back_to_is_the_scene_of_its_paragraph() {
    let f = Fixture::new(
        "Tối 7/3, tại Canberra, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Australia Anthony Albanese. Thủ tướng Phạm Minh Chính đang thăm chính thức Australia từ ngày 6 đến 8/3 theo lời mời của Thủ tướng Anthony Albanese. Hai nước đã nâng cấp quan hệ lên Đối tác Chiến lược năm 2018.\nTại hội đàm, hai nhà lãnh đạo nhất trí tăng cường hợp tác kinh tế. Thủ tướng Phạm Minh Chính đề nghị Quỹ Tương lai Australia đầu tư vào năng lượng tái tạo của Việt Nam.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .person(
        "Anthony Albanese",
        "AU",
        &[
            "Thủ tướng Australia Anthony Albanese",
            "Thủ tướng Anthony Albanese",
        ],
    )
    .country("Australia", "AU")
    .country("Việt Nam", "VN")
    .date("Tối 7/3", "2024-03-07")
    .date("ngày 6 đến 8/3", "2024-03-06/2024-03-08")
    .date("năm 2018", "2018");
    let e = f.events();
    assert!(
        e.contains(&ev(
            "proposal",
            Some("2024-03-07"),
            &["Phạm Minh Chính", "Anthony Albanese"]
        )),
        "{e:?}"
    );
}

#[test]
fn signers_of_a_document_of_a_witnessed_ceremony_take_part_in_it() {
    let f = Fixture::new(
        "Chiều 10/9, sau hội đàm, Tổng Bí thư Nguyễn Phú Trọng và Tổng thống Joe Biden đã chứng kiến lễ ký kết các văn kiện hợp tác, trong đó có Bản ghi nhớ về hợp tác bán dẫn do Bộ trưởng Ngoại giao Bùi Thanh Sơn và Ngoại trưởng Antony Blinken ký.",
    )
    .person("Nguyễn Phú Trọng", "VN", &["Tổng Bí thư Nguyễn Phú Trọng"])
    .person("Joe Biden", "US", &["Tổng thống Joe Biden"])
    .person("Bùi Thanh Sơn", "VN", &["Bộ trưởng Ngoại giao Bùi Thanh Sơn"])
    .person("Antony Blinken", "US", &["Ngoại trưởng Antony Blinken"])
    .date("Chiều 10/9", "2023-09-10");
    let e = f.events();
    assert!(
        e.contains(&ev(
            "agreement_signing",
            Some("2023-09-10"),
            &[
                "Nguyễn Phú Trọng",
                "Joe Biden",
                "Bùi Thanh Sơn",
                "Antony Blinken"
            ]
        )),
        "{e:?}"
    );
    assert_eq!(
        e.iter().filter(|x| x.0 == "agreement_signing").count(),
        1,
        "{e:?}"
    );
}

#[test]
fn who_attends_after_meeting_someone_in_the_same_clause() {
    let f = Fixture::new(
        "Chiều 14/11, Chủ tịch nước Lương Cường sẽ gặp Tổng thống Peru Dina Boluarte và dự Hội nghị Đối thoại giữa các nhà lãnh đạo APEC với doanh nghiệp.",
    )
    .person("Lương Cường", "VN", &["Chủ tịch nước Lương Cường"])
    .person("Dina Boluarte", "PE", &["Tổng thống Peru Dina Boluarte"])
    .country("Peru", "PE")
    .date("Chiều 14/11", "2024-11-14");
    let e = f.events();
    assert!(
        e.contains(&ev(
            "summit_attendance",
            Some("2024-11-14"),
            &["Lương Cường"]
        )),
        "{e:?}"
    );
    assert!(
        e.contains(&ev(
            "meeting",
            Some("2024-11-14"),
            &["Lương Cường", "Dina Boluarte"]
        )),
        "{e:?}"
    );
}

#[test]
fn a_visit_in_a_when_clause_after_a_date_is_on_that_date() {
    let f = Fixture::new(
        "Quan hệ hai nước khởi sắc từ tháng 5/2016, khi Tổng thống Barack Obama thăm Hà Nội.",
    )
    .person("Barack Obama", "US", &["Tổng thống Barack Obama"])
    .date("tháng 5/2016", "2016-05");
    let e = f.events();
    assert!(
        e.contains(&ev("visit", Some("2016-05"), &["Barack Obama"])),
        "{e:?}"
    );
}

#[test]
fn the_end_of_a_trip_is_not_its_date() {
    let f = Fixture::new(
        "Từ ngày 11 đến 12/7, Tổng Bí thư, Chủ tịch nước Tô Lâm thăm cấp Nhà nước Lào. Chiều 12/7, Chủ tịch nước Tô Lâm rời Thủ đô Vientiane, kết thúc chuyến thăm cấp Nhà nước tới Lào.",
    )
    .person(
        "Tô Lâm",
        "VN",
        &["Tổng Bí thư, Chủ tịch nước Tô Lâm", "Chủ tịch nước Tô Lâm"],
    )
    .country("Lào", "LA")
    .date("ngày 11 đến 12/7", "2024-07-11/2024-07-12")
    .date("Chiều 12/7", "2024-07-12");
    let e = f.events();
    assert!(
        e.contains(&ev("visit", Some("2024-07-11"), &["Tô Lâm"])),
        "{e:?}"
    );
    assert!(
        !e.contains(&ev("visit", Some("2024-07-12"), &["Tô Lâm"])),
        "{e:?}"
    );
}

#[test]
fn a_title_sums_up_the_ceremony_its_article_tells() {
    let f = Fixture::new(
        "Phó Chủ tịch nước dự lễ nhậm chức Tổng thống Brazil\n\nNgày 1/1, tại thủ đô Brasília, Phó Chủ tịch nước Võ Thị Ánh Xuân, Đặc phái viên của Chủ tịch nước Võ Văn Thưởng, đã dự lễ tuyên thệ nhậm chức nhiệm kỳ thứ ba của Tổng thống Cộng hòa Liên bang Brazil Luiz Inácio Lula da Silva.",
    )
    .person(
        "Võ Thị Ánh Xuân",
        "VN",
        &["Phó Chủ tịch nước Võ Thị Ánh Xuân", "Phó Chủ tịch nước"],
    )
    .person("Võ Văn Thưởng", "VN", &["Chủ tịch nước Võ Văn Thưởng"])
    .person(
        "Luiz Inácio Lula da Silva",
        "BR",
        &["Tổng thống Cộng hòa Liên bang Brazil Luiz Inácio Lula da Silva"],
    )
    .country("Brazil", "BR")
    .date("Ngày 1/1", "2023-01-01");
    let mut f = f;
    f.doc.meta.date = Some("2023-01-02".into());
    let e = f.events();
    let attended: Vec<_> = e.iter().filter(|x| x.0 == "summit_attendance").collect();
    assert_eq!(attended.len(), 1, "{e:?}");
    assert!(
        e.contains(&ev(
            "summit_attendance",
            Some("2023-01-01"),
            &["Võ Thị Ánh Xuân"]
        )),
        "{e:?}"
    );
}

#[test]
fn attending_a_summit_is_on_its_first_day_not_on_the_day_the_trip_ends() {
    let f = Fixture::new(
        "Hội nghị Cấp cao ASEAN lần thứ 43 diễn ra từ ngày 5 đến 7/9 tại Jakarta. Thủ tướng Phạm Minh Chính dẫn đầu đoàn đại biểu Việt Nam dự Hội nghị Cấp cao ASEAN lần thứ 43. Thủ tướng Phạm Minh Chính rời Jakarta tối 7/9, kết thúc chuyến công tác dự Hội nghị Cấp cao ASEAN lần thứ 43.",
    )
    .person("Phạm Minh Chính", "VN", &["Thủ tướng Phạm Minh Chính"])
    .date("ngày 5 đến 7/9", "2023-09-05/2023-09-07")
    .date("tối 7/9", "2023-09-07");
    let e = f.events();
    assert!(
        e.contains(&ev(
            "summit_attendance",
            Some("2023-09-05"),
            &["Phạm Minh Chính"]
        )),
        "{e:?}"
    );
    assert!(
        !e.contains(&ev(
            "summit_attendance",
            Some("2023-09-07"),
            &["Phạm Minh Chính"]
        )),
        "{e:?}"
    );
}
