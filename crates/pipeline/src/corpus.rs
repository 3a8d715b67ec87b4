//! The corpus view of a document's events: what the corpus stages (such as
//! `merge_events`) see once every document has gone through.

use std::collections::HashMap;

use sen_core::layers::{CorpusEvent, Event, EventMention, Person};
use sen_core::Document;

/// One [`CorpusEvent`] per event of the document, each with a single mention. Participants
/// are the people layer's names (the `person` id when the people layer does not have it).
/// `id` is left empty; the runner numbers events in input order.
pub fn corpus_events(doc: &Document) -> Vec<CorpusEvent> {
    let people = People::of(doc);
    doc.layers
        .events
        .iter()
        .map(|e| {
            let (participants, countries) = people.names(e);
            CorpusEvent {
                id: String::new(),
                kind: e.kind,
                date: e.date.clone(),
                participants,
                countries,
                location: e.location.clone(),
                occasion: e.occasion.clone(),
                modality: e.modality,
                cameo: e.cameo.clone(),
                plover: e.plover.clone(),
                mentions: vec![EventMention {
                    doc: doc.id.clone(),
                    event: e.id.clone(),
                    evidence: evidence_text(doc, e.evidence),
                    span: e.evidence,
                }],
            }
        })
        .collect()
}

/// [`corpus_events`] of a document that is done with: what the events own (dates,
/// places, codes, ids) moves into the corpus events instead of being copied.
pub fn into_corpus_events(mut doc: Document) -> Vec<CorpusEvent> {
    let events = std::mem::take(&mut doc.layers.events);
    let mut id = std::mem::take(&mut doc.id);
    let people = People::of(&doc);
    let last = events.len().saturating_sub(1);
    events
        .into_iter()
        .enumerate()
        .map(|(k, e)| {
            let (participants, countries) = people.names(&e);
            let doc_id = if k == last {
                std::mem::take(&mut id)
            } else {
                id.clone()
            };
            CorpusEvent {
                id: String::new(),
                kind: e.kind,
                date: e.date,
                participants,
                countries,
                location: e.location,
                occasion: e.occasion,
                modality: e.modality,
                cameo: e.cameo,
                plover: e.plover,
                mentions: vec![EventMention {
                    doc: doc_id,
                    event: e.id,
                    evidence: evidence_text(&doc, e.evidence),
                    span: e.evidence,
                }],
            }
        })
        .collect()
}

/// The people layer by id: a scan for the usual handful, a map for a long list.
enum People<'a> {
    Few(&'a [Person]),
    Many(HashMap<&'a str, &'a Person, foldhash::fast::FixedState>),
}

impl<'a> People<'a> {
    fn of(doc: &'a Document) -> Self {
        let people = &doc.layers.people;
        if people.len() <= 16 {
            People::Few(people)
        } else {
            People::Many(people.iter().map(|p| (p.id.as_str(), p)).collect())
        }
    }

    fn get(&self, id: &str) -> Option<&'a Person> {
        match self {
            // the last of a repeated id, as the map keeps it
            People::Few(people) => people.iter().rev().find(|p| p.id == id),
            People::Many(map) => map.get(id).copied(),
        }
    }

    /// The participants' names and countries.
    fn names(&self, e: &Event) -> (Vec<String>, Vec<Option<String>>) {
        e.participants
            .iter()
            .map(|p| match self.get(&p.person) {
                Some(person) => (person.name.clone(), person.country.clone()),
                None => (p.person.clone(), None),
            })
            .unzip()
    }
}

/// The evidence sentence, or an empty string when the span does not fit the text (an
/// annotator bug must not take the corpus step down).
fn evidence_text(doc: &Document, span: sen_core::Span) -> String {
    doc.text
        .get(span.start..span.end)
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sen_core::layers::{Event, EventType, Modality, Participant, Person, Place};
    use sen_core::Span;

    #[test]
    fn participants_are_named_from_the_people_layer() {
        let text = "Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Hàn Quốc Lee Jae-myung.";
        let mut doc = Document::from_text("vn-kr", text);
        let pmc = text.find("Phạm").unwrap();
        doc.layers.people.push(Person {
            id: "p1".into(),
            name: "Phạm Minh Chính".into(),
            titles: vec!["Thủ tướng".into()],
            country: Some("VN".into()),
            mentions: vec![Span::new(pmc, pmc + "Phạm Minh Chính".len())],
        });
        let trig = text.find("hội đàm").unwrap();
        doc.layers.events.push(Event {
            id: "e1".into(),
            kind: EventType::Talks,
            trigger: Span::new(trig, trig + "hội đàm".len()),
            evidence: Span::new(0, text.len()),
            participants: vec![
                Participant {
                    person: "p1".into(),
                    role: "agent".into(),
                },
                Participant {
                    person: "p9".into(),
                    role: "counterpart".into(),
                },
            ],
            date: Some("2025-10-29".into()),
            date_span: None,
            location: Place::default(),
            occasion: None,
            modality: Modality::Happened,
            cameo: "043".into(),
            plover: "CONSULT".into(),
        });
        let ev = corpus_events(&doc);
        assert_eq!(into_corpus_events(doc.clone()), ev);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].participants, ["Phạm Minh Chính", "p9"]);
        assert_eq!(ev[0].countries, [Some("VN".to_string()), None]);
        assert_eq!(ev[0].mentions[0].evidence, text);
        assert_eq!(ev[0].mentions[0].doc, "vn-kr");
    }

    #[test]
    fn a_long_people_list_and_a_repeated_id_name_the_same() {
        let text = "Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Hàn Quốc Lee Jae-myung.";
        let mut doc = Document::from_text("vn-kr", text);
        let person = |id: &str, name: &str| Person {
            id: id.into(),
            name: name.into(),
            titles: Vec::new(),
            country: None,
            mentions: Vec::new(),
        };
        let event = |id: &str, who: &[&str]| Event {
            id: id.into(),
            kind: EventType::Talks,
            trigger: Span::new(0, 3),
            evidence: Span::new(0, text.len()),
            participants: who
                .iter()
                .map(|p| Participant {
                    person: p.to_string(),
                    role: "agent".into(),
                })
                .collect(),
            date: None,
            date_span: None,
            location: Place::default(),
            occasion: None,
            modality: Modality::Happened,
            cameo: "043".into(),
            plover: "CONSULT".into(),
        };
        doc.layers.people = vec![
            person("p1", "Phạm Minh Chính"),
            person("p1", "Lee Jae-myung"),
        ];
        doc.layers.events = vec![event("e1", &["p1", "p7"]), event("e2", &["p1"])];
        let few = corpus_events(&doc);
        assert_eq!(few[0].participants, ["Lee Jae-myung", "p7"]);
        assert_eq!(into_corpus_events(doc.clone()), few);
        doc.layers.people.splice(
            0..0,
            (0..20).map(|n| person(&format!("q{n}"), "Lương Cường")),
        );
        assert_eq!(corpus_events(&doc), few);
        assert_eq!(into_corpus_events(doc), few);
    }
}
