//! Every screen's status bar at 80 columns, in both languages: the keys it offers are the
//! ones of the table the screen reads its keys against, and all of them fit, none cut.
//! The App is driven with keys and its effects performed against a demo database, as the
//! runtime does, one after the other.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod session;
mod support;

use std::collections::VecDeque;

use chrono::Utc;
use session::{Harness, admin_app};
use support::screen;

use cedille::domain::{CommentPolicy, Identity};
use cedille::i18n::Lang;
use cedille::runtime::{Console, Ctx, Viewer, perform_one};
use cedille::term::colors::ColorDepth;
use cedille::ui::widgets::status::hints;
use cedille::ui::{App, Effect, Event, Key};

const COLS: u16 = 80;

struct Walk {
    app: App,
    ctx: Ctx,
    viewer: Viewer,
    lang: Lang,
    /// Every bar that was cut, to be told all at once.
    cut: Vec<String>,
    /// The section the bars last said Tab leads to.
    tab_to: Option<String>,
}

impl Walk {
    fn member(h: &Harness, identity: Identity, lang: Lang) -> Walk {
        let (app, effects) = App::new(identity.clone(), lang, ColorDepth::Ansi256, (COLS, 24), Utc::now());
        let viewer = Viewer::of(&identity, None);
        Walk::start(h, app, effects, viewer, lang)
    }

    fn console(h: &Harness, lang: Lang) -> Walk {
        let (mut app, effects) = admin_app("camille", COLS, 24);
        if lang != app.lang {
            app.lang = lang;
        }
        let viewer = Viewer::Console(Console { actor: "camille".into(), terminal: None });
        Walk::start(h, app, effects, viewer, lang)
    }

    fn start(h: &Harness, app: App, effects: Vec<Effect>, viewer: Viewer, lang: Lang) -> Walk {
        let ctx = Ctx { store: h.store.clone(), policy: CommentPolicy::default() };
        let mut walk = Walk { app, ctx, viewer, lang, cut: Vec::new(), tab_to: None };
        walk.settle(effects);
        walk
    }

    /// Performs effects and hands their results back until none is left, as the runtime.
    fn settle(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        let mut done = 0;
        while let Some(effect) = queue.pop_front() {
            done += 1;
            assert!(done < 500, "effects without end");
            if let Some(event) = perform_one(&self.ctx, &self.viewer, effect) {
                queue.extend(self.app.update(event));
            }
        }
    }

    fn press(&mut self, keys: &[Key]) -> &mut Walk {
        for key in keys {
            let tab_to = self.tab_to.take().filter(|_| *key == Key::Tab);
            let effects = self.app.update(Event::Key(*key));
            self.settle(effects);
            // Tab goes where the bars said.
            let top = screen(&self.app).lines().next().unwrap_or_default().to_lowercase();
            if let Some(to) = tab_to
                && !top.contains(&format!("cédille · {to}"))
            {
                self.cut.push(format!("{:?}: Tab was to go to {to}, went to {top}", self.lang));
            }
        }
        self
    }

    /// The bar shows every key the screen offers, whole.
    #[track_caller]
    fn bar(&mut self, what: &str) -> &mut Walk {
        let s = screen(&self.app);
        let bar = s.lines().last().unwrap_or_default().to_string();
        let offered = hints(&self.app);
        assert!(!offered.is_empty(), "{:?} {what}: no keys\n{s}", self.lang);
        let missing: Vec<String> =
            offered.iter().map(|(k, l)| format!("{k} {l}")).filter(|piece| !bar.contains(piece)).collect();
        // Tab named after where it goes, as the top bar names it.
        let top = s.lines().next().unwrap_or_default();
        self.tab_to =
            top.split_once("Tab → ").map(|(_, n)| n.split("  ").next().unwrap_or_default().to_lowercase());
        if let (Some(next), Some((_, label))) = (&self.tab_to, offered.iter().find(|(k, _)| *k == "Tab"))
            && label != next
        {
            self.cut.push(format!("{:?} {what}: « Tab {label} » but Tab goes to {next}", self.lang));
        }
        if !missing.is_empty() {
            self.cut.push(format!("{:?} {what}: {missing:?} cut from\n{bar}", self.lang));
        }
        self
    }
}

fn c(ch: char) -> Key {
    Key::Char(ch)
}

#[test]
fn every_status_bar_fits_80_columns_in_both_languages() {
    let h = Harness::new();
    let member = h.member(Some("camille"));
    let other = h.member(Some("nour"));
    let moderator = h.member(Some("sofia"));
    h.store.users().set_role(moderator.user_id, "moderator").unwrap();
    // The first article gets a comment of someone else's, then one of the member's own.
    let first = h.store.articles().list_published(None, Utc::now()).unwrap()[0].id;
    let policy = session::unmoderated();
    for (who, text) in [(&other, "Bonne idée."), (&member, "Merci !")] {
        h.store.comments().post(who.user_id, first, None, text, &policy, Utc::now()).unwrap();
    }
    let mut cut = Vec::new();
    for lang in [Lang::Fr, Lang::En] {
        let mut w = Walk::member(&h, member.identity.clone(), lang);
        w.bar("the bulletin");
        w.press(&[c('/')]).bar("searching the bulletin").press(&[Key::Esc]);
        w.press(&[Key::Enter]).bar("an article");
        w.press(&[Key::Tab]).bar("someone else's comment");
        w.press(&[c('j')]).bar("one's own comment");
        w.press(&[c('c')]).bar("the editor").press(&[Key::Esc, Key::Esc]);
        w.press(&[Key::Esc, c('?')]).bar("the help").press(&[Key::Esc]);
        w.press(&[c('p')]).bar("the profile").press(&[Key::Esc]);
        w.press(&[Key::Tab]).bar("the agenda");
        w.press(&[Key::Enter]).bar("a meetup").press(&[Key::Esc]);
        w.press(&[c('n')]).bar("proposing a meetup").press(&[Key::Esc]);
        w.press(&[Key::Tab]).bar("the spaces");
        w.press(&[c('/')]).bar("searching the spaces").press(&[Key::Esc]);
        w.press(&[c('f')]).bar("the filters").press(&[Key::Esc]);
        w.press(&[Key::Enter]).bar("a space").press(&[Key::Esc]);
        w.press(&[c('m')]).bar("the map").press(&[Key::Esc]);
        w.press(&[Key::Tab]).bar("the network");
        w.press(&[c('i')]).bar("the inbox").press(&[Key::Esc]);
        w.press(&[c('e')]).bar("one's own card").press(&[Key::Esc]);

        let mut moderator = Walk::member(&h, moderator.identity.clone(), lang);
        moderator.press(&[Key::Enter, Key::Tab]).bar("comments, as a moderator");

        let mut guest = Walk::member(&h, Identity::Guest, lang);
        guest.bar("the bulletin, as a guest").press(&[Key::Enter, Key::Tab]).bar("comments, as a guest");

        let mut console = Walk::console(&h, lang);
        console.bar("the dashboard");
        for section in ["articles", "moderation", "members", "spaces", "agenda"] {
            console.press(&[Key::Tab]).bar(section);
        }
        console.press(&[c('3'), c('v')]).bar("the hidden comments");
        for walk in [w, guest, moderator, console] {
            cut.extend(walk.cut);
        }
    }
    assert!(cut.is_empty(), "{}", cut.join("\n"));
}
