//! Interviews: under a speaker's label (`Thượng tướng Nguyễn Chí Vịnh: Đây là …`) the
//! answer's `tôi` is the speaker, in that paragraph and the next ones, until another label
//! (`PV: …`, `Phóng viên: …`) starts a paragraph. `chúng tôi` (we) names nobody.

use sen_core::Span;

/// Labels are short: a title or two and a name before the colon.
const MAX_LABEL: usize = 90;

/// Whether `text` may hold an answer's `tôi` at all (a cheap search before any work).
pub(crate) fn may_speak(text: &str) -> bool {
    static FINDERS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::OnceLock::new();
    let f =
        FINDERS.get_or_init(|| ["tôi", "Tôi"].map(|w| memchr::memmem::Finder::new(w.as_bytes())));
    f.iter().any(|f| f.find(text.as_bytes()).is_some())
}

/// The `tôi` of answers, each with the person (index of `mentions`' person) who speaks.
/// `mentions`: person mentions sorted by start.
pub(crate) fn first_person(text: &str, mentions: &[(Span, usize)]) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    // (only in an interview: a question labelled as the reporter's somewhere in the text)
    let interview = text.split_inclusive('\n').any(|line| {
        label_of(line).is_some_and(|c| {
            matches!(
                line[..c].trim(),
                "PV" | "P.V" | "Phóng viên" | "Hỏi" | "Nhà báo" | "Câu hỏi"
            )
        })
    });
    if !interview {
        return out;
    }
    let mut speaker: Option<usize> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        if let Some(label) = label_of(line) {
            let colon = start + label;
            // the person named just before the colon, after at most a few title words
            speaker = mentions
                .iter()
                .find(|(m, _)| {
                    m.end <= colon
                        && m.start >= start
                        && text[m.end..colon].trim().is_empty()
                        && text[start..m.start].split_whitespace().count() <= 4
                })
                .map(|&(_, p)| p);
        }
        if let Some(p) = speaker {
            for at in toi_in(line) {
                out.push((Span::new(start + at, start + at + "tôi".len()), p));
            }
        }
        start = end;
    }
    out
}

/// The colon of a paragraph that opens with a label (`PV:`, `Thượng tướng X:`): a short
/// head without sentence marks or quotes.
fn label_of(line: &str) -> Option<usize> {
    let head = line.get(..line.len().min(MAX_LABEL)).unwrap_or_else(|| {
        let mut k = MAX_LABEL;
        while !line.is_char_boundary(k) {
            k -= 1;
        }
        &line[..k]
    });
    let colon = head.find(':')?;
    let before = &line[..colon];
    let ok = !before.trim().is_empty()
        && !before.contains(['.', '?', '!', ',', ';', '"', '“', '”', '('])
        && before.trim_start().starts_with(char::is_uppercase);
    ok.then_some(colon)
}

/// Byte offsets of the word `tôi` (`Tôi`) in `line`, not after `chúng`.
fn toi_in(line: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev: &str = "";
    let mut pos = 0;
    for w in line.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if (word == "tôi" || word == "Tôi") && !(prev == "chúng" || prev == "Chúng") {
            out.push(pos);
        }
        if !word.is_empty() {
            prev = word;
        }
        pos += w.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_s_tôi_is_the_speaker_until_the_next_label() {
        let text = "PV: Xin Bộ trưởng cho biết kết quả chuyến thăm?\n\
                    Bộ trưởng Bùi Thanh Sơn: Tôi đã hội kiến Tổng thống Ai Cập. Chúng tôi nhất trí nhiều nội dung.\n\
                    Chiều cùng ngày, tôi gặp Bộ trưởng Ngoại giao Sameh Shoukry.\n\
                    PV: Ông có thể cho biết thêm?\n\
                    Tôi không trả lời.\n";
        let name = text.find("Bùi Thanh Sơn").unwrap();
        let mentions = [(Span::new(name, name + "Bùi Thanh Sơn".len()), 7)];
        let got: Vec<(&str, usize)> = first_person(text, &mentions)
            .into_iter()
            .map(|(s, p)| (&text[s.start..s.end], p))
            .collect();
        // `Tôi` and `tôi` of the two answer paragraphs; not `Chúng tôi`, not after `PV:`
        assert_eq!(got, vec![("Tôi", 7), ("tôi", 7)]);
        assert_eq!(toi_in("Chúng tôi và tôi"), vec![16]);
        // a sentence with a colon is no label
        assert_eq!(label_of("Thủ tướng nhấn mạnh, hai bên cần: hợp tác"), None);
        // no reporter's question, no interview: a title line with a colon names no speaker
        let text = "Bộ trưởng Bùi Thanh Sơn: Việt Nam sẵn sàng hợp tác\nTôi rất vui, ông Sameh Shoukry nói.\n";
        let name = text.find("Bùi Thanh Sơn").unwrap();
        let mentions = [(Span::new(name, name + "Bùi Thanh Sơn".len()), 7)];
        assert!(first_person(text, &mentions).is_empty());
    }
}
