//! Vietnamese tokens, syllable structure and tones, sentences, word segmentation.
//!
//! - [`tokenize`]: tokens with kinds (syllable, foreign word, number, date-like, …).
//! - [`syllable`]: a syllable's initial, medial, nucleus, final and tone; validity;
//!   tone-less and accent-less forms.
//! - [`sentences`]: sentence splitting over the tokens.
//! - [`segment`]: the statistical word segmenter.
//! - the `tokenize` plugin (module `plugin`) puts all three layers on a document.

pub mod plugin;
pub mod segment;
pub mod sentences;
pub mod syllable;
pub mod tokens;

pub use sentences::sentences;
pub use tokens::{tokenize, tokenize_into};
