//! Vietnamese tokens, syllable structure and tones, sentences, word segmentation.
//!
//! - [`tokenize()`]: tokens with kinds (syllable, foreign word, number, date-like,
//!   abbreviation, URL, e-mail, punctuation, symbol), in one pass.
//! - [`syllable`]: a syllable's initial, medial, nucleus, final and tone; validity;
//!   tone-less and accent-less forms.
//! - [`sentences()`]: sentence splitting over the tokens.
//! - [`segment`]: the statistical word segmenter.
//! - the `tokenize` plugin ([`plugin`]) puts all three layers on a document.
//!
//! ```
//! use sen_core::layers::TokenKind;
//! let text = "Chủ tịch nước dự APEC 2025 ngày 29/10-1/11.Tổng thống Lee Jae-myung chào đón.";
//! let tokens = sen_tokenize::tokenize(text);
//! let kind = |s: &str| tokens.iter().find(|t| t.span.slice(text) == s).map(|t| t.kind);
//! assert_eq!(kind("APEC"), Some(TokenKind::Abbreviation));
//! assert_eq!(kind("29/10-1/11"), Some(TokenKind::DateLike));
//! assert_eq!(kind("Jae-myung"), Some(TokenKind::Foreign));
//! let sentences = sen_tokenize::sentences(text, &tokens);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(sen_tokenize::syllable::accent_less("Nội", sen_tokenize::syllable::Case::Lower), "noi");
//! ```

pub mod plugin;
pub mod segment;
pub mod sentences;
mod short_key;
pub mod syllable;
pub mod tokens;

pub use sentences::sentences;
pub use tokens::{tokenize, tokenize_into};
