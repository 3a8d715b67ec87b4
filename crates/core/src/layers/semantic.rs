//! The meaning layers: entities, people, dates, quantities, events (filled by the
//! annotator plugins of `sen-annotate`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Span;

/// What an entity mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityLabel {
    Person,
    Title,
    Country,
    Location,
    Organization,
    /// A summit, conference or ceremony (`Hội nghị Cấp cao ASEAN lần thứ 47`).
    Occasion,
}

/// One mention of a named thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub label: EntityLabel,
    /// The canonical form (`Hoa Kỳ` → `Mỹ`; a person mention → the person's full name).
    pub canonical: String,
    /// A knowledge-base id: ISO 3166-1 alpha-2 for a country, a stable id for a person or
    /// an organization.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kb_id: Option<String>,
    /// Extra facts a plugin attaches (rank of a title, year and city of a summit, …).
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub attrs: BTreeMap<String, String>,
}

/// A person after coreference: every mention of them points here by `id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Stable within the document (`p1`, `p2`, …); entities carry it as `kb_id`.
    pub id: String,
    /// The fullest form the article uses.
    pub name: String,
    pub titles: Vec<String>,
    /// ISO 3166-1 alpha-2, when known.
    pub country: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
}

/// A time expression resolved to ISO 8601 (or the `XXXX-MM-DD` extension).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateExpr {
    pub span: Span,
    /// `2025-10-29`, `2025-10-29/2025-11-01`, `2025-10`, `2017`, `XXXX-11-15`, `2025-10-29T19:00`.
    pub value: String,
}

/// A quantity written with digits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    pub value: f64,
    /// `USD`, `VND`, `%`, or the counted noun (`doanh nghiệp`, `năm`).
    pub unit: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Meeting,
    Talks,
    PhoneCall,
    Reception,
    Visit,
    Invitation,
    AgreementSigning,
    SummitAttendance,
    Proposal,
}

impl EventType {
    pub const ALL: [EventType; 9] = [
        EventType::Meeting,
        EventType::Talks,
        EventType::PhoneCall,
        EventType::Reception,
        EventType::Visit,
        EventType::Invitation,
        EventType::AgreementSigning,
        EventType::SummitAttendance,
        EventType::Proposal,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EventType::Meeting => "meeting",
            EventType::Talks => "talks",
            EventType::PhoneCall => "phone_call",
            EventType::Reception => "reception",
            EventType::Visit => "visit",
            EventType::Invitation => "invitation",
            EventType::AgreementSigning => "agreement_signing",
            EventType::SummitAttendance => "summit_attendance",
            EventType::Proposal => "proposal",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Happened,
    Planned,
    Proposed,
}

/// A participant of an event: a person of the `people` layer, in a role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// `Person::id`.
    pub person: String,
    /// `agent`, `counterpart`, `host`, `visitor`, `inviter`, `invitee`, …
    pub role: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub venue: Option<String>,
    /// Where the text states the place, when it does.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<Span>,
}

/// One event as stated in one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable within the document (`e1`, `e2`, …).
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    /// The word that states the event (`hội đàm`, `điện đàm`, `gặp`).
    pub trigger: Span,
    /// The sentence (or caption line) that states it.
    pub evidence: Span,
    pub participants: Vec<Participant>,
    /// Resolved start date (ISO 8601 or `XXXX-MM-DD`), `None` when undated.
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date_span: Option<Span>,
    pub location: Place,
    /// The summit or ceremony it happens at.
    pub occasion: Option<String>,
    pub modality: Modality,
    /// CAMEO event code (`040`, `042`, `043`, `036`, `057`, …).
    pub cameo: String,
    /// PLOVER category (`CONSULT`, `AGREE`, …).
    pub plover: String,
}

/// An event of the corpus after the cross-document merge: one real-world occurrence with
/// every mention that reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusEvent {
    /// Stable across runs of the same corpus (`ev-0001`, …).
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub date: Option<String>,
    /// Canonical participant names.
    pub participants: Vec<String>,
    /// ISO codes of the participants' countries, same order (`None` when unknown).
    pub countries: Vec<Option<String>>,
    pub location: Place,
    pub occasion: Option<String>,
    pub modality: Modality,
    pub cameo: String,
    pub plover: String,
    pub mentions: Vec<EventMention>,
}

/// Where a document reports an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    pub doc: String,
    pub event: String,
    pub evidence: String,
    pub span: Span,
}
