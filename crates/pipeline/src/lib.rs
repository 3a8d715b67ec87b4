//! Pipeline YAML schema and validation, and the runner
