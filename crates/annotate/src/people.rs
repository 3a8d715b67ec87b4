//! The `people` stage: named people and every mention of them.
//!
//! Mentions: a title (from the gazetteer), optionally an organization and/or a country,
//! then a name (`Tổng thống Hàn Quốc Lee Jae-myung`, `Bộ trưởng Bộ Công Thương Nguyễn
//! Hồng Diên`); `Ông`/`Bà` + a name; a Vietnamese full name on its own (bylines, photo
//! credits); a run of two or more capitalized foreign words. Coreference: a name that is
//! the last words of a known person's name is that person (`Tổng thống Trump`); a bare
//! title, with or without a country (`Chủ tịch nước`, `Tổng thống Mỹ`), refers to the one
//! person of the document who holds it — and to nobody when several do.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use sen_core::layers::{Entity, EntityLabel, Person, Token, TokenKind};
use sen_core::settings::defaults_of;
use sen_core::{AnnotateError, Annotator, Document, Layer, Plugin, Span};

use std::sync::OnceLock;

use crate::fold::{lower, lower_in, lower_small};
use crate::gazetteer::starts_upper;
use crate::knowledge::{self, Kind};

/// Common Vietnamese family names (and the Sino-Vietnamese readings of common Chinese ones),
/// lower case. (A `match`: compiled to a length switch, it costs less than a list search
/// on every capitalized word.)
fn surname_lower(l: &str) -> bool {
    matches!(
        l,
        "nguyễn"
            | "trần"
            | "lê"
            | "phạm"
            | "hoàng"
            | "huỳnh"
            | "phan"
            | "vũ"
            | "võ"
            | "đặng"
            | "bùi"
            | "đỗ"
            | "hồ"
            | "ngô"
            | "dương"
            | "lý"
            | "lương"
            | "tô"
            | "đinh"
            | "trương"
            | "đoàn"
            | "vương"
            | "trịnh"
            | "mai"
            | "lâm"
            | "tạ"
            | "hà"
            | "đào"
            | "cao"
            | "chu"
            | "châu"
            | "quách"
            | "thái"
            | "tăng"
            | "lưu"
            | "kiều"
            | "khúc"
            | "từ"
            | "tống"
            | "doãn"
            | "mạc"
            | "nông"
            | "lò"
            | "triệu"
            | "thân"
            | "phùng"
            | "hầu"
            | "văn"
            | "tập"
            | "ôn"
            | "giang"
            | "khổng"
            | "mẫn"
            | "nghiêm"
            | "la"
            | "lục"
            | "âu"
            | "diệp"
            | "tôn"
            | "kim"
            | "hứa"
            | "viên"
    )
}

pub fn is_surname(s: &str) -> bool {
    let mut buf = [0u8; 32];
    lower_small(s, &mut buf).is_some_and(surname_lower)
}

/// Settings of the `people` stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PeopleSettings {
    /// Also take bare family-name mentions of known foreign people (`Albanese` after
    /// `Anthony Albanese`).
    pub surnames_alone: bool,
}

impl Default for PeopleSettings {
    fn default() -> Self {
        PeopleSettings {
            surnames_alone: true,
        }
    }
}

pub struct People {
    surnames_alone: bool,
}

/// One mention found in the text.
#[derive(Clone, Debug)]
struct Mention {
    span: Span,
    /// The name as written (empty for a bare title).
    name: String,
    /// The title as written, with its organization/country (`Bộ trưởng Bộ Công Thương`).
    title: Option<String>,
    /// The canonical title (`Tổng Bí thư`), for matching bare titles.
    title_key: Option<String>,
    country: Option<String>,
    /// The country only comes from what the title implies (`Chủ tịch nước`: VN), so a
    /// country the text names for the same person elsewhere wins.
    implied: bool,
    /// A short name given in brackets after the full one (`Joko Widodo (Jokowi)`),
    /// lowercase: later mentions by it are the same person.
    alias: Option<String>,
}

impl People {
    pub fn new(s: PeopleSettings) -> Self {
        People {
            surnames_alone: s.surnames_alone,
        }
    }

    fn mentions(&self, doc: &Document) -> Vec<Mention> {
        let text = &doc.text;
        let tokens = &doc.layers.tokens;
        let ents = &doc.layers.entities;
        // Which entity starts at / covers each token.
        let mut ent_at: Vec<Option<usize>> = vec![None; tokens.len()];
        for (k, e) in ents.iter().enumerate() {
            let a = tokens.partition_point(|t| t.span.start < e.span.start);
            let mut j = a;
            while j < tokens.len() && tokens[j].span.end <= e.span.end {
                ent_at[j] = Some(k);
                j += 1;
            }
        }
        let tok = |k: usize| tokens.get(k).map_or("", |t| t.span.slice(text));
        let mut out = Vec::new();
        let mut i = 0;
        // `Thái tử, Thủ tướng Saudi Arabia Mohammed bin Salman`, `Bí thư thứ nhất, Chủ
        // tịch Cuba …`: a title, a comma, then another title: the first one (its start
        // token, text and canonical form) waits for the name of the second
        let mut lead: Option<(usize, String, String, Option<String>)> = None;
        while i < tokens.len() {
            // Title [organization] [country] name
            if let Some(e) = ent_at[i]
                .map(|k| &ents[k])
                .filter(|e| e.label == EntityLabel::Title && e.span.start == tokens[i].span.start)
            {
                let title_key = e.canonical.clone();
                let mut country = e.attrs.get("country").cloned();
                let mut implied = country.is_some();
                let mut j = end_token(tokens, e.span.end);
                let held = lead.take();
                let next_title = tok(j) == ","
                    && ent_at
                        .get(j + 1)
                        .copied()
                        .flatten()
                        .map(|k| &ents[k])
                        .is_some_and(|x| {
                            x.label == EntityLabel::Title
                                && x.span.start == tokens[j + 1].span.start
                                && !line_break(text, e.span.end, x.span.start)
                        });
                if next_title && held.is_none() {
                    lead = Some((
                        i,
                        text[tokens[i].span.start..e.span.end].to_string(),
                        title_key,
                        e.attrs.get("country").cloned(),
                    ));
                    i = j + 1;
                    continue;
                }
                let mut title_end = e.span.end;
                // A plural before the title (`các Thủ tướng`) is nobody in particular.
                let plural_before =
                    i > 0 && lower_in(tok(i - 1), &["các", "những", "nhiều", "hai", "ba"]);
                // `Thị trưởng Lima Luis Castañeda`: a mayor's or governor's city is part of
                // the title and gives the country
                // (`Tỉnh trưởng Luang Prabang`: a Lao province's governor)
                let local = matches!(
                    title_key.as_str(),
                    "Thị trưởng" | "Thống đốc" | "Tỉnh trưởng" | "Thủ hiến"
                );
                // `Thống đốc vùng Karlovy Vary Petr Kulhánek`, `Thủ hiến bang Bavaria Markus
                // Söder`: a region the gazetteer does not know, then the name: the last two
                // capitalized words are the person's, the others the region's
                if local && lower_in(tok(j), &["vùng", "bang", "tỉnh", "hạt", "quận"]) {
                    let mut k = j + 1;
                    while k < tokens.len()
                        && k < j + 8
                        && ent_at[k].is_none()
                        && matches!(tokens[k].kind, TokenKind::Syllable | TokenKind::Foreign)
                        && tok(k).starts_with(char::is_uppercase)
                        && !line_break(text, tokens[k - 1].span.end, tokens[k].span.start)
                    {
                        k += 1;
                    }
                    if k >= j + 4 {
                        title_end = tokens[k - 3].span.end;
                        j = k - 2;
                    }
                }
                while let Some(x) = ent_at.get(j).copied().flatten().map(|k| &ents[k]) {
                    let city = local
                        && x.label == EntityLabel::Location
                        && x.attrs.get("kind").is_some_and(|k| k == "city");
                    if x.span.start != tokens[j].span.start
                        || !(city
                            || matches!(x.label, EntityLabel::Organization | EntityLabel::Country))
                        || line_break(text, title_end, x.span.start)
                    {
                        break;
                    }
                    if x.label == EntityLabel::Country {
                        country = x.kb_id.clone();
                        implied = false;
                    } else if let Some(c) = x.attrs.get("country").filter(|c| c.len() == 2) {
                        // `Thứ trưởng Bộ Ngoại giao Hoa Kỳ Jacob Helberg`
                        country = Some(c.clone());
                        implied = false;
                    }
                    title_end = x.span.end;
                    j = end_token(tokens, x.span.end);
                    // `Tổng thống Các Tiểu vương quốc Ả-rập Thống nhất (UAE) Mohamed …`: an
                    // acronym in parentheses after the country
                    if x.label == EntityLabel::Country
                        && tok(j) == "("
                        && tok(j + 2) == ")"
                        && tok(j + 1).len() >= 2
                        && tok(j + 1).bytes().all(|b| b.is_ascii_uppercase())
                    {
                        title_end = tokens[j + 2].span.end;
                        j += 3;
                    }
                    // `Đại sứ Thái Lan tại Việt Nam Urawadee …`: the post, not the country
                    if x.label == EntityLabel::Country
                        && lower_in(tok(j), &["tại"])
                        && ent_at
                            .get(j + 1)
                            .copied()
                            .flatten()
                            .is_some_and(|k| ents[k].label == EntityLabel::Country)
                    {
                        let post = &ents[ent_at[j + 1].unwrap_or_default()];
                        title_end = post.span.end;
                        j = end_token(tokens, post.span.end);
                        break;
                    }
                }
                // `Myanmar cử Phó Tổng thống thứ nhất Myint Swe dẫn đầu đoàn`: the country
                // that sends someone is theirs
                if (country.is_none() || implied) && i >= 2 && lower_in(tok(i - 1), &["cử"]) {
                    if let Some(c) = ent_at[i - 2]
                        .map(|k| &ents[k])
                        .filter(|c| {
                            c.label == EntityLabel::Country && c.span.end == tokens[i - 2].span.end
                        })
                        .and_then(|c| c.kb_id.clone())
                    {
                        country = Some(c);
                        implied = false;
                    }
                }
                // `Bộ trưởng Nông nghiệp và Đất đai Venezuela Yván Gil`, `Bộ trưởng Ngoại thương
                // và Hợp tác phát triển Hà Lan Liesje Schreinemacher`: a portfolio the titles
                // do not list, then the country, then the name
                if (country.is_none() || implied)
                    && matches!(title_key.as_str(), "Bộ trưởng" | "Thứ trưởng")
                    && tok(j).starts_with(char::is_uppercase)
                {
                    let mut k = j;
                    while k < tokens.len()
                        && k < j + 10
                        && ent_at[k].is_none()
                        && tokens[k].kind == TokenKind::Syllable
                        && !line_break(text, tokens[k - 1].span.end, tokens[k].span.start)
                    {
                        k += 1;
                    }
                    if let Some(c) =
                        ent_at
                            .get(k)
                            .copied()
                            .flatten()
                            .map(|x| &ents[x])
                            .filter(|c| {
                                c.label == EntityLabel::Country
                                    && c.span.start == tokens[k].span.start
                            })
                    {
                        let after = end_token(tokens, c.span.end);
                        if k > j && tok(after).starts_with(char::is_uppercase) {
                            country = c.kb_id.clone();
                            implied = false;
                            title_end = c.span.end;
                            j = after;
                        }
                    }
                }
                // `Cao ủy Liên minh châu Âu phụ trách Thương mại Maroš Šefčovič`: the portfolio
                // is part of the title; the name is the foreign words after it
                if lower_in(tok(j), &["phụ"]) && lower_in(tok(j + 1), &["trách"]) {
                    let mut k = j + 2;
                    while k < tokens.len()
                        && k < j + 8
                        && tokens[k].kind == TokenKind::Syllable
                        && !line_break(text, tokens[k - 1].span.end, tokens[k].span.start)
                    {
                        k += 1;
                    }
                    if k > j + 2 && tokens.get(k).is_some_and(|t| t.kind == TokenKind::Foreign) {
                        title_end = tokens[k - 1].span.end;
                        j = k;
                    }
                }
                // `Hội nghị Bộ trưởng Ngoại giao Mekong - Nhật Bản`: a title inside the
                // name of a meeting is nobody's
                // (word by word, without building a string per title)
                // (and in a building's: `Dinh Tổng thống Akorda`, `Phủ Thủ tướng`)
                let in_building = i >= 1 && matches!(tok(i - 1), "Dinh" | "Phủ");
                let in_event_name = in_building
                    || i >= 2
                        && matches!(tok(i - 1), "nghị" | "đàn" | "họp" | "thoại")
                        && [
                            ("hội", "nghị"),
                            ("diễn", "đàn"),
                            ("cuộc", "họp"),
                            ("đối", "thoại"),
                            ("phiên", "họp"),
                        ]
                        .iter()
                        .any(|(a, b)| lower_in(tok(i - 2), &[a]) && lower_in(tok(i - 1), &[b]));
                if in_event_name {
                    i = j.max(i + 1);
                    continue;
                }
                let mut name_end = name_run(text, tokens, &ent_at, j, title_end);
                // `Thường trực Ban Bí thư Trung ương Đảng …`: a capitalized syllable the
                // segmenter joins to a lower-case one (`Trung_ương`) is a word, not a name
                if name_end > j && tokens[j].kind == TokenKind::Syllable {
                    let words = &doc.layers.words;
                    let wi = words.partition_point(|w| w.tokens.1 <= j);
                    if words.get(wi).is_some_and(|w| {
                        w.tokens.0 == j
                            && w.tokens.1 > j + 1
                            && !starts_upper(tokens[j + 1].span.slice(text))
                    }) {
                        name_end = j;
                    }
                }
                let plural_after = lower_in(tok(j), &["các", "những", "hai", "ba", "nước"]);
                // `Gặp Chủ tịch nước, Thủ tướng Sitiveni Rabuka nhắc lại …`: a title that
                // implies one country before the name of someone the text gave another is a
                // bare title of its own, not that person's
                let mut held = held;
                if let Some((h, t, key, Some(implied_by))) = &held {
                    let elsewhere = name_end > j && {
                        let name = &text[tokens[j].span.start..name_close(text, tokens, name_end)];
                        // (given another country, and never this title: `Tổng Bí thư, Chủ
                        // tịch Trung Quốc Tập Cận Bình` then `Tổng Bí thư, Chủ tịch Tập Cận
                        // Bình` is the same double title)
                        let same = |m: &&Mention| m.name == name;
                        out.iter().filter(same).any(|m| {
                            !m.implied && m.country.as_ref().is_some_and(|c| c != implied_by)
                        }) && !out
                            .iter()
                            .filter(same)
                            .any(|m| m.title_key.as_ref() == Some(key))
                    };
                    if elsewhere {
                        let a = tokens[*h].span.start;
                        out.push(Mention {
                            span: Span::new(a, a + t.len()),
                            name: String::new(),
                            title: Some(t.clone()),
                            title_key: Some(key.clone()),
                            country: None,
                            implied: false,
                            alias: None,
                        });
                        held = None;
                    }
                }
                // `Thủ tướng Kazakhstan Serik Akhmetov và Chủ tịch Hạ viện Nurlan Nigmatulin`:
                // a foreign name under a bare title, joined by `và` to someone whose country
                // the text names, shares it
                // (the title bare or with a national body, `Chủ tịch Hạ viện`: never an
                // international one, `Tổng Thư ký Liên hợp quốc`)
                let bare = title_end == e.span.end
                    || ent_at
                        .get(end_token(tokens, e.span.end))
                        .copied()
                        .flatten()
                        .map(|k| &ents[k])
                        .is_some_and(|b| {
                            b.label == EntityLabel::Organization
                                && b.span.end == title_end
                                && b.kb_id.as_deref().is_some_and(national_body)
                        });
                if name_end > j
                    && country.is_none()
                    && held.is_none()
                    && bare
                    && i >= 2
                    && lower_in(tok(i - 1), &["và"])
                {
                    if let Some(c) = out
                        .last()
                        .filter(|m| {
                            m.span.end == tokens[i - 2].span.end
                                && m.title.is_some()
                                && !m.name.is_empty()
                                && !m.implied
                        })
                        .and_then(|m| m.country.clone())
                    {
                        let name = &text[tokens[j].span.start..name_close(text, tokens, name_end)];
                        if !vietnamese_name(name) {
                            country = Some(c);
                        }
                    }
                }
                if name_end > j {
                    let from = held.as_ref().map_or(i, |h| h.0);
                    let span =
                        Span::new(tokens[from].span.start, name_close(text, tokens, name_end));
                    if let Some((_, t, key, _)) = held {
                        // the first title, as a mention of the same span (same person)
                        out.push(Mention {
                            span,
                            name: text[tokens[j].span.start..name_close(text, tokens, name_end)]
                                .to_string(),
                            title: Some(t),
                            title_key: Some(key),
                            country: country.clone(),
                            implied,
                            alias: None,
                        });
                    }
                    // `Tổng thống Indonesia Joko Widodo (Jokowi)`
                    let alias = (tok(name_end) == "("
                        && tok(name_end + 2) == ")"
                        && tokens.get(name_end + 1).is_some_and(|t| {
                            t.kind == TokenKind::Foreign
                                && starts_upper(t.span.slice(text))
                                && ent_at[name_end + 1].is_none()
                        }))
                    .then(|| lower(tok(name_end + 1)));
                    out.push(Mention {
                        span,
                        name: text[tokens[j].span.start..name_close(text, tokens, name_end)]
                            .to_string(),
                        title: Some(text[tokens[i].span.start..title_end].to_string()),
                        title_key: Some(title_key),
                        country,
                        implied,
                        alias,
                    });
                    i = name_end;
                    continue;
                } else if !plural_before && !plural_after {
                    // `Thượng tướng X, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Quốc phòng dẫn
                    // đầu …`: titles in apposition after a name are that person's (a later
                    // bare `Thứ trưởng` is then X)
                    let first = held.as_ref().map_or(i, |h| h.0);
                    // (other appositions may stand between, `, Ủy viên Trung ương Đảng,`:
                    // a few words, each piece between commas starting with a capital)
                    let apposed = |from: usize| {
                        let gap = &tokens[from..first - 1];
                        gap.len() <= 12
                            && gap
                                .iter()
                                .all(|t| !matches!(t.span.slice(text), "." | ";" | ":"))
                            && (gap.is_empty()
                                || gap[0].span.slice(text) == ","
                                    && gap[1..].split(|t| t.span.slice(text) == ",").all(|piece| {
                                        piece
                                            .first()
                                            .is_some_and(|t| starts_upper(t.span.slice(text)))
                                    }))
                    };
                    // (the last of them names a body, `Thứ trưởng Bộ Quốc phòng`, or another
                    // comma follows: a bare `Chủ tịch nước` after a name and a comma is the
                    // subject of what follows, `Tại cuộc gặp Tổng thư ký X, Chủ tịch nước …`)
                    // (or it closes `do X, Ủy viên …, Thường trực Ban Bí thư dẫn đầu`: the
                    // titles of the head of a delegation)
                    let with_body = title_end > e.span.end
                        || tok(j) == ","
                        || (lower_in(tok(j), &["dẫn"]) && lower_in(tok(j + 1), &["đầu"]));
                    let named_before = (with_body && first >= 1 && tok(first - 1) == ",")
                        .then(|| {
                            out.last().filter(|m| {
                                !m.name.is_empty()
                                    && m.span.end <= tokens[first - 1].span.start
                                    && apposed(end_token(tokens, m.span.end))
                            })
                        })
                        .flatten()
                        .map(|m| m.name.clone());
                    let name = named_before.unwrap_or_default();
                    if let Some((h, t, key, _)) = held {
                        // no name after the second title: the first was a bare title too
                        let a = tokens[h].span.start;
                        out.push(Mention {
                            span: Span::new(a, a + t.len()),
                            name: name.clone(),
                            title: Some(t),
                            title_key: Some(key),
                            country: None,
                            implied: false,
                            alias: None,
                        });
                    }
                    out.push(Mention {
                        span: Span::new(tokens[i].span.start, title_end),
                        name,
                        title: Some(text[tokens[i].span.start..title_end].to_string()),
                        title_key: Some(title_key),
                        country,
                        implied,
                        alias: None,
                    });
                }
                i = j.max(i + 1);
                continue;
            }
            // Ông / Bà + name; `đồng chí` + name (the party's address)
            // (`ô`/`Ô`, `b`/`B` or `đ`/`Đ` first: most words are none of them)
            let address = if matches!(tok(i).as_bytes().first(), Some(b'b' | b'B' | 0xc3))
                && lower_in(tok(i), &["ông", "bà"])
            {
                1
            } else if matches!(tok(i).as_bytes().first(), Some(0xc4))
                && lower_in(tok(i), &["đồng"])
                && lower_in(tok(i + 1), &["chí"])
            {
                2
            } else {
                0
            };
            if address > 0 {
                let a = i + address - 1;
                let end = name_run(text, tokens, &ent_at, a + 1, tokens[a].span.end);
                if end > a + 1 {
                    out.push(Mention {
                        span: Span::new(tokens[i].span.start, name_close(text, tokens, end)),
                        name: text[tokens[a + 1].span.start..name_close(text, tokens, end)]
                            .to_string(),
                        title: None,
                        title_key: None,
                        country: None,
                        implied: false,
                        alias: None,
                    });
                    i = end;
                    continue;
                }
            }
            // A name on its own: a Vietnamese full name, or two or more foreign words.
            if ent_at[i].is_none() && starts_upper(tok(i)) {
                let end = name_run(text, tokens, &ent_at, i, tokens[i].span.start);
                let n = end - i;
                let vietnamese = is_surname(tok(i))
                    && (i..end).all(|k| tokens[k].kind == TokenKind::Syllable)
                    && (2..=4).contains(&n);
                // (`Mohamed bin Zayed Al Nahyan`: a particle may be a Vietnamese syllable)
                let foreign = n >= 2
                    && (i..end).all(|k| {
                        tokens[k].kind == TokenKind::Foreign
                            || NAME_PARTICLES.contains(&tokens[k].span.slice(text))
                            || (tok(k) == "-" && k > i)
                    })
                    && tokens[i].kind == TokenKind::Foreign
                    // (`vùng Karlovy Vary`, `bang Portuguesa`: a place the gazetteer does
                    // not know, after the word for its kind)
                    && !(i > 0
                        && lower_in(
                            tok(i - 1),
                            &["vùng", "bang", "tỉnh", "hạt", "quận", "phố", "đô"],
                        ));
                // A line that is only a name is a byline; `Ảnh: Name` a photo credit.
                // (only a name of two words or more can be one: the line is looked at then)
                let alone = || {
                    let line_start = text[..tokens[i].span.start]
                        .rfind('\n')
                        .map_or(0, |p| p + 1);
                    let line_end = text[tokens[i].span.start..]
                        .find('\n')
                        .map_or(text.len(), |p| tokens[i].span.start + p);
                    let name = &text[tokens[i].span.start..tokens[end - 1].span.end];
                    end > i && byline_has(text[line_start..line_end].trim(), name)
                };
                let after_credit = i >= 2
                    && tok(i - 1) == ":"
                    && lower_in(tok(i - 2), &["ảnh", "video", "bài", "nguồn"]);
                let sentence_initial = doc
                    .layers
                    .sentences
                    .binary_search_by_key(&i, |s| s.tokens.0)
                    .is_ok();
                let two_syllable_ok = n >= 2 && (after_credit || alone());
                if (vietnamese && (n >= 3 || two_syllable_ok || !sentence_initial))
                    || foreign
                    || (two_syllable_ok && (i..end).all(|k| tokens[k].kind == TokenKind::Syllable))
                {
                    let close = name_close(text, tokens, end);
                    out.push(Mention {
                        span: Span::new(tokens[i].span.start, close),
                        name: text[tokens[i].span.start..close].to_string(),
                        title: None,
                        title_key: None,
                        country: None,
                        implied: false,
                        alias: None,
                    });
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        // `đoàn đại biểu Đảng Cộng sản Trung Quốc do … Lưu Kiến Siêu dẫn đầu`: the head of
        // a delegation of a named country (or of one of its bodies) is of that country
        for m in out
            .iter_mut()
            .filter(|m| m.country.is_none() && !m.name.is_empty())
        {
            let end = end_token(tokens, m.span.end);
            if !(lower_in(tok(end), &["dẫn"]) && lower_in(tok(end + 1), &["đầu"])) {
                continue;
            }
            let start = tokens.partition_point(|t| t.span.start < m.span.start);
            let Some(d) = (start.saturating_sub(24)..start)
                .rev()
                .take_while(|&k| !matches!(tok(k), "." | ";" | ":"))
                .find(|&k| tok(k) == "do")
            else {
                continue;
            };
            let Some(by) = d.checked_sub(1).and_then(|k| ent_at[k]).map(|k| &ents[k]) else {
                continue;
            };
            if by.span.end != tokens[d - 1].span.end {
                continue;
            }
            let c = match by.label {
                EntityLabel::Country => by.kb_id.clone(),
                EntityLabel::Organization => by.attrs.get("country").cloned(),
                _ => None,
            };
            if let Some(c) = c.filter(|c| c.len() == 2) {
                m.country = Some(c);
            }
        }
        out
    }
}

fn end_token(tokens: &[Token], end: usize) -> usize {
    tokens.partition_point(|t| t.span.start < end)
}

fn line_break(text: &str, a: usize, b: usize) -> bool {
    a <= b && text[a..b].contains('\n')
}

/// End (exclusive token index) of a personal name starting at token `j`: capitalized
/// syllables or foreign words not inside another entity, on the same line, at most five.
fn name_run(
    text: &str,
    tokens: &[Token],
    ent_at: &[Option<usize>],
    j: usize,
    prev_end: usize,
) -> usize {
    let mut k = j;
    let mut last_end = prev_end;
    // hyphens do not count towards the length (`Prayut Chan-o-cha`)
    let mut hyphens = 0;
    while k < tokens.len() && k - j - hyphens < 6 {
        let t = &tokens[k];
        let s = t.span.slice(text);
        // `Chan-o-cha`, `Díaz-Canel`: a hyphen glued on both sides joins name parts
        if k > j
            && s == "-"
            && t.span.start == tokens[k - 1].span.end
            && tokens.get(k + 1).is_some_and(|n| {
                n.span.start == t.span.end
                    && matches!(n.kind, TokenKind::Syllable | TokenKind::Foreign)
                    && ent_at[k + 1].is_none()
            })
        {
            last_end = tokens[k + 1].span.end;
            k += 2;
            hyphens += 2;
            continue;
        }
        // `Lula da Silva`, `von der Leyen`: a particle between foreign name words.
        // (`von der Leyen`: a particle may follow another)
        let particle = k > j
            && NAME_PARTICLES.contains(&s)
            && (tokens[k - 1].kind == TokenKind::Foreign
                || NAME_PARTICLES.contains(&tokens[k - 1].span.slice(text)))
            && tokens[k + 1..]
                .iter()
                .enumerate()
                .take(3)
                .find(|(_, x)| !NAME_PARTICLES.contains(&x.span.slice(text)))
                .is_some_and(|(n, x)| {
                    let upper = |x: &Token| {
                        x.kind == TokenKind::Foreign && starts_upper(x.span.slice(text))
                    };
                    // `al-Sisi`: a particle glued by a hyphen to the name word
                    upper(x)
                        || (x.span.slice(text) == "-"
                            && x.span.start == tokens[k + n].span.end
                            && tokens
                                .get(k + n + 2)
                                .is_some_and(|y| y.span.start == x.span.end && upper(y)))
                })
            && !text[last_end..t.span.start].contains([',', '.', ';', ':', '\n']);
        if particle {
            last_end = t.span.end;
            k += 1;
            continue;
        }
        // (`al-Sisi`, `el-Sisi`: one token, a particle glued to a capitalized name)
        let particled = k > j
            && t.kind == TokenKind::Foreign
            && s.split_once('-').is_some_and(|(a, b)| {
                NAME_PARTICLES.contains(&a) && b.chars().next().is_some_and(char::is_uppercase)
            });
        // (`Charles III`, `Elizabeth II`: a regnal number after a name word)
        let regnal = k > j
            && matches!(s, "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "X")
            && t.span.start > last_end;
        if regnal && ent_at[k].is_none() && !line_break(text, last_end, t.span.start) {
            // the number ends the name
            k += 1;
            break;
        }
        let ok = (starts_upper(s) || particled)
            && matches!(t.kind, TokenKind::Syllable | TokenKind::Foreign)
            && ent_at[k].is_none()
            && !line_break(text, last_end, t.span.start)
            && !text[last_end..t.span.start].contains([',', '.', ';', ':']);
        if !ok {
            break;
        }
        last_end = t.span.end;
        k += 1;
    }
    // a trailing particle is no name part (`… de`), unless a hyphen glues it to the name
    // as its last syllable (`Ghê-bu-da`, a transliterated `Guebuza`)
    while k > j && NAME_PARTICLES.contains(&tokens[k - 1].span.slice(text)) {
        let glued = k >= j + 2
            && tokens[k - 2].span.slice(text) == "-"
            && tokens[k - 2].span.end == tokens[k - 1].span.start;
        if glued {
            break;
        }
        k -= 1;
    }
    k
}

/// The leaders of the knowledge files: the words of each name variant, and the country.
fn leaders() -> &'static [(Vec<String>, String)] {
    static L: OnceLock<Vec<(Vec<String>, String)>> = OnceLock::new();
    L.get_or_init(|| {
        knowledge::builtin()
            .iter()
            .filter(|(_, e)| e.kind == Kind::Leader && !e.id.is_empty())
            .map(|(surface, e)| (name_words(surface), e.id.clone()))
            .collect()
    })
}

/// The leaders (indices of [`leaders`]) by the last word of their name: a name ends with
/// another only when their last words are the same.
fn leaders_by_last() -> &'static BTreeMap<&'static str, Vec<usize>> {
    static M: OnceLock<BTreeMap<&'static str, Vec<usize>>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        for (k, (l, _)) in leaders().iter().enumerate() {
            if let Some(last) = l.last() {
                m.entry(last.as_str()).or_default().push(k);
            }
        }
        m
    })
}

/// The country of the one leader whose name ends with `words` (`Biden`, `Joe Biden`),
/// if all such leaders share it.
fn leader_country(words: &[String]) -> Option<String> {
    let mut found: Option<&str> = None;
    // (a two-word name written family name first, as the press writes Hungarian names:
    // `Orbán Viktor` is `Viktor Orbán`)
    let swapped = words.len() == 2 && !vietnamese_words(words);
    let by_last = leaders_by_last();
    let same_last = words.last().and_then(|w| by_last.get(w.as_str()));
    let first_last = words
        .first()
        .filter(|_| swapped)
        .and_then(|w| by_last.get(w.as_str()));
    let all = leaders();
    for &k in same_last.into_iter().chain(first_last).flatten() {
        let (l, c) = &all[k];
        let reversed = swapped && l.len() == 2 && l[0] == words[1] && l[1] == words[0];
        if is_tail(words, l) || (words.len() > 1 && is_tail(l, words)) || reversed {
            match found {
                Some(f) if f != c => return None,
                _ => found = Some(c),
            }
        }
    }
    found.map(str::to_string)
}

/// Whether a byline line names `name`: the line is the name, or names joined by ` - `
/// or `, ` (`Thanh Hà - Mạnh Trường`), maybe with a lower-case note in brackets after
/// them (`Hồng Ngọc (thực hiện)`).
fn byline_has(line: &str, name: &str) -> bool {
    if line == name {
        return true;
    }
    // (a byline is short and no sentence: most lines stop here)
    if line.len() > 80 || line.contains(['.', ':', '!', '?', ';']) {
        return false;
    }
    let body = match line.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) {
        Some((body, note)) if note.starts_with(char::is_lowercase) && note.len() <= 24 => body,
        _ => line,
    };
    let parts: Vec<&str> = body
        .split([',', '-', '–'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.contains(&name)
        && parts.iter().all(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            (2..=4).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
        })
}

/// Whether a name's words read as a Vietnamese name (a family name first).
fn vietnamese_words(words: &[String]) -> bool {
    words.first().is_some_and(|w| is_surname(w))
}

/// Lower-case words inside foreign names.
const NAME_PARTICLES: &[&str] = &[
    "da", "de", "dos", "das", "van", "von", "der", "den", "bin", "binti", "al", "del", "di", "du",
    "le", "la",
];

/// Where a name ending at token `end` (exclusive) closes: after the period of `Jr.`.
fn name_close(text: &str, tokens: &[Token], end: usize) -> usize {
    let last = &tokens[end - 1];
    let e = last.span.end;
    if matches!(last.span.slice(text), "Jr" | "Sr") && text[e..].starts_with('.') {
        e + 1
    } else {
        e
    }
}

/// The words of a name, lowercased, without generational suffixes (`Jr`, `III`), so
/// `Marcos` is the tail of `Ferdinand Marcos Jr`.
fn name_words(name: &str) -> Vec<String> {
    let mut w: Vec<String> = name.split_whitespace().map(lower).collect();
    while w.len() > 1
        && matches!(
            w.last().map(|s| s.trim_end_matches('.')),
            Some("jr" | "sr" | "ii" | "iii" | "iv")
        )
    {
        w.pop();
    }
    w
}

/// A Vietnamese personal name: a family name first, every word a Vietnamese syllable.
/// Whether an organization id is a national body's (`Quốc hội`, `Hạ viện`): the body of
/// whichever country the text is about.
fn national_body(id: &str) -> bool {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        knowledge::builtin()
            .iter()
            .filter(|(_, e)| e.kind == Kind::NationalBody)
            .map(|(_, e)| e.id.clone())
            .collect()
    })
    .iter()
    .any(|x| x == id)
}

fn vietnamese_name(name: &str) -> bool {
    name.split_whitespace().next().is_some_and(is_surname)
        && name
            .split_whitespace()
            .all(sen_tokenize::syllable::is_valid)
}

/// Whether `short` is the last words of `full` (`Trump` of `Donald Trump`).
fn is_tail(short: &[String], full: &[String]) -> bool {
    !short.is_empty() && short.len() <= full.len() && full[full.len() - short.len()..] == *short
}

/// Whether `short` is the first words of `full` (`Ollanta Humala` of `Ollanta Humala Tasso`).
fn is_head(short: &[String], full: &[String]) -> bool {
    !short.is_empty() && short.len() <= full.len() && full[..short.len()] == *short
}

struct Cluster {
    name: String,
    words: Vec<String>,
    titles: Vec<String>,
    title_keys: Vec<String>,
    country: Option<String>,
    /// The country is only what a title implies.
    implied: bool,
    /// Short names given in brackets (lowercase).
    aliases: Vec<String>,
    mentions: Vec<Span>,
    first: usize,
}

impl People {
    /// A titled or addressed single word that is the first word of one known foreign
    /// name: East Asian family names come first (`Tổng thống Yoon` of `Yoon Suk Yeol`,
    /// `ông Ishiba` of `Ishiba Shigeru`), and some leaders go by their given name
    /// (`Tổng thống Tharman` of `Tharman Shanmugaratnam`).
    fn first_word_of(
        &self,
        doc: &Document,
        m: &Mention,
        words: &[String],
        clusters: &[Cluster],
    ) -> Option<usize> {
        if words.len() != 1 {
            return None;
        }
        let addressed = m.title.is_some() || {
            let head = lower(m.span.slice(&doc.text).split(' ').next().unwrap_or(""));
            head == "ông" || head == "bà"
        };
        if !addressed {
            return None;
        }
        // (any word of it: `bà Sheinbaum` of `Claudia Sheinbaum Pardo`)
        let mut hits = clusters.iter().enumerate().filter(|(_, c)| {
            c.words.len() > 1
                && c.words.contains(&words[0])
                && !vietnamese_name(&c.name)
                && (m.country.is_none() || c.country.is_none() || m.country == c.country)
        });
        match (hits.next(), hits.next()) {
            (Some((k, _)), None) => Some(k),
            _ => None,
        }
    }

    fn resolve(&self, doc: &Document, mentions: Vec<Mention>) -> Vec<Cluster> {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut bare: Vec<&Mention> = Vec::new();
        for m in &mentions {
            if m.name.is_empty() {
                bare.push(m);
                continue;
            }
            let words = name_words(&m.name);
            let found = clusters
                .iter()
                .position(|c| {
                    (is_tail(&words, &c.words) || is_tail(&c.words, &words))
                        && (m.country.is_none()
                            || c.country.is_none()
                            || m.country == c.country
                            || m.implied
                            || c.implied)
                        && (words.len() > 1 || c.words.len() > 1 || words == c.words)
                        || (words.len() == 1 && c.aliases.contains(&words[0]))
                        // `Ollanta Humala` of `Ollanta Humala Tasso`: a foreign name without
                        // its second family name (not Vietnamese: `Nguyễn Xuân` is no one)
                        || ((is_head(&words, &c.words) || is_head(&c.words, &words))
                            && words.len().min(c.words.len()) >= 2
                            && !vietnamese_name(&m.name)
                            && (m.country.is_none() || c.country.is_none() || m.country == c.country))
                })
                .or_else(|| self.first_word_of(doc, m, &words, &clusters));
            let k = match found {
                Some(k) => k,
                None => {
                    clusters.push(Cluster {
                        name: m.name.clone(),
                        words: words.clone(),
                        titles: vec![],
                        title_keys: vec![],
                        country: None,
                        implied: false,
                        aliases: vec![],
                        mentions: vec![],
                        first: m.span.start,
                    });
                    clusters.len() - 1
                }
            };
            let c = &mut clusters[k];
            if words.len() > c.words.len() {
                c.name = m.name.clone();
                c.words = words;
            }
            if let (Some(t), Some(key)) = (&m.title, &m.title_key) {
                if !c.titles.iter().any(|x| lower(x) == lower(t)) {
                    c.titles.push(t.clone());
                }
                if !c.title_keys.contains(key) {
                    c.title_keys.push(key.clone());
                }
            }
            if let Some(a) = &m.alias {
                if !c.aliases.contains(a) {
                    c.aliases.push(a.clone());
                }
            }
            // a country the text names outranks one a title implies
            if c.country.is_none() || (c.implied && !m.implied && m.country.is_some()) {
                c.country = m.country.clone();
                c.implied = m.implied;
            }
            c.mentions.push(m.span);
        }
        // A bare family name of a known foreign person (`Biden`, `Albanese`) after it.
        if self.surnames_alone {
            let text = &doc.text;
            for (t_idx, t) in doc.layers.tokens.iter().enumerate() {
                if t.kind != TokenKind::Foreign || !starts_upper(t.span.slice(text)) {
                    continue;
                }
                // the cheap tests first: one known person whose name ends with it
                let w = [lower(t.span.slice(text))];
                let mut hits = clusters.iter().enumerate().filter(|(_, c)| {
                    c.words.len() > 1 && is_tail(&w, &c.words) && c.first < t.span.start
                });
                let (Some((hit, _)), None) = (hits.next(), hits.next()) else {
                    continue;
                };
                let next_upper = doc.layers.tokens.get(t_idx + 1).is_some_and(|n| {
                    starts_upper(n.span.slice(text)) && n.span.start == t.span.end + 1
                });
                if next_upper {
                    continue;
                }
                if clusters
                    .iter()
                    .flat_map(|c| &c.mentions)
                    .any(|s| s.start <= t.span.start && t.span.end <= s.end)
                {
                    continue;
                }
                if doc
                    .layers
                    .entities
                    .iter()
                    .any(|e| e.span.start <= t.span.start && t.span.end <= e.span.end)
                {
                    continue;
                }
                clusters[hit].mentions.push(t.span);
            }
        }
        // Bare titles: the one person of the document holding that title (and country).
        for m in bare {
            let key = m.title_key.as_deref().unwrap_or("");
            let country = m.country.as_deref();
            let fits: Vec<usize> = clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    // a longer form of the title counts (`Thủ tướng` of `Thủ tướng Chính phủ`)
                    c.title_keys.iter().any(|t| {
                        t == key
                            || (t.starts_with(key) && t.as_bytes().get(key.len()) == Some(&b' '))
                    }) && (country.is_none() || c.country.as_deref() == country)
                })
                .map(|(k, _)| k)
                .collect();
            // Vietnamese news name foreign holders with their country (`Thủ tướng Bỉ`): a
            // bare title held by several refers to the one Vietnamese holder, if one.
            let home: Vec<usize> = if country.is_none() && fits.len() > 1 {
                fits.iter()
                    .copied()
                    .filter(|&k| {
                        let c = &clusters[k];
                        c.country.as_deref() == Some("VN")
                            || (c.country.is_none() && vietnamese_name(&c.name))
                    })
                    .collect()
            } else {
                fits
            };
            if let [k] = home[..] {
                let c = &mut clusters[k];
                c.mentions.push(m.span);
                if c.country.is_none() {
                    c.country = m.country.clone();
                }
            }
        }
        for c in &mut clusters {
            // A well-known leader the text names without a country (`Tổng thống Biden`).
            if c.country.is_none() {
                c.country = leader_country(&c.words);
            }
            // A titled Vietnamese name with no country is Vietnamese.
            if c.country.is_none() && !c.titles.is_empty() && vietnamese_name(&c.name) {
                c.country = Some("VN".to_string());
            }
            c.mentions.sort();
            c.mentions.dedup();
        }
        // `Tổng thống Nigeria và Phu nhân Oluremi Tinubu`: a spouse named with the family
        // name of someone whose country the text gives shares it
        for k in 0..clusters.len() {
            let c = &clusters[k];
            if c.country.is_some()
                || !c
                    .title_keys
                    .iter()
                    .any(|t| t == "Phu nhân" || t == "Phu quân")
                || c.words.len() < 2
            {
                continue;
            }
            let last = c.words.last();
            let mut same = clusters
                .iter()
                .enumerate()
                .filter(|&(j, o)| j != k && o.words.len() >= 2 && o.words.last() == last)
                .filter_map(|(_, o)| o.country.clone());
            if let (Some(country), None) = (same.next(), same.next()) {
                clusters[k].country = Some(country);
            }
        }
        clusters.sort_by_key(|c| c.first);
        clusters
    }
}

impl Annotator for People {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let mentions = self.mentions(doc);
        let clusters = self.resolve(doc, mentions);
        let mut people = Vec::with_capacity(clusters.len());
        for (n, c) in clusters.into_iter().enumerate() {
            let id = format!("p{}", n + 1);
            for &span in &c.mentions {
                let mut attrs = BTreeMap::new();
                if let Some(k) = &c.country {
                    attrs.insert("country".to_string(), k.clone());
                }
                doc.layers.entities.push(Entity {
                    span,
                    label: EntityLabel::Person,
                    canonical: c.name.clone(),
                    kb_id: Some(id.clone()),
                    attrs,
                });
            }
            people.push(Person {
                id,
                name: c.name,
                titles: c.titles,
                country: c.country,
                mentions: c.mentions,
            });
        }
        doc.layers
            .entities
            .sort_by_key(|e| (e.span.start, e.span.end));
        doc.layers.people = people;
        Ok(())
    }
}

sen_core::inventory::submit! {
    Plugin {
        name: "people",
        description: "People (title + country + name, Vietnamese and foreign names, bylines) with every mention resolved to one person",
        requires: &[Layer::Tokens, Layer::Sentences, Layer::Entities],
        provides: &[Layer::People, Layer::Entities],
        defaults: defaults_of::<PeopleSettings>,
        build: |s| Ok(Box::new(People::new(s.parse()?))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{Gazetteer, GazetteerSettings};

    fn people(text: &str) -> Vec<Person> {
        let mut doc = Document::from_text("t", text);
        let toks = sen_tokenize::tokenize(text);
        doc.layers.sentences = sen_tokenize::sentences(text, &toks);
        doc.layers.words = sen_tokenize::segment::Segmenter::builtin().segment(text, &toks);
        doc.layers.tokens = toks;
        Gazetteer::new(&GazetteerSettings::default())
            .unwrap()
            .annotate(&mut doc)
            .unwrap();
        People::new(PeopleSettings::default())
            .annotate(&mut doc)
            .unwrap();
        doc.layers.people
    }

    fn mentions(text: &str, p: &Person) -> Vec<String> {
        p.mentions
            .iter()
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    #[test]
    fn titled_names_with_countries_and_later_mentions() {
        let text = "Chiều 12/6, Chủ tịch nước Võ Văn Thưởng hội đàm với Tổng thống Philippines Ferdinand Marcos Jr. tại Hà Nội. Tổng thống Marcos cảm ơn Chủ tịch nước đã đón tiếp trọng thị. Ông Marcos mời Chủ tịch nước thăm Philippines.";
        let ps = people(text);
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"Võ Văn Thưởng"), "{names:?}");
        let marcos = ps
            .iter()
            .find(|p| p.name.starts_with("Ferdinand Marcos"))
            .expect("Marcos");
        assert_eq!(marcos.country.as_deref(), Some("PH"));
        assert!(
            mentions(text, marcos)
                .iter()
                .any(|m| m == "Tổng thống Marcos"),
            "{:?}",
            mentions(text, marcos)
        );
        let vvt = ps.iter().find(|p| p.name == "Võ Văn Thưởng").unwrap();
        assert_eq!(vvt.country.as_deref(), Some("VN"));
        assert_eq!(
            mentions(text, vvt)
                .iter()
                .filter(|m| *m == "Chủ tịch nước")
                .count(),
            2
        );
        assert_eq!(ps.len(), 2, "{names:?}");
    }

    #[test]
    fn hyphenated_and_particled_foreign_names() {
        let text = "Phó Thủ tướng Phạm Bình Minh điện đàm về chuyến thăm của Thủ tướng Thái Lan Prayut Chan-o-cha. Chủ tịch Quốc hội hội kiến Bí thư thứ nhất, Chủ tịch Cuba Miguel Díaz-Canel Bermúdez. Thủ tướng hội đàm với Tổng thống Các Tiểu vương quốc Ả-rập Thống nhất (UAE) Mohamed bin Zayed Al Nahyan.";
        let names: Vec<String> = people(text).into_iter().map(|p| p.name).collect();
        for n in [
            "Prayut Chan-o-cha",
            "Miguel Díaz-Canel Bermúdez",
            "Mohamed bin Zayed Al Nahyan",
        ] {
            assert!(names.iter().any(|x| x == n), "{n}: {names:?}");
        }
    }

    #[test]
    fn a_first_word_with_a_title_or_address_is_the_known_person() {
        let text = "Chủ tịch nước Nguyễn Xuân Phúc và Tổng thống Yoon Suk Yeol hội đàm tại Seoul. Tổng thống Yoon cho biết Hàn Quốc sẽ tăng vốn ODA. Thủ tướng Nhật Bản Ishiba Shigeru điện đàm với Thủ tướng Phạm Minh Chính, chúc mừng ông Ishiba tái đắc cử. Tổng thống Singapore Tharman Shanmugaratnam hội kiến Tổng Bí thư. Tổng thống Tharman cho biết ông chưa thể thăm Việt Nam.";
        let ps = people(text);
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        assert!(
            !names
                .iter()
                .any(|n| matches!(*n, "Yoon" | "Ishiba" | "Tharman")),
            "{names:?}"
        );
        let yoon = ps.iter().find(|p| p.name == "Yoon Suk Yeol").unwrap();
        assert!(mentions(text, yoon).contains(&"Tổng thống Yoon".to_string()));
        let ishiba = ps.iter().find(|p| p.name == "Ishiba Shigeru").unwrap();
        assert!(mentions(text, ishiba).contains(&"ông Ishiba".to_string()));
    }

    #[test]
    fn a_bare_title_shared_with_foreign_holders_is_the_vietnamese_one() {
        let text = "Thủ tướng Nguyễn Tấn Dũng hội kiến Thủ tướng Bỉ Elio Di Rupo. Sáng 26/6, Thủ tướng đã dự lễ khai mạc Diễn đàn doanh nghiệp Việt Nam - Bỉ.";
        let ps = people(text);
        let dung = ps.iter().find(|p| p.name == "Nguyễn Tấn Dũng").unwrap();
        assert!(
            mentions(text, dung).contains(&"Thủ tướng".to_string()),
            "{ps:?}"
        );
    }

    #[test]
    fn an_ambassador_is_of_the_country_before_the_post() {
        let text = "Thứ trưởng Ngoại giao Đỗ Hùng Việt tiếp Đại sứ Thái Lan tại Việt Nam Urawadee Sriphiromya đến chào xã giao.";
        let ps = people(text);
        let u = ps
            .iter()
            .find(|p| p.name == "Urawadee Sriphiromya")
            .unwrap();
        assert_eq!(u.country.as_deref(), Some("TH"));
    }

    #[test]
    fn a_title_inside_a_meeting_name_is_nobody() {
        let text = "Bộ trưởng Bùi Thanh Sơn sẽ dự Hội nghị Bộ trưởng Ngoại giao Mekong - Nhật Bản lần thứ 16 tại Tokyo.";
        let names: Vec<String> = people(text).into_iter().map(|p| p.name).collect();
        assert_eq!(names, vec!["Bùi Thanh Sơn".to_string()]);
    }

    #[test]
    fn two_titles_joined_by_a_comma_name_one_person() {
        let text = "Thủ tướng Phạm Minh Chính hội kiến Thái tử, Thủ tướng Saudi Arabia Mohammed bin Salman. Chủ tịch Quốc hội hội kiến Bí thư thứ nhất, Chủ tịch Cuba Miguel Díaz-Canel Bermúdez.";
        let ps = people(text);
        let mbs = ps.iter().find(|p| p.name == "Mohammed bin Salman").unwrap();
        assert!(
            mentions(text, mbs)
                .contains(&"Thái tử, Thủ tướng Saudi Arabia Mohammed bin Salman".to_string()),
            "{ps:?}"
        );
        let dc = ps
            .iter()
            .find(|p| p.name == "Miguel Díaz-Canel Bermúdez")
            .unwrap();
        assert_eq!(dc.country.as_deref(), Some("CU"));
        assert!(mentions(text, dc)[0].starts_with("Bí thư thứ nhất, Chủ tịch Cuba"));
    }

    #[test]
    fn local_leaders_and_first_deputies_carry_their_body_and_country() {
        let text = "Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh tiếp Đại sứ Nhật Bản. Chủ tịch nước gửi điện chia buồn tới Phó Tổng thống thứ nhất Iran Mohammad Mokhber.";
        let ps = people(text);
        let t = ps.iter().find(|p| p.name == "Trần Sỹ Thanh").unwrap();
        assert_eq!(t.country.as_deref(), Some("VN"));
        assert_eq!(t.titles, vec!["Chủ tịch UBND TP Hà Nội".to_string()]);
        let m = ps.iter().find(|p| p.name == "Mohammad Mokhber").unwrap();
        assert_eq!(m.country.as_deref(), Some("IR"));
    }

    #[test]
    fn a_named_country_outranks_the_one_a_title_implies() {
        let text = "Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith. Tối 11/7, Tổng Bí thư, Chủ tịch nước Thongloun Sisoulith chủ trì tiệc chiêu đãi Tổng Bí thư Tô Lâm.";
        let ps = people(text);
        let t: Vec<&Person> = ps
            .iter()
            .filter(|p| p.name == "Thongloun Sisoulith")
            .collect();
        assert_eq!(t.len(), 1, "{ps:?}");
        assert_eq!(t[0].country.as_deref(), Some("LA"));
    }

    #[test]
    fn a_particle_glued_by_a_hyphen() {
        let text =
            "Thủ tướng đã gặp Tổng thống Ai Cập Abdel Fattah al-Sisi và Thủ tướng Anh Rishi Sunak.";
        let names: Vec<String> = people(text).into_iter().map(|p| p.name).collect();
        assert!(
            names.contains(&"Abdel Fattah al-Sisi".to_string()),
            "{names:?}"
        );
    }

    #[test]
    fn a_transliterated_name_ending_in_a_particle_like_syllable() {
        let text = "Tổng thống Mô-dăm-bích A-man-đô Ghê-bu-da chủ trì lễ đón. Tổng thống Ghê-bu-da nhớ lại chuyến thăm Việt Nam năm 2007.";
        let ps = people(text);
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["A-man-đô Ghê-bu-da"], "{ps:?}");
        assert!(mentions(text, &ps[0]).contains(&"Tổng thống Ghê-bu-da".to_string()));
    }

    #[test]
    fn a_short_name_in_brackets_and_a_regnal_number() {
        let text = "Tổng thống Indonesia Joko Widodo (Jokowi) chủ trì lễ đón. Tại hội đàm, ông Jokowi đề nghị hai nước hợp tác. Nhà vua Anh Charles III chủ trì tiệc chiêu đãi; Nhà vua Charles III cảm ơn các trưởng đoàn.";
        let ps = people(text);
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Joko Widodo", "Charles III"], "{ps:?}");
        let jw = &ps[0];
        assert!(mentions(text, jw).contains(&"ông Jokowi".to_string()));
    }

    #[test]
    fn an_addressed_middle_name_of_a_foreign_name() {
        let text = "Thủ tướng hội đàm với Tổng thống Mexico Claudia Sheinbaum Pardo. Bà Sheinbaum cho biết Mexico muốn hợp tác.";
        let ps = people(text);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(mentions(text, &ps[0]).contains(&"Bà Sheinbaum".to_string()));
    }

    #[test]
    fn a_foreign_name_without_its_second_family_name() {
        let text = "Chủ tịch Quốc hội hội kiến Tổng thống Peru Ollanta Humala Tasso tại Phủ Tổng thống. Tổng thống Ollanta Humala đánh giá cao thành tựu của Việt Nam.";
        let ps = people(text);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].name, "Ollanta Humala Tasso");
        assert!(mentions(text, &ps[0]).contains(&"Tổng thống Ollanta Humala".to_string()));
    }

    #[test]
    fn a_vietnamese_title_before_a_foreign_name_told_before_is_its_own() {
        let text = "Chủ tịch nước Lương Cường đã gặp Thủ tướng Fiji Sitiveni Rabuka. Gặp Chủ tịch nước, Thủ tướng Sitiveni Rabuka nhắc lại chuyến thăm Việt Nam.";
        let ps = people(text);
        let r = ps.iter().find(|p| p.name == "Sitiveni Rabuka").unwrap();
        assert_eq!(r.country.as_deref(), Some("FJ"));
        assert!(
            mentions(text, r).contains(&"Thủ tướng Sitiveni Rabuka".to_string()),
            "{ps:?}"
        );
        let lc = ps.iter().find(|p| p.name == "Lương Cường").unwrap();
        assert_eq!(
            mentions(text, lc)
                .iter()
                .filter(|m| *m == "Chủ tịch nước")
                .count(),
            1,
            "{ps:?}"
        );
        // the same double title again is still the foreign leader's
        let text = "Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình. Thủ tướng hội kiến Tổng Bí thư, Chủ tịch Tập Cận Bình.";
        let ps = people(text);
        let x = ps.iter().find(|p| p.name == "Tập Cận Bình").unwrap();
        assert!(
            mentions(text, x).contains(&"Tổng Bí thư, Chủ tịch Tập Cận Bình".to_string()),
            "{ps:?}"
        );
    }

    #[test]
    fn a_lao_governor_in_apposition_is_of_the_country_of_the_province() {
        let text = "Sáng 8/4, đồng chí Lê Hồng Anh và đoàn đã đến thăm tỉnh Luang Prabang, chào xã giao đồng chí Khamphao Ernthavanh, Bí thư Tỉnh ủy, Tỉnh trưởng Luang Prabang.";
        let ps = people(text);
        let k = ps
            .iter()
            .find(|p| p.name == "Khamphao Ernthavanh")
            .unwrap_or_else(|| panic!("{ps:?}"));
        assert_eq!(k.country.as_deref(), Some("LA"), "{ps:?}");
        assert!(
            k.titles.iter().any(|t| t == "Tỉnh trưởng Luang Prabang"),
            "{ps:?}"
        );
    }

    #[test]
    fn the_country_that_sends_someone_is_theirs() {
        let text = "Cuộc gặp dự kiến giữa Thủ tướng với Cố vấn Nhà nước Myanmar Aung San Suu Kyi đã không diễn ra do bà không tham dự Hội nghị; Myanmar cử Phó Tổng thống thứ nhất Myint Swe dẫn đầu đoàn.";
        let ps = people(text);
        let m = ps
            .iter()
            .find(|p| p.name == "Myint Swe")
            .unwrap_or_else(|| panic!("{ps:?}"));
        assert_eq!(m.country.as_deref(), Some("MM"), "{ps:?}");
    }

    #[test]
    fn a_foreign_name_joined_to_a_leader_of_a_named_country_shares_it() {
        let text = "Sáng 15/9, Chủ tịch nước Trương Tấn Sang hội kiến Thủ tướng Kazakhstan Serik Akhmetov và Chủ tịch Hạ viện Nurlan Nigmatulin. Thủ tướng Nhật Bản Shinzo Abe và Chủ tịch nước Trương Tấn Sang đã gặp nhau.";
        let ps = people(text);
        let n = ps
            .iter()
            .find(|p| p.name == "Nurlan Nigmatulin")
            .unwrap_or_else(|| panic!("{ps:?}"));
        assert_eq!(n.country.as_deref(), Some("KZ"), "{ps:?}");
        // the head of an international body is nobody's compatriot
        let un = people("Thủ tướng Nhật Bản Shinzo Abe và Tổng Thư ký Liên hợp quốc Antonio Guterres đã gặp nhau tại New York.");
        let b = un
            .iter()
            .find(|p| p.name == "Antonio Guterres")
            .unwrap_or_else(|| panic!("{un:?}"));
        assert_ne!(b.country.as_deref(), Some("JP"), "{un:?}");
        // a Vietnamese name (or a title that implies its country) keeps its own
        let s = ps.iter().find(|p| p.name == "Trương Tấn Sang").unwrap();
        assert_eq!(s.country.as_deref(), Some("VN"), "{ps:?}");
    }

    #[test]
    fn the_head_of_a_named_countrys_delegation_is_of_that_country() {
        let text = "(VOV) - Chiều 17/6, tại Trụ sở Trung ương Đảng, Tổng Bí thư Nguyễn Phú Trọng tiếp đoàn đại biểu cấp cao Đảng Cộng sản Trung Quốc do Ủy viên Bộ Chính trị, Trưởng Ban Liên lạc Đối ngoại Trung ương Lưu Kiến Siêu dẫn đầu.";
        let ps = people(text);
        let l = ps
            .iter()
            .find(|p| p.name == "Lưu Kiến Siêu")
            .unwrap_or_else(|| panic!("{ps:?}"));
        assert_eq!(l.country.as_deref(), Some("CN"), "{ps:?}");
    }

    #[test]
    fn a_mayor_is_of_the_country_of_the_city() {
        let text = "Theo kế hoạch, Chủ tịch Quốc hội sẽ gặp Thị trưởng Lima Luis Castañeda.";
        let ps = people(text);
        let l = ps.iter().find(|p| p.name == "Luis Castañeda").unwrap();
        assert_eq!(l.country.as_deref(), Some("PE"));
        assert_eq!(l.titles, vec!["Thị trưởng Lima".to_string()]);
    }

    #[test]
    fn a_provincial_chairman_is_vietnamese() {
        let ps = people("Chiều 5/3, Chủ tịch UBND tỉnh Nguyễn Văn Thắng tiếp Đại sứ Nhật Bản.");
        let p = ps.iter().find(|p| p.name == "Nguyễn Văn Thắng").unwrap();
        assert_eq!(p.country.as_deref(), Some("VN"));
    }

    #[test]
    fn bylines_of_two_authors_and_of_an_interviewer() {
        assert!(byline_has("Thanh Hà - Mạnh Trường", "Mạnh Trường"));
        assert!(byline_has("Hồng Ngọc (thực hiện)", "Hồng Ngọc"));
        assert!(byline_has("Minh Đức, Thu Hằng", "Minh Đức"));
        // a sentence is no byline
        assert!(!byline_has("Thanh Hà - thành phố biển", "Thanh Hà"));
        let ps = people("Hai bên ký thỏa thuận.\nThanh Hà - Mạnh Trường\n");
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Thanh Hà", "Mạnh Trường"]);
    }

    #[test]
    fn a_governor_of_a_region_unknown_to_the_gazetteer_and_the_region_alone() {
        let text = "Chiều 4/7, đoàn làm việc với Thủ hiến bang Bavaria Markus Söder. Hai bên ký thỏa thuận giữa tỉnh Bình Dương và bang Bavaria Regensburg.";
        let ps = people(text);
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"Markus Söder"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("Bavaria")), "{names:?}");
    }

    #[test]
    fn a_hungarian_name_family_first_and_a_portfolio_before_the_country() {
        let text = "Chủ tịch Quốc hội hội kiến Thủ tướng Orbán Viktor; Bộ trưởng Nông nghiệp và Phát triển nông thôn Lê Minh Hoan gặp Bộ trưởng Nông nghiệp và Đất đai Venezuela Wilmar Castro Soteldo.";
        let ps = people(text);
        let o = ps.iter().find(|p| p.name == "Orbán Viktor").unwrap();
        assert_eq!(o.country.as_deref(), Some("HU"));
        let w = ps
            .iter()
            .find(|p| p.name == "Wilmar Castro Soteldo")
            .unwrap();
        assert_eq!(w.country.as_deref(), Some("VE"));
    }

    #[test]
    fn titles_in_apposition_after_a_name_are_that_persons() {
        let text = "Thượng tướng Hoàng Xuân Chiến, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Quốc phòng dẫn đầu đoàn đại biểu. Chiều 31/5, Thượng tướng Hoàng Xuân Chiến tiếp xúc với Bộ trưởng Quốc phòng Mỹ Pete Hegseth. Thứ trưởng đề nghị phía Mỹ tiếp tục hỗ trợ Việt Nam.";
        let ps = people(text);
        let c = ps.iter().find(|p| p.name == "Hoàng Xuân Chiến").unwrap();
        assert!(
            c.titles.iter().any(|t| t.starts_with("Thứ trưởng")),
            "{ps:?}"
        );
        assert!(
            mentions(text, c).contains(&"Thứ trưởng".to_string()),
            "{ps:?}"
        );
        // a bare title after a name and a comma is the subject of what follows
        let text = "Chủ tịch nước Lương Cường đã gặp Tổng thư ký Liên hợp quốc António Guterres. Tại cuộc gặp Tổng thư ký António Guterres, Chủ tịch nước khẳng định Việt Nam ủng hộ Liên hợp quốc.";
        let ps = people(text);
        let lc = ps.iter().find(|p| p.name == "Lương Cường").unwrap();
        assert!(
            mentions(text, lc).contains(&"Chủ tịch nước".to_string()),
            "{ps:?}"
        );
    }

    #[test]
    fn a_spouse_with_the_family_name_of_a_leader() {
        let text = "Tối 11/3, Chủ tịch nước chủ trì tiệc chiêu đãi Tổng thống Cộng hòa Liên bang Nigeria Bola Ahmed Tinubu và Phu nhân Oluremi Tinubu.";
        let ps = people(text);
        let o = ps.iter().find(|p| p.name == "Oluremi Tinubu").unwrap();
        assert_eq!(o.country.as_deref(), Some("NG"), "{ps:?}");
    }

    #[test]
    fn a_capitalized_syllable_of_a_lower_case_word_is_no_name() {
        let text = "Cùng ngày, đồng chí Lê Hồng Anh hội đàm với đồng chí Bounnhang Vorachith, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Trung ương Đảng Nhân dân Cách mạng Lào.";
        let ps = people(text);
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        assert!(!names.contains(&"Trung"), "{names:?}");
    }

    #[test]
    fn a_comrade_is_addressed_by_name() {
        let text = "Chiều 7/4, tại Thủ đô Viêng Chăn, đồng chí Choummaly Sayasone, Tổng Bí thư, Chủ tịch nước Lào đã tiếp đồng chí Lê Hồng Anh.";
        let ps = people(text);
        let l = ps.iter().find(|p| p.name == "Lê Hồng Anh").unwrap();
        assert!(
            mentions(text, l).contains(&"đồng chí Lê Hồng Anh".to_string()),
            "{ps:?}"
        );
        // the titles of the head of a delegation, in apposition before `dẫn đầu`
        let text = "Đoàn đại biểu cấp cao Đảng Cộng sản Việt Nam do đồng chí Lê Hồng Anh, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư dẫn đầu thăm Lào.";
        let ps = people(text);
        let l = ps.iter().find(|p| p.name == "Lê Hồng Anh").unwrap();
        assert_eq!(l.country.as_deref(), Some("VN"), "{ps:?}");
    }

    #[test]
    fn a_bare_title_held_by_two_people_refers_to_nobody() {
        let text = "Thủ tướng Nhật Bản Kishida Fumio và Thủ tướng Australia Anthony Albanese dự hội nghị. Thủ tướng phát biểu khai mạc.";
        let ps = people(text);
        assert_eq!(ps.len(), 2);
        for p in &ps {
            assert!(!mentions(text, p).iter().any(|m| m == "Thủ tướng"), "{p:?}");
        }
    }

    #[test]
    fn unnamed_officials_are_not_people_and_bylines_are() {
        let text = "Chủ tịch Quốc hội Vương Đình Huệ tiếp các Đại sứ của các nước ASEAN.\nMinh Anh";
        let ps = people(text);
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Vương Đình Huệ", "Minh Anh"]);
        assert_eq!(ps[1].country, None);
    }
}
