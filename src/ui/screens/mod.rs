//! One screen per file.

pub mod admin;
pub mod agenda;
pub mod bulletin;
pub mod bulletin_search;
pub mod catchup;
pub mod form;
pub mod help;
pub mod map;
pub mod member;
pub mod messages;
pub mod modal;
pub mod network;
pub mod profile;
pub mod profile_keys;
pub mod reader;
pub mod share;
pub mod space_detail;
pub mod spaces;
pub mod too_small;
