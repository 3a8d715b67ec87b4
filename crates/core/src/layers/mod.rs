//! Typed annotation layers. A layer is a `Vec` kept sorted by span; a stage adds the
//! layers it declares in its [`crate::Plugin::provides`] and never rewrites another's.

mod semantic;
mod text;

pub use semantic::*;
pub use text::*;

use serde::{Deserialize, Serialize};

/// The name of a layer, as pipelines and plugin records refer to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    Tokens,
    Sentences,
    Words,
    Entities,
    People,
    Dates,
    Quantities,
    Events,
}

impl Layer {
    pub const ALL: [Layer; 8] = [
        Layer::Tokens,
        Layer::Sentences,
        Layer::Words,
        Layer::Entities,
        Layer::People,
        Layer::Dates,
        Layer::Quantities,
        Layer::Events,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Tokens => "tokens",
            Layer::Sentences => "sentences",
            Layer::Words => "words",
            Layer::Entities => "entities",
            Layer::People => "people",
            Layer::Dates => "dates",
            Layer::Quantities => "quantities",
            Layer::Events => "events",
        }
    }
}

impl std::fmt::Display for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// All layers of one document. Empty layers are left out of the JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layers {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<Sentence>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Word>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateExpr>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}
