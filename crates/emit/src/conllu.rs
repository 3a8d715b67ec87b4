//! conllu
