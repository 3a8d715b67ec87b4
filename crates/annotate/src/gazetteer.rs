//! The `gazetteer` stage: countries, titles, organizations and cities by longest match
//! over the tokens, from the knowledge files; organizations also by their head noun
//! (`Bộ …`, `Ủy ban …`, `Hội đồng …`) followed by capitalized words.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use foldhash::fast::FixedState;

use serde::{Deserialize, Serialize};

use sen_core::layers::{Entity, EntityLabel, Token, TokenKind, Word};
use sen_core::settings::defaults_of;
use sen_core::{AnnotateError, Annotator, Document, Layer, Plugin, SettingsError, Span};

use crate::fold::{lower_in, push_lower};
use crate::knowledge::{self, Entry, FileKind, Kind};

/// Settings of the `gazetteer` stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GazetteerSettings {
    /// Extra knowledge files: `{ kind: countries|titles|organizations|places, path: … }`.
    pub extra: Vec<ExtraFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraFile {
    pub kind: FileKind,
    pub path: String,
}

/// The match table: lowercased token sequences → entries, and every shorter run of
/// tokens a name starts with, so a match stops growing as soon as no name can follow.
pub struct Gazetteer {
    table: HashMap<String, Node, FixedState>,
    max_len: usize,
    /// Names (lowercase) of the national bodies (`quốc hội`, `thượng viện`): a title
    /// ending with one may name a foreign one (`Chủ tịch Quốc hội Trung Quốc`).
    bodies: Vec<String>,
}

#[derive(Default)]
struct Node {
    entries: Vec<Entry>,
    /// Some longer name starts with these tokens.
    longer: bool,
}

/// Single-syllable country names that are also given names or common words (`Nguyễn
/// Văn Anh`, `Minh Đức`): a country only outside a name.
const AMBIGUOUS: [&str; 5] = ["anh", "đức", "nga", "áo", "bỉ"];

/// Head nouns of organization names.
const ORG_HEADS: [&str; 26] = [
    // `UBND TP Hà Nội`, `UBND tỉnh Quảng Ninh`
    "ubnd",
    "liên minh",
    "liên hiệp",
    "bộ",
    "ủy ban",
    "ban",
    "hội đồng",
    "tổ chức",
    "ngân hàng",
    "quỹ",
    "hiệp hội",
    "diễn đàn",
    "viện",
    "đại học",
    "tập đoàn",
    "tổng công ty",
    // `Tổng cục Xúc tiến Xuất khẩu và Du lịch Peru`
    "tổng cục",
    "công ty",
    "đảng",
    "văn phòng",
    "cơ quan",
    "liên đoàn",
    "hội",
    // `Trường Đại học Hạ Long`, `Bệnh viện Đại học Motol`, `Sở Y tế Quảng Ninh`
    "trường",
    "bệnh viện",
    "sở",
];

impl Gazetteer {
    pub fn new(settings: &GazetteerSettings) -> Result<Self, SettingsError> {
        let mut entries: Vec<(String, Entry)> = knowledge::builtin().to_vec();
        for f in &settings.extra {
            let text = std::fs::read_to_string(&f.path).map_err(|e| {
                SettingsError::msg(format!("cannot read knowledge file {}: {e}", f.path))
            })?;
            let more = knowledge::parse(f.kind, &text)
                .map_err(|e| SettingsError::msg(format!("{}: {e}", f.path)))?;
            entries.extend(more);
        }
        let mut table: HashMap<String, Node, FixedState> = HashMap::default();
        let mut max_len = 1;
        for (surface, e) in entries {
            if e.kind == Kind::Leader {
                continue; // the `people` stage's business
            }
            let toks = sen_tokenize::tokenize(&surface);
            max_len = max_len.max(toks.len());
            for n in 1..toks.len() {
                table
                    .entry(key_of(&surface, &toks[..n]))
                    .or_default()
                    .longer = true;
            }
            let key = key_of(&surface, &toks);
            let v = &mut table.entry(key).or_default().entries;
            if !v.contains(&e) {
                v.push(e);
            }
        }
        let mut bodies: Vec<String> = table
            .iter()
            .filter(|(_, n)| n.entries.iter().any(|e| e.kind == Kind::NationalBody))
            .map(|(k, _)| k.clone())
            .collect();
        bodies.sort();
        Ok(Gazetteer {
            table,
            max_len,
            bodies,
        })
    }

    /// Entities of a text, given its tokens, words and sentences.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        words: &[Word],
        sentence_starts: &[usize],
    ) -> Vec<Entity> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut key = String::new();
        // each token lowered once, however many lookups it takes part in
        let mut lower = LowerTokens::new(text, tokens);
        let prefixes = outlet_prefixes(text);
        while i < tokens.len() {
            let t = &tokens[i];
            // `(Thế giới & Việt Nam) - …`: the outlet of the article, whatever its words.
            if let Some(p) = prefixes
                .iter()
                .find(|p| p.start <= t.span.start && t.span.start < p.end)
            {
                let end = end_token(tokens, p.end);
                let key = key_of(text, &tokens[i..end]);
                let known = self.table.get(&key).and_then(|v| {
                    v.entries
                        .iter()
                        .find(|e| matches!(e.kind, Kind::Organization | Kind::NationalBody))
                });
                out.push(Entity {
                    span: *p,
                    label: EntityLabel::Organization,
                    canonical: p.slice(text).to_string(),
                    kb_id: known.map(|e| e.id.clone()),
                    attrs: BTreeMap::new(),
                });
                i = end.max(i + 1);
                continue;
            }
            if !starts_upper(t.span.slice(text))
                || matches!(t.kind, TokenKind::Punct | TokenKind::Symbol)
            {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, &Entry)> = None;
            key.clear();
            for len in 1..=self.max_len.min(tokens.len() - i) {
                let last = &tokens[i + len - 1];
                if len > 1 && has_newline(text, tokens[i + len - 2].span.end, last.span.start) {
                    break;
                }
                if len > 1 {
                    key.push(' ');
                }
                key.push_str(lower.get(i + len - 1));
                let Some(node) = self.table.get(&key) else {
                    break;
                };
                if let Some(e) = node
                    .entries
                    .iter()
                    .find(|e| self.accept(e, text, tokens, i, i + len, sentence_starts))
                {
                    best = Some((len, e));
                }
                if !node.longer {
                    break;
                }
            }
            // `Nhà Quốc hội`, `Trụ sở Chính phủ`: a building, not the body
            // (the building's name is capitalized: `chủ nhà APEC 2027` is a host)
            let building = |e: &Entry| {
                let tok = |k: usize| tokens[k].span.slice(text);
                matches!(e.kind, Kind::Organization | Kind::NationalBody)
                    && i > 0
                    && (matches!(tok(i - 1), "Nhà" | "Tòa" | "Toà")
                        || (i > 1 && tok(i - 1) == "sở" && tok(i - 2) == "Trụ")
                        || (i > 1 && tok(i - 1) == "nhà" && matches!(tok(i - 2), "Tòa" | "Toà")))
            };
            if let Some((len, e)) = best.filter(|(_, e)| building(e)) {
                i += len;
                let _ = e;
                continue;
            }
            // `Quốc hội hai nước`, `Chính phủ các nước`: the bodies of several countries,
            // no one organization
            if let Some((len, _)) = best.filter(|(len, e)| {
                e.kind == Kind::NationalBody && {
                    let w = |k: usize| tokens.get(k).map_or("", |t| t.span.slice(text));
                    matches!(w(i + len), "hai" | "các" | "những")
                        && matches!(w(i + len + 1), "nước" | "bên")
                }
            }) {
                i += len;
                continue;
            }
            if let Some((mut len, e)) = best {
                // A region (`Ấn Độ Dương`) is one location: it hides the country names
                // inside it, and it is nobody's name (`Thái Bình Dương`).
                // `Quốc hội Indonesia`, `Bộ Ngoại giao Hoa Kỳ`: a national body named with its country.
                if e.kind == Kind::NationalBody {
                    if let Some((n, _)) = self.country_at(text, tokens, i + len) {
                        len += n;
                    }
                }
                let span = Span::new(t.span.start, tokens[i + len - 1].span.end);
                let mut ent = entity(e, span, text);
                let org = ent.label == EntityLabel::Organization;
                // (the organization goes before the countries inside it)
                let at = out.len();
                if org {
                    if let Some(c) = self.country_within(&mut out, text, tokens, i, i + len) {
                        ent.attrs.insert("country".into(), c);
                    }
                }
                // (the id copied only where an acronym may follow: no copy per entity)
                let kb = if org && len > 1 {
                    ent.kb_id.clone()
                } else {
                    None
                };
                let title = e.kind == Kind::Title;
                out.insert(at, ent);
                // `Chủ tịch Quốc hội Trung Quốc`: the national body a title names, with
                // the country after it, is an organization too
                // (cheap tests first: a title of two words or more, a capital after it)
                if title
                    && len >= 2
                    && tokens
                        .get(i + len)
                        .is_some_and(|t| starts_upper(t.span.slice(text)))
                    && self.ends_with_body(e)
                {
                    if let Some(body) = self.body_in_title(text, tokens, i, i + len) {
                        out.push(body);
                    }
                }
                i += len;
                // (a multi-word name: `Việt Nam - EU (EVIPA)` names an agreement)
                if org && len > 1 {
                    i = push_acronym(&mut out, text, tokens, i, kb);
                }
                continue;
            }
            let is_place = |k: usize| self.place_at(text, tokens, k);
            if let Some(end) = org_by_head(text, tokens, words, i, &mut lower, &is_place)
                // `Diễn đàn Doanh nghiệp Việt Nam - Peru`: a forum of two countries is a
                // meeting (an occasion), not an organization
                .filter(|&end| {
                    !(lower.get(i) == "diễn"
                        && tokens[i..end]
                            .iter()
                            .any(|t| matches!(t.span.slice(text), "-" | "–")))
                })
            {
                let span = Span::new(t.span.start, tokens[end - 1].span.end);
                let mut attrs = BTreeMap::new();
                let at = out.len();
                if let Some(c) = self.country_within(&mut out, text, tokens, i, end) {
                    attrs.insert("country".into(), c);
                }
                out.insert(
                    at,
                    Entity {
                        span,
                        label: EntityLabel::Organization,
                        canonical: span.slice(text).to_string(),
                        kb_id: None,
                        attrs,
                    },
                );
                i = push_acronym(&mut out, text, tokens, end, None);
                continue;
            }
            i += 1;
        }
        out
    }

    fn accept(
        &self,
        e: &Entry,
        text: &str,
        tokens: &[Token],
        a: usize,
        b: usize,
        sentence_starts: &[usize],
    ) -> bool {
        let s = |k: usize| tokens.get(k).map_or("", |t| t.span.slice(text));
        let dash = |k: usize| matches!(s(k), "-" | "–" | "—");
        let upper_at = |k: usize| starts_upper(s(k));
        match e.kind {
            // `Việt - Mỹ`, `Việt-Trung`, `ASEAN - Mỹ`: only next to a dash joining two names.
            Kind::CountryShort => {
                (dash(b) && upper_at(b + 1)) || (a >= 2 && dash(a - 1) && upper_at(a - 2))
            }
            // `tiếng Anh`, `tiếng Nga`: a language, not the country
            Kind::Country if a > 0 && lower_in(s(a - 1), &["tiếng"]) => false,
            Kind::Country if b - a == 1 && lower_in(s(a), &AMBIGUOUS) => {
                let sentence_initial = sentence_starts.binary_search(&a).is_ok();
                let after_name_part = a > 0
                    && upper_at(a - 1)
                    && tokens[a - 1].kind == TokenKind::Syllable
                    && !self.is_title_end(text, tokens, a);
                !sentence_initial && !after_name_part
            }
            // `Cung Thanh niên`, `Cộng hòa Nhân dân Bangladesh`: a listed name written with
            // every word capitalized (`Thanh Niên`, `Nhân Dân`) is not these lower-case words
            Kind::Organization if b - a >= 2 && e.canonical.split(' ').all(starts_upper) => {
                (a + 1..b).all(|k| tokens[k].kind != TokenKind::Syllable || upper_at(k))
            }
            _ => true,
        }
    }

    /// The country name (full form) starting at token `a`: its length in tokens and code.
    fn country_at(&self, text: &str, tokens: &[Token], a: usize) -> Option<(usize, &Entry)> {
        if a >= tokens.len() || !starts_upper(tokens[a].span.slice(text)) {
            return None;
        }
        let mut key = String::new();
        let mut best = None;
        for len in 1..=self.max_len.min(tokens.len() - a) {
            if len > 1 {
                if has_newline(
                    text,
                    tokens[a + len - 2].span.end,
                    tokens[a + len - 1].span.start,
                ) {
                    break;
                }
                key.push(' ');
            }
            push_lower(&mut key, tokens[a + len - 1].span.slice(text));
            let Some(node) = self.table.get(&key) else {
                break;
            };
            if let Some(e) = node.entries.iter().find(|e| e.kind == Kind::Country) {
                best = Some((len, e));
            }
            if !node.longer {
                break;
            }
        }
        best
    }

    /// The national body ending a title at tokens `a..b` and the country right after it
    /// (`Chủ tịch Quốc hội` + `Trung Quốc`), as an organization entity.
    fn body_in_title(&self, text: &str, tokens: &[Token], a: usize, b: usize) -> Option<Entity> {
        let (n, _) = self.country_at(text, tokens, b)?;
        (a + 1..b).find_map(|k| {
            let key = key_of(text, &tokens[k..b]);
            let e = self
                .table
                .get(&key)?
                .entries
                .iter()
                .find(|e| e.kind == Kind::NationalBody)?;
            let span = Span::new(tokens[k].span.start, tokens[b + n - 1].span.end);
            Some(Entity {
                span,
                label: EntityLabel::Organization,
                canonical: span.slice(text).to_string(),
                kb_id: Some(e.id.clone()),
                attrs: BTreeMap::new(),
            })
        })
    }

    /// Does a title end with the name of a national body (`Chủ tịch Quốc hội`)? Compared
    /// on the canonical form's last bytes, folded by hand: no allocation per title.
    fn ends_with_body(&self, e: &Entry) -> bool {
        let c = e.canonical.as_bytes();
        self.bodies.iter().any(|b| {
            let b = b.as_bytes();
            c.len() > b.len()
                && c[c.len() - b.len() - 1] == b' '
                && c[c.len() - b.len()..]
                    .iter()
                    .zip(b)
                    // the first letter of a body's name may be written upper case
                    .all(|(x, y)| x == y || x.to_ascii_lowercase() == *y)
        })
    }

    /// The length in tokens of a known place (a city, a country, a region) starting at
    /// token `a`.
    fn place_at(&self, text: &str, tokens: &[Token], a: usize) -> Option<usize> {
        let mut key = String::new();
        let mut found = None;
        for len in 1..=self.max_len.min(tokens.len().saturating_sub(a)) {
            if len > 1 {
                key.push(' ');
            }
            push_lower(&mut key, tokens[a + len - 1].span.slice(text));
            let Some(node) = self.table.get(&key) else {
                break;
            };
            if node
                .entries
                .iter()
                .any(|e| matches!(e.kind, Kind::City | Kind::Country | Kind::Region))
            {
                found = Some(len);
            }
            if !node.longer {
                break;
            }
        }
        found
    }

    /// The last country named inside tokens `a..b` (`Thông tấn xã Việt Nam`, `Bộ Ngoại
    /// giao Hoa Kỳ`): the country of an organization.
    fn country_within(
        &self,
        out: &mut Vec<Entity>,
        text: &str,
        tokens: &[Token],
        a: usize,
        b: usize,
    ) -> Option<String> {
        let mut found = None;
        let mut k = a + 1;
        while k < b {
            match self.country_at(text, &tokens[..b], k) {
                Some((n, e)) => {
                    // `Đảng Cộng sản Việt Nam`, `Liên minh Hải quan Nga - Belarus -
                    // Kazakhstan`: a country named inside an organization's name is named
                    // by the text (the golds list it), so it is an entity of its own too
                    let span = Span::new(tokens[k].span.start, tokens[k + n - 1].span.end);
                    out.push(entity(e, span, text));
                    found = Some(e.id.clone());
                    k += n;
                }
                None => k += 1,
            }
        }
        found
    }

    /// Whether a title ends just before token `a` (`Thủ tướng Anh`, `Tổng thống Nga`).
    fn is_title_end(&self, text: &str, tokens: &[Token], a: usize) -> bool {
        let mut key = String::new();
        (1..=3.min(a)).any(|len| {
            key.clear();
            for (n, t) in tokens[a - len..a].iter().enumerate() {
                if n > 0 {
                    key.push(' ');
                }
                push_lower(&mut key, t.span.slice(text));
            }
            self.table
                .get(&key)
                .is_some_and(|v| v.entries.iter().any(|e| e.kind == Kind::Title))
        })
    }
}

/// `Quỹ Đầu tư Quốc gia Qatar (QIA)`: an acronym in parentheses right after an
/// organization names it too. Pushes it and returns the token to go on from.
fn push_acronym(
    out: &mut Vec<Entity>,
    text: &str,
    tokens: &[Token],
    at: usize,
    kb_id: Option<String>,
) -> usize {
    let s = |k: usize| tokens.get(k).map_or("", |t| t.span.slice(text));
    let acr = s(at + 1);
    let is_acronym = (2..=10).contains(&acr.len())
        && acr
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && acr.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
    if s(at) == "(" && s(at + 2) == ")" && is_acronym {
        let span = tokens[at + 1].span;
        out.push(Entity {
            span,
            label: EntityLabel::Organization,
            canonical: acr.to_string(),
            kb_id,
            attrs: BTreeMap::new(),
        });
        return at + 3;
    }
    // a brand name, foreign and capitalized, maybe numbered: `Tổng công ty Lương thực
    // miền Nam (Vinafood 2)`, `Công ty Dầu khí Quốc gia Peru (Petroperú)`
    let brand = s(at) == "("
        && tokens
            .get(at + 1)
            .is_some_and(|t| t.kind == TokenKind::Foreign)
        && acr.chars().count() >= 4
        && acr.starts_with(|c: char| c.is_uppercase())
        && acr.chars().skip(1).any(|c| c.is_lowercase());
    let numbered = s(at + 2).bytes().all(|b| b.is_ascii_digit()) && s(at + 3) == ")";
    if brand && (s(at + 2) == ")" || numbered) {
        let last = if numbered { at + 2 } else { at + 1 };
        let span = Span::new(tokens[at + 1].span.start, tokens[last].span.end);
        out.push(Entity {
            span,
            label: EntityLabel::Organization,
            canonical: span.slice(text).to_string(),
            kb_id,
            attrs: BTreeMap::new(),
        });
        return last + 2;
    }
    at
}

fn end_token(tokens: &[Token], end: usize) -> usize {
    tokens.partition_point(|t| t.span.start < end)
}

/// The outlet prefixes of a text: `(Ngày Nay) -`, `(VGP) –` at the start of a line, the
/// span inside the parentheses.
fn outlet_prefixes(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        // `TTO - …`, `VOV.VN - …`, `NDO – …`, `QĐND Online - …`: an outlet's acronym in
        // capitals, with at most one capitalized Latin word after it
        let capitals = |w: &str| {
            (2..=12).contains(&w.len())
                && w.chars().all(|c| c.is_uppercase() || c == '.')
                && w.chars().filter(|c| c.is_uppercase()).count() >= 2
                && !w.ends_with('.')
        };
        let dash = |after: &str| after.starts_with(['-', '–', '—']);
        let acronym = body.find(' ').and_then(|sp| {
            let (w, after) = (&body[..sp], body[sp..].trim_start());
            // `TGVN. Ngày 15/9, …`: the acronym closed by a period, a sentence after it
            if let Some(a) = w.strip_suffix('.') {
                if capitals(a) && after.starts_with(char::is_uppercase) {
                    return Some((a, after));
                }
            }
            // `Vietnam+ - …`: a name with a plus
            if w.len() <= 12
                && w.ends_with('+')
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w[..w.len() - 1].bytes().all(|b| b.is_ascii_alphabetic())
                && dash(after)
            {
                return Some((w, after));
            }
            if !capitals(w) {
                return None;
            }
            if dash(after) {
                return Some((w, after));
            }
            let sp2 = after.find(' ')?;
            let w2 = &after[..sp2];
            let upper_word = w2.len() <= 12
                && w2.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                && w2.bytes().all(|b| b.is_ascii_alphabetic());
            (upper_word && dash(after[sp2..].trim_start()))
                .then(|| (&body[..sp + (body.len() - sp - after.len()) + sp2], after))
        });
        if let Some((w, _)) = acronym {
            let a = line_start + lead;
            out.push(Span::new(a, a + w.len()));
        } else if let Some(rest) = body.strip_prefix('(') {
            if let Some(close) = rest.find(')').filter(|&c| c > 0 && c <= 60) {
                let after = rest[close + 1..].trim_start();
                let inner = &rest[..close];
                if after.starts_with(['-', '–', '—'])
                    && inner.trim().chars().next().is_some_and(char::is_uppercase)
                {
                    let a = line_start + lead + 1;
                    let t = inner.trim_end().len();
                    out.push(Span::new(a, a + t));
                }
            }
        }
        line_start += line.len();
    }
    out
}

fn entity(e: &Entry, span: Span, text: &str) -> Entity {
    let mut attrs = BTreeMap::new();
    let (label, canonical, kb_id) = match e.kind {
        Kind::Country | Kind::CountryShort => (
            EntityLabel::Country,
            e.canonical.clone(),
            Some(e.id.clone()),
        ),
        Kind::Title => {
            attrs.insert("rank".to_string(), e.extra.clone());
            if !e.id.is_empty() {
                attrs.insert("country".to_string(), e.id.clone());
            }
            (EntityLabel::Title, e.canonical.clone(), None)
        }
        Kind::Organization | Kind::NationalBody => (
            EntityLabel::Organization,
            span.slice(text).to_string(),
            Some(e.id.clone()),
        ),
        Kind::Region => {
            if !e.extra.is_empty() {
                attrs.insert("country".to_string(), e.extra.clone());
            }
            attrs.insert("kind".to_string(), "region".to_string());
            (EntityLabel::Location, e.canonical.clone(), None)
        }
        Kind::Leader => unreachable!("leaders are the people stage's business"),
        Kind::City => {
            attrs.insert("country".to_string(), e.extra.clone());
            attrs.insert("kind".to_string(), "city".to_string());
            (EntityLabel::Location, e.canonical.clone(), None)
        }
    };
    Entity {
        span,
        label,
        canonical,
        kb_id,
        attrs,
    }
}

/// `Hội đồng Hòa bình về Gaza`, `Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam`: a head
/// noun, then words that start with a capital (a lowercase `về`/`và` may join two of
/// them). Stops before a Vietnamese personal name (`Bộ … Nguyễn Hồng Diên`).
fn org_by_head(
    text: &str,
    tokens: &[Token],
    words: &[Word],
    i: usize,
    lower: &mut LowerTokens,
    is_place: &dyn Fn(usize) -> Option<usize>,
) -> Option<usize> {
    // Most capitalized words start no head.
    if !starts_org_head(lower.get(i)) {
        return None;
    }
    // (heads of up to three syllables: `tổng công ty`)
    let head_len = (1..=3).rev().find(|&len| {
        if len > 1 {
            if i + len > tokens.len() {
                return false;
            }
            let mut key = String::with_capacity(24);
            for k in i..i + len {
                if k > i {
                    key.push(' ');
                }
                key.push_str(lower.get(k));
            }
            return ORG_HEADS.contains(&key.as_str());
        }
        ORG_HEADS.contains(&lower.get(i))
    })?;
    let mut end = i + head_len;
    let mut any = false;
    // Walk word by word; a word the segmenter glued across the head (`Ban_Chấp_hành`)
    // counts from the token after the head.
    let word_end = |at: usize| {
        let w = words.partition_point(|w| w.tokens.1 <= at);
        words
            .get(w)
            .filter(|w| w.tokens.0 <= at)
            .map_or(at + 1, |w| w.tokens.1)
    };
    while end < tokens.len() {
        let first_tok = &tokens[end];
        let first = first_tok.span.slice(text);
        if has_newline(text, tokens[end - 1].span.end, first_tok.span.start) {
            break;
        }
        let wend = word_end(end);
        if starts_upper(first)
            && matches!(
                first_tok.kind,
                TokenKind::Syllable | TokenKind::Foreign | TokenKind::Abbreviation
            )
        {
            // A personal name after the organization ends it (`Bộ … Nguyễn Hồng Diên`,
            // `… Hoa Kỳ Jacob Helberg`).
            let foreign_pair = first_tok.kind == TokenKind::Foreign
                && tokens.get(wend).is_some_and(|n| {
                    n.kind == TokenKind::Foreign && starts_upper(n.span.slice(text))
                });
            // (`UBND TP Hà Nội`: a place whose first syllable is also a family name; the
            // organization takes the place and goes on after it, word by word)
            let place = if crate::people::is_surname(first) {
                is_place(end)
            } else {
                None
            };
            if any && ((crate::people::is_surname(first) && place.is_none()) || foreign_pair) {
                break;
            }
            if let Some(n) = place {
                end += n;
                any = true;
                continue;
            }
            // a foreign name the segmenter glued to the organization's last word
            // (`Tập đoàn Samsung_Lee Jae-yong`): the organization ends before it
            let glued = (end + 1..wend).find(|&k| {
                let t = &tokens[k];
                t.kind == TokenKind::Foreign
                    && starts_upper(t.span.slice(text))
                    && tokens.get(k + 1).is_some_and(|n| {
                        n.kind == TokenKind::Foreign && starts_upper(n.span.slice(text))
                    })
            });
            if let Some(k) = glued {
                end = k;
                any = true;
                break;
            }
            end = wend;
            any = true;
        } else if any
            // (`Tổng công ty Lương thực miền Nam`: a region written lower-case)
            && matches!(first, "về" | "và" | "liên" | "miền" | "-" | "–")
            && tokens
                .get(wend)
                .is_some_and(|n| starts_upper(n.span.slice(text)))
            // `Văn phòng Quốc hội Việt Nam và Ban Thư ký …`: `và` before another
            // organization's head joins two organizations, not two words of one
            && !(first == "và" && starts_org_head(lower.get(wend)))
        {
            end = wend;
        } else if let Some(to) = any
            .then(|| lower_words_before_place(text, tokens, end, is_place))
            .flatten()
        {
            // `Hiệp hội Thương mại tự do châu Âu`, `Quỹ Đầu tư công Ả Rập Xê Út`: a few
            // lower-case words, then the place the body belongs to
            end = to;
        } else if !any
            && first == "liên"
            && tokens
                .get(wend)
                .is_some_and(|n| starts_upper(n.span.slice(text)))
        {
            // `Ủy ban liên Chính phủ …`
            end = wend;
        } else {
            break;
        }
    }
    any.then_some(end)
}

/// Words that end an organization's name: a lower-case run made of none of them, then
/// a place, is still the name.
const NAME_BREAKERS: &[&str] = &[
    "tại", "ở", "của", "với", "và", "cho", "sang", "đến", "tới", "từ", "thăm", "gặp", "về",
    "trong", "ngoài", "là", "đã", "sẽ", "đang", "được", "bị", "vào", "ra", "nhằm", "để", "theo",
    "như", "tiếp", "giữa", "các", "những", "cùng", "hay", "hoặc", "mà", "khi", "ký",
];

/// `tự do châu Âu`, `công Ả Rập Xê Út` at token `at`: one or two lower-case syllables (no
/// word that ends a name), then a place (a place may itself start lower-case: `châu Âu`);
/// the token after the place.
fn lower_words_before_place(
    text: &str,
    tokens: &[Token],
    at: usize,
    is_place: &dyn Fn(usize) -> Option<usize>,
) -> Option<usize> {
    for k in at..(at + 3).min(tokens.len()) {
        if k > at && has_newline(text, tokens[k - 1].span.end, tokens[k].span.start) {
            return None;
        }
        if let Some(n) = is_place(k).filter(|_| k > at || !starts_upper(tokens[k].span.slice(text)))
        {
            return (k > at || n > 1).then_some(k + n);
        }
        let w = tokens[k].span.slice(text);
        if tokens[k].kind != TokenKind::Syllable
            || starts_upper(w)
            || NAME_BREAKERS.iter().any(|b| w.eq_ignore_ascii_case(b))
        {
            return None;
        }
    }
    None
}

/// Whether an organization's head starts with the (lowered) word `w`.
fn starts_org_head(w: &str) -> bool {
    static FIRST_WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    FIRST_WORDS
        .get_or_init(|| {
            let mut v: Vec<&str> = ORG_HEADS
                .iter()
                .map(|h| h.split(' ').next().unwrap_or(h))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        // (`==` compares lengths first: most words differ in length from every head)
        .contains(&w)
}

/// Whether `text[a..b]` (the gap between two tokens) holds a line break.
#[inline]
fn has_newline(text: &str, a: usize, b: usize) -> bool {
    text.as_bytes()[a..b].contains(&b'\n')
}

/// The tokens of a text lowered as [`push_lower`] lowers them, each on first use (most
/// tokens are never looked up) and once only (a token takes part in a lookup for each
/// start before it in a run of capitalized words).
struct LowerTokens<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// The document's fold when it is this text's and lowers every token as
    /// [`push_lower`] does (a token is then read off it).
    doc: Option<std::rc::Rc<crate::fold::FoldedText>>,
    buf: String,
    /// Per token, its range in `buf` (`usize::MAX` start: not lowered yet).
    at: Vec<(usize, usize)>,
}

impl<'a> LowerTokens<'a> {
    fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        LowerTokens {
            text,
            tokens,
            doc: Some(crate::fold::folded_document(text)).filter(|f| f.lowered_all(text).is_some()),
            buf: String::new(),
            at: vec![(usize::MAX, 0); tokens.len()],
        }
    }

    fn get(&mut self, k: usize) -> &str {
        if let Some(doc) = &self.doc {
            let span = self.tokens[k].span;
            // (checked whole in `new`: the same bytes, each lowered to its own length)
            return &doc.as_str()[span.start..span.end];
        }
        let (a, b) = self.at[k];
        if a != usize::MAX {
            return &self.buf[a..b];
        }
        let start = self.buf.len();
        push_lower(&mut self.buf, self.tokens[k].span.slice(self.text));
        self.at[k] = (start, self.buf.len());
        &self.buf[start..]
    }
}

fn key_of(text: &str, toks: &[Token]) -> String {
    let mut k = String::new();
    for (n, t) in toks.iter().enumerate() {
        if n > 0 {
            k.push(' ');
        }
        push_lower(&mut k, t.span.slice(text));
    }
    k
}

pub(crate) fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

impl Annotator for Gazetteer {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let starts: Vec<usize> = doc.layers.sentences.iter().map(|s| s.tokens.0).collect();
        let found = self.find(&doc.text, &doc.layers.tokens, &doc.layers.words, &starts);
        doc.layers.entities.extend(found);
        doc.layers
            .entities
            .sort_by_key(|e| (e.span.start, e.span.end));
        Ok(())
    }
}

sen_core::inventory::submit! {
    Plugin {
        name: "gazetteer",
        description: "Countries (ISO 3166), titles with rank, organizations and cities from the knowledge files, by longest match",
        requires: &[Layer::Tokens, Layer::Sentences, Layer::Words],
        provides: &[Layer::Entities],
        defaults: defaults_of::<GazetteerSettings>,
        build: |s| {
            let mut settings: GazetteerSettings = s.parse()?;
            // relative to the pipeline file, as its input and output are
            for f in &mut settings.extra {
                f.path = s.resolve_path(&f.path).to_string_lossy().into_owned();
            }
            Ok(Box::new(Gazetteer::new(&settings)?))
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, EntityLabel, Option<String>)> {
        let g = Gazetteer::new(&GazetteerSettings::default()).unwrap();
        let toks = sen_tokenize::tokenize(text);
        let words = sen_tokenize::segment::Segmenter::builtin().segment(text, &toks);
        let starts: Vec<usize> = sen_tokenize::sentences(text, &toks)
            .iter()
            .map(|s| s.tokens.0)
            .collect();
        g.find(text, &toks, &words, &starts)
            .into_iter()
            .map(|e| (e.span.slice(text).to_string(), e.label, e.kb_id))
            .collect()
    }

    fn has(found: &[(String, EntityLabel, Option<String>)], s: &str, l: EntityLabel) -> bool {
        found.iter().any(|(t, lab, _)| t == s && *lab == l)
    }

    #[test]
    fn countries_titles_and_compounds() {
        let f = find("Thủ tướng Nhật Bản Shigeru Ishiba hội đàm với Thủ tướng Anh tại Tokyo về quan hệ Việt - Nhật và Việt-Trung.");
        assert!(has(&f, "Thủ tướng", EntityLabel::Title));
        assert!(has(&f, "Nhật Bản", EntityLabel::Country));
        assert!(has(&f, "Anh", EntityLabel::Country), "{f:?}");
        assert!(has(&f, "Tokyo", EntityLabel::Location));
        assert!(
            has(&f, "Việt", EntityLabel::Country)
                && has(&f, "Nhật", EntityLabel::Country)
                && has(&f, "Trung", EntityLabel::Country),
            "{f:?}"
        );
    }

    #[test]
    fn countries_named_inside_organizations_are_countries_too() {
        let text = "Hai bên trao đổi về hợp tác giữa Việt Nam và Liên minh Hải quan Nga - Belarus - Kazakhstan, theo lời mời của Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam.";
        let f = find(text);
        assert!(
            has(
                &f,
                "Liên minh Hải quan Nga - Belarus - Kazakhstan",
                EntityLabel::Organization
            ),
            "{f:?}"
        );
        for c in ["Nga", "Belarus", "Kazakhstan"] {
            assert!(has(&f, c, EntityLabel::Country), "{c}: {f:?}");
        }
        let vn = f
            .iter()
            .filter(|(t, l, _)| t == "Việt Nam" && *l == EntityLabel::Country)
            .count();
        assert_eq!(vn, 2, "{f:?}");
        // the organization comes before the countries inside it
        let org = f
            .iter()
            .position(|(t, _, _)| t.starts_with("Liên minh"))
            .unwrap();
        let nga = f.iter().position(|(t, _, _)| t == "Nga").unwrap();
        assert!(org < nga, "{f:?}");
    }

    #[test]
    fn regions_hide_the_countries_inside_them() {
        let f = find(
            "Hai nước cam kết duy trì hòa bình ở khu vực Ấn Độ - Thái Bình Dương và Đông Nam Á.",
        );
        assert!(
            !f.iter().any(|(_, l, _)| *l == EntityLabel::Country),
            "{f:?}"
        );
        assert!(
            has(&f, "Ấn Độ - Thái Bình Dương", EntityLabel::Location),
            "{f:?}"
        );
        assert!(has(&f, "Đông Nam Á", EntityLabel::Location), "{f:?}");
    }

    #[test]
    fn given_names_are_not_countries() {
        let f = find("Ông Nguyễn Văn Anh và ông Lê Minh Đức dự lễ khai mạc.");
        assert!(
            !f.iter().any(|(_, l, _)| *l == EntityLabel::Country),
            "{f:?}"
        );
    }

    #[test]
    fn organizations_by_list_and_by_head() {
        let f = find("Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn dự phiên họp của Hội đồng Bảo an và Ủy ban Kinh tế Xã hội.");
        assert!(has(&f, "Bộ Ngoại giao", EntityLabel::Organization), "{f:?}");
        assert!(has(&f, "Bộ trưởng", EntityLabel::Title), "{f:?}");
        assert!(f.iter().any(|(t, l, _)| *l == EntityLabel::Organization && t.starts_with("Ủy ban Kinh tế")), "{f:?}");
        assert!(!f.iter().any(|(t, _, _)| t.contains("Bùi")), "{f:?}");
    }

    #[test]
    fn outlet_acronyms_without_parentheses() {
        for (text, outlet) in [
            (
                "TTO - Chiều 4-10, Thủ tướng Nguyễn Xuân Phúc hội đàm với Thủ tướng Hun Sen.",
                "TTO",
            ),
            (
                "VOV.VN - Tối 11/11, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng Nhật Bản.",
                "VOV.VN",
            ),
            (
                "NDO - Chủ tịch Quốc hội Vương Đình Huệ hôm qua rời thủ đô Buenos Aires.",
                "NDO",
            ),
            (
                "TGVN. Chiều 5/6, Bộ trưởng Ngoại giao Bùi Thanh Sơn tiếp Đại sứ Brazil.",
                "TGVN",
            ),
            (
                "Vietnam+ - Sáng 20/10, Chủ tịch nước Lương Cường lên đường thăm Algeria.",
                "Vietnam+",
            ),
        ] {
            let f = find(text);
            assert!(has(&f, outlet, EntityLabel::Organization), "{f:?}");
        }
        // a capitalized word that is no acronym, or no dash after it: nothing
        let f = find("HÀ NỘI hôm nay đón đoàn khách.\nTHANH HÀ");
        assert!(
            !f.iter().any(|(_, l, _)| *l == EntityLabel::Organization),
            "{f:?}"
        );
    }

    #[test]
    fn lower_case_words_before_the_place_of_a_body_are_its_name() {
        let f = find("Việt Nam và Khối Thị trường chung Nam Mỹ thúc đẩy đàm phán với Hiệp hội Thương mại tự do châu Âu (EFTA) và Quỹ Đầu tư công Ả Rập Xê Út tại Hà Nội.");
        assert!(
            has(
                &f,
                "Hiệp hội Thương mại tự do châu Âu",
                EntityLabel::Organization
            ),
            "{f:?}"
        );
        assert!(has(&f, "EFTA", EntityLabel::Organization), "{f:?}");
        assert!(
            has(&f, "Quỹ Đầu tư công Ả Rập Xê Út", EntityLabel::Organization),
            "{f:?}"
        );
        // a word that ends a name (`tại`) is no part of it
        let f = find("Tập đoàn Vingroup tại Hà Nội đã ký hợp đồng.");
        assert!(
            has(&f, "Tập đoàn Vingroup", EntityLabel::Organization),
            "{f:?}"
        );
    }

    #[test]
    fn an_outlet_name_in_lower_case_words_is_no_outlet() {
        let f = find("Tổng thống Joko Widodo chủ trì tiệc chiêu đãi tại Cung Thanh niên. Thủ tướng Cộng hòa Nhân dân Bangladesh sẽ dự.");
        assert!(
            !f.iter().any(|(_, l, _)| *l == EntityLabel::Organization),
            "{f:?}"
        );
        let f = find("Theo báo Thanh Niên, đoàn sẽ đến Hà Nội.");
        assert!(has(&f, "Thanh Niên", EntityLabel::Organization), "{f:?}");
    }

    #[test]
    fn an_outlet_acronym_with_a_word_after_it() {
        let f =
            find("QĐND Online - Từ ngày 30/5 đến 1/6, tại Singapore, đoàn đại biểu dự Đối thoại.");
        assert!(has(&f, "QĐND Online", EntityLabel::Organization), "{f:?}");
    }

    #[test]
    fn an_acronym_in_parentheses_after_an_organization_names_it() {
        let f = find("Thủ tướng đề nghị Quỹ Đầu tư Quốc gia Qatar (QIA) xem xét đầu tư vào Việt Nam, cùng Hội đồng Hợp tác vùng Vịnh (GCC).");
        assert!(has(&f, "QIA", EntityLabel::Organization), "{f:?}");
        assert!(has(&f, "GCC", EntityLabel::Organization), "{f:?}");
        // an acronym after a country or an agreement is not an organization
        let f = find("Hai bên ký Hiệp định Đối tác kinh tế toàn diện (CEPA) với Các Tiểu vương quốc Ả-rập Thống nhất (UAE).");
        assert!(!has(&f, "CEPA", EntityLabel::Organization), "{f:?}");
        assert!(!has(&f, "UAE", EntityLabel::Organization), "{f:?}");
    }

    #[test]
    fn schools_hospitals_departments_corporations_and_brand_names_in_brackets() {
        let f = find("Sở Y tế Hà Nội ký thỏa thuận với Bệnh viện Đại học Charité và Trường Đại học Bách khoa Hà Nội; Tổng công ty Thuốc lá miền Nam ký với Tổng công ty Tân Cảng Sài Gòn.");
        for org in [
            "Sở Y tế Hà Nội",
            "Bệnh viện Đại học Charité",
            "Trường Đại học Bách khoa Hà Nội",
            "Tổng công ty Thuốc lá miền Nam",
            "Tổng công ty Tân Cảng Sài Gòn",
        ] {
            assert!(has(&f, org, EntityLabel::Organization), "{org}: {f:?}");
        }
        let f = find("Tổng công ty Lương thực miền Bắc (Vinafood 1) ký hợp đồng với Tập đoàn Dầu khí Quốc gia Brazil (Petrobras).");
        assert!(has(&f, "Vinafood 1", EntityLabel::Organization), "{f:?}");
        assert!(has(&f, "Petrobras", EntityLabel::Organization), "{f:?}");
        // a country in brackets is no brand
        let f = find("Tập đoàn Samsung (Hàn Quốc) đầu tư thêm.");
        assert!(!has(&f, "Hàn Quốc", EntityLabel::Organization), "{f:?}");
    }

    #[test]
    fn a_foreign_parliament_named_in_a_title() {
        let f = find("Chủ tịch Quốc hội Trung Quốc Triệu Lạc Tế sẽ thăm Việt Nam; Chủ tịch Quốc hội Vương Đình Huệ đón ông.");
        assert!(
            has(&f, "Quốc hội Trung Quốc", EntityLabel::Organization),
            "{f:?}"
        );
        assert!(has(&f, "Chủ tịch Quốc hội", EntityLabel::Title), "{f:?}");
        // the Vietnamese title alone names no body
        assert_eq!(
            f.iter()
                .filter(|(_, l, _)| *l == EntityLabel::Organization)
                .count(),
            1,
            "{f:?}"
        );
        // an acronym after a one-word organization names something else
        let f = find("Hai bên thúc đẩy Hiệp định Bảo hộ đầu tư Việt Nam - EU (EVIPA).");
        assert!(!has(&f, "EVIPA", EntityLabel::Organization), "{f:?}");
    }

    #[test]
    fn two_organizations_joined_by_and_and_buildings() {
        let f = find("Hai bên ký thỏa thuận giữa Văn phòng Quốc hội Việt Nam và Ban Thư ký Quốc hội Hàn Quốc tại Nhà Quốc hội, sau cuộc gặp ở Trụ sở Chính phủ.");
        assert!(
            has(&f, "Văn phòng Quốc hội Việt Nam", EntityLabel::Organization),
            "{f:?}"
        );
        assert!(
            has(
                &f,
                "Ban Thư ký Quốc hội Hàn Quốc",
                EntityLabel::Organization
            ),
            "{f:?}"
        );
        assert!(!has(&f, "Quốc hội", EntityLabel::Organization), "{f:?}");
        assert!(!has(&f, "Chính phủ", EntityLabel::Organization), "{f:?}");
        let f = find("Lễ đón diễn ra tại Tòa nhà Chính phủ ở Bangkok.");
        assert!(!has(&f, "Chính phủ", EntityLabel::Organization), "{f:?}");
        // a host (`chủ nhà`) is no building
        let f = find("Việt Nam, trong vai trò chủ nhà APEC 2027, sẽ phối hợp chặt chẽ.");
        assert!(has(&f, "APEC", EntityLabel::Organization), "{f:?}");
        // `Bộ Kế hoạch và Đầu tư` is one
        let f = find("Bộ trưởng Bộ Kế hoạch và Đầu tư phát biểu.");
        assert!(
            f.iter().any(|(t, l, _)| *l == EntityLabel::Organization
                && t.starts_with("Bộ Kế hoạch và Đầu tư")),
            "{f:?}"
        );
    }

    #[test]
    fn a_peoples_committee_with_its_city() {
        let f = find("Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh tiếp Đại sứ Nhật Bản.");
        assert!(
            has(&f, "UBND TP Hà Nội", EntityLabel::Organization),
            "{f:?}"
        );
        assert!(!f.iter().any(|(t, _, _)| t.contains("Trần")), "{f:?}");
    }

    #[test]
    fn bodies_of_two_countries_a_bilateral_forum_and_a_general_department() {
        let f = find("Hai bên nhất trí thúc đẩy ký kết Thỏa thuận hợp tác giữa Quốc hội hai nước. Hai nhà lãnh đạo cùng dự Diễn đàn Doanh nghiệp Việt Nam - Peru do Tổng cục Xúc tiến Xuất khẩu và Du lịch Peru (PROMPERU) tổ chức.");
        assert!(!has(&f, "Quốc hội", EntityLabel::Organization), "{f:?}");
        assert!(
            !has(
                &f,
                "Diễn đàn Doanh nghiệp Việt Nam - Peru",
                EntityLabel::Organization
            ),
            "{f:?}"
        );
        assert!(
            has(
                &f,
                "Tổng cục Xúc tiến Xuất khẩu và Du lịch Peru",
                EntityLabel::Organization
            ),
            "{f:?}"
        );
        assert!(has(&f, "PROMPERU", EntityLabel::Organization), "{f:?}");
    }

    #[test]
    fn an_organization_stops_before_a_glued_foreign_name() {
        let f = find("Chủ tịch nước tiếp Chủ tịch Tập đoàn Samsung Lee Jae-yong tại Seoul.");
        assert!(
            has(&f, "Tập đoàn Samsung", EntityLabel::Organization),
            "{f:?}"
        );
        assert!(!f.iter().any(|(t, _, _)| t.contains("Lee")), "{f:?}");
    }

    #[test]
    fn bodies_inside_titles_are_organizations() {
        let f = find("Thủ tướng hội đàm với Chủ tịch Ủy ban châu Âu José Manuel Barroso và hội kiến Chủ tịch Hội đồng châu Âu Herman Van Rompuy.");
        assert!(
            has(&f, "Ủy ban châu Âu", EntityLabel::Organization),
            "{f:?}"
        );
        assert!(
            has(&f, "Hội đồng châu Âu", EntityLabel::Organization),
            "{f:?}"
        );
        let f = find("Chủ tịch Quốc hội gặp Phó Tổng thống, Chủ tịch Thượng viện Argentina Cristina Fernández de Kirchner.");
        assert!(
            has(&f, "Thượng viện Argentina", EntityLabel::Organization),
            "{f:?}"
        );
    }

    #[test]
    fn extra_knowledge_files_extend_the_lists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("orgs.tsv");
        std::fs::write(&path, "# my outlets\nBáo Quân đội Nhân dân|QĐND\tqdnd\n").unwrap();
        let settings = GazetteerSettings {
            extra: vec![ExtraFile {
                kind: FileKind::Organizations,
                path: path.display().to_string(),
            }],
        };
        let g = Gazetteer::new(&settings).unwrap();
        let text = "Theo QĐND, hai đoàn đã hội đàm tại Hà Nội.";
        let toks = sen_tokenize::tokenize(text);
        let found = g.find(text, &toks, &[], &[0]);
        assert!(
            found
                .iter()
                .any(|e| e.span.slice(text) == "QĐND" && e.label == EntityLabel::Organization),
            "{found:?}"
        );
        let missing = GazetteerSettings {
            extra: vec![ExtraFile {
                kind: FileKind::Titles,
                path: "/khong/co/tep.tsv".into(),
            }],
        };
        let err = Gazetteer::new(&missing)
            .err()
            .expect("a missing file is an error");
        assert!(err.message.contains("/khong/co/tep.tsv"), "{}", err.message);
    }
}
