use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::*;

fn row(text: &str, charset: Charset) -> String {
    let width = text.chars().count().max(1) as u16 + 4;
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
    buffer.set_string(0, 0, text, Style::new());
    fit(&mut buffer, charset);
    let shown: String = buffer.content.iter().map(Cell::symbol).collect();
    shown.trim_end().to_string()
}

#[test]
fn locales_are_read_in_posix_order_and_unset_is_utf8() {
    let of = |v: [Option<&str>; 3]| Charset::from_locales(v);
    assert_eq!(of([None, None, None]), Charset::Utf8);
    assert_eq!(of([None, None, Some("fr_FR.UTF-8")]), Charset::Utf8);
    assert_eq!(of([None, None, Some("fr_FR.utf8")]), Charset::Utf8);
    assert_eq!(of([None, None, Some("C.UTF-8")]), Charset::Utf8);
    assert_eq!(of([None, None, Some("C")]), Charset::Ascii);
    assert_eq!(of([None, None, Some("POSIX")]), Charset::Ascii);
    assert_eq!(of([None, None, Some("fr_FR.ISO-8859-1")]), Charset::Latin1);
    assert_eq!(of([None, None, Some("fr_FR")]), Charset::Latin1);
    assert_eq!(of([None, None, Some("fr_FR@euro")]), Charset::Latin9);
    assert_eq!(of([None, None, Some("de_DE.iso885915@euro")]), Charset::Latin9);
    assert_eq!(of([None, None, Some("ja_JP.eucJP")]), Charset::Ascii);
    assert_eq!(of([None, None, Some("ja_JP")]), Charset::Ascii);
    // LC_ALL, then LC_CTYPE, then LANG; an empty one counts as unset.
    assert_eq!(of([Some("C"), Some("fr_FR.UTF-8"), Some("fr_FR.UTF-8")]), Charset::Ascii);
    assert_eq!(of([Some(""), Some("fr_FR.UTF-8"), Some("C")]), Charset::Utf8);
    assert_eq!(of([None, Some("POSIX"), Some("fr_FR.UTF-8")]), Charset::Ascii);
}

#[test]
fn ascii_keeps_each_row_to_its_columns() {
    let a = Charset::Ascii;
    assert_eq!(row("┌──┐", a), "+--+");
    assert_eq!(row("│ é │", a), "| e |");
    assert_eq!(row("• ◆ ○ → ←", a), "* * o -> <-");
    assert_eq!(row("« Défi »", a), "<< Defi >>");
    assert_eq!(row("«\u{a0}Défi\u{a0}»", a), "<<Defi>>");
    assert_eq!(row("l’été – “oui”…", a), "l'ete - \"oui\"...");
    assert_eq!(row("Crest\u{a0}: 12\u{202f}h", a), "Crest : 12 h");
    assert_eq!(row("cœur", a), "coeur");
    assert_eq!(row("│cœur│", a), "|cour|");
    assert_eq!(row("│cœur  │", a), "|coeur |");
    assert_eq!(row("e\u{301}te\u{301}", a), "ete");
    assert_eq!(row("日本 😀 ok", a), "? ?  ?  ok");
    for text in ["┌─ « Défi » ─┐", "日本😀🇫🇷 a", "l’été…", "cœur"] {
        let shown = row(text, a);
        assert!(shown.is_ascii(), "{shown:?}");
    }
}

#[test]
fn latin1_keeps_its_letters_and_latin9_its_euro() {
    assert_eq!(row("« Défi à Die » — 5 €", Charset::Latin1), "« Défi à Die » - 5 EUR");
    assert_eq!(row("« cœur » 5 €", Charset::Latin9), "« cœur » 5 €");
    assert_eq!(row("cœur", Charset::Latin1), "coeur");
    // A letter and its combining accent, composed: Latin-1 has « é ».
    assert_eq!(row("e\u{301}", Charset::Latin1), "é");
}

#[test]
fn a_wide_character_replaced_keeps_its_style_on_both_columns() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
    let reversed = Style::new().add_modifier(Modifier::REVERSED);
    buffer.set_string(0, 0, "日a", reversed);
    fit(&mut buffer, Charset::Ascii);
    assert_eq!(buffer.content[0].symbol(), "?");
    assert_eq!(buffer.content[1].symbol(), " ");
    assert_eq!(buffer.content[1].modifier, Modifier::REVERSED);
    assert_eq!(buffer.content[2].symbol(), "a");
}

#[test]
fn encoding_sends_one_byte_a_character_and_never_utf8() {
    let text = "\x1b[1;1HDéfi « ça » — €".as_bytes().to_vec();
    assert_eq!(Charset::Utf8.encode(text.clone()), text);
    assert_eq!(Charset::Latin1.encode(text.clone()), b"\x1b[1;1HD\xe9fi \xab \xe7a \xbb ? ?".to_vec());
    assert_eq!(Charset::Latin9.encode(text.clone()), b"\x1b[1;1HD\xe9fi \xab \xe7a \xbb ? \xa4".to_vec());
    assert_eq!(Charset::Ascii.encode(text), b"\x1b[1;1HD?fi ? ?a ? ? ?".to_vec());
}

#[test]
fn text_outside_a_frame_is_said_in_ascii_too() {
    assert_eq!(
        Charset::Ascii.plain("« Session fermée » — à bientôt…"),
        "<< Session fermee >> - a bientot..."
    );
    assert_eq!(Charset::Latin1.plain("« fermée »"), "« fermée »");
}
