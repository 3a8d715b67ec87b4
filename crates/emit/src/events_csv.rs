//! events_csv
