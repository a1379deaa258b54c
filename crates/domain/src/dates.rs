//! UK dates (being written).
