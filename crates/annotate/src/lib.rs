//! The built-in annotator plugins of Sen, one module each, with their knowledge files.

pub mod dates;
pub mod events;
mod fold;
pub mod gazetteer;
pub mod knowledge;
pub mod merge;
pub mod people;
pub mod places;
pub mod quantities;
