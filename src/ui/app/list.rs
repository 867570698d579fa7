//! Keys on the list of articles.

use super::{App, Loading, Reader, View};
use crate::ui::event::{Effect, Key};
use crate::ui::screens::bulletin::ITEM_ROWS;

impl App {
    pub(super) fn list_key(&mut self, key: Key) -> Vec<Effect> {
        let page = (self.body_rows() / ITEM_ROWS).max(1) as isize;
        match key {
            Key::Up | Key::Char('k') => self.move_selection(-1),
            Key::Down | Key::Char('j') => self.move_selection(1),
            Key::PageUp | Key::Char('b') => self.move_selection(-page),
            Key::PageDown | Key::Char(' ') => self.move_selection(page),
            Key::Home | Key::Char('g') => self.selected = 0,
            Key::End | Key::Char('G') => self.move_selection(isize::MAX / 2),
            Key::Enter | Key::Right | Key::Char('l') => return self.open_selected(),
            Key::Char('q') => return self.quit(),
            Key::Char('r') | Key::F(5) => return vec![Effect::LoadArticles],
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        if let Loading::Ready(list) = &self.articles {
            let last = list.len().saturating_sub(1) as isize;
            self.selected = (self.selected as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
        }
    }

    fn open_selected(&mut self) -> Vec<Effect> {
        let Loading::Ready(list) = &self.articles else {
            return Vec::new();
        };
        let Some(item) = list.get(self.selected) else {
            return Vec::new();
        };
        let id = item.id;
        self.view = View::Reader;
        self.reader = Reader::empty();
        vec![Effect::LoadArticle(id), Effect::LoadComments(id)]
    }
}
