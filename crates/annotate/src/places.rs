//! The `places` plugin: where an event happens and on which occasion.
//!
//! - **Locations** are read after a place preposition: `tại Hàn Quốc`, `ở cố đô Gyeongju`,
//!   `tại Nhà Trắng`, `tại thủ đô Kuala Lumpur (Malaysia)`, `đến Hàn Quốc`. A country comes
//!   from a country entity, a city's country from the gazetteer's location entity, from a
//!   parenthesis after it, or from the venue list (`places/venues.tsv`, data users extend).
//! - **Occasions** are summit or ceremony names: a head (`Hội nghị`, `Hội nghị Cấp cao`,
//!   `Tuần lễ Cấp cao`, `Cuộc họp`, `Diễn đàn`, `Lễ` …) followed by a name (capitalized words,
//!   acronyms, `lần thứ 47`, a year, `về Gaza`): `Hội nghị Cấp cao APEC 2024`,
//!   `Cuộc họp Khai mạc Hội đồng Hòa bình về Gaza`. A bare `hội nghị` is not a name: it
//!   refers back to one, and the `events` plugin resolves it from context.
//!
//! The stage adds the locations and occasions it finds that the gazetteer did not, as
//! entities (`Location` with attrs `country`, `kind`; `Occasion` with `year` and what a
//! gazetteer summit inside it knows). The `events` plugin calls [`place_mentions`] and
//! [`occasion_mentions`] on each sentence.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use sen_core::layers::{Entity, EntityLabel, Place};
use sen_core::{AnnotateError, Annotator, Document, Layer, Span};

use crate::events::lex::{self, Tok};
use crate::events::scans;

/// A place stated in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// The place's name (`Hàn Quốc`, `cố đô Gyeongju`, `Nhà Trắng`).
    pub span: Span,
    /// Where its preposition starts.
    pub prep: usize,
    /// `đến`, `tới`, `sang`: where someone travels to.
    pub destination: bool,
    pub place: Place,
}

/// An occasion named in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct OccasionMention {
    pub span: Span,
    /// As written.
    pub name: String,
    pub attrs: BTreeMap<String, String>,
}

/// `(ASEM 11)`, `(FII7)` right after an occasion's name: a short name of capitals and
/// digits, at most two words.
fn bracketed_short_name(after: &str) -> Option<&str> {
    let inner = after.strip_prefix(" (")?;
    let close = inner.find(')')?;
    let name = &inner[..close];
    let ok = (2..=16).contains(&name.len())
        && name.split(' ').count() <= 2
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.bytes().filter(|b| b.is_ascii_uppercase()).count() >= 2
        // (a number: the session, not the body that holds it, `(WEF)`)
        && name.bytes().any(|b| b.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ');
    ok.then_some(name)
}

/// A venue of the knowledge list.
struct Venue {
    folded: String,
    city: Option<String>,
    country: Option<String>,
}

fn venues() -> &'static [Venue] {
    static V: OnceLock<Vec<Venue>> = OnceLock::new();
    V.get_or_init(|| {
        include_str!("places/venues.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let name = f.next()?.trim().to_string();
                let opt = |s: Option<&str>| {
                    s.map(str::trim)
                        .filter(|s| !s.is_empty() && *s != "-")
                        .map(str::to_string)
                };
                let city = opt(f.next());
                let country = opt(f.next());
                Some(Venue {
                    folded: lex::fold_same_len(&name),
                    city,
                    country,
                })
            })
            .collect()
    })
}

/// Words that open a venue name after a preposition (`tại Trung tâm Hội nghị …`).
const VENUE_HEADS: &[&str] = &[
    "trung tâm hội nghị",
    "trung tâm",
    "phủ chủ tịch",
    "phủ tổng thống",
    "phủ thủ tướng",
    "trụ sở",
    "nhà quốc hội",
    "cung điện",
    "dinh",
    "điện",
    "khách sạn",
    "đại lễ đường",
    "sân bay",
];

/// City words before a name (`thủ đô Kuala Lumpur`, `cố đô Gyeongju`).
const CITY_WORDS: &[&str] = &[
    "thủ đô",
    "cố đô",
    "thành phố",
    "tp.",
    "tp",
    "thủ phủ",
    "tỉnh",
    "bang",
    "đảo",
    "thị trấn",
];

/// The prepositions before a place, with whether they name a destination ([`preposition`]
/// answers from them; the test keeps the two in step).
#[cfg(test)]
const PREPOSITIONS: &[(&str, bool)] = &[
    ("tại", false),
    ("ở", false),
    ("đến", true),
    ("tới", true),
    ("sang", true),
];

/// Whether a word is a preposition before a place (`tại`, `ở`; `đến`, `tới`, `sang` name a
/// destination): a `match` on every word of a sentence, a length switch, no list search.
fn preposition(w: &str) -> Option<bool> {
    match w {
        "tại" | "ở" => Some(false),
        "đến" | "tới" | "sang" => Some(true),
        _ => None,
    }
}

/// Occasion heads, longest first.
const OCCASION_HEADS: &[&str] = &[
    "hội nghị thượng đỉnh",
    "hội nghị cấp cao",
    "tuần lễ cấp cao",
    "hội nghị",
    "tuần lễ",
    "thượng đỉnh",
    "cuộc họp",
    "phiên họp",
    "diễn đàn",
    // `Đối thoại Shangri-La`
    "đối thoại",
    "đại hội đồng",
    "khóa họp",
    "khoá họp",
    "lễ kỷ niệm",
    "lễ khai mạc",
    "lễ bế mạc",
    "lễ nhậm chức",
    "lễ đăng quang",
    // a treaty opened for signature: a ceremony states parties attend
    "lễ mở ký",
    "lễ quốc tang",
    "lễ",
];

/// Lower-case words that end a name.
const NAME_STOP: &[&str] = &[
    "tại", "ở", "và", "với", "giữa", "của", "cho", "đã", "sẽ", "để", "nhằm", "trong", "khi", "từ",
    "đến", "tới", "ngày", "sáng", "chiều", "tối", "trưa", "hôm", "năm", "tháng", "là", "có",
    "được", "các", "những", "này", "đó", "cũng", "thì", "mà", "theo", "bên", "nhân", "vào", "diễn",
    "ra", "hai", "liên", "quan", "cùng",
    // `Diễn đàn … do Tổng cục … tổ chức`: who holds it
    "do",
];

/// The longest entity of `doc` that starts at byte `at` and satisfies `pred` (the first
/// in layer order among equally long ones).
fn longest_at(doc: &Document, at: usize, pred: impl Fn(&Entity) -> bool) -> Option<&Entity> {
    let es = &doc.layers.entities;
    let i = es.partition_point(|e| e.span.start < at);
    let mut best: Option<&Entity> = None;
    for e in es[i..].iter().take_while(|e| e.span.start == at) {
        if fits(&doc.text, e.span) && pred(e) && best.is_none_or(|b| e.span.len() > b.span.len()) {
            best = Some(e);
        }
    }
    best
}

/// Entities inside `span`.
fn entities_in(doc: &Document, span: Span) -> impl Iterator<Item = &Entity> {
    let es = &doc.layers.entities;
    let i = es.partition_point(|e| e.span.start < span.start);
    es[i..]
        .iter()
        .take_while(move |e| e.span.start < span.end)
        .filter(move |e| e.span.end <= span.end && fits(&doc.text, e.span))
}

/// Does a span lie on the text's character boundaries (an upstream bug is skipped)?
fn fits(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn country_code_at(doc: &Document, at: usize) -> Option<(Span, String)> {
    longest_at(doc, at, |e| e.label == EntityLabel::Country)
        .and_then(|e| e.kb_id.clone().map(|k| (e.span, k)))
}

/// The index of the first token starting at or after `at`.
fn tok_index(toks: &[Tok], at: usize) -> usize {
    toks.partition_point(|t| t.span.start < at)
}

/// A capitalized name from token `i`: capitalized words, with a lower-case syllable inside
/// a word (`Hòa bình`) kept when a capitalized word follows. Returns the end token.
fn name_run(text: &str, folded: &str, base: usize, toks: &[Tok], i: usize) -> usize {
    let mut j = i;
    let mut end = i;
    while j < toks.len() {
        let t = toks[j];
        if t.word && (t.cap || t.number) {
            j += 1;
            end = j;
            continue;
        }
        // `Washington, D.C`: a comma before a dotted abbreviation.
        if !t.word && t.span.slice(text) == "," {
            if let Some(n) = toks.get(j + 1) {
                if n.cap && n.span.slice(text).contains('.') {
                    j += 2;
                    end = j;
                    continue;
                }
            }
            break;
        }
        if t.word && j > i && toks[j - 1].cap {
            let w = &folded[t.span.start - base..t.span.end - base];
            if !NAME_STOP.contains(&w) {
                j += 1;
                continue;
            }
        }
        break;
    }
    end
}

/// The places stated in a sentence, in text order.
pub fn place_mentions(doc: &Document, sentence: Span) -> Vec<PlaceMention> {
    let folded = lex::fold_same_len(sentence.slice(&doc.text));
    let toks = lex::tokens(&doc.text, sentence);
    place_mentions_in(doc, sentence, &folded, &toks)
}

/// [`place_mentions`] on a sentence already folded and tokenized.
pub fn place_mentions_in(
    doc: &Document,
    sentence: Span,
    folded: &str,
    toks: &[Tok],
) -> Vec<PlaceMention> {
    let text = &doc.text;
    let base = sentence.start;
    let mut out = Vec::new();
    for (ti, t) in toks.iter().enumerate() {
        if !t.word {
            continue;
        }
        let w = &folded[t.span.start - base..t.span.end - base];
        let Some(destination) = preposition(w) else {
            continue;
        };
        let Some(next) = toks.get(ti + 1) else {
            continue;
        };
        let at = next.span.start;
        let rel = at - base;
        // a country right after the preposition (not the start of a longer name:
        // `Ấn Độ Dương` is an ocean)
        let country = country_code_at(doc, at).filter(|(span, _)| {
            let after = tok_index(toks, span.end);
            !toks
                .get(after)
                .is_some_and(|n| n.word && n.cap && n.span.start == span.end + 1)
        });
        if let Some((span, code)) = country {
            out.push(PlaceMention {
                span,
                prep: t.span.start,
                destination,
                place: Place {
                    country: Some(code),
                    span: Some(span),
                    ..Place::default()
                },
            });
            continue;
        }
        // a venue of the list, or a venue head with a name
        if let Some(v) = venues()
            .iter()
            .find(|v| lex::phrase_at(folded, rel, &v.folded))
        {
            let span = Span::new(at, at + v.folded.len());
            out.push(PlaceMention {
                span,
                prep: t.span.start,
                destination,
                place: Place {
                    city: v.city.clone(),
                    country: v.country.clone(),
                    venue: Some(span.slice(text).to_string()),
                    span: Some(span),
                },
            });
            continue;
        }
        if let Some(head) = VENUE_HEADS.iter().find(|h| lex::phrase_at(folded, rel, h)) {
            let after = tok_index(toks, at + head.len());
            let end = name_run(text, folded, base, toks, after);
            if end > after {
                let span = Span::new(at, toks[end - 1].span.end);
                let (city, mut country) = city_inside(doc, span);
                // `Phủ Tổng thống Singapore`, `Văn phòng Tổng thống Hàn Quốc`: the country
                // named in the venue
                if country.is_none() {
                    country = entities_in(doc, span)
                        .find(|e| e.label == EntityLabel::Country)
                        .and_then(|e| e.kb_id.clone());
                }
                out.push(PlaceMention {
                    span,
                    prep: t.span.start,
                    destination,
                    place: Place {
                        city,
                        country,
                        venue: Some(span.slice(text).to_string()),
                        span: Some(span),
                    },
                });
            }
            continue;
        }
        // a city: a gazetteer location, or `thủ đô X`, `cố đô X`
        let mut name_start = ti + 1;
        if let Some(cw) = CITY_WORDS.iter().find(|c| lex::phrase_at(folded, rel, c)) {
            name_start = tok_index(toks, at + cw.len());
        }
        let Some(nt) = toks.get(name_start) else {
            continue;
        };
        // A region (`khu vực Đông Nam Á`) is no city.
        let loc = longest_at(doc, nt.span.start, |e| {
            e.label == EntityLabel::Location && !is_region(e)
        });
        let (span, mut country) = match loc {
            Some(e) => (e.span, e.attrs.get("country").cloned()),
            None if nt.cap => {
                let end = name_run(text, folded, base, toks, name_start);
                // without a city word, only a name its country follows: `New Delhi (Ấn Độ)`
                let paren = toks.get(end).is_some_and(|p| p.span.slice(text) == "(")
                    && toks
                        .get(end + 1)
                        .is_some_and(|n| country_code_at(doc, n.span.start).is_some());
                if name_start == ti + 1 && !paren {
                    continue;
                }
                (Span::new(nt.span.start, toks[end - 1].span.end), None)
            }
            None => continue,
        };
        // `Kuala Lumpur (Malaysia)`: the country in a parenthesis after the city
        let after = tok_index(toks, span.end);
        if toks.get(after).is_some_and(|p| p.span.slice(text) == "(") {
            if let Some(n) = toks.get(after + 1) {
                if let Some((_, code)) = country_code_at(doc, n.span.start) {
                    country = Some(code);
                }
            }
        }
        if country.is_none() {
            country = entities_in(doc, span)
                .find(|e| e.label == EntityLabel::Country)
                .and_then(|e| e.kb_id.clone());
        }
        out.push(PlaceMention {
            span,
            prep: t.span.start,
            destination,
            place: Place {
                city: Some(span.slice(text).to_string()),
                country,
                venue: None,
                span: Some(span),
            },
        });
    }
    out
}

fn is_region(e: &Entity) -> bool {
    e.attrs.get("kind").is_some_and(|k| k == "region")
}

/// A venue this stage already wrote (when the finders run again on its own output).
fn is_venue(e: &Entity) -> bool {
    e.attrs.get("kind").is_some_and(|k| k == "venue")
}

/// A city named inside a venue (`Trung tâm hội nghị Kuala Lumpur`), with its country
/// (the venue itself, once written as a location, is not its own city).
fn city_inside(doc: &Document, span: Span) -> (Option<String>, Option<String>) {
    entities_in(doc, span)
        .find(|e| e.label == EntityLabel::Location && !is_region(e) && !is_venue(e))
        .map(|e| (Some(e.canonical.clone()), e.attrs.get("country").cloned()))
        .unwrap_or((None, None))
}

/// The occasions named in a sentence, in text order (the longest at each place).
pub fn occasion_mentions(doc: &Document, sentence: Span) -> Vec<OccasionMention> {
    let folded = lex::fold_same_len(sentence.slice(&doc.text));
    let toks = lex::tokens(&doc.text, sentence);
    occasion_mentions_in(doc, sentence, &folded, &toks)
}

/// Whether a word is the first word of an occasion head: a cheap test before the phrase
/// comparisons (a `match` is a length switch, cheaper than a list search per word).
fn head_first(word: &str) -> bool {
    matches!(
        word,
        "khóa"
            | "khoá"
            | "hội"
            | "tuần"
            | "thượng"
            | "cuộc"
            | "phiên"
            | "diễn"
            | "đối"
            | "đại"
            | "lễ"
    )
}

/// [`occasion_mentions`] on a sentence already folded and tokenized.
pub fn occasion_mentions_in(
    doc: &Document,
    sentence: Span,
    folded: &str,
    toks: &[Tok],
) -> Vec<OccasionMention> {
    let text = &doc.text;
    let base = sentence.start;
    let mut out: Vec<OccasionMention> = Vec::new();
    let mut ti = 0;
    while ti < toks.len() {
        let t = toks[ti];
        let rel = t.span.start - base;
        let head = if t.word && head_first(&folded[rel..t.span.end - base]) {
            OCCASION_HEADS
                .iter()
                .find(|h| lex::phrase_at(folded, rel, h))
        } else {
            None
        };
        // `Trung tâm Hội nghị Quốc gia` is a venue, not a summit
        let venue = |_: &&&str| {
            ti >= 2
                && &folded[toks[ti - 2].span.start - base..toks[ti - 1].span.end - base]
                    == "trung tâm"
        };
        let Some(head) = head.filter(|h| !venue(h)) else {
            ti += 1;
            continue;
        };
        // `lễ khai mạc Diễn đàn …`: the ceremony of a named occasion is that occasion
        if head.starts_with("lễ") {
            let after = tok_index(toks, t.span.start + head.len());
            if let Some(n) = toks.get(after).filter(|n| n.cap) {
                let nrel = n.span.start - base;
                if OCCASION_HEADS
                    .iter()
                    .any(|h| !h.starts_with("lễ") && lex::phrase_at(folded, nrel, h))
                {
                    ti = after;
                    continue;
                }
            }
        }
        let mut j = tok_index(toks, t.span.start + head.len());
        // `Cấp cao`, `thượng đỉnh` written after a bare head
        for m in ["cấp cao", "thượng đỉnh"] {
            if let Some(n) = toks.get(j) {
                if lex::phrase_at(folded, n.span.start - base, m) {
                    j = tok_index(toks, n.span.start + m.len());
                }
            }
        }
        let mut end = j;
        // a ceremony that is its own name when capitalized (`Lễ đăng quang`, `Lễ nhậm
        // chức`): no name need follow
        let mut named = matches!(*head, "lễ đăng quang" | "lễ nhậm chức" | "lễ quốc tang")
            && text[t.span.start..].starts_with('L');
        let mut topic = false;
        let mut k = j;
        // an organization the gazetteer knows is one piece of the name, whatever the case
        // of its words (`Diễn đàn Kinh tế thế giới`, `Đại hội đồng Liên hợp quốc`)
        let org_end = |at: usize| {
            longest_at(doc, at, |e| e.label == EntityLabel::Organization)
                .map(|e| e.span.end)
                .filter(|&e| e <= sentence.end)
        };
        if let Some(e) = org_end(t.span.start).filter(|&e| e > t.span.start + head.len()) {
            k = tok_index(toks, e);
            end = k;
            named = true;
        }
        let word_at = |x: usize| {
            toks.get(x)
                .filter(|x| x.word)
                .map(|x| &folded[x.span.start - base..x.span.end - base])
        };
        // `lần thứ 44`, `lần thứ hai`, `Khóa họp thứ 80`: the number of the meeting
        let ordinal = |x: usize| {
            toks.get(x).is_some_and(|t| t.number)
                || word_at(x).is_some_and(|w| {
                    matches!(
                        w,
                        "nhất"
                            | "hai"
                            | "ba"
                            | "tư"
                            | "năm"
                            | "sáu"
                            | "bảy"
                            | "tám"
                            | "chín"
                            | "mười"
                    )
                })
        };
        while k < toks.len() {
            let n = toks[k];
            let w = &folded[n.span.start - base..n.span.end - base];
            if n.word && n.cap {
                if let Some(e) = org_end(n.span.start).filter(|&e| e > n.span.end) {
                    named = true;
                    k = tok_index(toks, e);
                    end = k;
                    continue;
                }
            }
            if n.word && (n.cap || n.number) {
                named = true;
                k += 1;
                end = k;
                continue;
            }
            if n.word && w == "lần" && word_at(k + 1) == Some("thứ") && ordinal(k + 2) {
                k += 3;
                end = k;
                named = true;
                continue;
            }
            if n.word && w == "thứ" && ordinal(k + 1) {
                k += 2;
                end = k;
                continue;
            }
            // `… lần thứ 42 của Diễn đàn Kinh tế thế giới`: the body that holds it
            if n.word && w == "của" && named {
                if let Some(e) = toks.get(k + 1).and_then(|x| org_end(x.span.start)) {
                    k = tok_index(toks, e);
                    end = k;
                    continue;
                }
            }
            if n.word && w == "về" && toks.get(k + 1).is_some_and(|x| x.cap) && named {
                topic = true;
                k += 1;
                continue;
            }
            // a topic `về Đầu tư và Đổi mới sáng tạo` runs to the clause's end
            if topic && n.word && !NAME_STOP.contains(&w) {
                k += 1;
                end = k;
                continue;
            }
            if topic && n.word && w == "và" && toks.get(k + 1).is_some_and(|x| x.cap) {
                k += 1;
                continue;
            }
            // `Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8`: an acronym in brackets inside
            // the name
            if !n.word
                && named
                && n.span.slice(text) == "("
                && toks
                    .get(k + 1)
                    .is_some_and(|x| x.word && x.span.slice(text).chars().all(char::is_uppercase))
                && toks.get(k + 2).is_some_and(|x| x.span.slice(text) == ")")
                && toks.get(k + 3).is_some_and(|x| {
                    x.word && (x.cap || &folded[x.span.start - base..x.span.end - base] == "lần")
                })
            {
                k += 3;
                end = k;
                continue;
            }
            if !n.word && matches!(n.span.slice(text), "-" | "–") && named {
                if toks.get(k + 1).is_some_and(|x| x.cap) {
                    k += 1;
                    continue;
                }
                break;
            }
            // `G7 mở rộng`, `BRICS mở rộng`: the expanded format is part of the name
            if n.word
                && named
                && w == "mở"
                && lex::phrase_at(folded, n.span.start - base, "mở rộng")
            {
                k = tok_index(toks, n.span.start + "mở rộng".len());
                end = k;
                continue;
            }
            // `Hội nghị các nhà lãnh đạo BRICS mở rộng`: who meets, then the name
            if n.word
                && w == "các"
                && !named
                && lex::phrase_at(folded, n.span.start - base, "các nhà lãnh đạo")
            {
                let after = tok_index(toks, n.span.start + "các nhà lãnh đạo".len());
                if toks.get(after).is_some_and(|x| x.word && x.cap) {
                    k = after;
                    continue;
                }
            }
            // `Diễn đàn doanh nghiệp Việt Nam - Ấn Độ`: a lower-case word or two of what
            // the occasion is about, then its capitalized name
            // (not after a bare `lễ`: `lễ ký Hiệp ước …` is a signing, named by its act)
            if n.word && !n.cap && !NAME_STOP.contains(&w) && !head.starts_with("lễ") {
                let lower_run = (k..toks.len().min(k + 4))
                    .take_while(|&x| {
                        let t = toks[x];
                        let tw = &folded[t.span.start - base..t.span.end - base];
                        // (`lần thứ 42` numbers the meeting, it is no topic word)
                        t.word && !t.cap && !t.number && !NAME_STOP.contains(&tw) && tw != "lần"
                    })
                    .count();
                // (then a name, or the meeting's number: `Hội nghị thường niên lần thứ 42`)
                let then_numbered = word_at(k + lower_run) == Some("lần")
                    && word_at(k + lower_run + 1) == Some("thứ")
                    && ordinal(k + lower_run + 2);
                if (1..=3).contains(&lower_run)
                    && (then_numbered || toks.get(k + lower_run).is_some_and(|x| x.word && x.cap))
                {
                    k += lower_run;
                    continue;
                }
            }
            // a lower-case syllable inside a capitalized word (`Khai mạc`, `Hòa bình`)
            let words = &doc.layers.words;
            if n.word && k > j && (toks[k - 1].cap || !words.is_empty()) && !NAME_STOP.contains(&w)
            {
                let inside_word = if words.is_empty() {
                    toks.get(k + 1).is_some_and(|x| x.cap)
                        || toks.get(k + 1).is_some_and(|x| {
                            let nw = &folded[x.span.start - base..x.span.end - base];
                            nw == "về"
                        })
                } else {
                    // (the word that holds this syllable starts with a capital inside the
                    // name: `Liên hợp quốc`, all three syllables)
                    let wi = words.partition_point(|w| w.span.end <= n.span.start);
                    words.get(wi).is_some_and(|w| {
                        w.span.start < n.span.start
                            && w.span.start >= toks[j].span.start
                            && n.span.end <= w.span.end
                            && text[w.span.start..].starts_with(char::is_uppercase)
                    })
                };
                if inside_word {
                    k += 1;
                    end = k;
                    continue;
                }
            }
            break;
        }
        if named && end > ti {
            let span = Span::new(t.span.start, toks[end - 1].span.end);
            let mut attrs = BTreeMap::new();
            if let Some(e) = entities_in(doc, span).find(|e| e.label == EntityLabel::Occasion) {
                attrs.extend(e.attrs.clone());
            }
            if !attrs.contains_key("year") {
                if let Some(y) = toks[ti..end].iter().map(|x| x.span.slice(text)).find(|w| {
                    w.len() == 4
                        && w.starts_with(['1', '2'])
                        && w.bytes().all(|b| b.is_ascii_digit())
                }) {
                    attrs.insert("year".into(), y.to_string());
                }
            }
            out.push(OccasionMention {
                span,
                name: span.slice(text).to_string(),
                attrs,
            });
            ti = end;
        } else {
            // a gazetteer occasion without a head word (`APEC 2025` alone is a name in a
            // name, not an occasion the text attends: only headed names count here)
            ti += 1;
        }
    }
    out
}

/// Settings of the `places` stage (none yet; unknown keys are errors).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlacesSettings {}

/// The `places` annotator: adds the locations and occasions it reads as entities.
pub struct Places;

impl Annotator for Places {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let sentences: Vec<Span> = if doc.layers.sentences.is_empty() {
            lex::sentences(&doc.text)
        } else {
            doc.layers
                .sentences
                .iter()
                .map(|s| s.span)
                .filter(|&s| fits(&doc.text, s))
                .collect()
        };
        let mut added = Vec::new();
        // `Hội nghị Cấp cao Á - Âu lần thứ 11 (ASEM 11)`: the short name in brackets names
        // the occasion wherever the text uses it later (`dự ASEM 11`)
        let mut aliases: Vec<(String, OccasionMention)> = Vec::new();
        scans::forget();
        for &s in &sentences {
            // folded and split once for both finders (and kept for `events`, with what
            // they found)
            let (folded, toks) = scans::scan(&doc.text, s);
            let places = place_mentions_in(doc, s, &folded, &toks);
            for p in &places {
                if p.place.city.is_none() && p.place.venue.is_none() {
                    continue; // a country: the gazetteer's entity already says it
                }
                let mut attrs = BTreeMap::new();
                if let Some(c) = &p.place.country {
                    attrs.insert("country".into(), c.clone());
                }
                attrs.insert(
                    "kind".into(),
                    if p.place.venue.is_some() {
                        "venue"
                    } else {
                        "city"
                    }
                    .into(),
                );
                if let Some(city) = &p.place.city {
                    attrs.insert("city".into(), city.clone());
                }
                added.push(Entity {
                    span: p.span,
                    label: EntityLabel::Location,
                    canonical: p.span.slice(&doc.text).to_string(),
                    kb_id: None,
                    attrs,
                });
            }
            let mut occasions = occasion_mentions_in(doc, s, &folded, &toks);
            if !aliases.is_empty() {
                let sentence = s.slice(&doc.text);
                let mut more = Vec::new();
                for (alias, o) in &aliases {
                    for (at, _) in sentence.match_indices(alias.as_str()) {
                        let span = Span::new(s.start + at, s.start + at + alias.len());
                        let bounded = !sentence[at + alias.len()..]
                            .starts_with(|c: char| c.is_alphanumeric())
                            && !sentence[..at].ends_with(|c: char| c.is_alphanumeric());
                        if bounded && !occasions.iter().any(|x| x.span.overlaps(span)) {
                            more.push(OccasionMention {
                                span,
                                name: o.name.clone(),
                                attrs: o.attrs.clone(),
                            });
                        }
                    }
                }
                if !more.is_empty() {
                    occasions.extend(more);
                    occasions.sort_by_key(|o| o.span.start);
                }
            }
            for o in &occasions {
                if let Some(alias) = bracketed_short_name(&doc.text[o.span.end..s.end]) {
                    if !aliases.iter().any(|(a, _)| a == alias) {
                        aliases.push((alias.to_string(), o.clone()));
                    }
                }
            }
            for o in &occasions {
                added.push(Entity {
                    span: o.span,
                    label: EntityLabel::Occasion,
                    canonical: o.name.clone(),
                    kb_id: None,
                    attrs: o.attrs.clone(),
                });
            }
            let found = scans::Found { places, occasions };
            scans::keep(&doc.text, s, folded, toks, Some(found));
        }
        let es = &mut doc.layers.entities;
        added.retain(|a| {
            let i = es.partition_point(|e| e.span.start < a.span.start);
            !es[i..]
                .iter()
                .take_while(|e| e.span.start == a.span.start)
                .any(|e| e.span == a.span && e.label == a.label)
        });
        es.extend(added);
        es.sort_by(|a, b| {
            (a.span.start, std::cmp::Reverse(a.span.end))
                .cmp(&(b.span.start, std::cmp::Reverse(b.span.end)))
        });
        scans::seal(es);
        Ok(())
    }
}

sen_core::inventory::submit! {
    sen_core::Plugin {
        name: "places",
        description: "Locations (tại Hàn Quốc, ở cố đô Gyeongju, tại Nhà Trắng) and occasions (Hội nghị Cấp cao APEC 2024) as entities",
        requires: &[Layer::Sentences, Layer::Entities],
        provides: &[Layer::Entities],
        defaults: sen_core::settings::defaults_of::<PlacesSettings>,
        build: |s| {
            let _: PlacesSettings = s.parse()?;
            Ok(Box::new(Places))
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preposition_match_is_the_list() {
        for &(p, destination) in PREPOSITIONS {
            assert_eq!(preposition(p), Some(destination), "{p}");
        }
        for w in ["tai", "từ", "sang năm", "đến từ", "ơ"] {
            assert_eq!(preposition(w), None, "{w}");
        }
    }

    #[test]
    fn every_occasion_head_starts_with_a_first_word_the_scan_looks_for() {
        for h in OCCASION_HEADS {
            assert!(head_first(h.split(' ').next().unwrap()), "{h}");
        }
    }

    fn doc_with(text: &str, countries: &[(&str, &str)]) -> Document {
        let mut d = Document::from_text("t", text);
        for (name, code) in countries {
            let mut from = 0;
            while let Some(i) = text[from..].find(name) {
                let s = from + i;
                d.layers.entities.push(Entity {
                    span: Span::new(s, s + name.len()),
                    label: EntityLabel::Country,
                    canonical: name.to_string(),
                    kb_id: Some(code.to_string()),
                    attrs: BTreeMap::new(),
                });
                from = s + name.len();
            }
        }
        d.layers.entities.sort_by_key(|e| e.span);
        d
    }

    fn all(d: &Document) -> Span {
        Span::new(0, d.text.len())
    }

    #[test]
    fn city_with_country_in_parenthesis() {
        let d = doc_with(
            "Ngày 5/9, tại thủ đô Jakarta (Indonesia), Thủ tướng dự Hội nghị Cấp cao ASEAN lần thứ 43.",
            &[("Indonesia", "ID")],
        );
        let p = place_mentions(&d, all(&d));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].place.city.as_deref(), Some("Jakarta"));
        assert_eq!(p[0].place.country.as_deref(), Some("ID"));
        let o = occasion_mentions(&d, all(&d));
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].name, "Hội nghị Cấp cao ASEAN lần thứ 43");
    }

    #[test]
    fn a_venue_named_with_its_country_is_in_that_country() {
        let d = doc_with(
            "Sáng 12/3, tại Phủ Tổng thống Singapore, Thủ tướng Lawrence Wong chủ trì lễ đón chính thức Tổng Bí thư Tô Lâm.",
            &[("Singapore", "SG")],
        );
        let p = place_mentions(&d, all(&d));
        assert_eq!(
            p[0].place.venue.as_deref(),
            Some("Phủ Tổng thống Singapore")
        );
        assert_eq!(p[0].place.country.as_deref(), Some("SG"));
    }

    #[test]
    fn a_forum_with_a_lower_case_topic_and_a_ceremony_of_it() {
        let d = doc_with(
            "Trước đó, Thủ tướng đã dự lễ khai mạc Diễn đàn doanh nghiệp Việt Nam - Bỉ, rồi chứng kiến lễ ký Hiệp định Đối tác.",
            &[("Việt Nam", "VN"), ("Bỉ", "BE")],
        );
        let names: Vec<String> = occasion_mentions(&d, all(&d))
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(
            names,
            vec!["Diễn đàn doanh nghiệp Việt Nam - Bỉ".to_string()]
        );
    }

    #[test]
    fn ceremonies_named_by_themselves_and_meetings_of_leaders() {
        let d = doc_with(
            "Ngày 6/5/2023, Phó Chủ tịch nước đã dự Lễ đăng quang của Nhà vua Anh Charles III. Thủ tướng dự Hội nghị các nhà lãnh đạo BRICS mở rộng ở Kazan.",
            &[("Anh", "GB")],
        );
        let names: Vec<String> = occasion_mentions(&d, all(&d))
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(
            names,
            vec![
                "Lễ đăng quang".to_string(),
                "Hội nghị các nhà lãnh đạo BRICS mở rộng".to_string()
            ]
        );
    }

    #[test]
    fn venue_of_the_list_and_country_after_preposition() {
        let d = doc_with(
            "Tổng thống Pháp tiếp Thủ tướng tại Điện Élysée, sau chuyến bay đến Pháp.",
            &[("Pháp", "FR")],
        );
        let p = place_mentions(&d, all(&d));
        assert_eq!(p[0].place.venue.as_deref(), Some("Điện Élysée"));
        assert_eq!(p[0].place.country.as_deref(), Some("FR"));
        assert!(p[1].destination);
        assert_eq!(p[1].place.country.as_deref(), Some("FR"));
    }

    #[test]
    fn occasion_names_stop_at_lower_case_words() {
        let d = doc_with(
            "Nhân dịp tham dự Cuộc họp Khai mạc Hội đồng Hòa bình về Gaza tại Washington, ông gặp bà. \
             Cuộc gặp bên lề Hội nghị G20 - Nam Phi giữa hai nhà lãnh đạo diễn ra tại hội nghị.",
            &[],
        );
        let names: Vec<String> = occasion_mentions(&d, all(&d))
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(
            names,
            vec![
                "Cuộc họp Khai mạc Hội đồng Hòa bình về Gaza",
                "Hội nghị G20 - Nam Phi"
            ]
        );
    }

    #[test]
    fn occasion_names_with_numbers_bodies_and_hosts() {
        let text = "Phó Thủ tướng dự Hội nghị thường niên lần thứ 42 của Diễn đàn Kinh tế thế giới (WEF) tại Davos. \
                    Chủ tịch nước dự và phát biểu tại Phiên thảo luận chung cấp cao Khóa họp thứ 80 Đại hội đồng Liên hợp quốc. \
                    Thủ tướng dự Hội nghị các nhà lãnh đạo Hợp tác Mekong - Lan Thương lần thứ hai tại Phnom Penh. \
                    Hai bên cùng dự Diễn đàn Doanh nghiệp Việt Nam - Peru do Tổng cục Xúc tiến Xuất khẩu tổ chức.";
        let mut d = doc_with(text, &[("Việt Nam", "VN"), ("Peru", "PE")]);
        for org in ["Diễn đàn Kinh tế thế giới", "Đại hội đồng Liên hợp quốc"]
        {
            let s = text.find(org).unwrap();
            d.layers.entities.push(Entity {
                span: Span::new(s, s + org.len()),
                label: EntityLabel::Organization,
                canonical: org.to_string(),
                kb_id: None,
                attrs: BTreeMap::new(),
            });
        }
        d.layers.entities.sort_by_key(|e| e.span);
        let names: Vec<String> = occasion_mentions(&d, all(&d))
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(
            names,
            vec![
                "Hội nghị thường niên lần thứ 42 của Diễn đàn Kinh tế thế giới",
                "Khóa họp thứ 80 Đại hội đồng Liên hợp quốc",
                "Hội nghị các nhà lãnh đạo Hợp tác Mekong - Lan Thương lần thứ hai",
                "Diễn đàn Doanh nghiệp Việt Nam - Peru"
            ]
        );
    }

    #[test]
    fn an_acronym_in_brackets_inside_an_occasion_name() {
        let d = doc_with(
            "Thủ tướng bắt đầu chuyến tham dự Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8 và thăm Bỉ.",
            &[("Bỉ", "BE")],
        );
        let names: Vec<String> = occasion_mentions(&d, all(&d))
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(names, vec!["Hội nghị Cấp cao Á - Âu (ASEM) lần thứ 8"]);
    }

    #[test]
    fn a_short_name_in_brackets_names_the_occasion_later() {
        let mut d = doc_with(
            "Hội nghị Cấp cao ASEAN lần thứ 43 (ASEAN 43) khai mạc tại Jakarta. Thủ tướng dự ASEAN 43 ngày 5/9. Diễn đàn Kinh tế Thế giới (WEF) họp ở Davos.",
            &[],
        );
        Places.annotate(&mut d).unwrap();
        let occasions: Vec<&str> = d
            .layers
            .entities
            .iter()
            .filter(|e| e.label == EntityLabel::Occasion)
            .map(|e| e.span.slice(&d.text))
            .collect();
        assert!(occasions.contains(&"ASEAN 43"), "{occasions:?}");
        let short = d
            .layers
            .entities
            .iter()
            .find(|e| e.label == EntityLabel::Occasion && e.span.slice(&d.text) == "ASEAN 43")
            .unwrap();
        assert_eq!(short.canonical, "Hội nghị Cấp cao ASEAN lần thứ 43");
        // (no number: a body's acronym, not an occasion's)
        assert!(!occasions.contains(&"WEF"), "{occasions:?}");
    }

    #[test]
    fn year_of_an_occasion() {
        let d = doc_with("Ông dự Tuần lễ Cấp cao APEC 2017 tại Đà Nẵng.", &[]);
        let o = occasion_mentions(&d, all(&d));
        assert_eq!(o[0].name, "Tuần lễ Cấp cao APEC 2017");
        assert_eq!(o[0].attrs.get("year").map(String::as_str), Some("2017"));
        let p = place_mentions(&d, all(&d));
        assert!(
            p.is_empty(),
            "a city unknown to the gazetteer without a city word: {p:?}"
        );
    }

    #[test]
    fn stage_adds_entities_once() {
        let mut d = doc_with(
            "Hai bên gặp nhau tại cố đô Huế (Việt Nam).",
            &[("Việt Nam", "VN")],
        );
        Places.annotate(&mut d).unwrap();
        Places.annotate(&mut d).unwrap();
        let locs: Vec<_> = d
            .layers
            .entities
            .iter()
            .filter(|e| e.label == EntityLabel::Location)
            .collect();
        assert_eq!(locs.len(), 1);
        assert_eq!(locs[0].canonical, "Huế");
        assert_eq!(locs[0].attrs.get("country").map(String::as_str), Some("VN"));
    }
}
