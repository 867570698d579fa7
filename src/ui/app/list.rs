//! The one key map of every list in the app and its cursor: the same keys move the
//! selection in the bulletin, the agenda, the directory, « Réseau » and the console, and
//! the help lists them once (« Partout »). Screens answer the other keys themselves.

use crate::ui::event::Key;

/// How a key moves a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    By(isize),
    First,
    Last,
}

/// The list keys: ↑/k, ↓/j, PgUp, PgDn/Space, Home/g, End/G. `page`: how many items a page
/// shows. `None` for a key that does not move, left to the screen.
pub fn movement(key: Key, page: usize) -> Option<Move> {
    let page = isize::try_from(page.max(1)).unwrap_or(isize::MAX);
    Some(match key {
        Key::Down | Key::Char('j') => Move::By(1),
        Key::Up | Key::Char('k') => Move::By(-1),
        Key::PageDown | Key::Char(' ') => Move::By(page),
        Key::PageUp => Move::By(-page),
        Key::Home | Key::Char('g') => Move::First,
        Key::End | Key::Char('G') => Move::Last,
        _ => return None,
    })
}

impl Move {
    /// Where a cursor at `selected` lands in a list of `len` items: never past either end.
    pub fn apply(self, selected: usize, len: usize) -> usize {
        let last = len.saturating_sub(1);
        match self {
            Move::First => 0,
            Move::Last => last,
            Move::By(by) => selected.saturating_add_signed(by).min(last),
        }
    }
}

/// A cursor kept on the same item when its list reloads (others came or went), else at the
/// same place, never past the end.
pub fn keep<T>(list: &[T], selected: usize, was: Option<i64>, id: impl Fn(&T) -> i64) -> usize {
    was.and_then(|was| list.iter().position(|item| id(item) == was))
        .unwrap_or(selected)
        .min(list.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_never_leaves_the_list() {
        assert_eq!(movement(Key::Char('j'), 5).map(|m| m.apply(2, 3)), Some(2));
        assert_eq!(movement(Key::Up, 5).map(|m| m.apply(0, 3)), Some(0));
        assert_eq!(movement(Key::PageDown, 5).map(|m| m.apply(1, 100)), Some(6));
        assert_eq!(movement(Key::PageUp, 5).map(|m| m.apply(3, 100)), Some(0));
        assert_eq!(movement(Key::Char('G'), 5).map(|m| m.apply(0, 10)), Some(9));
        assert_eq!(movement(Key::Home, 5).map(|m| m.apply(7, 10)), Some(0));
        assert_eq!(movement(Key::End, 5).map(|m| m.apply(0, 0)), Some(0), "an empty list");
        assert_eq!(movement(Key::Char('b'), 5), None, "letters are the screen's own");
    }

    #[test]
    fn a_reloaded_list_keeps_the_same_item_selected() {
        let ids = [10, 20, 30];
        assert_eq!(keep(&ids, 0, Some(30), |i| *i), 2);
        assert_eq!(keep(&ids, 5, Some(99), |i| *i), 2, "gone: the same place, clamped");
        assert_eq!(keep(&ids[..0], 5, None, |i| *i), 0);
    }
}
