//! The address members type to reach this server (`cedille.example`, or
//! `cedille.example -p 2222`): what comes after `ssh` in every example the server shows.
//! The operator writes it in the config; without it, it is derived from the listening
//! address, as a member on the server's own machine would type it.

use thiserror::Error;

/// What the examples say when nothing else is known: the default `--listen`, seen from
/// the same machine.
pub const DEFAULT: &str = "-p 2222 localhost";

/// Longer is a mistake, not an address.
pub const MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum AddressError {
    #[error("public_address is empty")]
    Empty,
    #[error("public_address holds at most {MAX_CHARS} characters")]
    TooLong,
    /// A control or invisible character (an escape sequence, a zero-width space): the
    /// address is written on every member's terminal.
    #[error("public_address must not contain control or invisible characters (found U+{0:04X})")]
    Control(u32),
}

/// The address as it will be shown: spaces between words made single, no control or
/// invisible character (refused, not removed: the operator must see the mistake).
pub fn parse(raw: &str) -> Result<String, AddressError> {
    if let Some(c) = raw.chars().find(|c| {
        c.is_control() || (!c.is_whitespace() && crate::text::clean::clean_line(&c.to_string()).is_empty())
    }) {
        return Err(AddressError::Control(u32::from(c)));
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.is_empty() {
        return Err(AddressError::Empty);
    }
    let address = words.join(" ");
    if address.chars().count() > MAX_CHARS {
        return Err(AddressError::TooLong);
    }
    Ok(address)
}

/// The address a member on this machine would type for a server listening on `listen`
/// (`127.0.0.1:2222`, `[::]:2222`): `localhost` with the port, left out when it is 22.
pub fn from_listen(listen: &str) -> String {
    match listen.rsplit_once(':').map(|(_, port)| port.parse::<u16>()) {
        Some(Ok(22)) | None | Some(Err(_)) => "localhost".to_string(),
        Some(Ok(port)) => format!("-p {port} localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_cleaned_or_refused() {
        assert_eq!(parse("  cedille.example   -p\u{a0}2222 "), Ok("cedille.example -p 2222".into()));
        assert_eq!(parse("cedille.example"), Ok("cedille.example".into()));
        assert_eq!(parse("cedille\u{1b}[31m.example"), Err(AddressError::Control(0x1b)));
        assert_eq!(parse("cedille\n.example"), Err(AddressError::Control(0x0a)));
        assert_eq!(parse("cedille\u{200b}.example"), Err(AddressError::Control(0x200b)));
        assert_eq!(parse("cedille\u{202e}.example"), Err(AddressError::Control(0x202e)));
        assert_eq!(parse("   "), Err(AddressError::Empty));
        assert_eq!(parse(&"x".repeat(MAX_CHARS + 1)), Err(AddressError::TooLong));
    }

    #[test]
    fn without_one_the_listening_port_says_it() {
        assert_eq!(from_listen("127.0.0.1:2222"), DEFAULT);
        assert_eq!(from_listen("0.0.0.0:22"), "localhost");
        assert_eq!(from_listen("[::]:2200"), "-p 2200 localhost");
        assert_eq!(from_listen("nonsense"), "localhost");
    }
}
