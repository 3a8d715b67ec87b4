//! The built-in annotator plugins of Sen, one module each, with their knowledge files
