//! UK phone numbers (being written).
