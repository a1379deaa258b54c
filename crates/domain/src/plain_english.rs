//! The plain English checker (being written).
