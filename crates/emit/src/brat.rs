//! brat
