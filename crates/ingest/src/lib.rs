//! Readers (sample text format, JSON Lines, directories), encoding detection and decoding, normalization with an offset map
