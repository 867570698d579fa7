//! One screen per file.

pub mod bulletin;
pub mod comments;
pub mod help;
pub mod modal;
pub mod profile;
pub mod reader;
pub mod too_small;
