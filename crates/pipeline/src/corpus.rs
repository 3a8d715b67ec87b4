//! The corpus view of a document's events: what the corpus stages (such as
//! `merge_events`) see once every document has gone through.

use std::collections::HashMap;

use sen_core::layers::{CorpusEvent, EventMention};
use sen_core::Document;

/// One [`CorpusEvent`] per event of the document, each with a single mention. Participants
/// are the people layer's names (the `person` id when the people layer does not have it).
/// `id` is left empty; the runner numbers events in input order.
pub fn corpus_events(doc: &Document) -> Vec<CorpusEvent> {
    let people: HashMap<&str, &sen_core::layers::Person> = doc
        .layers
        .people
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    doc.layers
        .events
        .iter()
        .map(|e| {
            let (participants, countries) = e
                .participants
                .iter()
                .map(|p| match people.get(p.person.as_str()) {
                    Some(person) => (person.name.clone(), person.country.clone()),
                    None => (p.person.clone(), None),
                })
                .unzip();
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
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].participants, ["Phạm Minh Chính", "p9"]);
        assert_eq!(ev[0].countries, [Some("VN".to_string()), None]);
        assert_eq!(ev[0].mentions[0].evidence, text);
        assert_eq!(ev[0].mentions[0].doc, "vn-kr");
    }
}
