//! One screen per file.

pub mod bulletin;
pub mod help;
pub mod reader;
pub mod too_small;
