//! The `events` plugin: diplomatic events of Vietnamese news — meetings, talks, phone
//! calls, receptions, visits, invitations, signings, summit attendance and proposals —
//! with their participants (people of the `people` layer), date, place, occasion,
//! modality, evidence sentence, CAMEO code and PLOVER category (`events/cameo.tsv`).
//!
//! The rules follow `corpus/summits-gold/GUIDELINES.md` and the grammar of the genre:
//!
//! 1. **Triggers** are the verbs and nouns that state an event (`gặp`, `hội kiến`,
//!    `hội đàm`, `điện đàm`, `tiếp`, `chiêu đãi`, `thăm`, `mời`, `ký`, `dự`, `đề nghị` …),
//!    on word boundaries, minus their other senses (`tiếp tục`, `dự kiến`, `thư ký`).
//! 2. **Participants** come from the clause: the subject before the trigger (or the
//!    sentence's subject when a fronted phrase or a coordinated predicate hides it) and the
//!    people listed after it. Several named counterparts make several bilateral events;
//!    `hai bên`, `hai nhà lãnh đạo`, `các lãnh đạo` refer to the current encounter.
//! 3. A trigger under a wish or a plan (`đề nghị … tiếp xúc`, `sớm ký kết`) states no
//!    event unless it has its own date; neither does a back-reference (`Tại cuộc gặp, …`),
//!    which instead ties the sentence to the encounter it names.
//! 4. **Restatements** (title, lead, photo caption, `Cuộc gặp … giữa hai nhà lãnh đạo`)
//!    are merged with the event they restate: one event per real-world occurrence.
//! 5. **Date, place, occasion**: the event's own clause first; otherwise the encounter it
//!    belongs to, the summit it happens at (a summit held over several days dates its side
//!    meetings to the month), the place and summit the article is at. Events about the
//!    past (`vai trò … trong việc ký kết …`) get none of the context, and an undated event
//!    never gets the article's date by default.

pub mod lex;
pub mod scans;
mod speakers;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use sen_core::layers::{EntityLabel, Event, EventType, Modality, Participant, Place};
use sen_core::{AnnotateError, Annotator, Document, Layer, Span};

use crate::places::{occasion_mentions_in, place_mentions_in, OccasionMention, PlaceMention};

/// Settings of the `events` stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EventsSettings {
    /// The event types to report.
    pub types: Vec<EventType>,
}

impl Default for EventsSettings {
    fn default() -> Self {
        EventsSettings {
            types: EventType::ALL.to_vec(),
        }
    }
}

/// The `events` annotator.
pub struct Events {
    types: Vec<EventType>,
}

impl Events {
    pub fn new(settings: EventsSettings) -> Self {
        Events {
            types: settings.types,
        }
    }
}

impl Annotator for Events {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let mut events = extract(doc);
        events.retain(|e| self.types.contains(&e.kind));
        for (i, e) in events.iter_mut().enumerate() {
            e.id = format!("e{}", i + 1);
        }
        doc.layers.events = events;
        Ok(())
    }
}

sen_core::inventory::submit! {
    sen_core::Plugin {
        name: "events",
        description: "Diplomatic events (meeting, talks, phone_call, reception, visit, invitation, agreement_signing, summit_attendance, proposal) with participants, date, place, occasion, CAMEO/PLOVER codes",
        requires: &[Layer::Sentences, Layer::Entities, Layer::People, Layer::Dates],
        provides: &[Layer::Events],
        defaults: sen_core::settings::defaults_of::<EventsSettings>,
        build: |s| Ok(Box::new(Events::new(s.parse()?))),
    }
}

// ---------------------------------------------------------------------------------------
// CAMEO / PLOVER

struct Code {
    cameo: String,
    plover: String,
}

fn codes() -> &'static BTreeMap<String, Code> {
    static C: OnceLock<BTreeMap<String, Code>> = OnceLock::new();
    C.get_or_init(|| {
        include_str!("events/cameo.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                let kind = f.next()?.trim().to_string();
                let cameo = f.next()?.trim().to_string();
                let plover = f.next()?.trim().to_string();
                Some((kind, Code { cameo, plover }))
            })
            .collect()
    })
}

/// CAMEO code and PLOVER category of an event (`third_country`: a meeting held in a
/// country none of its participants comes from).
pub fn cameo_of(kind: EventType, third_country: bool) -> (String, String) {
    let key = if kind == EventType::Meeting && third_country {
        "meeting_third"
    } else {
        kind.name()
    };
    codes()
        .get(key)
        .map(|c| (c.cameo.clone(), c.plover.clone()))
        .unwrap_or_else(|| ("040".into(), "CONSULT".into()))
}

// ---------------------------------------------------------------------------------------
// Lexicon

/// Trigger phrases (folded), longest first within a type.
const TRIGGERS: &[(&str, EventType)] = &[
    ("trao đổi qua điện thoại", EventType::PhoneCall),
    ("trao đổi điện thoại", EventType::PhoneCall),
    ("điện đàm", EventType::PhoneCall),
    ("gọi điện", EventType::PhoneCall),
    ("hội đàm", EventType::Talks),
    ("hội kiến", EventType::Meeting),
    // an audience with a monarch
    ("yết kiến", EventType::Meeting),
    ("tiếp xúc", EventType::Meeting),
    // a courtesy call (not `tiếp X đến chào xã giao`: the reception is the event)
    ("chào xã giao", EventType::Meeting),
    ("trao đổi với", EventType::Meeting),
    ("gặp", EventType::Meeting),
    ("lễ đón", EventType::Reception),
    ("đón tiếp", EventType::Reception),
    ("chiêu đãi", EventType::Reception),
    ("quốc yến", EventType::Reception),
    ("đón", EventType::Reception),
    ("tiếp", EventType::Reception),
    ("chuyến công tác", EventType::Visit),
    ("công du", EventType::Visit),
    ("thăm", EventType::Visit),
    ("mời", EventType::Invitation),
    ("ra tuyên bố chung", EventType::AgreementSigning),
    ("thông qua", EventType::AgreementSigning),
    ("ký kết", EventType::AgreementSigning),
    ("ký", EventType::AgreementSigning),
    // `chủ trì Hội nghị …` (an occasion right after it only; `chủ trì lễ đón`, `chủ trì
    // tiệc chiêu đãi` are receptions)
    ("chủ trì", EventType::SummitAttendance),
    ("tham dự", EventType::SummitAttendance),
    ("dự", EventType::SummitAttendance),
    ("đề nghị", EventType::Proposal),
    ("đề xuất", EventType::Proposal),
    ("kiến nghị", EventType::Proposal),
];

/// Whether a word is the first word of a trigger phrase (a `match`: compiled to a
/// length switch, it costs less than a list search on every word).
fn trigger_first(word: &str) -> bool {
    matches!(
        word,
        "trao"
            | "điện"
            | "gọi"
            | "hội"
            | "tiếp"
            | "gặp"
            | "lễ"
            | "đón"
            | "chiêu"
            | "chào"
            | "quốc"
            | "chuyến"
            | "công"
            | "thăm"
            | "mời"
            | "ra"
            | "thông"
            | "ký"
            | "tham"
            | "yết"
            | "chủ"
            | "dự"
            | "đề"
            | "kiến"
    )
}

/// Next words that give a trigger another sense.
fn other_sense(trigger: &str, prev: &[&str], next: &[&str]) -> bool {
    let n = next.first().copied().unwrap_or("");
    let p = prev.last().copied().unwrap_or("");
    match trigger {
        "gặp" => matches!(n, "phải" | "khó" | "nạn" | "sự" | "trở" | "rủi" | "vấn"),
        "tiếp" => {
            matches!(
                n,
                "tục"
                    | "cận"
                    | "nhận"
                    | "theo"
                    | "thu"
                    | "tế"
                    | "diễn"
                    | "sức"
                    | "giáp"
                    | "nối"
                    | "thị"
                    | "quản"
                    | "viện"
                    | "đón"
                    | "xúc"
                    | "đó"
                    | "đến"
                    | "tới"
                    | "lời"
            ) || matches!(
                p,
                "trực" | "kế" | "liên" | "gián" | "chuyển" | "đón" | "nghênh"
            )
        }
        "đón" => matches!(n, "nhận" | "đầu" | "xem" | "chờ" | "đợi" | "tiếp") || p == "sự",
        // `dành cho Đoàn sự đón tiếp trọng thị`: the hospitality, no reception
        "đón tiếp" => p == "sự",
        "thăm" => matches!(n, "hỏi" | "dò" | "khám" | "quan" | "thẳm"),
        "mời" => p == "khách",
        "chào xã giao" => p == "đến",
        "ký" | "ký kết" => {
            matches!(
                n,
                "giả" | "ức" | "hiệu" | "tên" | "túc" | "sự" | "quỹ" | "gửi"
            ) || matches!(p, "thư" | "đăng" | "chữ" | "mở")
        }
        "dự" => {
            matches!(
                n,
                "kiến"
                    | "án"
                    | "báo"
                    | "thảo"
                    | "định"
                    | "toán"
                    | "trữ"
                    | "phòng"
                    | "bị"
                    | "đoán"
                    | "thính"
                    | "luật"
                    | "tính"
                    | "khuyết"
                    | "liệu"
                    | "tuyển"
                    | "thi"
            ) || matches!(p, "can" | "tham" | "chuẩn")
        }
        _ => false,
    }
}

/// Words before a trigger that put it under a wish, plan or purpose.
const IRREALIS: &[&str] = &[
    "đề nghị",
    "đề xuất",
    "mong muốn",
    "tăng cường",
    "thúc đẩy",
    "nhất trí",
    "sớm",
    "khả năng",
    "sẽ",
    "tiến tới",
    "hướng tới",
    "có thể",
    "cần",
    "kêu gọi",
    "hy vọng",
    "để",
    "nhằm",
    "chuẩn bị",
    "dự kiến",
    "mời",
];

/// [`IRREALIS`] without the plans (`sẽ`, `dự kiến`, `chuẩn bị`): wishes and purposes.
const WISHES: &[&str] = &[
    "đề nghị",
    "đề xuất",
    "mong muốn",
    "tăng cường",
    "thúc đẩy",
    "nhất trí",
    "sớm",
    "khả năng",
    "tiến tới",
    "hướng tới",
    "có thể",
    "cần",
    "kêu gọi",
    "hy vọng",
    "để",
    "nhằm",
    "mời",
];

const COLLECTIVE: &[&str] = &[
    "hai bên",
    "hai nhà lãnh đạo",
    "hai lãnh đạo",
    "các lãnh đạo",
    "các nhà lãnh đạo",
    "hai nước",
    "hai người",
    "hai ông",
    "hai bà",
    "hai thủ tướng",
    "hai tổng thống",
    "hai chủ tịch",
    "hai nguyên thủ",
    "hai tổng bí thư",
    "hai bộ trưởng",
    "hai ngoại trưởng",
    "hai đồng chí",
];

/// Words after which a reception or attendance noun is a back-reference or a setting.
const SETTING: &[&str] = &[
    "tại", "trong", "sau", "trước", "thúc", "cũng", "bên", "lề", "qua",
];

/// What says an event told just before did not take place.
const CALLED_OFF: &[&str] = &[
    "không diễn ra",
    "không thể diễn ra",
    "bị hoãn",
    "được hoãn",
    "hoãn lại",
    "bị hủy",
    "bị hủy bỏ",
    "đã hủy",
    "không thực hiện được",
    "không thể thực hiện",
];

/// Reception nouns: `dự chiêu đãi` is a reception, not a summit.
const RECEPTION_NOUNS: &[&str] = &["chiêu đãi", "tiệc", "quốc yến", "lễ đón", "buổi đón"];

// ---------------------------------------------------------------------------------------
// Sentence view

#[derive(Clone, Copy, Debug)]
struct PM {
    span: Span,
    person: usize,
}

struct Sent {
    span: Span,
    folded: String,
    toks: Vec<lex::Tok>,
    persons: Vec<PM>,
    dates: Vec<(Span, String)>,
    places: Vec<PlaceMention>,
    occasions: Vec<OccasionMention>,
    countries: Vec<(Span, String)>,
    /// Title and country entities (parts of how people are named).
    titled: Vec<Span>,
    breaks: Vec<usize>,
}

impl Sent {
    fn rel(&self, at: usize) -> usize {
        at - self.span.start
    }

    fn words_before(&self, at: usize, n: usize) -> lex::Words<'_> {
        lex::words_before(&self.folded, self.rel(at), n)
    }

    fn words_after(&self, at: usize, n: usize) -> lex::Words<'_> {
        lex::words_after(&self.folded, self.rel(at), n)
    }

    /// The clause around `at`: between the clause breaks before and after it.
    fn clause(&self, at: usize) -> Span {
        let start = self
            .breaks
            .iter()
            .rev()
            .find(|&&b| b < at)
            .map_or(self.span.start, |&b| b + 1);
        let end = self
            .breaks
            .iter()
            .find(|&&b| b >= at)
            .copied()
            .unwrap_or(self.span.end);
        Span::new(start, end)
    }

    /// Where the reported clause starts in `span`: right after the last of `verbs`
    /// (`Người phát ngôn X cho biết …`), or at the span's start when none is there.
    fn after_last_of(&self, span: Span, verbs: &[&str]) -> usize {
        let a = self.rel(span.start);
        let b = self.rel(span.end);
        verbs
            .iter()
            .flat_map(|v| {
                lex::find_all(&self.folded[a..b], v)
                    .into_iter()
                    .map(move |at| span.start + at + v.len())
            })
            .max()
            .unwrap_or(span.start)
    }

    fn persons_in(&self, span: Span) -> Vec<usize> {
        let mut v = Vec::new();
        for p in &self.persons {
            if span.contains(p.span) && !v.contains(&p.person) {
                v.push(p.person);
            }
        }
        v
    }

    /// Does a phrase occur in `span` on word boundaries? Compared at each word whose
    /// first syllable matches, so a long list costs one pass over the words.
    fn has_phrase_in(&self, span: Span, phrases: &[&str]) -> bool {
        let i = self.toks.partition_point(|t| t.span.start < span.start);
        let end = self.rel(span.end);
        // the phrases' first bytes: most words start none of them
        let mut firsts = [false; 256];
        for p in phrases {
            if let Some(&b) = p.as_bytes().first() {
                firsts[b as usize] = true;
            }
        }
        self.toks[i..]
            .iter()
            .take_while(|t| t.span.start < span.end)
            .filter(|t| t.word && firsts[self.folded.as_bytes()[self.rel(t.span.start)] as usize])
            .any(|t| {
                let rel = self.rel(t.span.start);
                let word = &self.folded[rel..self.rel(t.span.end)];
                let first = word.as_bytes()[0];
                // `p`'s first word is `word` (its first byte tested before comparing)
                phrases.iter().any(|p| {
                    p.as_bytes().first() == Some(&first)
                        && p.starts_with(word)
                        && matches!(p.as_bytes().get(word.len()), None | Some(b' '))
                        && rel + p.len() <= end
                        && lex::phrase_at(&self.folded, rel, p)
                })
            })
    }

    /// The person whose mention starts right after `at` (only spaces between).
    /// (A title or country entity between them is part of how the person is named.)
    fn person_right_after(&self, at: usize, text: &str) -> Option<&PM> {
        let p = self.persons.iter().find(|p| p.span.start >= at)?;
        if text[at..p.span.start].trim().is_empty() {
            return Some(p);
        }
        let named = self
            .toks
            .iter()
            .skip_while(|t| t.span.start < at)
            .take_while(|t| t.span.end <= p.span.start)
            .all(|t| self.titled.iter().any(|x| x.contains(t.span)));
        named.then_some(p)
    }

    /// People listed after a trigger: `gặp A, B và C`, until the clause goes on with
    /// something that is not another person.
    fn object_list(&self, from: usize, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut pos = from;
        let stop_words = ["để", "nhằm", "khi", "sau", "trước", "về"];
        while let Some(p) = self.persons.iter().find(|p| p.span.start >= pos) {
            let gap = &text[pos..p.span.start];
            let gf = &self.folded[self.rel(pos)..self.rel(p.span.start)];
            if out.is_empty() {
                // (one comma after a title the person is then named with: `gặp với Người sáng
                // lập kiêm Chủ tịch điều hành WEF, Giáo sư Klaus Schwab`)
                let apposition = gap.matches(',').count() == 1 && {
                    let comma = pos + gap.find(',').unwrap_or(0);
                    text[comma + 1..p.span.start].trim().is_empty()
                        && self.titled.iter().any(|t| {
                            t.start >= pos
                                && t.end <= comma
                                && !self.countries.iter().any(|(c, _)| c == t)
                        })
                        && !self
                            .dates
                            .iter()
                            .any(|(d, _)| d.start >= pos && d.end <= comma)
                        && self
                            .persons
                            .iter()
                            .all(|q| q.span.start >= comma || q.span.end <= pos)
                };
                if gap.contains([';', '.', ':', '!', '?'])
                    || (gap.contains(',') && !apposition)
                    || stop_words.iter().any(|w| !lex::find_all(gf, w).is_empty())
                {
                    break;
                }
            } else {
                // between two listed people only commas, `và`, and a title or country
                // the people layer left out of the mention (`, Thủ tướng Singapore`)
                let listed = self
                    .toks
                    .iter()
                    .skip_while(|t| t.span.start < pos)
                    .take_while(|t| t.span.end <= p.span.start)
                    .all(|t| {
                        let w = &self.folded[self.rel(t.span.start)..self.rel(t.span.end)];
                        w == "," || w == "và" || self.titled.iter().any(|x| x.contains(t.span))
                    });
                if !listed {
                    break;
                }
            }
            if !out.contains(&p.person) {
                out.push(p.person);
            }
            pos = p.span.end;
        }
        out
    }
}

fn sentence_spans(doc: &Document) -> Vec<Span> {
    if doc.layers.sentences.is_empty() {
        lex::sentences(&doc.text)
    } else {
        doc.layers
            .sentences
            .iter()
            .map(|s| s.span)
            .filter(|&s| fits(&doc.text, s))
            .collect()
    }
}

/// Positions of clause breaks (`,`, `;`, `:`) in a sentence, except a comma inside a
/// name (`Washington, D.C`).
fn clause_breaks(text: &str, span: Span) -> Vec<usize> {
    let s = span.slice(text);
    let mut out = Vec::new();
    // the marks are ASCII: no byte of another character equals them (found with SIMD)
    for i in memchr::memchr3_iter(b',', b';', b':', s.as_bytes()) {
        if s.as_bytes()[i] == b',' {
            let rest = s[i + 1..].trim_start();
            let word: &str = rest.split(char::is_whitespace).next().unwrap_or("");
            if word.contains('.') && word.starts_with(char::is_uppercase) {
                continue;
            }
        }
        out.push(span.start + i);
    }
    out
}

fn build_sentences(doc: &Document) -> Vec<Sent> {
    let text = &doc.text;
    let mut mentions: Vec<PM> = doc
        .layers
        .people
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.mentions.iter().map(move |&m| PM { span: m, person: i }))
        // an upstream span off the text's characters is skipped, not a panic
        .filter(|m| fits(text, m.span))
        // `hai Chủ tịch Quốc hội`, `các Thủ tướng`: a plural title is the pair or the
        // group (see COLLECTIVE), whoever else the title names
        .filter(|m| {
            let before = lex::words_before(text, m.span.start, 1);
            !before.first().is_some_and(|w| {
                matches!(
                    *w,
                    "hai" | "Hai" | "các" | "Các" | "những" | "Những" | "ba" | "Ba"
                )
            })
        })
        .collect();
    // an interview's `tôi` is the person whose label heads the answer (most articles
    // have no `tôi`: one search, nothing built)
    if speakers::may_speak(text) {
        let mut labelled: Vec<(Span, usize)> =
            mentions.iter().map(|m| (m.span, m.person)).collect();
        labelled.sort_by_key(|m| m.0.start);
        mentions.extend(
            speakers::first_person(text, &labelled)
                .into_iter()
                .map(|(span, person)| PM { span, person }),
        );
    }
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    // nested mentions: keep the outer one
    let mut kept: Vec<PM> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if kept.last().is_some_and(|k| k.span.contains(m.span)) {
            continue;
        }
        kept.push(m);
    }
    let countries: Vec<(Span, String)> = doc
        .layers
        .entities
        .iter()
        .filter(|e| e.label == EntityLabel::Country && fits(text, e.span))
        .filter_map(|e| e.kb_id.clone().map(|k| (e.span, k)))
        .collect();
    let entities = &doc.layers.entities;
    // what `places` found in each sentence, when it ran just before on these entities
    let reuse = scans::sealed_for(entities);
    let sents = sentence_spans(doc)
        .into_iter()
        .map(|span| {
            // every layer is sorted by start: take the sentence's slice by binary search
            let from_layer: Vec<OccasionMention> = {
                let mut v: Vec<OccasionMention> = Vec::new();
                for e in within(entities, |e| e.span, span)
                    .iter()
                    .filter(|e| e.label == EntityLabel::Occasion && span.contains(e.span))
                {
                    if v.iter().any(|o| o.span.contains(e.span)) {
                        continue;
                    }
                    v.retain(|o| !e.span.contains(o.span));
                    v.push(OccasionMention {
                        span: e.span,
                        name: e.span.slice(text).to_string(),
                        attrs: e.attrs.clone(),
                    });
                }
                v
            };
            // headed names (`Hội nghị Cấp cao APEC 2024`) over a bare gazetteer name inside
            // (as the `places` stage scanned it, when it just did)
            let (folded, toks, found) = scans::take(text, span, reuse);
            let (places, mut occasions) = match found {
                Some(f) => (f.places, f.occasions),
                None => (
                    place_mentions_in(doc, span, &folded, &toks),
                    occasion_mentions_in(doc, span, &folded, &toks),
                ),
            };
            for o in from_layer {
                if !occasions.iter().any(|f| f.span.overlaps(o.span)) && headed(&o.name) {
                    occasions.push(o);
                }
            }
            occasions.sort_by_key(|o| o.span);
            let dates = within(&doc.layers.dates, |d| d.span, span)
                .iter()
                .filter(|d| {
                    span.contains(d.span)
                        && fits(text, d.span)
                        && !is_period(&d.value)
                        && !since(&folded, d.span.start - span.start)
                })
                .map(|d| (d.span, d.value.clone()))
                .collect();
            Sent {
                span,
                places,
                folded,
                toks,
                persons: within(&kept, |m| m.span, span)
                    .iter()
                    .filter(|m| span.contains(m.span))
                    .copied()
                    .collect(),
                dates,
                occasions,
                titled: within(entities, |e| e.span, span)
                    .iter()
                    .filter(|e| {
                        matches!(e.label, EntityLabel::Title | EntityLabel::Country)
                            && span.contains(e.span)
                    })
                    .map(|e| e.span)
                    .collect(),
                countries: within(&countries, |c| c.0, span)
                    .iter()
                    .filter(|(s, _)| span.contains(*s))
                    .cloned()
                    .collect(),
                // `Tổng Bí thư, Chủ tịch nước Tô Lâm`: a comma inside a name breaks nothing
                breaks: {
                    let names = within(&kept, |m| m.span, span);
                    clause_breaks(text, span)
                        .into_iter()
                        .filter(|&b| !names.iter().any(|m| m.span.start < b && b < m.span.end))
                        .collect()
                },
            }
        })
        .collect();
    scans::forget();
    sents
}

/// Does a span lie on the text's character boundaries?
fn fits(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// The items of a start-sorted list that start inside `span`.
fn within<T>(items: &[T], span_of: impl Fn(&T) -> Span, span: Span) -> &[T] {
    let a = items.partition_point(|x| span_of(x).start < span.start);
    let b = a + items[a..].partition_point(|x| span_of(x).start < span.end);
    &items[a..b]
}

/// Is the date at `rel` a reference point (`kể từ … năm 2022`, `từ sau …`) rather than
/// the date of the sentence's event? (The folded sentence, up to 12 words back.)
fn since(folded: &str, rel: usize) -> bool {
    let before = lex::words_before(folded, rel, 12);
    before
        .windows(2)
        .any(|w| w == ["kể", "từ"] || w == ["từ", "sau"])
}

/// Does an occasion name start with a summit word (not a bare `APEC 2025`)?
fn headed(name: &str) -> bool {
    let f = lex::fold_same_len(name);
    [
        "hội nghị",
        "tuần lễ",
        "cuộc họp",
        "phiên họp",
        "diễn đàn",
        "lễ",
        "thượng đỉnh",
        "đại hội",
    ]
    .iter()
    .any(|h| f.starts_with(h))
}

// ---------------------------------------------------------------------------------------
// Dates

/// A span of years (`2021/2025`, a programme's period) dates no event.
fn is_period(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 9
        && b[4] == b'/'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
}

/// The start day of a value, without a time; an ISO week (`tuần trước`) as its month
/// when it lies in one (the guidelines date an event to the day or the month).
fn event_date(v: &str) -> String {
    let start = v.split('/').next().unwrap_or(v);
    let day = start.split('T').next().unwrap_or(start);
    if day.contains("-W") {
        if let Some(m) = crate::dates::month_of_week(day) {
            return m;
        }
    }
    day.to_string()
}

/// `2024-11-12/2024-11-16` → `2024-11` (a summit of several days dates its side events to
/// the month); a single day stays as it is.
fn frame_date(v: &str) -> String {
    match v.split_once('/') {
        Some((a, b)) if a.len() >= 7 && b.len() >= 7 && a[..7] == b[..7] => a[..7].to_string(),
        Some((a, _)) if a.len() >= 7 => a[..7].to_string(),
        _ => event_date(v),
    }
}

fn month_of(v: &str) -> Option<String> {
    (v.len() >= 7 && v.as_bytes()[4] == b'-').then(|| v[..7].to_string())
}

/// Can two event dates be the same occurrence (equal, one unknown, or one a prefix)?
fn dates_compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            let same = |x: &str, y: &str| {
                x.len() == y.len()
                    && x.bytes()
                        .zip(y.bytes())
                        .all(|(p, q)| p == q || p == b'X' || q == b'X')
            };
            same(x, y)
                || (x.len() < y.len() && same(x, &y[..x.len()]))
                || (y.len() < x.len() && same(y, &x[..y.len()]))
        }
        _ => true,
    }
}

// ---------------------------------------------------------------------------------------
// Raw events

#[derive(Clone, Debug)]
struct Raw {
    kind: EventType,
    sent: usize,
    trigger: Span,
    parts: Vec<usize>,
    date: Option<String>,
    date_span: Option<Span>,
    place: Place,
    occasion: Option<String>,
    modality: Modality,
    /// About an earlier occurrence: takes nothing from the context.
    past: bool,
    /// The text says the date is not known (`Nhận lời mời của X, …`).
    no_date: bool,
    /// Stated as part of the current trip (`trong chuyến đi này`).
    trip: bool,
    /// The encounter this one belongs to, when the sentence refers back to it.
    episode: Option<usize>,
    /// Countries of counterparts the text does not name (`Thủ tướng các nước Canada, …`).
    unnamed: Vec<String>,
    /// The host of a reception.
    host: Option<usize>,
    /// The invitee of an invitation.
    invitee: Option<usize>,
    /// A proposal's addressee still to find: from the encounter (`hai bên`) or a country
    /// (`phía Mỹ`, `Việt Nam và Singapore`).
    addressee: Option<Addressee>,
    /// Context at the sentence: the latest place and occasion stated so far.
    ctx_place: Place,
    ctx_occasion: Option<String>,
    /// Folded content words after the trigger, to tell a restatement from a new act.
    content: Vec<String>,
    /// A summit's dates as its side events take them (`2024-11` for `12-16/11`).
    frame: Option<String>,
    alive: bool,
}

/// The fields of an event that [`Extractor::fill_one`] reads from it and from the
/// events it takes context from, copied before it changes any.
struct Before {
    kind: EventType,
    episode: Option<usize>,
    parts: Vec<usize>,
    trigger: Span,
    date: Option<String>,
    place: Place,
    occasion: Option<String>,
    no_date: bool,
    trip: bool,
    ctx_place: Place,
    ctx_occasion: Option<String>,
    frame: Option<String>,
}

impl Before {
    fn of(r: &Raw) -> Self {
        Before {
            kind: r.kind,
            episode: r.episode,
            parts: r.parts.clone(),
            trigger: r.trigger,
            date: r.date.clone(),
            place: r.place.clone(),
            occasion: r.occasion.clone(),
            no_date: r.no_date,
            trip: r.trip,
            ctx_place: r.ctx_place.clone(),
            ctx_occasion: r.ctx_occasion.clone(),
            frame: r.frame.clone(),
        }
    }
}

#[derive(Clone, Debug)]
enum Addressee {
    Encounter,
    Country(String),
}

fn is_encounter(k: EventType) -> bool {
    matches!(
        k,
        EventType::Meeting | EventType::Talks | EventType::PhoneCall | EventType::Reception
    )
}

struct Extractor<'a> {
    doc: &'a Document,
    sents: Vec<Sent>,
    raws: Vec<Raw>,
    /// Latest encounter (or attendance) with its participants, for `hai bên`.
    current: Option<usize>,
    ctx_place: Place,
    ctx_occasion: Option<String>,
    /// The context occasion before the current sentence updated it.
    ctx_occasion_before: Option<String>,
    /// The encounter a back-reference of the current sentence names (`Cũng tại tiệc
    /// chiêu đãi, …`): the sentence's other events belong to it.
    sentence_episode: Option<usize>,
    /// The episode an earlier sentence of the paragraph referred back to.
    carried_episode: Option<usize>,
    /// Whether the last sentence told an encounter of its own.
    told_encounter: bool,
    /// The context occasion is one the article's people attend.
    ctx_attended: bool,
    summit_dates: Vec<(String, String, String)>,
    /// The trigger phrases of the sentence being read (to tell whose a date is).
    sent_triggers: Vec<Span>,
    /// The sentence being read may call an event off (a cheap substring test, once).
    sent_calls_off: bool,
    /// The day the sentence being read moves its event to (`chuyển sang sáng 7/10`).
    sent_moved: Option<(Span, String)>,
    /// The text holds a correction note (`Đính chính: …`).
    has_note: bool,
    /// The sentence being read may tell a rumour (`đồn`, `rằng`), may tell what a text
    /// wrote wrongly (`nhầm`, `ghi`): searched once a sentence that has triggers.
    sent_cues: (bool, bool),
}

/// The events of a document, in text order.
pub fn extract(doc: &Document) -> Vec<Event> {
    let sents = build_sentences(doc);
    let summit_dates = summit_dates(&sents);
    let mut x = Extractor {
        doc,
        sents,
        summit_dates,
        raws: Vec::new(),
        current: None,
        ctx_place: Place::default(),
        ctx_occasion: None,
        ctx_occasion_before: None,
        sentence_episode: None,
        carried_episode: None,
        told_encounter: false,
        ctx_attended: false,
        sent_triggers: Vec::new(),
        sent_calls_off: false,
        sent_moved: None,
        has_note: memchr::memmem::find(doc.text.as_bytes(), "ính chính".as_bytes()).is_some(),
        sent_cues: (false, false),
    };
    for si in 0..x.sents.len() {
        x.sentence(si);
    }
    x.resolve_addressees();
    x.merge_restatements();
    x.fill_context();
    x.merge_restatements();
    x.drop_covered_groups();
    x.finish()
}

impl<'a> Extractor<'a> {
    fn text(&self) -> &'a str {
        &self.doc.text
    }

    fn country_of(&self, person: usize) -> Option<&str> {
        self.doc.layers.people[person].country.as_deref()
    }

    /// Update the place and occasion context with what sentence `si` states.
    fn update_context(&mut self, si: usize, eventful: bool, proposal_at: usize) {
        self.ctx_occasion_before = self.ctx_occasion.clone();
        let s = &self.sents[si];
        // (what a proposal asks for is no scene: `đề nghị … người Việt Nam tại Hàn Quốc`)
        for p in s.places.iter().filter(|p| p.prep < proposal_at) {
            // a sentence that tells no event moves the scene only with a fronted place
            // (`Tại Abu Dhabi, …`), not with a figure's (`nhà đầu tư lớn nhất tại Việt
            // Nam với tổng vốn …`)
            if !eventful && s.clause(p.prep).start != s.span.start {
                continue;
            }
            let mut place = p.place.clone();
            if place.country.is_none() {
                place.country = self.ctx_place.country.clone();
            }
            if place.country.is_some() {
                if place.city.is_none() && place.country == self.ctx_place.country {
                    place.city = self.ctx_place.city.clone();
                }
                self.ctx_place = place;
            }
        }
        // the summit the article is at: one attended (`dự`, `tham dự`, `nhân dịp tham
        // dự`) outranks one only named (`bên lề …`); a title only sums up
        if self.is_title(si) {
            return;
        }
        let s = &self.sents[si];
        for o in s.occasions.iter().filter(|o| !elsewhen(s, o)) {
            let attended = s
                .words_before(o.span.start, 3)
                .iter()
                .any(|w| matches!(*w, "dự" | "dịp"));
            if attended || !self.ctx_attended {
                self.ctx_occasion = Some(o.name.clone());
                self.ctx_attended |= attended;
            }
        }
    }

    fn sentence(&mut self, si: usize) {
        let text = self.text();
        let s = &self.sents[si];
        // triggers left to right, the first (longest) phrase at each word
        let mut found: Vec<(usize, usize, EventType)> = Vec::new();
        let mut covered = s.span.start;
        for t in &s.toks {
            if !t.word || t.span.start < covered {
                continue;
            }
            let rel = s.rel(t.span.start);
            let word = &s.folded[rel..s.rel(t.span.end)];
            if !trigger_first(word) {
                continue;
            }
            let first = word.as_bytes()[0];
            for &(phrase, kind) in TRIGGERS {
                // (the first byte before the words: most phrases start otherwise)
                if phrase.as_bytes()[0] != first
                    || !phrase.starts_with(word)
                    || !lex::phrase_at(&s.folded, rel, phrase)
                {
                    continue;
                }
                let abs = t.span.start;
                let prev = s.words_before(abs, 2);
                let next = s.words_after(abs + phrase.len(), 2);
                if other_sense(phrase, &prev, &next) {
                    continue;
                }
                // `chủ trì` states an attendance only with a named occasion right after
                // it; otherwise (`Lễ đón … được X chủ trì`) it is no trigger, nor owns a
                // date
                if phrase == "chủ trì" {
                    let end = abs + phrase.len();
                    let named = s
                        .occasions
                        .iter()
                        .any(|o| o.span.start >= end && o.span.start <= end + 1);
                    if !named {
                        break;
                    }
                }
                found.push((abs, phrase.len(), kind));
                covered = abs + phrase.len();
                break;
            }
        }
        found.sort();
        // context from the sentence's own places comes first for its own events
        let proposal_at = found
            .iter()
            .find(|f| f.2 == EventType::Proposal)
            .map_or(usize::MAX, |f| f.0);
        self.update_context(si, !found.is_empty(), proposal_at);
        self.sent_triggers = found
            .iter()
            .map(|&(at, len, _)| Span::new(at, at + len))
            .collect();
        // (every phrase of CALLED_OFF holds one of these: most sentences hold none)
        self.sent_calls_off = !found.is_empty() && {
            static CUES: OnceLock<[memchr::memmem::Finder<'static>; 4]> = OnceLock::new();
            let cues = CUES.get_or_init(|| {
                ["diễn ra", "hoãn", "hủy", "thực hiện"]
                    .map(|c| memchr::memmem::Finder::new(c.as_bytes()))
            });
            let f = self.sents[si].folded.as_bytes();
            cues.iter().any(|c| c.find(f).is_some())
        };
        self.sent_cues = if found.is_empty() {
            (false, false)
        } else {
            static CUES: OnceLock<[memchr::memmem::Finder<'static>; 4]> = OnceLock::new();
            let c = CUES.get_or_init(|| {
                ["đồn", "rằng", "nhầm", "ghi"].map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            });
            let f = self.sents[si].folded.as_bytes();
            (
                c[0].find(f).is_some() || c[1].find(f).is_some(),
                c[2].find(f).is_some() || c[3].find(f).is_some(),
            )
        };
        self.sent_moved = if found.is_empty() {
            None
        } else {
            self.moved_to(si)
        };
        // `Tại hội đàm, hai nhà lãnh đạo nhất trí … . Thủ tướng đề nghị …`: the encounter a
        // sentence referred back to is still the scene of the rest of its paragraph, while
        // no other encounter is told
        let same_paragraph =
            si > 0 && !text[self.sents[si - 1].span.end..self.sents[si].span.start].contains('\n');
        self.carried_episode = if same_paragraph && !self.told_encounter {
            self.sentence_episode.or(self.carried_episode)
        } else {
            None
        };
        self.sentence_episode = None;
        // `Nhân dịp này, A hội kiến B`: on the occasion just told, its day and place
        {
            let f = self.sents[si].folded.trim_start();
            if f.starts_with("nhân dịp này") || f.starts_with("cũng nhân dịp này") {
                self.sentence_episode = self.raws.iter().rposition(|r| {
                    r.alive && r.sent < si && r.date.is_some() && is_encounter(r.kind)
                });
            }
        }
        let before = self.raws.len();
        for (at, len, kind) in found {
            let trigger = Span::new(at, at + len);
            self.trigger(si, trigger, kind);
        }
        self.wish_invitations(si);
        self.bullet_encounter(si);
        self.told_encounter = self.raws[before..]
            .iter()
            .any(|r| r.alive && is_encounter(r.kind) && r.episode.is_none());
        if self.raws.len() == before {
            self.working_session(si);
        }
        // the country a trip goes to is where the article is, until a place is named
        if self.ctx_place.country.is_none() {
            // the article's own trip: dated to the day or month, and in the article's month
            let doc_date = self.doc.meta.date.as_deref();
            let current =
                |d: &str| d.len() >= 7 && doc_date.is_none_or(|doc| doc.starts_with(&d[..7]));
            if let Some(v) = self.raws[before..].iter().find(|r| {
                r.alive
                    && r.kind == EventType::Visit
                    && !r.past
                    && r.modality == Modality::Happened
                    && r.place.country.is_some()
                    && r.date.as_deref().is_some_and(current)
            }) {
                self.ctx_place = v.place.clone();
            }
        }
        // one event of a kind per sentence for the same participants; a speech act
        // stated twice (`lời mời của X mời Y`) keeps its fullest form
        for i in before..self.raws.len() {
            let dup = (before..self.raws.len()).any(|j| {
                let (a, b) = (&self.raws[j], &self.raws[i]);
                if j == i || !a.alive || a.kind != b.kind {
                    return false;
                }
                let speech = matches!(b.kind, EventType::Invitation | EventType::Proposal);
                (j < i && same_set(&a.parts, &b.parts) && a.date == b.date)
                    || (speech
                        && a.parts.len() > b.parts.len()
                        && b.parts.iter().all(|p| a.parts.contains(p)))
            });
            if dup {
                self.raws[i].alive = false;
            }
        }
        // an invitation states the wish a proposal of the same speaker carries (not a
        // proposal about something else: `đề nghị … hợp tác nông nghiệp và mời X thăm …`)
        let s = &self.sents[si];
        // (a wish, `bày tỏ mong muốn X đến thăm`, is the invitation the proposal makes)
        let invitations: Vec<(usize, Span, bool)> = self.raws[before..]
            .iter()
            .filter(|r| r.kind == EventType::Invitation)
            .filter_map(|r| {
                let wish = &s.folded[s.rel(r.trigger.start)..s.rel(r.trigger.end)] == "mong muốn";
                r.parts.first().map(|&p| (p, r.trigger, wish))
            })
            .collect();
        let about_a_visit = |r: &Raw| {
            // what the proposal asks, up to the next trigger of the sentence
            let end = self
                .sent_triggers
                .iter()
                .find(|t| t.start > r.trigger.end)
                .map_or(s.span.end, |t| t.start);
            // (or the sentence is about a visit: `Về việc thu xếp chuyến thăm …, X đề nghị`)
            s.has_phrase_in(Span::new(s.span.start, end), &["thăm", "chuyến"])
        };
        let dead: Vec<usize> = (before..self.raws.len())
            .filter(|&i| {
                let r = &self.raws[i];
                r.kind == EventType::Proposal
                    && r.parts.first().is_some_and(|p| {
                        invitations.iter().any(|(a, t, wish)| {
                            a == p && (*wish || t.start < r.trigger.start || about_a_visit(r))
                        })
                    })
            })
            .collect();
        for i in dead {
            self.raws[i].alive = false;
        }
        let _ = text;
    }

    fn new_raw(&self, si: usize, kind: EventType, trigger: Span, parts: Vec<usize>) -> Raw {
        let s = &self.sents[si];
        // what a proposal asks, to tell a restatement from a new one
        let content = if kind == EventType::Proposal {
            s.words_after(trigger.end, 12)
                .iter()
                .map(|w| w.to_string())
                .collect()
        } else {
            Vec::new()
        };
        Raw {
            kind,
            sent: si,
            trigger,
            parts,
            date: None,
            date_span: None,
            place: Place::default(),
            occasion: None,
            modality: Modality::Happened,
            past: false,
            no_date: false,
            trip: false,
            unnamed: Vec::new(),
            host: None,
            invitee: None,
            addressee: None,
            ctx_place: self.ctx_place.clone(),
            ctx_occasion: if self.own_occasion(si, trigger) == self.ctx_occasion {
                self.ctx_occasion.clone()
            } else {
                // the sentence's summit is a further act after this one: not its setting
                let later = s.occasions.iter().any(|o| {
                    o.span.start > trigger.end && Some(&o.name) == self.ctx_occasion.as_ref()
                });
                if later {
                    self.ctx_occasion_before.clone()
                } else {
                    self.ctx_occasion.clone()
                }
            },
            episode: self.sentence_episode,
            content,
            frame: None,
            alive: true,
        }
    }

    /// The subject of the clause holding `at`: its first person before `at`, else the
    /// sentence's first person before `at`.
    fn subject(&self, si: usize, at: usize) -> Option<usize> {
        let s = &self.sents[si];
        let clause = s.clause(at);
        s.persons_in(Span::new(clause.start, at))
            .first()
            .copied()
            .or_else(|| {
                s.persons
                    .iter()
                    .find(|p| p.span.end <= at)
                    .map(|p| p.person)
            })
    }

    /// The sentence's own date for an event at `trigger`: in its clause (nearest), else
    /// (unless `clause_only`) the nearest before it in the sentence.
    fn own_date(&self, si: usize, trigger: Span, clause_only: bool) -> Option<(Span, String)> {
        let s = &self.sents[si];
        if let Some(d) = &self.sent_moved {
            return Some(d.clone());
        }
        let clause = s.clause(trigger.start);
        let dist = |d: &Span| {
            if d.end <= trigger.start {
                trigger.start - d.end
            } else {
                d.start.saturating_sub(trigger.end)
            }
        };
        let in_clause = s
            .dates
            .iter()
            .filter(|(d, _)| clause.contains(*d) && !self.owned_by_other(si, *d, trigger))
            .min_by_key(|(d, _)| dist(d));
        if let Some(d) = in_clause {
            return Some(d.clone());
        }
        if clause_only {
            return None;
        }
        // `… dự Tuần lễ Cấp cao APEC 2026 tại thành phố Thâm Quyến, Trung Quốc, từ ngày 9
        // đến 12/11`: a clause that is only the event's days, after its place
        let after = s
            .dates
            .iter()
            .find(|(d, _)| d.start >= clause.end)
            .filter(|(d, _)| {
                let gap = Span::new(clause.end, d.start);
                let lead = s.folded[s.rel(s.clause(d.start).start)..s.rel(d.start)].trim();
                (lead.is_empty() || lead == "từ" || lead == "vào")
                    && s.breaks
                        .iter()
                        .filter(|&&b| gap.start <= b && b < gap.end)
                        .count()
                        <= 2
                    && !self.sent_triggers.iter().any(|t| gap.contains(*t))
                    && !s.persons.iter().any(|p| gap.contains(p.span))
            });
        if let Some(d) = after {
            return Some(d.clone());
        }
        s.dates
            .iter()
            .filter(|(d, _)| d.end <= trigger.start && !self.owned_by_other(si, *d, trigger))
            .max_by_key(|(d, _)| d.end)
            .cloned()
    }

    /// `… dự kiến diễn ra chiều 6/10 đã được chuyển sang sáng 7/10`: the day an event was
    /// moved to is its day.
    fn moved_to(&self, si: usize) -> Option<(Span, String)> {
        let s = &self.sents[si];
        s.dates
            .iter()
            .find(|(d, _)| {
                let w = s.words_before(d.start, 2);
                w.len() == 2 && w[1] == "sang" && matches!(w[0], "chuyển" | "lùi" | "dời" | "hoãn")
            })
            .cloned()
    }

    /// Is the date at `d` another trigger's? A date after a verb phrase is that verb's
    /// (`… thăm chính thức Singapore từ ngày 11 đến 13/3`, `mời X thăm Nhật Bản vào năm
    /// 2025 và mong sớm gặp lại …`): within its clause, the last trigger before a date owns
    /// it. A fronted date (no trigger before it in the clause) is every event's.
    fn owned_by_other(&self, si: usize, d: Span, trigger: Span) -> bool {
        let clause = self.sents[si].clause(d.start);
        if !clause.contains(trigger) {
            return false;
        }
        let s = &self.sents[si];
        let Some(owner) = self
            .sent_triggers
            .iter()
            .rfind(|t| t.end <= d.start && clause.contains(**t))
        else {
            return false;
        };
        if *owner == trigger {
            return false;
        }
        // `thăm chính thức Peru và dự Tuần lễ … ngày 12-16/11`: predicates coordinated by
        // `và` share a date after both, unless the earlier one has its own before it
        let coordinated = trigger.end <= owner.start
            && s.words_before(owner.start, 1).first() == Some(&"và")
            && !s
                .dates
                .iter()
                .any(|(x, _)| x.start >= trigger.end && x.end <= d.start && *x != d);
        !coordinated
    }

    /// A negated trigger (`chưa gặp`, `chưa thể thăm`, `không đề cập tới việc ký kết`)
    /// states no event: a negation word among the few words before it in its clause,
    /// not one of the compounds it starts (`không khí`, `không chỉ`, `hàng không`).
    /// (`before`: the words before the trigger, which stop at the clause's punctuation)
    fn negated(before: &[&str]) -> bool {
        before.iter().enumerate().any(|(k, w)| {
            let next = before.get(k + 1).copied().unwrap_or("");
            let prev = if k > 0 { before[k - 1] } else { "" };
            matches!(*w, "không" | "chưa" | "chẳng")
                && !matches!(
                    next,
                    "khí" | "gian" | "quân" | "chỉ" | "ngừng" | "những" | "lâu" | "kém"
                )
                && !matches!(prev, "hàng" | "phòng")
        })
    }

    /// An event the sentence says was called off after telling it: `A cũng gặp B, song
    /// cuộc gặp đã không diễn ra`, `Cuộc gặp dự kiến giữa A với B đã không diễn ra`,
    /// `… nhưng cuộc gặp đã được hoãn`. The phrase must come before any other act of the
    /// sentence (only the same word again, its noun `cuộc gặp`, may stand between).
    fn called_off(&self, si: usize, trigger: Span) -> bool {
        if !self.sent_calls_off || self.sent_moved.is_some() {
            return false;
        }
        let s = &self.sents[si];
        let word = &s.folded[s.rel(trigger.start)..s.rel(trigger.end)];
        let end = self
            .sent_triggers
            .iter()
            .find(|t| t.start >= trigger.end && &s.folded[s.rel(t.start)..s.rel(t.end)] != word)
            .map_or(s.span.end, |t| t.start);
        end > trigger.end && s.has_phrase_in(Span::new(trigger.end, end), CALLED_OFF)
    }

    /// A proposal's date: the nearest before it (`Ngày 5/3, A đề nghị …`); a date after
    /// the verb is the time of what is proposed (`đề nghị … khởi động đàm phán trong năm
    /// nay`, `đề nghị tổ chức … vào tháng 6`), not of the proposal.
    fn proposal_date(&self, si: usize, trigger: Span) -> Option<(Span, String)> {
        self.sents[si]
            .dates
            .iter()
            .filter(|(d, _)| d.end <= trigger.start && !self.owned_by_other(si, *d, trigger))
            .max_by_key(|(d, _)| d.end)
            .cloned()
    }

    /// The nearest date before `trigger` in the sentence: an invitation's own date (one
    /// after it, `mời X thăm Việt Nam năm 2017`, dates the visit).
    fn date_before(&self, si: usize, trigger: Span) -> Option<(Span, String)> {
        self.sents[si]
            .dates
            .iter()
            .filter(|(d, _)| d.end <= trigger.start)
            .max_by_key(|(d, _)| d.end)
            .cloned()
    }

    /// The place stated in the sentence for an event at `trigger` (not a destination of a
    /// trip), combining a city and a venue stated together.
    fn own_place(&self, si: usize) -> Place {
        self.own_place_before(si, usize::MAX)
    }

    /// [`Self::own_place`] from the places named before byte `at` only (a proposal's
    /// content after its verb is no place of it: `đề nghị … người Việt Nam tại Hàn Quốc`).
    fn own_place_before(&self, si: usize, at: usize) -> Place {
        let s = &self.sents[si];
        let mut place = Place::default();
        for p in s.places.iter().filter(|p| p.prep < at) {
            let q = &p.place;
            if place.country.is_some() && q.country.is_some() && place.country != q.country {
                continue;
            }
            if place.country.is_none() {
                place.country = q.country.clone();
            }
            if place.city.is_none() {
                place.city = q.city.clone();
            }
            if place.venue.is_none() {
                place.venue = q.venue.clone();
            }
            if place.span.is_none() {
                place.span = q.span;
            }
        }
        if place.country.is_none() && (place.city.is_some() || place.venue.is_some()) {
            place.country = self.ctx_place.country.clone();
        }
        place
    }

    /// The occasion a sentence names for its events (the first one; an attendance takes
    /// its object instead).
    fn own_occasion(&self, si: usize, trigger: Span) -> Option<String> {
        let s = &self.sents[si];
        // `A sẽ gặp B và dự Diễn đàn …`: a summit attended as a further act after the
        // event is not its setting (`gặp B khi dự …` is)
        s.occasions
            .iter()
            .find(|o| {
                o.span.start < trigger.start || {
                    let w = s.words_before(o.span.start, 3);
                    !(w.ends_with(&["và", "dự"]) || w.ends_with(&["và", "tham", "dự"]))
                }
            })
            .map(|o| o.name.clone())
    }

    fn irrealis(&self, si: usize, trigger: Span) -> bool {
        let s = &self.sents[si];
        let clause = s.clause(trigger.start);
        s.has_phrase_in(Span::new(clause.start, trigger.start), IRREALIS)
    }

    /// A trigger under a wish or purpose states no event unless its clause dates it; one
    /// only planned (`sẽ gặp`, `dự kiến hội đàm`) does when the sentence dates it
    /// (`Ngày 16/11, Chủ tịch nước sẽ gặp …`).
    fn unreal(&self, si: usize, trigger: Span, dated_clause: bool) -> bool {
        if !self.irrealis(si, trigger) {
            return false;
        }
        let s = &self.sents[si];
        let clause = s.clause(trigger.start);
        // what someone asks or invites others to do is no event, whatever its date
        // (`đề nghị các nước … sớm ký Hiệp định RCEP trong năm 2020`)
        if s.has_phrase_in(
            Span::new(clause.start, trigger.start),
            &[
                "đề nghị",
                "đề xuất",
                "kêu gọi",
                "mong muốn",
                "hy vọng",
                "mời",
            ],
        ) {
            return true;
        }
        if dated_clause {
            return false;
        }
        if s.has_phrase_in(Span::new(clause.start, trigger.start), WISHES) {
            return true;
        }
        // `Sau hội đàm, hai Thủ tướng sẽ chứng kiến lễ ký …`: planned after an encounter
        // the text has planned on a day: that day's
        let head = s.folded.trim_start();
        let after_planned = ["sau hội đàm", "sau cuộc gặp", "sau lễ đón", "sau cuộc hội"]
            .iter()
            .any(|w| head.starts_with(w))
            && self.current.is_some_and(|c| {
                let e = &self.raws[c];
                e.alive && e.modality == Modality::Planned && e.date.is_some()
            });
        if after_planned && !s.has_phrase_in(Span::new(clause.start, trigger.start), WISHES) {
            return false;
        }
        // `Bên lề Tuần lễ Cấp cao, A dự kiến có các cuộc gặp với …`: planned at a summit
        // whose days the text gives
        let side = s.has_phrase_in(Span::new(s.span.start, trigger.start), &["bên lề"])
            && self
                .raws
                .iter()
                .any(|r| r.alive && r.kind == EventType::SummitAttendance && r.date.is_some());
        !side && self.own_date(si, trigger, false).is_none()
    }

    fn emotive(&self, si: usize, trigger: Span) -> bool {
        let s = &self.sents[si];
        let w = s.words_before(trigger.start, 3);
        w.last() == Some(&"được")
            && w.iter()
                .any(|x| matches!(*x, "mừng" | "hạnh" | "dự" | "hân" | "vinh" | "mong"))
    }

    fn planned(&self, si: usize, trigger: Span, date: Option<&str>) -> bool {
        let s = &self.sents[si];
        let clause = s.clause(trigger.start);
        if s.has_phrase_in(
            Span::new(clause.start, trigger.start),
            &["sẽ", "dự kiến", "sắp", "chuẩn bị", "kế hoạch"],
        ) {
            return true;
        }
        match (date, self.doc.meta.date.as_deref()) {
            (Some(d), Some(doc)) if !d.starts_with('X') => d > doc && !doc.starts_with(d),
            _ => false,
        }
    }

    /// What a rumour or a report says happened (`Có thông tin cho rằng hai bên đã ký …`,
    /// `thông tin trên mạng cho rằng X sẽ gặp …`): not told as a fact.
    fn hearsay(&self, si: usize, trigger: Span) -> bool {
        let s = &self.sents[si];
        // (every cue holds `đồn` or `rằng`: most sentences hold neither)
        if !self.sent_cues.0 {
            return false;
        }
        let head = Span::new(s.span.start, trigger.start);
        s.has_phrase_in(head, &["tin đồn", "đồn đoán", "đồn rằng"])
            || (s.has_phrase_in(head, &["cho rằng"])
                && s.has_phrase_in(head, &["thông tin", "dư luận", "tin tức"]))
    }

    /// A correction note (`Đính chính: Phiên bản trước của bài viết ghi …`) tells what was
    /// written wrongly, not events.
    fn correction(&self, si: usize) -> bool {
        let s = &self.sents[si];
        // (a note only in a text that has one; the other cues hold `nhầm` or `ghi`)
        if !self.has_note && !self.sent_cues.1 {
            return false;
        }
        let text = self.text();
        let line = text[..s.span.start].rfind('\n').map_or(0, |k| k + 1);
        let head = text[line..s.span.end].trim_start_matches(|c: char| !c.is_alphanumeric());
        head.starts_with("Đính chính")
            || s.has_phrase_in(
                s.span,
                &["ghi nhầm", "viết nhầm", "đưa tin nhầm", "bài viết ghi"],
            )
    }

    fn past(&self, si: usize, trigger: Span) -> bool {
        let s = &self.sents[si];
        s.has_phrase_in(
            Span::new(s.span.start, trigger.start),
            &["trong việc", "từng", "trước đây"],
        )
    }

    fn trigger(&mut self, si: usize, trigger: Span, kind: EventType) {
        let text = self.text();
        let before = self.sents[si].words_before(trigger.start, 8);
        if Self::negated(&before[before.len().saturating_sub(5)..]) {
            return;
        }
        // `hiện chưa có kế hoạch tổ chức cuộc gặp …`: no plan, no event
        if before.windows(4).any(|w| {
            matches!(w[0], "chưa" | "không") && w[1] == "có" && w[2] == "kế" && w[3] == "hoạch"
        }) {
            return;
        }
        // `Đây là cuộc gặp thứ hai giữa hai nhà lãnh đạo …`, `Đây là chuyến thăm đầu
        // tiên …`: what the event just told is, not another one
        if before.windows(2).any(|w| w == ["đây", "là"]) {
            return;
        }
        if self.called_off(si, trigger) {
            return;
        }
        if self.hearsay(si, trigger) || self.correction(si) {
            return;
        }
        // `cử tàu hải quân thăm cảng Cam Ranh`: a ship's call, no one's visit
        if kind == EventType::Visit
            && before[before.len().saturating_sub(3)..]
                .iter()
                .any(|w| matches!(*w, "tàu" | "hạm" | "chiến"))
        {
            return;
        }
        let phrase = self.sents[si].folded
            [self.sents[si].rel(trigger.start)..self.sents[si].rel(trigger.end)]
            .to_string();
        match kind {
            EventType::Meeting | EventType::Talks | EventType::PhoneCall | EventType::Reception => {
                self.encounter(si, trigger, kind, &phrase)
            }
            EventType::Visit => self.visit(si, trigger),
            EventType::Invitation => self.invitation(si, trigger, &phrase),
            EventType::AgreementSigning => self.signing(si, trigger, &phrase),
            EventType::SummitAttendance => self.attendance(si, trigger),
            EventType::Proposal => self.proposal(si, trigger),
        }
        let _ = text;
    }

    fn encounter(&mut self, si: usize, trigger: Span, kind: EventType, phrase: &str) {
        let text = self.text();
        let s = &self.sents[si];
        // `X tiếp riêng Y`: a private reception, the guest after `riêng`
        let trigger = if phrase == "tiếp" && s.words_after(trigger.end, 1).first() == Some(&"riêng")
        {
            let rel = s.rel(trigger.end);
            let at = s.folded[rel..]
                .find("riêng")
                .map_or(0, |i| i + "riêng".len());
            Span::new(trigger.start, trigger.end + at)
        } else {
            trigger
        };
        if phrase == "trao đổi với" {
            // `trao đổi với` is a meeting only with a named person right after it
            if s.person_right_after(trigger.end, text).is_none() {
                return;
            }
        }
        // `A được B tiếp tại …`: B receives A
        let mut passive: Option<(usize, usize)> = None;
        if kind == EventType::Reception && phrase == "tiếp" {
            // a guest named, a delegation, or leaders the text does not name (`tiếp lãnh
            // đạo Tập đoàn Nestlé`, `tiếp đại diện các doanh nghiệp`)
            let next = s.words_after(trigger.end, 2);
            let group = matches!(&*next, ["đoàn", ..] | ["lãnh", "đạo"] | ["đại", "diện"]);
            if s.person_right_after(trigger.end, text).is_none() && !group {
                let clause = s.clause(trigger.start);
                let host = s.persons.iter().rev().find(|p| {
                    p.span.end <= trigger.start && text[p.span.end..trigger.start].trim().is_empty()
                });
                passive = host
                    .filter(|h| s.words_before(h.span.start, 1).first() == Some(&"được"))
                    .and_then(|h| {
                        s.persons
                            .iter()
                            .find(|g| {
                                g.span.end <= h.span.start
                                    && g.span.start >= clause.start
                                    && g.person != h.person
                            })
                            .map(|g| (h.person, g.person))
                    });
                if passive.is_none() {
                    return;
                }
            }
        }
        if self.emotive(si, trigger) {
            return;
        }
        let own = self.own_date(si, trigger, false);
        let own_in_clause = self.own_date(si, trigger, true);
        if self.unreal(si, trigger, own_in_clause.is_some()) {
            return;
        }
        let clause = s.clause(trigger.start);
        let prev = s.words_before(trigger.start, 2);
        let mut counterparts = s.object_list(trigger.end, text);
        // `tiếp đoàn đại biểu … do X dẫn đầu`: the head of the delegation is the guest
        // (whatever titles stand between `do` and the name)
        if counterparts.is_empty() && s.words_after(trigger.end, 1).first() == Some(&"đoàn") {
            let rel_do = lex::find_all(&s.folded[s.rel(trigger.end)..], "do")
                .first()
                .map(|&at| trigger.end + at);
            if let Some(d) = rel_do {
                if let Some(p) = s.persons.iter().find(|p| {
                    p.span.start > d
                        && matches!(s.words_after(p.span.end, 1).first(), Some(&"dẫn" | &"làm"))
                }) {
                    counterparts.push(p.person);
                }
            }
        }
        // `… Jiří Kozák đã tiếp đoàn.`: the delegation told before, by its head
        if counterparts.is_empty()
            && phrase == "tiếp"
            && s.words_after(trigger.end, 1).first() == Some(&"đoàn")
            && s.words_after(trigger.end, 2).len() == 1
        {
            if let Some(h) = self.delegation_head(si) {
                counterparts.push(h);
            }
        }
        if let Some((_, guest)) = passive {
            counterparts = vec![guest];
        }
        let mut agents_clause = s.persons_in(Span::new(clause.start, trigger.start));
        if let Some((host, _)) = passive {
            agents_clause = vec![host];
        }
        // `- Chiều 15/9: gặp Tổng thống Namibia X …`: a list item with no subject is the
        // lead-in's (`Phó Chủ tịch nước đã có các hoạt động sau:`)
        if agents_clause.is_empty() {
            if let Some(lead) = self.list_subject(si, trigger) {
                if !counterparts.contains(&lead) {
                    agents_clause = vec![lead];
                }
            }
        }
        // `A hội kiến B và tiếp C`: after another event of the clause, its subject acts
        let earlier = self.raws.iter().any(|r| {
            r.alive && r.sent == si && clause.contains(r.trigger) && r.trigger.end <= trigger.start
        });
        if earlier {
            agents_clause.truncate(1);
        }
        // `A đã gặp B, C và có các cuộc gặp ngắn với …`: a predicate coordinated after a
        // list of counterparts is the first verb's subject's
        if let Some(pr) = self
            .raws
            .iter()
            .rev()
            .take_while(|r| r.sent == si)
            .find(|r| {
                r.alive
                    && r.sent == si
                    && r.trigger.end <= trigger.start
                    && is_encounter(r.kind)
                    && r.parts.len() >= 2
            })
        {
            if !agents_clause.is_empty()
                && agents_clause.iter().all(|p| pr.parts[1..].contains(p))
                && s.has_phrase_in(Span::new(clause.start, trigger.start), &["và"])
            {
                agents_clause = vec![pr.parts[0]];
            }
        }
        // `Tại cuộc gặp, …`: a back-reference to the encounter, not a new one
        let in_clause = s.persons_in(clause);
        // `Tại cuộc gặp`, `Sau hội đàm`, `Cũng tại tiệc chiêu đãi` (not `sau đó tiếp`)
        let setting = match &*prev {
            [.., w1, w2] if matches!(*w2, "cuộc" | "buổi" | "tiệc") => SETTING.contains(w1),
            [.., w2] => SETTING.contains(w2),
            [] => false,
        };
        // `Trong cuộc điện đàm với X, …`: the call with X told before, not a new one
        if setting && !(counterparts.is_empty() && in_clause.is_empty()) {
            let named: Vec<usize> = counterparts.iter().chain(&in_clause).copied().collect();
            if let Some(ep) = self.raws.iter().rposition(|r| {
                r.alive && r.kind == kind && named.iter().all(|p| r.parts.contains(p))
            }) {
                self.mark_episode(si, Some(ep));
                return;
            }
        }
        if setting && in_clause.is_empty() && counterparts.is_empty() {
            let referred = self.referred_episode(kind);
            if referred.is_none() {
                // `Ngay sau lễ đón chính thức …, A hội đàm với B`: named in passing, the
                // first time: an event of the sentence's people
                let parts = s.persons_in(s.span);
                if parts.is_empty() {
                    return;
                }
                let mut r = self.new_raw(si, kind, trigger, parts);
                if let Some((ds, d)) = self.own_date(si, trigger, false) {
                    r.date = Some(event_date(&d));
                    r.date_span = Some(ds);
                }
                r.place = self.own_place(si);
                r.occasion = self.own_occasion(si, trigger);
                r.past = self.past(si, trigger);
                self.raws.push(r);
                let idx = self.raws.len() - 1;
                self.mark_episode(si, Some(idx));
                return;
            }
            if let (Some(ep), Some((ds, d))) = (referred, own_in_clause) {
                // `Tại cuộc gặp ngày 29/10 ở Hàn Quốc, A và B …`: the encounter's date
                let mut r = self.new_raw(si, kind, trigger, self.raws[ep].parts.clone());
                r.date = Some(event_date(&d));
                r.date_span = Some(ds);
                r.place = self.own_place(si);
                r.episode = Some(ep);
                self.raws.push(r);
            }
            self.mark_episode(si, referred);
            return;
        }
        // `Trao đổi với Tổng thống X, hai bên …`, `Gặp Chủ tịch nước, Thủ tướng X nhắc lại
        // …`: a phrase fronted before the sentence's subject, naming an encounter told
        // before, refers back to it (the one that also has the subject after the comma)
        if text[s.span.start..trigger.start].trim().is_empty() && clause.end < s.span.end {
            let named = s.persons_in(Span::new(trigger.end, clause.end));
            let subject = s
                .persons
                .iter()
                .find(|p| {
                    p.span.start >= clause.end && s.clause(p.span.start).start == clause.end + 1
                })
                .map(|p| p.person);
            let told = |r: &Raw, all: bool| {
                r.alive
                    && is_encounter(r.kind)
                    && r.parts.len() >= 2
                    && named.iter().all(|p| r.parts.contains(p))
                    && (!all || subject.is_none_or(|p| r.parts.contains(&p)))
            };
            // (`Gặp Chủ tịch nước, …`: a bare title the people layer left unnamed; the
            // subject after the comma then says which encounter)
            if !named.is_empty() || subject.is_some() {
                let ep = self.raws.iter().rposition(|r| told(r, true)).or_else(|| {
                    (!named.is_empty())
                        .then(|| self.raws.iter().rposition(|r| told(r, false)))
                        .flatten()
                });
                if let Some(ep) = ep {
                    self.mark_episode(si, Some(ep));
                    return;
                }
            }
        }
        let mut collective_ep = None;
        let mut agents: Vec<usize> = agents_clause
            .iter()
            .copied()
            .filter(|p| !counterparts.contains(p))
            .collect();
        // `…, sau đó hai nhà lãnh đạo hội đàm`: the clause's subject is the encounter's pair
        if agents.is_empty()
            && counterparts.is_empty()
            && s.has_phrase_in(Span::new(clause.start, trigger.start), COLLECTIVE)
        {
            if let Some(ep) = self.sentence_episode.or(self.current) {
                agents = self.raws[ep].parts.clone();
                collective_ep = Some(ep);
            }
        }
        if agents.is_empty()
            && !counterparts.is_empty()
            && matches!(prev.last().copied(), Some("cuộc" | "buổi"))
            && !s.persons.iter().any(|p| !counterparts.contains(&p.person))
        {
            // `Cuộc gặp với Thủ tướng Nhật Bản X … đã được chuyển sang sáng 7/10`: the one
            // whose encounters the article tells
            if let Some(r) = self
                .raws
                .iter()
                .rev()
                .find(|r| r.alive && is_encounter(r.kind) && r.parts.len() >= 2)
            {
                if !counterparts.contains(&r.parts[0]) {
                    agents.push(r.parts[0]);
                }
            }
        }
        if agents.is_empty() {
            if let Some(p) = s
                .persons
                .iter()
                .find(|p| p.span.end <= trigger.start && !counterparts.contains(&p.person))
            {
                agents.push(p.person);
            } else if let Some(p) = s
                .persons
                .iter()
                .find(|p| p.span.start >= trigger.end && !counterparts.contains(&p.person))
            {
                agents.push(p.person);
            }
        }
        // the host of a reception: `chiêu đãi … của X`, else its subject
        let host = if kind == EventType::Reception {
            let after = s.words_after(trigger.end, 4);
            // `A dự tiệc chiêu đãi`: A is a guest; the host is told elsewhere
            let attended =
                prev.last().is_some_and(|w| *w == "dự") || prev.ends_with(&["dự", "tiệc"]);
            // `chiêu đãi của X`, `tiệc chiêu đãi do X chủ trì`: X hosts
            if attended && counterparts.is_empty() {
                None
            } else if after.contains(&"của") || after.contains(&"do") {
                counterparts.first().copied()
            } else {
                agents.first().copied()
            }
        } else {
            None
        };
        let mut groups: Vec<Vec<usize>> = Vec::new();
        // `A và B sẽ lần lượt hội kiến C`: one encounter each
        let in_turn = s.words_before(trigger.start, 2).contains(&"lượt");
        // `cuộc gặp ba bên với B và C`, `hội đàm bốn bên`: one encounter of all
        let several_sides = matches!(
            &*s.words_after(trigger.end, 2),
            ["ba" | "bốn" | "năm", "bên"]
        );
        if in_turn && agents.len() >= 2 && counterparts.len() == 1 {
            for &a in &agents {
                groups.push(vec![a, counterparts[0]]);
            }
        } else if !agents.is_empty() && counterparts.len() >= 2 && !several_sides {
            for &c in &counterparts {
                let mut g = agents.clone();
                g.push(c);
                groups.push(g);
            }
        } else {
            let mut g = agents.clone();
            for &c in &counterparts {
                if !g.contains(&c) {
                    g.push(c);
                }
            }
            groups.push(g);
        }
        let mut unnamed = Vec::new();
        let mut collective = false;
        if counterparts.is_empty() {
            let tail = Span::new(trigger.end, clause.end);
            // (`lãnh đạo các nước Brunei và Lào`; not `cộng đồng doanh nghiệp Pháp`: a
            // meeting with no leader of that country)
            if s.has_phrase_in(
                tail,
                &[
                    "lãnh đạo",
                    "thủ tướng",
                    "tổng thống",
                    "nguyên thủ",
                    "người đứng đầu",
                ],
            ) {
                unnamed = s
                    .countries
                    .iter()
                    .filter(|(c, _)| tail.contains(*c))
                    .map(|(_, k)| k.clone())
                    .collect();
            }
            collective = s.has_phrase_in(s.span, COLLECTIVE);
        }
        // `Ngay sau đó, hai nhà lãnh đạo hội đàm`: the same occasion as the encounter
        let mut episode = collective_ep;
        if groups.len() == 1 && groups[0].is_empty() {
            // `Cuộc gặp … giữa hai nhà lãnh đạo`: the current encounter, restated
            if !collective {
                return;
            }
            let Some(ep) = self.referred_episode(kind) else {
                return;
            };
            groups[0] = self.raws[ep].parts.clone();
            episode = Some(ep);
        }
        let place = self.own_place(si);
        let occasion = self.own_occasion(si, trigger);
        let past = self.past(si, trigger);
        for g in groups {
            let mut r = self.new_raw(si, kind, trigger, g);
            if let Some((ds, d)) = &own {
                r.date = Some(event_date(d));
                r.date_span = Some(*ds);
            }
            r.modality = if self.planned(si, trigger, r.date.as_deref()) {
                Modality::Planned
            } else {
                Modality::Happened
            };
            r.place = place.clone();
            r.occasion = occasion.clone();
            r.past = past;
            r.unnamed = unnamed.clone();
            r.host = host;
            if episode.is_some() {
                r.episode = episode;
            }
            self.raws.push(r);
            let idx = self.raws.len() - 1;
            if self.raws[idx].parts.len() >= 2 || kind == EventType::Reception {
                self.current = Some(idx);
            }
        }
    }

    /// The head of the delegation the text last introduced (`đoàn … do X, <titles> dẫn
    /// đầu`), in this sentence or before.
    fn delegation_head(&self, si: usize) -> Option<usize> {
        self.sents[..=si].iter().rev().find_map(|s| {
            let lead = lex::find_all(&s.folded, "dẫn đầu");
            let &at = lead.first()?;
            let by = lex::find_all(&s.folded[..at], "do").last().copied()?;
            if !s.folded[..by].contains("đoàn") {
                return None;
            }
            let (from, to) = (s.span.start + by, s.span.start + at);
            s.persons
                .iter()
                .find(|p| p.span.start > from && p.span.end <= to)
                .map(|p| p.person)
        })
    }

    /// `đoàn làm việc với Thống đốc X`: a working session is no event of the guidelines,
    /// but it is the encounter a following `Hai bên đã ký …` refers to (kept as a dead
    /// event: the current encounter, never reported).
    fn working_session(&mut self, si: usize) {
        let text = self.text();
        let s = &self.sents[si];
        static WORKS: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
        let works = WORKS.get_or_init(|| memchr::memmem::Finder::new("làm việc với".as_bytes()));
        let Some(at) = works.find(s.folded.as_bytes()) else {
            return;
        };
        let trigger = Span::new(s.span.start + at, s.span.start + at + "làm việc với".len());
        let Some(other) = s.person_right_after(trigger.end, text).map(|p| p.person) else {
            return;
        };
        let clause = s.clause(trigger.start);
        let subject = match s.persons_in(Span::new(clause.start, trigger.start))[..] {
            [p] => Some(p),
            [] if s.words_before(trigger.start, 3).contains(&"đoàn") => self.delegation_head(si),
            _ => None,
        };
        let Some(subject) = subject.filter(|&p| p != other) else {
            return;
        };
        let mut r = self.new_raw(si, EventType::Meeting, trigger, vec![subject, other]);
        if let Some((ds, d)) = self.own_date(si, trigger, false) {
            r.date = Some(event_date(&d));
            r.date_span = Some(ds);
        }
        r.place = self.own_place(si);
        r.alive = false;
        self.raws.push(r);
        self.current = Some(self.raws.len() - 1);
    }

    /// The encounter a back-reference points to: the latest of that kind (a reception
    /// noun names a reception), else the latest encounter.
    fn referred_episode(&self, kind: EventType) -> Option<usize> {
        let fits = |k: EventType| match kind {
            EventType::Meeting | EventType::Talks => {
                matches!(k, EventType::Meeting | EventType::Talks)
            }
            _ => k == kind,
        };
        self.raws
            .iter()
            .rposition(|r| r.alive && fits(r.kind) && !r.parts.is_empty())
    }

    fn mark_episode(&mut self, si: usize, ep: Option<usize>) {
        if let Some(ep) = ep {
            self.current = Some(ep);
            self.sentence_episode = Some(ep);
        }
        let _ = si;
    }

    fn visit(&mut self, si: usize, trigger: Span) {
        let text = self.text();
        let s = &self.sents[si];
        let clause = s.clause(trigger.start);
        // visits need their own date (planned ones) or year (past ones): in the clause, or
        // a day fronted in the sentence (`Chiều 10/9, A đến Hà Nội, bắt đầu chuyến thăm …`)
        // when the visit is stated as done, not wished or promised
        // (`chuyến thăm Lào từ ngày 11 đến 12/7 và chuyến thăm Campuchia từ ngày 12 đến
        // 13/7`: each visit its own dates)
        let mut dates: Vec<(Span, String)> = s
            .dates
            .iter()
            .filter(|(d, _)| clause.contains(*d) && !self.owned_by_other(si, *d, trigger))
            .cloned()
            .collect();
        if dates.is_empty() {
            // a plan (`sẽ`, `dự kiến`) is dated by a fronted month too (`Theo kế hoạch, đầu
            // tháng 12, A sẽ sang thăm …`); a wish is not dated by what precedes it
            let plan_words = ["sẽ", "dự kiến", "chuẩn bị"];
            let planned = s.has_phrase_in(Span::new(clause.start, trigger.start), &plan_words);
            let wished = s.has_phrase_in(Span::new(clause.start, trigger.start), WISHES)
                || s.has_phrase_in(
                    Span::new(s.span.start, trigger.start),
                    &["hứa", "thu xếp", "mời", "mong", "nhận lời"],
                );
            // `A tiếp B đang thăm …`: a visit named inside another event's clause (not a
            // further act of the same subject: `A dự kiến hội kiến B và thăm …`)
            let further = s.words_before(trigger.start, 1).first() == Some(&"và");
            let inside = !further
                && self.raws.iter().any(|r| {
                    r.alive
                        && r.sent == si
                        && clause.contains(r.trigger)
                        && r.trigger.end <= trigger.start
                });
            if !wished && !inside {
                // (a plan may be dated by its year: `Dự kiến trong năm nay, X sẽ thăm …`; a
                // visit told as done by its month: `Trước đó, tháng 11/2025, A đã thăm …`)
                let done = s.has_phrase_in(Span::new(clause.start, trigger.start), &["đã"]);
                let least = if planned {
                    4
                } else if done {
                    7
                } else {
                    10
                };
                if let Some(d) = s
                    .dates
                    .iter()
                    .rfind(|(d, v)| d.end <= trigger.start && v.len() >= least)
                {
                    dates.push(d.clone());
                }
            }
        }
        // `… từ hạ tuần tháng 3, khi X thăm Hà Nội`: a `khi` clause right after a date
        // tells what happened then
        if dates.is_empty()
            && s.folded[s.rel(clause.start)..]
                .trim_start()
                .starts_with("khi ")
        {
            if let Some(d) = s.dates.iter().rfind(|(d, _)| {
                d.end <= clause.start
                    && text[d.end..clause.start]
                        .trim_matches([',', ' '])
                        .is_empty()
            }) {
                dates.push(d.clone());
            }
        }
        // `các chuyến thăm Việt Nam của X, lần gần nhất vào tháng 4/2008`: the time of the
        // last of them, in the clause after
        if dates.is_empty() {
            if let Some(d) = s.dates.iter().find(|(d, _)| {
                d.start > clause.end && {
                    let gap =
                        s.folded[s.rel(clause.end)..s.rel(d.start)].trim_start_matches([',', ' ']);
                    gap.len() <= 32
                        && ["lần gần nhất", "lần gần đây nhất", "lần cuối", "gần nhất"]
                            .iter()
                            .any(|w| gap.starts_with(w))
                }
            }) {
                dates.push(d.clone());
            }
        }
        // `Lima, 9/4 - Trong khuôn khổ chuyến thăm Peru từ ngày 8 đến 11/4, …`: the visit's
        // own days after it, not the dispatch's day before it
        if dates.iter().any(|(d, _)| d.start >= trigger.end) {
            dates.retain(|(d, _)| d.start >= trigger.end);
        }
        // `… rời Ulaanbaatar tối 16/7, kết thúc chuyến công tác`, `rút ngắn chuyến thăm Na
        // Uy và về nước rạng sáng nay`: the day a trip ends is not its date; only its own
        // days told after it are (`kết thúc chuyến thăm … từ ngày 28/3 đến 6/4`)
        if s.words_before(trigger.start, 3)
            .windows(2)
            .any(|w| matches!(w, ["kết", "thúc"] | ["rút", "ngắn"]))
        {
            dates.retain(|(d, v)| d.start >= trigger.end && v.contains('/'));
        }
        if dates.is_empty() {
            return;
        }
        // `thăm Philippines vào thời gian thích hợp và dự Hội nghị … năm 2026`: a visit
        // whose time is left open takes no date told after that
        dates.retain(|(d, _)| {
            d.start <= trigger.end
                || !s.has_phrase_in(
                    Span::new(trigger.end, d.start),
                    &[
                        "thời gian thích hợp",
                        "thời điểm thích hợp",
                        "dịp thích hợp",
                    ],
                )
        });
        // visitors: `mời X thăm` → X; else the clause's subject; `chuyến thăm … của X` → X
        let mut visitors: Vec<usize> = Vec::new();
        // `đoàn đại biểu … do đồng chí X, Ủy viên …, Thường trực Ban Bí thư dẫn đầu thăm …`:
        // the head of the delegation visits
        if s.words_before(trigger.start, 2).ends_with(&["dẫn", "đầu"]) {
            let head = lex::find_all(&s.folded[..s.rel(trigger.start)], "do")
                .last()
                .and_then(|&at| {
                    let from = s.span.start + at;
                    s.persons
                        .iter()
                        .find(|p| p.span.start > from && p.span.end <= trigger.start)
                })
                .map(|p| p.person);
            visitors.extend(head);
        }
        let before = s.words_before(trigger.start, 6);
        if let Some(m) = before
            .iter()
            .position(|w| *w == "mời")
            .filter(|_| visitors.is_empty())
        {
            let _ = m;
            if let Some(p) = s
                .persons
                .iter()
                .rev()
                .find(|p| p.span.end <= trigger.start && clause.contains(p.span))
            {
                visitors.push(p.person);
            }
        }
        if visitors.is_empty() {
            // reported speech (`Đại sứ cho biết Thủ tướng X dự kiến thăm …`): the people
            // of the reported clause, not the speaker
            let from = s.after_last_of(
                Span::new(clause.start, trigger.start),
                &[
                    "cho biết",
                    "cho hay",
                    "thông báo",
                    "khẳng định",
                    "tuyên bố",
                    "xác nhận",
                    "nói",
                ],
            );
            visitors = s.persons_in(Span::new(from, trigger.start));
            // `A và phu nhân`: the clause's people before the trigger visit together
        }
        // `A chủ trì lễ đón B thăm chính thức …`: the guest of the welcome visits
        if visitors.len() >= 2 {
            if let Some(welcome) = self.raws.iter().rev().find(|r| {
                r.alive
                    && r.sent == si
                    && r.kind == EventType::Reception
                    && clause.contains(r.trigger)
                    && r.trigger.end <= trigger.start
            }) {
                // (the ones named after the welcome's verb: `A và B chủ trì lễ đón C …`)
                let wt = welcome.trigger;
                let guests: Vec<usize> = welcome
                    .parts
                    .iter()
                    .copied()
                    .filter(|&p| {
                        Some(p) != welcome.host
                            && visitors.contains(&p)
                            && s.persons
                                .iter()
                                .any(|m| m.person == p && m.span.start >= wt.end)
                    })
                    .collect();
                if !guests.is_empty() {
                    visitors = guests;
                }
            }
        }
        if visitors.is_empty() {
            // `Chuyến thăm Bỉ và làm việc với EU của Thủ tướng …`: the person after `của`
            if let Some(p) = s.persons.iter().find(|p| {
                p.span.start >= trigger.end
                    && clause.contains(p.span)
                    // (`của cố Tổng thống X`: the late president)
                    && (s.words_before(p.span.start, 1).first() == Some(&"của")
                        || s.words_before(p.span.start, 2).ends_with(&["của", "cố"]))
                    // not `… theo lời mời của X`: another trigger's
                    && !self
                        .sent_triggers
                        .iter()
                        .any(|t| t.start >= trigger.end && t.end <= p.span.start)
            }) {
                visitors.push(p.person);
            }
        }
        // `A đón B tại sân bay, mở đầu chuyến thăm …`: the guest of the welcome visits
        if visitors.is_empty() {
            if let Some(welcome) = self.raws.iter().rev().find(|r| {
                r.alive
                    && r.sent == si
                    && r.kind == EventType::Reception
                    && r.trigger.end <= trigger.start
            }) {
                visitors = welcome
                    .parts
                    .iter()
                    .copied()
                    .filter(|&p| Some(p) != welcome.host)
                    .collect();
            }
        }
        if visitors.is_empty() {
            if let Some(p) = self.subject(si, trigger.start) {
                visitors.push(p);
            }
        }
        // `Trong khuôn khổ chuyến thăm chính thức Peru …, chiều 9/4, A hội đàm …`: a visit
        // fronted before the sentence's subject is the subject's
        // (a dateline may stand before it: `Lima, 9/4 - Trong khuôn khổ …`)
        if visitors.is_empty()
            && s.persons.iter().all(|p| p.span.start >= clause.end)
            && s.has_phrase_in(
                Span::new(clause.start, trigger.start),
                &["trong khuôn khổ", "nhân chuyến", "trong chuyến"],
            )
        {
            if let Some(p) = s.persons.iter().find(|p| p.span.start >= clause.end) {
                visitors.push(p.person);
            }
        }
        // `A nhận lời mời của B sẽ thăm …`: B invites, A visits
        if visitors.len() >= 2 {
            let invited: Vec<usize> = visitors
                .iter()
                .copied()
                .filter(|&v| {
                    !s.persons.iter().any(|p| {
                        p.person == v
                            && p.span.end <= trigger.start
                            && clause.contains(p.span)
                            && s.words_before(p.span.start, 3).ends_with(&["mời", "của"])
                    })
                })
                .collect();
            if !invited.is_empty() {
                visitors = invited;
            }
        }
        if visitors.is_empty() {
            return;
        }
        // the place visited: a country after the trigger in its clause, else after any
        // visit word of the sentence (`4 lần thăm Việt Nam, trong đó chuyến thăm đầu tiên …`)
        let country = s
            .countries
            .iter()
            .find(|(c, _)| c.start >= trigger.end && clause.contains(*c))
            .or_else(|| {
                lex::find_all(&s.folded, "thăm")
                    .into_iter()
                    .filter_map(|at| {
                        let abs = s.span.start + at;
                        s.countries.iter().find(|(c, _)| {
                            c.start >= abs + "thăm".len() && s.clause(abs).contains(*c)
                        })
                    })
                    .next()
            })
            .map(|(_, k)| k.clone())
            .or_else(|| {
                s.places
                    .iter()
                    .find(|p| p.destination && p.prep >= trigger.end)
                    .and_then(|p| p.place.country.clone())
            });
        let past = self.past(si, trigger);
        let _ = text;
        for (ds, d) in dates {
            let date = event_date(&d);
            let mut r = self.new_raw(si, EventType::Visit, trigger, visitors.clone());
            r.modality = if self.planned(si, trigger, Some(&date)) {
                Modality::Planned
            } else {
                Modality::Happened
            };
            r.date = Some(date);
            r.date_span = Some(ds);
            r.place = Place {
                country: country.clone(),
                ..Place::default()
            };
            r.past = past;
            self.raws.push(r);
        }
    }

    fn invitation(&mut self, si: usize, trigger: Span, _phrase: &str) {
        let text = self.text();
        let s = &self.sents[si];
        let prev = s.words_before(trigger.start, 2);
        let is_noun = prev.last() == Some(&"lời");
        let clause = s.clause(trigger.start);
        let after = s.words_after(trigger.end, 1);
        let inviter_of = if after.first() == Some(&"của") {
            let at = s.span.start
                + s.rel(trigger.end)
                + s.folded[s.rel(trigger.end)..].find("của").unwrap_or(0)
                + "của".len();
            s.person_right_after(at, text).map(|p| p.person)
        } else {
            None
        };
        let mut parts: Vec<usize> = Vec::new();
        let mut no_date = false;
        if is_noun {
            let before_noun = s.words_before(trigger.start, 3);
            let answered = before_noun
                .iter()
                .any(|w| matches!(*w, "nhận" | "trước" | "theo" | "đáp"));
            // `Trước lời mời của X` answers an invitation just made; `Nhận lời mời`,
            // `theo lời mời` one made earlier, on a day the text does not give
            let earlier = before_noun
                .iter()
                .any(|w| matches!(*w, "nhận" | "theo" | "đáp"));
            if before_noun.iter().any(|w| matches!(*w, "cảm" | "ơn")) {
                return; // thanks for an invitation stated elsewhere
            }
            if answered {
                // `Nhận lời mời của X, Y thăm …`, `… theo lời mời của X`: the invitation
                // was made earlier, on a day the text does not give
                // `Y … nhận lời mời thăm Việt Nam do X chuyển`: X conveyed it, in the
                // encounter told, on its day
                let conveyor = if inviter_of.is_none() && before_noun.contains(&"nhận") {
                    lex::find_all(&s.folded[s.rel(trigger.end)..s.rel(clause.end)], "do")
                        .into_iter()
                        .find_map(|at| {
                            let p = s.person_right_after(trigger.end + at + "do".len(), text)?;
                            (s.words_after(p.span.end, 1).first() == Some(&"chuyển"))
                                .then_some(p.person)
                        })
                } else {
                    None
                };
                let Some(x) = inviter_of.or(conveyor) else {
                    return;
                };
                parts.push(x);
                let invitee = s
                    .persons
                    .iter()
                    .find(|p| p.span.start >= clause.end && p.person != x)
                    .or_else(|| {
                        s.persons
                            .iter()
                            .find(|p| p.span.end <= trigger.start && p.person != x)
                    })
                    .map(|p| p.person);
                let Some(y) = invitee else {
                    return;
                };
                parts.push(y);
                no_date = earlier && conveyor.is_none();
                let mut r = self.new_raw(si, EventType::Invitation, trigger, parts);
                r.invitee = Some(y);
                r.no_date = no_date;
                r.modality = Modality::Proposed;
                self.raws.push(r);
                return;
            }
        }
        // `A mời B …`, `A chuyển lời mời B … của C`: the subject and the people after
        let after_people: Vec<&PM> = s
            .persons
            .iter()
            .filter(|p| p.span.start >= trigger.end && p.span.start < clause.end)
            .collect();
        let mut after_people = after_people;
        // `chuyển lời mời của A, <titles of A>, tới B thăm …`: the invitee after `tới`,
        // past the inviter's titles in apposition
        if !after_people.is_empty()
            && after_people
                .iter()
                .all(|p| s.words_before(p.span.start, 1).first() == Some(&"của"))
        {
            let next_trigger = self
                .sent_triggers
                .iter()
                .find(|t| t.start > trigger.end)
                .map_or(s.span.end, |t| t.start)
                .max(clause.end);
            let rest = &s.folded[s.rel(clause.end)..s.rel(next_trigger)];
            for w in ["tới", "đến"] {
                if let Some(&at) = lex::find_all(rest, w).first() {
                    if let Some(p) = s.person_right_after(clause.end + at + w.len(), text) {
                        after_people.push(p);
                        break;
                    }
                }
            }
        }
        let invitees: Vec<usize> = after_people.iter().map(|p| p.person).collect();
        // the invitee is the first person not introduced by `của` (that one invites)
        let Some(invitee) = after_people
            .iter()
            .find(|p| s.words_before(p.span.start, 1).first() != Some(&"của"))
            .or(after_people.first())
            .map(|p| p.person)
        else {
            return;
        };
        if let Some(a) = self.subject(si, trigger.start) {
            parts.push(a);
        }
        for p in invitees {
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
        if parts.len() < 2 {
            return;
        }
        let mut r = self.new_raw(si, EventType::Invitation, trigger, parts);
        if let Some((ds, d)) = self.date_before(si, trigger) {
            r.date = Some(event_date(&d));
            r.date_span = Some(ds);
        }
        r.invitee = Some(invitee);
        r.no_date = no_date;
        r.modality = Modality::Proposed;
        r.place = self.own_place(si);
        r.occasion = self.own_occasion(si, trigger);
        self.raws.push(r);
    }

    /// The subject a list item leaves out: the item starts with a list mark, names no one
    /// before `trigger` (a time and a colon may stand there), and a sentence ending with a
    /// colon a few sentences back, not an item itself, introduced the list and names its
    /// subject first.
    fn list_subject(&self, si: usize, trigger: Span) -> Option<usize> {
        let s = &self.sents[si];
        let item = |t: &str| {
            matches!(t.as_bytes().first(), Some(b'-' | b'+')) || t.starts_with(['–', '•'])
        };
        if !item(&s.folded) || s.persons.iter().any(|p| p.span.end <= trigger.start) {
            return None;
        }
        let head = &self.text()[s.span.start..trigger.start];
        // after the mark (and a time ending with a colon, `- Sáng 16/9:`): at most a few
        // lower-case words (`- Tối 15/9: dự tiệc chiêu đãi …`)
        let rest = head.trim_start_matches(['-', '+', '–', '•', ' ']);
        let rest = rest.rsplit_once(':').map_or(rest, |(_, r)| r);
        let mut n = 0;
        for w in rest.split_whitespace() {
            n += 1;
            if n > 3 || w.starts_with(char::is_uppercase) {
                return None;
            }
        }
        let text = self.text();
        for j in (si.saturating_sub(12)..si).rev() {
            let t = &self.sents[j];
            if item(&t.folded) {
                continue;
            }
            if text[t.span.start..t.span.end].trim_end().ends_with(':') {
                return t.persons.first().map(|p| p.person);
            }
        }
        None
    }

    /// `… có các cuộc gặp song phương:` then a list, one line each: `- Với Thủ tướng
    /// Malaysia Anwar Ibrahim: …`. Each line is an encounter of the announced kind
    /// between the announcer and the person named; the announcement, whose counterparts
    /// the list names, is no event of its own.
    fn bullet_encounter(&mut self, si: usize) {
        let text = self.text();
        let s = &self.sents[si];
        let lead = s.folded.len() - s.folded.trim_start_matches(['-', '–', '•', '+', ' ']).len();
        if !s.folded[lead..].starts_with("với ") {
            return;
        }
        let at = s.span.start + lead + "với".len();
        let Some(x) = s.person_right_after(at, text).map(|p| p.person) else {
            return;
        };
        // the announcement: the latest encounter with the announcer alone, a few
        // sentences back
        let Some(head) = self.raws.iter().rposition(|r| {
            is_encounter(r.kind) && r.parts.len() == 1 && r.sent < si && r.sent + 6 >= si
        }) else {
            return;
        };
        let h = self.raws[head].clone();
        if h.parts.contains(&x) {
            return;
        }
        let trigger = Span::new(s.span.start + lead, at);
        let mut r = self.new_raw(si, h.kind, trigger, vec![h.parts[0], x]);
        r.date = h.date.clone();
        r.date_span = h.date_span;
        r.place = h.place.clone();
        r.occasion = h.occasion.clone();
        r.modality = h.modality;
        r.episode = Some(head);
        self.raws.push(r);
        self.raws[head].alive = false;
        let idx = self.raws.len() - 1;
        self.current = Some(idx);
    }

    /// `mong muốn X (cũng) đến thăm …`: an invitation from the subject to X.
    fn wish_invitations(&mut self, si: usize) {
        let text = self.text();
        let s = &self.sents[si];
        // (most sentences have no wish: one substring search, no word scan)
        if !s.folded.contains("mong muốn") {
            return;
        }
        for at in lex::find_all(&s.folded, "mong muốn") {
            let abs = s.span.start + at + "mong muốn".len();
            let Some(x) = s.person_right_after(abs, text).copied() else {
                continue;
            };
            let clause = s.clause(abs);
            let visit = lex::find_all(&s.folded[s.rel(x.span.end)..s.rel(clause.end)], "thăm");
            if visit.is_empty() {
                continue;
            }
            let Some(a) = self.subject(si, s.span.start + at) else {
                continue;
            };
            if a == x.person {
                continue;
            }
            let trigger = Span::new(s.span.start + at, abs);
            let mut r = self.new_raw(si, EventType::Invitation, trigger, vec![a, x.person]);
            r.invitee = Some(x.person);
            r.modality = Modality::Proposed;
            if let Some((ds, d)) = self.date_before(si, trigger) {
                r.date = Some(event_date(&d));
                r.date_span = Some(ds);
            }
            r.place = self.own_place(si);
            r.occasion = self.own_occasion(si, trigger);
            self.raws.push(r);
        }
    }

    fn signing(&mut self, si: usize, trigger: Span, phrase: &str) {
        let text = self.text();
        let s = &self.sents[si];
        if phrase == "thông qua" {
            let next = s.words_after(trigger.end, 4);
            let rest = &text[trigger.end..s.span.end];
            let quoted = rest.trim_start().starts_with(['“', '"']);
            if !quoted
                && !next.iter().any(|w| {
                    matches!(
                        *w,
                        "tuyên" | "nghị" | "văn" | "hiệp" | "kế" | "chương" | "thỏa" | "thoả"
                    )
                })
            {
                return;
            }
            if next.first() == Some(&"việc") {
                return;
            }
        }
        let own_in_clause = self.own_date(si, trigger, true);
        if self.unreal(si, trigger, own_in_clause.is_some()) {
            return;
        }
        let clause = s.clause(trigger.start);
        let prev = s.words_before(trigger.start, 2);
        let passive = prev.contains(&"được");
        let mut parts: Vec<usize> = if passive {
            s.persons
                .iter()
                .filter(|p| p.span.start >= trigger.end)
                .map(|p| p.person)
                .collect()
        } else {
            let mut v = s.persons_in(Span::new(clause.start, trigger.start));
            if v.is_empty() {
                if let Some(p) = s.persons.iter().rev().find(|p| p.span.end <= trigger.start) {
                    v.push(p.person);
                }
            }
            // `ký … với X`
            let after = s.words_after(trigger.end, 8);
            if after.contains(&"với") {
                for p in s.object_list(trigger.end, text) {
                    if !v.contains(&p) {
                        v.push(p);
                    }
                }
            }
            v
        };
        // `Dưới sự chứng kiến của X, A và B đã ký …`: the witness takes part too
        if !passive {
            if let Some(at) =
                lex::find_all(&s.folded[..s.rel(trigger.start)], "sự chứng kiến của").first()
            {
                let of = s.span.start + at + "sự chứng kiến của".len();
                for p in s.object_list(of, text) {
                    if !parts.contains(&p) {
                        parts.insert(0, p);
                    }
                }
            }
        }
        parts.dedup();
        // `… chứng kiến lễ ký 3 văn kiện, trong đó có Bản ghi nhớ … do A và B ký`: the
        // signers of a document of the ceremony just told take part in it
        if !passive && !parts.is_empty() {
            let first = s
                .persons
                .iter()
                .find(|p| p.person == parts[0] && p.span.end <= trigger.start);
            let by = first.is_some_and(|p| s.words_before(p.span.start, 1).first() == Some(&"do"));
            if let Some(ceremony) = by
                .then(|| {
                    self.raws.iter().rposition(|r| {
                        r.alive
                            && r.sent == si
                            && r.kind == EventType::AgreementSigning
                            && r.trigger.end <= first.map_or(0, |p| p.span.start)
                    })
                })
                .flatten()
            {
                for p in parts {
                    if !self.raws[ceremony].parts.contains(&p) {
                        self.raws[ceremony].parts.push(p);
                    }
                }
                return;
            }
        }
        let mut episode = None;
        if parts.is_empty() {
            if !s.has_phrase_in(s.span, COLLECTIVE) && !s.has_phrase_in(s.span, &["lãnh đạo"]) {
                return;
            }
            let Some(ep) = self.sentence_episode.or(self.current) else {
                return;
            };
            // `các nhà lãnh đạo đã thông qua Tuyên bố …`: the summit's leaders, not the
            // pair of the last bilateral meeting (`các lãnh đạo ASEAN và Mỹ đã thông qua`
            // names the two sides: their leaders are the pair)
            let head = &s.folded[s.rel(s.clause(trigger.start).start)..s.rel(trigger.start)];
            let bare_group = ["các nhà lãnh đạo", "các lãnh đạo"].iter().any(|g| {
                head.rfind(g).is_some_and(|at| {
                    head[at + g.len()..]
                        .split_whitespace()
                        .all(|w| matches!(w, "đã" | "cùng" | "đều" | "sẽ" | "chính" | "thức"))
                })
            });
            if bare_group && self.raws[ep].parts.len() <= 2 {
                return;
            }
            parts = self.raws[ep].parts.clone();
            episode = Some(ep);
        }
        let mut r = self.new_raw(si, EventType::AgreementSigning, trigger, parts);
        if let Some((ds, d)) = self.own_date(si, trigger, false) {
            r.date = Some(event_date(&d));
            r.date_span = Some(ds);
        }
        r.trip = s.has_phrase_in(
            s.span,
            &["chuyến đi này", "chuyến thăm này", "chuyến công tác này"],
        );
        // done during the current trip: not a past deed even inside a praise
        r.past = !r.trip && self.past(si, trigger);
        if episode.is_some() {
            r.episode = episode;
        }
        r.place = self.own_place(si);
        // (a working session is never reported: what is signed at it takes its day and place)
        if let Some(ep) = episode.filter(|&e| !self.raws[e].alive) {
            if r.date.is_none() {
                r.date.clone_from(&self.raws[ep].date);
            }
            if r.place.country.is_none() {
                r.place = self.raws[ep].place.clone();
            }
        }
        r.occasion = self.own_occasion(si, trigger);
        r.modality = if self.planned(si, trigger, r.date.as_deref()) {
            Modality::Planned
        } else {
            Modality::Happened
        };
        self.raws.push(r);
    }

    fn attendance(&mut self, si: usize, trigger: Span) {
        let text = self.text();
        let s = &self.sents[si];
        // the object: an occasion named right after (a reception noun is a reception)
        let rel = s.rel(trigger.end);
        let rest = s.folded[rel..].trim_start();
        if RECEPTION_NOUNS.iter().any(|n| rest.starts_with(n)) {
            return;
        }
        // the object right after the verb, or after `và phát biểu tại` (`dự và phát biểu
        // tại Phiên họp …`)
        let object = s.occasions.iter().find(|o| {
            if o.span.start < trigger.end {
                return false;
            }
            let gap = lex::fold_same_len(text[trigger.end..o.span.start].trim());
            // `dự và phát biểu tại Phiên thảo luận chung cấp cao Khóa họp …`, `dự phiên
            // khai mạc Hội nghị …`: a session of the occasion
            let session = gap.strip_prefix("và phát biểu tại ").unwrap_or(&gap);
            gap.split_whitespace().count() <= 2
                || gap.ends_with("phát biểu tại")
                || gap.ends_with("phát biểu khai mạc")
                // `dự lễ khai mạc Diễn đàn …`: the ceremony of the occasion
                || gap == "lễ khai mạc"
                || gap == "lễ bế mạc"
                || (session.starts_with("phiên ") && session.split_whitespace().count() <= 6)
        });
        // (`dự phiên thảo luận về …`: a session of the summit the article is at)
        let generic = ["hội nghị", "lễ", "sự kiện", "cuộc họp", "phiên"]
            .iter()
            .any(|g| rest.starts_with(g));
        if object.is_none() && !generic {
            return;
        }
        // `chủ trì` attends only a named occasion (`chủ trì Hội nghị Cấp cao ASEAN …`)
        if object.is_none() && s.folded[s.rel(trigger.start)..].starts_with("chủ trì") {
            return;
        }
        // `A đón B và các trưởng đoàn tham dự hội nghị`: a bare `hội nghị` after another
        // event of the clause describes its guests
        let clause = s.clause(trigger.start);
        if object.is_none()
            && self.raws.iter().any(|r| {
                r.alive
                    && r.sent == si
                    && clause.contains(r.trigger)
                    && r.trigger.end <= trigger.start
            })
        {
            return;
        }
        // `khi dự …`, `nhân dịp (cùng) tham dự …`: the setting of another event (words
        // after the last name: the `Nhân` of `Nguyễn Thiện Nhân sẽ dự` is no `nhân dịp`)
        let named_end = s
            .persons
            .iter()
            .filter(|p| p.span.end <= trigger.start)
            .map(|p| p.span.end)
            .max()
            .unwrap_or(s.span.start);
        let from = s.rel(named_end.max(s.span.start));
        let before = lex::words_before(&s.folded[from..], s.rel(trigger.start) - from, 3);
        if before
            .iter()
            .any(|w| matches!(*w, "khi" | "dịp" | "nhân" | "trong" | "sau" | "trước"))
        {
            return;
        }
        let own_in_clause = self.own_date(si, trigger, true);
        if self.unreal(si, trigger, own_in_clause.is_some()) {
            return;
        }
        let clause = s.clause(trigger.start);
        // `A mời B dự … vào tháng 6`: the invitation is the event, not an attendance
        if s.has_phrase_in(
            Span::new(clause.start, trigger.start),
            &["mời", "đề nghị", "mong muốn"],
        ) {
            return;
        }
        // `…, nhân dịp các nhà lãnh đạo sang Việt Nam dự …`: the setting of the sentence's
        // other events; `A tiếp các nhà lãnh đạo dự …`: a group the text does not name
        // attends
        let clause_before = Span::new(clause.start, trigger.start);
        let last_person = s
            .persons
            .iter()
            .filter(|p| clause_before.contains(p.span))
            .map(|p| p.span.end)
            .max()
            .unwrap_or(clause.start);
        // (`A và các lãnh đạo ASEAN dự …`: A attends with them)
        let with_them = s.words_after(last_person, 1).first() == Some(&"và");
        let group = [
            "các nhà lãnh đạo",
            "các lãnh đạo",
            "các trưởng đoàn",
            "các đoàn",
        ];
        if s.has_phrase_in(clause_before, &["nhân dịp"])
            || (!with_them && s.has_phrase_in(Span::new(last_person, trigger.start), &group))
        {
            return;
        }
        // `cử đoàn dự lễ nhậm chức`: a delegation attends, nobody the text names
        if s.words_before(trigger.start, 2)
            .iter()
            .any(|w| matches!(*w, "đoàn" | "diện"))
        {
            return;
        }
        // reported speech (`Người phát ngôn X cho biết Tổng Bí thư Y sẽ dự …`): the people
        // of the reported clause, not the speaker
        let from = s.after_last_of(
            Span::new(clause.start, trigger.start),
            &["cho biết", "cho hay", "thông báo", "tuyên bố", "xác nhận"],
        );
        let mut parts = s.persons_in(Span::new(from, trigger.start));
        // `A sẽ gặp B và dự Diễn đàn …`: after an encounter of the clause, its subject
        // attends, not the one met
        if let Some(r) = self.raws.iter().rev().find(|r| {
            r.alive
                && r.sent == si
                && is_encounter(r.kind)
                && clause.contains(r.trigger)
                && r.trigger.end <= trigger.start
        }) {
            let met: Vec<usize> = r.parts[1..].to_vec();
            parts.retain(|p| !met.contains(p));
        }
        if parts.is_empty() {
            if let Some(p) = self.subject(si, trigger.start) {
                parts.push(p);
            }
        }
        if parts.is_empty() {
            return;
        }
        // `… dự Hội nghị … với sự tham gia của Thủ tướng X`: X attends too
        for at in lex::find_all(&s.folded[s.rel(trigger.end)..s.rel(clause.end)], "sự tham") {
            let abs = trigger.end + at;
            let after = s.words_after(abs, 4);
            // `sự tham gia của`, `sự tham dự của`
            if after.get(3) == Some(&"của") {
                let of = abs + s.folded[s.rel(abs)..].find("của").unwrap_or(0) + "của".len();
                for p in s.object_list(of, text) {
                    if !parts.contains(&p) {
                        parts.push(p);
                    }
                }
            }
        }
        // `dự Hội nghị …, do Thủ tướng A và Thủ tướng B đồng chủ trì`: those who chair it
        // attend it too
        if let Some(o) = object {
            // (after a comma too: `…, do Thủ tướng Campuchia Hun Sen và …`)
            let rest = text[o.span.end..s.span.end].trim_start_matches([',', ' ']);
            if rest.starts_with("do ") {
                let at = s.span.end - rest.len() + "do".len();
                let chairs = s.object_list(at, text);
                let last = s
                    .persons
                    .iter()
                    .filter(|p| chairs.contains(&p.person) && p.span.start >= at)
                    .map(|p| p.span.end)
                    .max();
                let chaired = last.is_some_and(|end| {
                    let w = s.words_after(end, 3);
                    w.first() == Some(&"chủ") || w.starts_with(&["đồng", "chủ", "trì"])
                });
                if chaired {
                    for p in chairs {
                        if !parts.contains(&p) {
                            parts.push(p);
                        }
                    }
                }
            }
        }
        let occasion = object
            .map(|o| o.name.clone())
            .or_else(|| self.ctx_occasion.clone());
        let mut r = self.new_raw(si, EventType::SummitAttendance, trigger, parts);
        // `… rời Ulaanbaatar tối 16/7, kết thúc chuyến công tác dự ASEM 11`: the day a trip
        // ends is not the day of what it went to attend
        let ending = s
            .words_before(trigger.start, 5)
            .windows(2)
            .any(|w| matches!(w, ["kết", "thúc"] | ["rút", "ngắn"]));
        if let Some((ds, d)) = self.own_date(si, trigger, false).filter(|_| !ending) {
            r.date = Some(event_date(&d));
            r.date_span = Some(ds);
            r.frame = Some(frame_date(&d));
        }
        r.place = self.own_place(si);
        r.occasion = occasion;
        r.past = self.past(si, trigger);
        // `Trước đó, A dự …`: an earlier summit, on days the text does not give
        r.no_date = r.date.is_none()
            && s.has_phrase_in(Span::new(s.span.start, trigger.start), &["trước đó"]);
        r.modality = if self.planned(si, trigger, r.date.as_deref()) {
            Modality::Planned
        } else {
            Modality::Happened
        };
        self.raws.push(r);
        let idx = self.raws.len() - 1;
        if self.raws[idx].parts.len() >= 2 {
            self.current = Some(idx);
        }
    }

    fn proposal(&mut self, si: usize, trigger: Span) {
        let text = self.text();
        let s = &self.sents[si];
        let prev = s.words_before(trigger.start, 3);
        let after = s.words_after(trigger.end, 1);
        // `đề xuất của X`: X proposes
        let mut proposer = None;
        let mut of_form = false;
        if after.first() == Some(&"của") {
            let at =
                trigger.end + s.folded[s.rel(trigger.end)..].find("của").unwrap_or(0) + "của".len();
            match s.person_right_after(at, text) {
                Some(p) => {
                    proposer = Some(p.person);
                    of_form = true;
                }
                None => return, // `các đề xuất của Việt Nam`: not a named leader's
            }
        }
        if proposer.is_none() {
            // a reaction to someone else's proposal (`ghi nhận đề nghị …`)
            if prev.iter().any(|w| {
                matches!(
                    *w,
                    "nhận"
                        | "nghênh"
                        | "ơn"
                        | "hồi"
                        | "hộ"
                        | "ứng"
                        | "theo"
                        | "trước"
                        | "với"
                        | "được"
                        | "những"
                        | "các"
                )
            }) {
                return;
            }
            // `do phía Peru đề nghị`, `Nhật Bản đề xuất …`: a country proposes, no named
            // leader (a country inside a person's mention, `Thủ tướng Nhật Bản`, names one)
            let by_country = s.countries.iter().any(|(c, _)| {
                c.end <= trigger.start
                    && text[c.end..trigger.start].trim().is_empty()
                    && !s.persons.iter().any(|p| p.span.contains(*c))
            });
            if by_country {
                return;
            }
            proposer = self.subject(si, trigger.start);
        }
        let Some(proposer) = proposer else {
            return;
        };
        let mut parts = vec![proposer];
        let mut addressee = None;
        if let Some(p) = s.person_right_after(trigger.end, text) {
            parts.push(p.person);
        } else if of_form {
            // `Theo đề xuất của X, Y phản hồi …` / `Y phản hồi … với những đề xuất của X`
            for p in &s.persons {
                if p.person != proposer && !parts.contains(&p.person) {
                    parts.push(p.person);
                    break;
                }
            }
        } else {
            for p in s.persons.iter().filter(|p| p.span.end <= trigger.start) {
                if p.person != proposer && !parts.contains(&p.person) {
                    parts.push(p.person);
                }
            }
            if parts.len() == 1 {
                addressee = self.addressee_cue(si, trigger, proposer);
            }
            // `Tại hội đàm, Thủ tướng đề nghị Quỹ … Qatar …`: made in the encounter the
            // sentence refers back to, to its other side; so is one right after the
            // sentence that told the proposer's one encounter (`A tiếp B. B đề nghị …`)
            if parts.len() == 1 && addressee.is_none() {
                let referred = self
                    .sentence_episode
                    .or(self.carried_episode)
                    .filter(|&ep| {
                        let e = &self.raws[ep];
                        e.alive && is_encounter(e.kind) && e.parts.contains(&proposer)
                    });
                // (within the two sentences before, one counterpart only)
                let mut others: Vec<usize> = self
                    .raws
                    .iter()
                    .filter(|r| {
                        r.alive
                            && r.sent < si
                            && r.sent + 2 >= si
                            && is_encounter(r.kind)
                            && r.parts.contains(&proposer)
                            && r.parts.len() == 2
                    })
                    .flat_map(|r| r.parts.iter().copied().filter(|&p| p != proposer))
                    .collect();
                others.sort_unstable();
                others.dedup();
                // (or the last event told before it is the proposer's bilateral encounter:
                // the narrative is still about it)
                // (that sentence told no other encounter: `gặp A, B và C. … đề xuất …` is
                // made to nobody in particular)
                let last_told = self.raws.iter().rev().find(|r| r.alive && r.sent < si);
                let still = last_told.is_some_and(|r| {
                    is_encounter(r.kind)
                        && r.parts.contains(&proposer)
                        && r.parts.len() == 2
                        && self.raws.iter().all(|o| {
                            !o.alive
                                || o.sent != r.sent
                                || !is_encounter(o.kind)
                                || same_set(&o.parts, &r.parts)
                        })
                });
                let one_before = others.len() == 1 || still;
                if referred.is_some() || one_before {
                    addressee = Some(Addressee::Encounter);
                }
            }
        }
        let mut r = self.new_raw(si, EventType::Proposal, trigger, parts);
        if let Some((ds, d)) = self.proposal_date(si, trigger) {
            r.date = Some(event_date(&d));
            r.date_span = Some(ds);
        }
        r.addressee = addressee;
        r.modality = Modality::Proposed;
        r.place = self.own_place_before(si, trigger.start);
        r.occasion = self.own_occasion(si, trigger);
        r.past = self.past(si, trigger);
        self.raws.push(r);
    }

    /// Who a proposal without a named addressee is made to: `hai bên` / `hai nước` (the
    /// encounter), `phía Mỹ`, `đề nghị Mỹ`, `Việt Nam và Singapore` (that country's leader).
    fn addressee_cue(&self, si: usize, trigger: Span, proposer: usize) -> Option<Addressee> {
        let s = &self.sents[si];
        let clause = s.clause(trigger.start);
        let tail = Span::new(trigger.end, clause.end);
        let own = self.country_of(proposer).map(str::to_string);
        let after = s.words_after(trigger.end, 3);
        // a country right after the verb or after `phía`
        let direct = s.countries.iter().find(|(c, _)| {
            c.start >= trigger.end && {
                let gap = lex::fold_same_len(self.text()[trigger.end..c.start].trim());
                gap.is_empty() || gap == "phía"
            }
        });
        if let Some((c, k)) = direct {
            // `đề nghị Việt Nam và Singapore …`: the other country is the addressee
            if Some(k) == own.as_ref() {
                let rest = lex::fold_same_len(self.text().get(c.end..tail.end).unwrap_or(""));
                if rest.trim_start().starts_with("và") {
                    if let Some((_, k2)) = s.countries.iter().find(|(c2, k2)| {
                        c2.start > c.end && Some(k2) != own.as_ref() && tail.contains(*c2)
                    }) {
                        return Some(Addressee::Country(k2.clone()));
                    }
                }
                return None;
            }
            return Some(Addressee::Country(k.clone()));
        }
        // `hai bên`, `hai nước`, and the two sides' bodies (`đề nghị hai Quốc hội …`)
        if after.first() == Some(&"hai")
            && matches!(
                after.get(1..).unwrap_or(&[]),
                ["bên", ..]
                    | ["nước", ..]
                    | ["quốc", "hội", ..]
                    | ["chính", "phủ", ..]
                    | ["bộ", ..]
                    | ["đảng", ..]
                    | ["quân", "đội", ..]
            )
        {
            return Some(Addressee::Encounter);
        }
        None
    }

    /// Resolve proposal addressees and the proposal-as-wish invitations.
    fn resolve_addressees(&mut self) {
        for i in 0..self.raws.len() {
            let Some(a) = self.raws[i].addressee.clone() else {
                continue;
            };
            let proposer = self.raws[i].parts[0];
            let pos = self.raws[i].trigger.start;
            // encounters of the proposer, nearest before first
            let mut cands: Vec<(usize, usize)> = self
                .raws
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    r.alive
                        && is_encounter(r.kind)
                        && r.parts.contains(&proposer)
                        && r.parts.len() >= 2
                })
                .map(|(j, r)| (j, r.trigger.start))
                .collect();
            cands.sort_by_key(|&(_, at)| {
                if at <= pos {
                    (0, pos - at)
                } else {
                    (1, at - pos)
                }
            });
            let found = cands.iter().find_map(|&(j, _)| {
                let others: Vec<usize> = self.raws[j]
                    .parts
                    .iter()
                    .copied()
                    .filter(|&p| p != proposer)
                    .collect();
                match &a {
                    Addressee::Encounter => others.first().copied(),
                    // (or the one counterpart, whose country the text does not give:
                    // `hội kiến Bộ trưởng Quốc phòng Hulusi Akar … đề nghị phía Thổ Nhĩ Kỳ`)
                    Addressee::Country(k) => others
                        .iter()
                        .copied()
                        .find(|&p| self.country_of(p) == Some(k.as_str()))
                        .or_else(|| {
                            let own = self.country_of(proposer);
                            match others[..] {
                                [p] if self.country_of(p).is_none() && own != Some(k.as_str()) => {
                                    Some(p)
                                }
                                _ => None,
                            }
                        }),
                }
            });
            if let Some(p) = found {
                self.raws[i].parts.push(p);
            }
        }
    }

    /// Merge the mentions of one occurrence.
    fn merge_restatements(&mut self) {
        let n = self.raws.len();
        for i in 0..n {
            if !self.raws[i].alive {
                continue;
            }
            for j in 0..i {
                if !self.raws[j].alive {
                    continue;
                }
                if self.same_occurrence(j, i) {
                    let b = self.raws[i].clone();
                    let a = &mut self.raws[j];
                    for p in &b.parts {
                        if !a.parts.contains(p) {
                            a.parts.push(*p);
                        }
                    }
                    if (a.date.is_none()
                        || (b
                            .date
                            .as_ref()
                            .is_some_and(|d| a.date.as_ref().is_some_and(|x| d.len() > x.len()))))
                        && b.date.is_some()
                    {
                        a.date = b.date.clone();
                        a.date_span = b.date_span;
                    }
                    if a.place.country.is_none() {
                        a.place.country = b.place.country.clone();
                    }
                    if a.place.city.is_none() {
                        a.place.city = b.place.city.clone();
                    }
                    if a.place.venue.is_none() {
                        a.place.venue = b.place.venue.clone();
                    }
                    // the fuller name of the same summit (`… lần thứ 44` over a title's)
                    let fuller = b.occasion.as_ref().is_some_and(|o| {
                        a.occasion
                            .as_ref()
                            .is_none_or(|x| o.len() > x.len() && occasions_match(Some(o), Some(x)))
                    });
                    if fuller {
                        a.occasion = b.occasion.clone();
                    }
                    a.no_date = a.date.is_none() && a.no_date && b.no_date;
                    if a.frame.is_none() {
                        a.frame = b.frame.clone();
                    }
                    if a.episode.is_none() {
                        a.episode = b.episode;
                    }
                    if a.host.is_none() {
                        a.host = b.host;
                    }
                    self.raws[i].alive = false;
                    // references to the merged one now point to the survivor
                    for r in self.raws.iter_mut() {
                        if r.episode == Some(i) {
                            r.episode = Some(j);
                        }
                    }
                    break;
                }
            }
        }
    }

    fn same_occurrence(&self, j: usize, i: usize) -> bool {
        let (a, b) = (&self.raws[j], &self.raws[i]);
        // (attending a summit of several days, told on two of its days, is one attendance:
        // the trip's start and `Ngày 6/10, Thủ tướng dự phiên khai mạc …`)
        let one_summit = a.kind == EventType::SummitAttendance
            && a.frame.as_ref().is_some_and(|f| f.len() == 7)
            && b.date
                .as_deref()
                .is_some_and(|d| a.frame.as_deref().is_some_and(|f| d.starts_with(f)));
        if a.kind != b.kind || !(one_summit || dates_compatible(&a.date, &b.date)) {
            return false;
        }
        if a.past != b.past {
            return false;
        }
        match a.kind {
            // a meeting with unnamed counterparts is too vague to be restated
            EventType::Meeting | EventType::Talks | EventType::PhoneCall => {
                a.parts.len() >= 2 && same_set(&a.parts, &b.parts)
            }
            // one host gives one banquet, one welcome ceremony a day
            EventType::Reception => {
                let family = reception_family(&self.trigger_word(j));
                family == reception_family(&self.trigger_word(i))
                    && (same_set(&a.parts, &b.parts)
                        // an audience (`tiếp`) is one per guest: a host receives many
                        || (family != 2 && a.host.is_some() && a.host == b.host)
                        // `… chủ trì tiệc chiêu đãi …. A đã dự tiệc chiêu đãi`: a guest
                        // attending the banquet just told, undated and with no host
                        || (family == 0
                            && a.host.is_some()
                            && b.host.is_none()
                            && b.date.is_none()
                            && b.sent <= a.sent + 1))
            }
            EventType::Visit => same_set(&a.parts, &b.parts) && a.date == b.date,
            EventType::SummitAttendance => {
                a.parts.iter().any(|p| b.parts.contains(p))
                    && (occasions_match(a.occasion.as_deref(), b.occasion.as_deref())
                        // a title sums up the ceremony its article tells (`Phó Chủ tịch
                        // nước dự lễ nhậm chức Tổng thống Angola`), a summit with no name
                        // (the text's ceremony with no name the title's named one)
                        || ((a.occasion.is_none() || b.occasion.is_none()) && self.is_title(a.sent)))
            }
            EventType::Invitation => {
                a.invitee.is_some()
                    && a.invitee == b.invitee
                    && a.parts
                        .iter()
                        .any(|p| Some(*p) != a.invitee && b.parts.contains(p))
            }
            EventType::AgreementSigning => {
                same_set(&a.parts, &b.parts) && a.date.is_some() && a.date == b.date
            }
            EventType::Proposal => {
                if !same_set(&a.parts, &b.parts) {
                    return false;
                }
                // one speaker's proposals at a summit are one speech; between two leaders,
                // only a restatement (the lead, a caption) is the same proposal
                if a.parts.len() == 1 {
                    return occasions_match(
                        a.occasion.as_deref().or(a.ctx_occasion.as_deref()),
                        b.occasion.as_deref().or(b.ctx_occasion.as_deref()),
                    );
                }
                overlap(&a.content, &b.content) >= 0.5
            }
        }
    }

    fn trigger_word(&self, i: usize) -> String {
        let r = &self.raws[i];
        let s = &self.sents[r.sent];
        s.folded[s.rel(r.trigger.start)..s.rel(r.trigger.end)].to_string()
    }

    /// Fill dates, places and occasions from the encounter, the summit and the article.
    fn fill_context(&mut self) {
        let doc_date = self.doc.meta.date.clone();
        let n = self.raws.len();
        // attendances first: they date the summit's side events
        for pass in 0..3 {
            for i in 0..n {
                if !self.raws[i].alive {
                    continue;
                }
                let kind = self.raws[i].kind;
                let first = matches!(kind, EventType::SummitAttendance);
                let second = is_encounter(kind);
                if (pass == 0 && !first)
                    || (pass == 1 && !second)
                    || (pass == 2 && (first || second))
                {
                    continue;
                }
                self.fill_one(i, doc_date.as_deref());
            }
        }
    }

    fn fill_one(&mut self, i: usize, doc_date: Option<&str>) {
        if self.raws[i].past || self.raws[i].no_date || self.raws[i].kind == EventType::Visit {
            if self.raws[i].kind == EventType::Visit {
                self.raws[i].occasion = None;
            }
            return;
        }
        // what is read of the event as it was before this fills it
        let r = Before::of(&self.raws[i]);
        // the encounter it belongs to: a back-reference, or an encounter of its people
        let sent = self.raws[i].sent;
        let mut speech_day: Option<String> = None;
        let episode = r.episode.filter(|&e| self.raws[e].alive).or_else(|| {
            if is_encounter(r.kind) || r.kind == EventType::SummitAttendance {
                return None;
            }
            // an act of one person told right after a dated event of theirs is on that day
            // (`Chiều 1/2, A dự … Diễn đàn … . Dưới sự chứng kiến của A, … đã ký …`), not on
            // the day of an earlier encounter of theirs
            // (so is a proposal in a speech at a session whose attendance that sentence
            // told, even merged into the summit's: `Sáng 11/10, A dự … phiên họp toàn thể.
            // Phát biểu tại phiên họp, A đề xuất …`)
            let speech = r.kind == EventType::Proposal
                && self.sents[sent]
                    .folded
                    .trim_start()
                    .starts_with("phát biểu tại phiên");
            if let [p] = r.parts[..] {
                if r.kind != EventType::Proposal || speech {
                    let told = (0..i).rev().find(|&j| {
                        let e = &self.raws[j];
                        (e.alive || speech)
                            && e.sent + 1 == sent
                            && e.kind != EventType::Visit
                            && (!speech || e.kind == EventType::SummitAttendance)
                            && e.parts.contains(&p)
                            && e.date.as_deref().is_some_and(|d| d.len() == 10)
                    });
                    if let Some(j) = told {
                        if self.raws[j].alive {
                            return told;
                        }
                        // (a restatement merged away: its own day only)
                        speech_day.clone_from(&self.raws[j].date);
                    }
                }
            }
            let need: Vec<usize> = r.parts.clone();
            let mut best: Option<(usize, usize)> = None;
            for (j, e) in self.raws.iter().enumerate() {
                if j == i || !e.alive || !is_encounter(e.kind) || e.parts.len() < 2 {
                    continue;
                }
                let shared = need.iter().filter(|p| e.parts.contains(p)).count();
                if shared >= 2 || (need.len() == 1 && shared == 1 && r.kind != EventType::Proposal)
                {
                    let d = r.trigger.start.abs_diff(e.trigger.start);
                    if best.is_none_or(|(_, bd)| d < bd) {
                        best = Some((j, d));
                    }
                }
            }
            best.map(|(j, _)| j)
        });
        let ep = episode.map(|e| Before::of(&self.raws[e]));
        // the summit it happens at
        let occasion = r
            .occasion
            .clone()
            .or_else(|| ep.as_ref().and_then(|e| e.occasion.clone()))
            .or_else(|| r.ctx_occasion.clone());
        // (a summit only when there is one to match: two unknown occasions are no match)
        let summit = self
            .raws
            .iter()
            .filter(|a| a.alive && a.kind == EventType::SummitAttendance && a.date.is_some())
            .filter(|_| occasion.is_some())
            .find(|a| occasions_match(a.occasion.as_deref(), occasion.as_deref()))
            .map(Before::of);
        // (the days a sentence gives the summit itself; an attendance's date may be only
        // the day someone arrived)
        let summit_days = occasion.as_deref().and_then(|o| self.occasion_date(o));
        if r.date.is_none() && !r.no_date {
            let date = if speech_day.is_some() {
                speech_day
            } else if r.trip {
                self.raws
                    .iter()
                    .find(|v| {
                        v.alive
                            && v.kind == EventType::Visit
                            && !v.past
                            && v.modality == Modality::Happened
                    })
                    .and_then(|v| v.date.as_deref().and_then(month_of))
                    .or_else(|| doc_date.and_then(month_of))
            } else if let Some(d) = occasion
                .as_deref()
                .filter(|_| r.kind == EventType::SummitAttendance && r.episode.is_none())
                .and_then(|o| self.occasion_start(o))
            {
                // `A dẫn đầu đoàn … dự ASEM 11`: attending a summit whose own days the text
                // gives is on its first day, not on a nearby encounter's
                Some(d)
            } else if let Some(e) = ep.as_ref().filter(|e| e.date.is_some()) {
                e.date.clone()
            } else if let Some(s) = &summit {
                s.frame.clone().or_else(|| s.date.clone())
            } else if let Some(d) = summit_days.clone() {
                // `Hội nghị … bế mạc chiều 30/10`: the summit's own date
                Some(d)
            } else if r.kind == EventType::SummitAttendance {
                // attending a summit whose days the text does not give: its month
                doc_date.and_then(month_of)
            } else {
                None
            };
            self.raws[i].date = date;
        }
        // a phone call joins two places; only the text can say one (so does what is
        // said in it: a proposal made during a call)
        let in_call = ep.as_ref().is_some_and(|e| e.kind == EventType::PhoneCall);
        if self.raws[i].place.country.is_none() && r.kind != EventType::PhoneCall && !in_call {
            let place = ep
                .as_ref()
                .map(|e| e.place.clone())
                .filter(|p| p.country.is_some())
                .or_else(|| {
                    summit
                        .as_ref()
                        .map(|s| s.place.clone())
                        .filter(|p| p.country.is_some())
                })
                .or_else(|| Some(r.ctx_place.clone()).filter(|p| p.country.is_some()))
                .or_else(|| self.first_place());
            if let Some(p) = place {
                let own = &mut self.raws[i].place;
                own.country = p.country;
                if own.city.is_none() {
                    own.city = p.city;
                }
                if own.venue.is_none() && ep.is_some() {
                    own.venue = p.venue;
                }
            }
        }
        // the trip is wider than any one summit of it; and an event dated outside the
        // summit's days (a state visit the day after it closed) is not at it
        let inherited = r.occasion.is_none() && ep.as_ref().is_none_or(|e| e.occasion.is_none());
        let outside = inherited
            && summit_days.is_some()
            && self.raws[i].date.is_some()
            && !dates_compatible(&self.raws[i].date, &summit_days);
        // (nor is an event in another city than the one the summit was attended in: a
        // forum in Thành phố Hồ Chí Minh is not the setting of talks in Hà Nội)
        let elsewhere = inherited
            && summit.as_ref().is_some_and(|s| {
                let own = &self.raws[i].place;
                matches!((&s.place.city, &own.city), (Some(a), Some(b)) if a != b)
                    && s.place.country == own.country
            });
        // (nor one told on the way there: `Trước đó, trên đường tới Yerevan, A gặp B`)
        let on_the_way = inherited
            && lex::find_all(&self.sents[sent].folded, "trên đường")
                .first()
                .is_some_and(|&at| {
                    let next =
                        lex::words_after(&self.sents[sent].folded, at + "trên đường".len(), 1);
                    matches!(next.first().copied(), Some("tới" | "đến" | "sang" | "về"))
                });
        let outside = outside || elsewhere || on_the_way;
        if self.raws[i].occasion.is_none() && !r.trip && !outside {
            self.raws[i].occasion = occasion;
        }
    }

    /// The date a sentence gives a summit it names (see [`summit_dates`]).
    /// The first day a sentence gives a summit (`… diễn ra trong hai ngày 15 và 16/7`).
    fn occasion_start(&self, name: &str) -> Option<String> {
        self.summit_dates
            .iter()
            .find(|(n, _, _)| occasions_match(Some(n), Some(name)))
            .map(|(_, _, d)| d.clone())
            .filter(|d| d.len() == 10)
    }

    fn occasion_date(&self, name: &str) -> Option<String> {
        self.summit_dates
            .iter()
            .find(|(n, _, _)| occasions_match(Some(n), Some(name)))
            .map(|(_, d, _)| d.clone())
    }

    /// The title line: `meta.title_span`, else a first line without a final stop.
    fn is_title(&self, si: usize) -> bool {
        let span = self.sents[si].span;
        if let Some(t) = self.doc.meta.title_span {
            return t.overlaps(span);
        }
        let text = self.text();
        si == 0
            && text[span.end..].starts_with('\n')
            && !text[..span.end].ends_with(['.', '!', '?', ':'])
    }

    fn first_place(&self) -> Option<Place> {
        self.raws
            .iter()
            .filter(|r| r.alive && !r.past && r.kind != EventType::Visit)
            .map(|r| r.place.clone())
            .find(|p| p.country.is_some())
    }

    /// A group meeting with unnamed counterparts (`lãnh đạo Trung Quốc, Mỹ`) that only
    /// restates meetings with those countries' named leaders is dropped.
    fn drop_covered_groups(&mut self) {
        // a title's event the body tells with the same people (not merged because the
        // title names it otherwise: `Hội nghị COP28` / `Hội nghị thượng đỉnh …`)
        for i in 0..self.raws.len() {
            let r = &self.raws[i];
            if !r.alive || !self.is_title(r.sent) || r.date.is_some() {
                continue;
            }
            // (a headline's `điện đàm` for a call the body tells as `hội đàm trực tuyến`)
            let told = self.raws.iter().enumerate().any(|(j, e)| {
                j != i
                    && e.alive
                    && !self.is_title(e.sent)
                    && (e.kind == r.kind || (is_encounter(e.kind) && is_encounter(r.kind)))
                    // (the body may tell more of them: the chairs attending with the guest)
                    && r.parts.iter().all(|p| e.parts.contains(p))
            });
            if told {
                self.raws[i].alive = false;
            }
        }
        for i in 0..self.raws.len() {
            let r = &self.raws[i];
            if !r.alive || r.parts.len() != 1 || !is_encounter(r.kind) {
                continue;
            }
            let agent = r.parts[0];
            // a title's `gặp lãnh đạo các nước` sums up the meetings the body tells
            if self.is_title(r.sent)
                && self
                    .raws
                    .iter()
                    .enumerate()
                    .any(|(j, e)| j != i && e.alive && e.kind == r.kind && e.parts.contains(&agent))
            {
                self.raws[i].alive = false;
                continue;
            }
            if r.unnamed.is_empty() {
                continue;
            }
            let covered = r.unnamed.iter().all(|k| {
                self.raws.iter().any(|e| {
                    e.alive
                        && e.kind == r.kind
                        && e.parts.contains(&agent)
                        && e.parts
                            .iter()
                            .any(|&p| p != agent && self.country_of(p) == Some(k.as_str()))
                })
            });
            if covered {
                self.raws[i].alive = false;
            }
        }
    }

    fn finish(self) -> Vec<Event> {
        let people = &self.doc.layers.people;
        let mut out: Vec<(usize, Event)> = Vec::new();
        for r in self.raws.iter().filter(|r| r.alive && !r.parts.is_empty()) {
            let s = &self.sents[r.sent];
            let third = r.place.country.as_ref().is_some_and(|c| {
                r.parts
                    .iter()
                    .all(|&p| people[p].country.as_ref().is_some_and(|pc| pc != c))
            });
            let (cameo, plover) = cameo_of(r.kind, third);
            let role = |k: usize, p: usize| -> String {
                match r.kind {
                    EventType::Visit => "visitor",
                    EventType::Invitation if Some(p) == r.invitee => "invitee",
                    EventType::Invitation => "inviter",
                    EventType::Reception if Some(p) == r.host => "host",
                    EventType::Reception => "guest",
                    EventType::Proposal if k == 0 => "proposer",
                    EventType::Proposal => "addressee",
                    EventType::SummitAttendance => "attendee",
                    _ if k == 0 => "agent",
                    _ => "counterpart",
                }
                .to_string()
            };
            let participants = r
                .parts
                .iter()
                .enumerate()
                .map(|(k, &p)| Participant {
                    person: people[p].id.clone(),
                    role: role(k, p),
                })
                .collect();
            out.push((
                r.sent,
                Event {
                    id: String::new(),
                    kind: r.kind,
                    trigger: r.trigger,
                    evidence: s.span,
                    participants,
                    date: r.date.clone(),
                    date_span: r.date_span,
                    location: Place {
                        span: None,
                        ..r.place.clone()
                    },
                    occasion: r.occasion.clone(),
                    modality: r.modality,
                    cameo,
                    plover,
                },
            ));
        }
        out.sort_by_key(|(_, e)| (e.evidence.start, e.trigger.start));
        out.into_iter().map(|(_, e)| e).collect()
    }
}

/// Banquets, welcome ceremonies and audiences are different receptions.
fn reception_family(word: &str) -> u8 {
    match word {
        "chiêu đãi" | "quốc yến" => 0,
        "lễ đón" | "đón" | "đón tiếp" => 1,
        _ => 2,
    }
}

/// An occasion named as another time's (`sau khi dự Hội nghị …`, `từng dự …`): not the
/// setting of the sentence's events.
fn elsewhen(s: &Sent, o: &OccasionMention) -> bool {
    s.words_before(o.span.start, 4)
        .iter()
        .any(|w| matches!(*w, "sau" | "trước" | "từng" | "kể"))
}

/// The dates sentences give the summits they name in the same clause or fronted
/// (`Chiều 30/10, Hội nghị … bế mạc`), to the month when they span several days. An
/// attended summit's date is someone's arrival, not the summit's: left out.
fn summit_dates(sents: &[Sent]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for s in sents {
        for o in &s.occasions {
            let attended = s
                .words_before(o.span.start, 3)
                .iter()
                .any(|w| matches!(*w, "dự" | "dịp"));
            if attended || elsewhen(s, o) {
                continue;
            }
            let clause = s.clause(o.span.start);
            if let Some((_, v)) = s
                .dates
                .iter()
                .find(|(d, _)| clause.contains(*d))
                .or_else(|| s.dates.iter().rfind(|(d, _)| d.end <= o.span.start))
            {
                out.push((o.name.clone(), frame_date(v), event_date(v)));
            }
        }
    }
    out
}

fn same_set(a: &[usize], b: &[usize]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// Share of the shorter list's words found in the other.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if s.is_empty() {
        return 0.0;
    }
    s.iter().filter(|w| l.contains(w)).count() as f64 / s.len() as f64
}

/// The distinctive words of an occasion name: its capitalized words, acronyms and numbers,
/// as slices of `folded` (the name folded by [`lex::fold_same_len`], which keeps offsets:
/// a word of it is that word folded, with no `String` per word).
/// With `short`, a name with an acronym in brackets keys as the acronym and what follows
/// it; without, as its words but the acronym.
fn occasion_key<'f>(name: &str, folded: &'f str, short: bool) -> Vec<&'f str> {
    let t = lex::tokens(name, Span::new(0, name.len()));
    let generic = [
        "hội",
        "nghị",
        "cấp",
        "cao",
        "tuần",
        "lễ",
        "thượng",
        "đỉnh",
        "cuộc",
        "họp",
    ];
    // `Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8`: an acronym in brackets stands for the
    // words before it (`Hội nghị Cấp cao ASEM 8` is the same summit)
    let acronym_at = t.windows(3).position(|w| {
        !w[0].word
            && name[w[0].span.start..w[0].span.end] == *"("
            && w[1].word
            && name[w[1].span.start..w[1].span.end]
                .chars()
                .all(|c| c.is_uppercase())
            && !w[2].word
            && name[w[2].span.start..w[2].span.end] == *")"
    });
    t.iter()
        .enumerate()
        .filter(|&(i, _)| match acronym_at {
            None => true,
            Some(a) if short => i > a,
            Some(a) => i != a + 1,
        })
        .map(|(_, k)| k)
        .filter(|k| k.word && (k.cap || k.number))
        .map(|k| &folded[k.span.start..k.span.end])
        .filter(|w| !generic.contains(w))
        .collect()
}

/// Two names of one summit (`Hội nghị ASEAN - Mỹ`, `hội nghị Cấp cao ASEAN - Mỹ lần thứ 13`):
/// one's distinctive words all in the other, with no year or number that differs.
fn occasions_match(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return a.is_none() && b.is_none();
    };
    // (a name matches itself: the common case, answered without folding)
    if a == b {
        return true;
    }
    let (fa, fb) = (lex::fold_same_len(a), lex::fold_same_len(b));
    // (a name with an acronym in brackets is compared both as its words and as the
    // acronym: `Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8` is `… Á - Âu lần thứ 8` and
    // `Hội nghị Cấp cao ASEM 8`)
    let variants = |n: &str| -> &'static [bool] {
        if n.contains('(') {
            &[false, true]
        } else {
            &[false]
        }
    };
    variants(a).iter().any(|&sa| {
        variants(b).iter().any(|&sb| {
            keys_match(
                &occasion_key(a, &fa, sa),
                &occasion_key(b, &fb, sb),
                &fa,
                &fb,
            )
        })
    })
}

fn keys_match(ka: &[&str], kb: &[&str], fa: &str, fb: &str) -> bool {
    if ka.is_empty() || kb.is_empty() {
        return fa == fb;
    }
    let number = |w: &&str| w.bytes().all(|c| c.is_ascii_digit());
    // the numbers, in order, differ when both have some
    if ka.iter().any(number)
        && kb.iter().any(number)
        && !ka
            .iter()
            .filter(|w| number(w))
            .eq(kb.iter().filter(|w| number(w)))
    {
        return false;
    }
    // the other words: each in the other key (a word equal to one of them is no number)
    let words_in = |x: &[&str], y: &[&str]| x.iter().filter(|w| !number(w)).all(|w| y.contains(w));
    words_in(ka, kb) && words_in(kb, ka)
}

#[cfg(test)]
mod tests;
