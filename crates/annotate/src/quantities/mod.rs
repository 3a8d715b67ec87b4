//! The `quantities` plugin (in progress).
