//! The agenda as an iCalendar file (RFC 5545) that calendar programs import: times in
//! Europe/Paris with the zone described, text escaped, long lines folded.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;

use super::event::{Event, EventStatus};
use crate::text::clean::{clean_line, clean_text};

/// The zone every event is in, as RFC 5545 wants it described when `TZID` is used: the
/// European rule since 1996 (last Sunday of March and of October).
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n\
DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// A whole calendar of `events`. `stamp` is when it was made (DTSTAMP); `organised_by` says
/// who organises, in the reader's language, from the organiser's handle (`None`: the
/// association).
pub fn calendar(
    events: &[Event],
    stamp: DateTime<Utc>,
    organised_by: &dyn Fn(Option<&str>) -> String,
) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cedille//Agenda 1.0//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Cédille",
        "X-WR-TIMEZONE:Europe/Paris",
    ] {
        push(&mut out, line);
    }
    out.push_str(VTIMEZONE);
    for e in events {
        push(&mut out, "BEGIN:VEVENT");
        push(&mut out, &format!("UID:event-{}@cedille", e.id));
        push(&mut out, &format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")));
        push(&mut out, &format!("DTSTART;TZID=Europe/Paris:{}", local(e.starts_at)));
        push(&mut out, &format!("DTEND;TZID=Europe/Paris:{}", local(e.ends_at)));
        push(&mut out, &format!("SUMMARY:{}", text(&clean_line(&e.title))));
        let place = e.place.line();
        if !place.is_empty() {
            push(&mut out, &format!("LOCATION:{}", text(&clean_line(&place))));
        }
        if let (Some(lat), Some(lon)) = (e.place.lat, e.place.lon) {
            push(&mut out, &format!("GEO:{lat:.6};{lon:.6}"));
        }
        let mut description = clean_text(&e.description);
        let organiser = e.organiser.as_deref().map(clean_line);
        description.push_str("\n\n");
        description.push_str(&organised_by(organiser.as_deref()));
        push(&mut out, &format!("DESCRIPTION:{}", text(description.trim())));
        let status = if e.status == EventStatus::Cancelled { "CANCELLED" } else { "CONFIRMED" };
        push(&mut out, &format!("STATUS:{status}"));
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris).format("%Y%m%dT%H%M%S").to_string()
}

/// A TEXT value: backslash, semicolon, comma and line ends escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded: at most 75 octets per physical line, continuation
/// lines starting with a space, never inside a UTF-8 character.
fn push(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_cutting_a_character() {
        let mut out = String::new();
        push(&mut out, &format!("SUMMARY:{}", "é".repeat(100)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(100)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
