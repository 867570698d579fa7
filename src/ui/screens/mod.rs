//! One screen per file.

pub mod admin;
pub mod agenda;
pub mod bulletin;
pub mod catchup;
pub mod help;
pub mod map;
pub mod messages;
pub mod modal;
pub mod network;
pub mod profile;
pub mod reader;
pub mod space_detail;
pub mod spaces;
pub mod too_small;
