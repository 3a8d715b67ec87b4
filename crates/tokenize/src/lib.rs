//! Vietnamese tokens, syllable structure and tones, sentences, word segmentation
