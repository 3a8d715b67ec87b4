//! The text layers: tokens, sentences, words (filled by `sen-tokenize`).

use serde::{Deserialize, Serialize};

use crate::Span;

/// What a token is. Whitespace is not a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A Vietnamese syllable (`Nội`, `thượng`).
    Syllable,
    /// A word that is not a Vietnamese syllable (`Trump`, `Jae-myung`, `Gyeongju`).
    Foreign,
    /// A number (`453`, `11,8`, `1.000`).
    Number,
    /// A date or a range of dates or years (`29/10`, `29/10-1/11`, `2021-2025`).
    DateLike,
    /// An abbreviation or acronym (`ASEAN`, `TTXVN`, `G20`, `TP.HCM`).
    Abbreviation,
    Url,
    Email,
    Punct,
    Symbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence, or a line that stands alone (a title, a photo caption).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index range `[first, last)` into the token layer.
    pub tokens: (usize, usize),
}

/// A word: one or more tokens (`Hàn Quốc`, `hội đàm`, `Phạm Minh Chính`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    pub span: Span,
    /// Index range `[first, last)` into the token layer.
    pub tokens: (usize, usize),
}
