//! Vietnamese tokens, syllable structure and tones, sentences, word segmentation.

pub mod segment;
