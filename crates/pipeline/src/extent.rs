//! The exact text of one YAML node, given where it starts.
//!
//! serde-saphyr's `Spanned` gives where a node starts but not where a collection ends, and
//! a stage's settings must reach its plugin as the node's own text (see
//! [`sen_core::Settings::from_fragment`]). The YAML event stream has both ends, so the
//! file is walked once more (it is small and has already parsed within budget).

use serde_saphyr::granit_parser::{Event, Parser};

/// The byte range of the node that starts at or after byte `start`, or `None` when the
/// node is an alias or cannot be found.
pub(crate) fn node_range(text: &str, start: usize) -> Option<std::ops::Range<usize>> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    let mut begin = None;
    while let Some(Ok((event, span))) = parser.next_event() {
        let at = span.start.byte_offset()?;
        match begin {
            None => {
                let is_node = matches!(
                    event,
                    Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..)
                ) || matches!(event, Event::Alias(..));
                if !is_node || at < start {
                    continue;
                }
                match event {
                    Event::Alias(..) => return None,
                    Event::Scalar(..) => return Some(at..span.end.byte_offset()?),
                    _ => {
                        begin = Some(at);
                        depth = 1;
                    }
                }
            }
            Some(b) => match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => {
                    depth -= 1;
                    if depth == 0 {
                        // A block collection ends where the next token starts: drop the
                        // trailing blank lines and comments that belong to nobody.
                        let end = span.end.byte_offset()?.max(b);
                        return Some(b..b + trim_trailing(&text[b..end]).len());
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// Strip trailing whitespace and whole-line comments.
fn trim_trailing(s: &str) -> &str {
    let mut s = s.trim_end();
    loop {
        let last_line_start = s.rfind('\n').map_or(0, |i| i + 1);
        if last_line_start > 0 && s[last_line_start..].trim_start().starts_with('#') {
            s = s[..last_line_start].trim_end();
        } else {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node_at<'a>(text: &'a str, needle: &str) -> &'a str {
        let start = text.find(needle).unwrap();
        &text[node_range(text, start).unwrap()]
    }

    #[test]
    fn flow_mapping() {
        let y = "stages:\n  - tokenize: { segmenter: default }\n  - people\n";
        assert_eq!(node_at(y, "{ seg"), "{ segmenter: default }");
    }

    #[test]
    fn block_mapping_stops_before_next_item() {
        let y = "stages:\n  - events:\n      types: [meeting, talks]\n      strict: true\n  # a note\n  - people\nx: 1\n";
        assert_eq!(
            node_at(y, "types"),
            "types: [meeting, talks]\n      strict: true"
        );
    }

    #[test]
    fn block_mapping_at_end_of_file() {
        let y = "stages:\n  - events:\n      types:\n        - meeting\n";
        assert_eq!(node_at(y, "types"), "types:\n        - meeting");
    }

    #[test]
    fn scalar_and_nested_flow() {
        let y = "a: [x, {b: [1, 2]}, c]\nd: plain value # c\n";
        assert_eq!(node_at(y, "[x"), "[x, {b: [1, 2]}, c]");
        assert_eq!(node_at(y, "plain"), "plain value");
    }

    #[test]
    fn vietnamese_text_keeps_byte_offsets() {
        let y = "# Đường dẫn\nstages:\n  - gazetteer: { lists: [quốc_gia] }\n";
        assert_eq!(node_at(y, "{ lists"), "{ lists: [quốc_gia] }");
    }
}
