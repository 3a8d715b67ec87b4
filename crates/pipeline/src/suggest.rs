//! "Did you mean …?" for misspelt keys, plugin names and output names.

/// The candidate closest to `word`, when it is close enough to be a plausible typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// From serde's "unknown field `x`, expected one of a, b" (or "unknown variant"), suggest
/// the closest expected name, or list them.
pub(crate) fn from_serde_message(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field ")
        .or_else(|| message.strip_prefix("unknown variant "))?;
    let (unknown, expected) = rest.split_once(", expected ")?;
    let unknown = unknown.trim_matches('`');
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    let candidates: Vec<&str> = expected
        .split(", ")
        .flat_map(|p| p.split(" or "))
        .map(|c| c.trim().trim_matches('`'))
        .filter(|c| !c.is_empty())
        .collect();
    closest(unknown, candidates.iter().copied())
        .map(|c| format!("did you mean `{c}`?"))
        .or_else(|| Some(format!("expected one of: {}", candidates.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_not_strangers() {
        let names = ["dates", "people", "tokenize", "events"];
        assert_eq!(closest("date", names), Some("dates"));
        assert_eq!(closest("poeple", names), Some("people"));
        assert_eq!(closest("tokenise", names), Some("tokenize"));
        assert_eq!(closest("quux", names), None);
    }

    #[test]
    fn suggests_from_serde_message() {
        let m = "unknown field `stagse`, expected one of name, input, stages";
        assert_eq!(from_serde_message(m).unwrap(), "did you mean `stages`?");
        let m = "unknown variant `jsnol`, expected `text` or `jsonl`";
        assert_eq!(from_serde_message(m).unwrap(), "did you mean `jsonl`?");
        let m = "unknown variant `zzz`, expected one of text, jsonl";
        assert_eq!(
            from_serde_message(m).unwrap(),
            "expected one of: text, jsonl"
        );
        assert_eq!(from_serde_message("expected a string"), None);
    }
}
