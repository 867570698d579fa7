//! The bulletin in line mode: the numbered list of articles, an article with its comments
//! (a page at a time), commenting and replying, and the one line that says a comment came
//! into the thread being read.

use std::sync::Arc;

use super::{Ask, Line, Place};
use crate::domain::comment::{CommentStatus, ThreadView};
use crate::domain::member_page::excerpt;
use crate::domain::search::{SearchHit, SearchQuery};
use crate::domain::space::fold;
use crate::domain::{Article, ArticleSummary, Comment, Identity};
use crate::text::{MdLabels, MdStyles, clean_line, clean_text, lines_to_plain, protect_french};
use crate::text::{render_comment, render_markdown, wrap_plain};
use crate::ui::event::Effect;
use crate::ui::{BulletinOp, BulletinResult, FollowOp, ProfileOp};

/// Characters of a new comment quoted in its announcement.
const QUOTE: usize = 60;

#[derive(Debug, Default)]
pub struct State {
    articles: Vec<ArticleSummary>,
    /// The member asked for the list: it is printed when it comes.
    list_wanted: bool,
    open: Option<i64>,
    article: Option<Article>,
    comments: Option<Arc<Vec<Comment>>>,
    /// The members this member blocked (sorted): their comments are a line saying so.
    blocked: Vec<i64>,
    /// The article is printed once it and its comments are both here.
    show: bool,
    /// The newest comment of the open thread already shown or said.
    known: i64,
    /// What was being written when a handle had to be chosen first.
    pub(super) after_handle: Option<Ask>,
    /// What the last search found; a number chooses among them while they are the list
    /// on view.
    hits: Vec<SearchHit>,
    showing_hits: bool,
}

impl State {
    pub fn open_article(&self) -> Option<i64> {
        self.open
    }
}

impl Line {
    pub(super) fn open_bulletin(&mut self) -> Vec<Effect> {
        self.place = Place::Bulletin;
        self.bulletin.list_wanted = true;
        self.bulletin.open = None;
        self.wait();
        vec![BulletinOp::LoadArticles.into()]
    }

    pub(super) fn bulletin_command(&mut self, word: &str) -> Option<Vec<Effect>> {
        let (verb, rest) = word.split_once(' ').map_or((word, ""), |(v, r)| (v, r.trim()));
        if self.place == Place::Bulletin {
            if matches!(word, "l" | "liste" | "list") {
                self.bulletin.showing_hits = false;
                self.print_articles();
                return Some(Vec::new());
            }
            if matches!(verb, "chercher" | "search" | "cherche") && !rest.is_empty() {
                self.wait();
                let query = SearchQuery { words: rest.to_string(), rubrique: None };
                return Some(vec![BulletinOp::Search(query).into()]);
            }
            let ids: Vec<i64> = if self.bulletin.showing_hits {
                self.bulletin.hits.iter().map(|h| h.article_id).collect()
            } else {
                self.bulletin.articles.iter().map(|a| a.id).collect()
            };
            let i = self.chosen(word, ids.len())?;
            let id = ids.get(i).copied()?;
            return Some(self.open_article(id));
        }
        match verb {
            "c" | "commenter" | "comment" => Some(self.start_comment(None)),
            "r" | "repondre" | "reply" => {
                let comments = self.bulletin.comments.clone().unwrap_or_default();
                let i = self.chosen(rest, comments.len())?;
                let c = comments.get(i)?;
                if ThreadView::hides(&self.bulletin.blocked, c) {
                    self.out.line(self.lang.c().hidden_no_reply);
                    return Some(Vec::new());
                }
                self.out.line(&self.lang.line_replying(i + 1, &c.author));
                Some(self.start_comment(Some(c.id)))
            }
            "l" | "lire" | "read" => {
                self.print_article();
                Some(Vec::new())
            }
            "e" | "modifier" | "edit" => Some(self.change_own(rest, true)),
            "d" | "supprimer" | "delete" => Some(self.change_own(rest, false)),
            _ => None,
        }
    }

    /// `e N` and `d N`: the member's own comment N written again, or withdrawn after a
    /// question; refused at once, with the reason, when it is not theirs or too old.
    fn change_own(&mut self, number: &str, edit: bool) -> Vec<Effect> {
        let comments = self.bulletin.comments.clone().unwrap_or_default();
        let Some(i) = self.chosen(number, comments.len()) else {
            self.out.line(self.lang.l().no_such_number);
            return Vec::new();
        };
        let Some(c) = comments.get(i) else { return Vec::new() };
        if !self.may_write() {
            return Vec::new();
        }
        if let Err(why) = c.editable_by(self.identity.user_id(), self.now) {
            self.out.line(self.lang.not_editable(why, !edit));
            return Vec::new();
        }
        let l = self.lang.l();
        if edit {
            self.out.line(l.edit_current);
            for line in clean_text(&c.body).lines() {
                self.out.line(&format!("  {line}"));
            }
            self.out.line(l.compose_help);
            self.ask = Some(Ask::Edit { id: c.id, lines: Vec::new() });
        } else {
            self.out.line(l.delete_confirm);
            self.ask = Some(Ask::Delete(c.id));
        }
        Vec::new()
    }

    fn open_article(&mut self, id: i64) -> Vec<Effect> {
        self.place = Place::Article;
        let b = &mut self.bulletin;
        (b.open, b.article, b.comments, b.show, b.known) = (Some(id), None, None, true, 0);
        self.wait();
        let mut effects = vec![BulletinOp::LoadArticle(id).into(), BulletinOp::LoadComments(id).into()];
        if !self.identity.is_guest() {
            effects.push(BulletinOp::MarkRead(id).into());
        }
        effects
    }

    /// A change: the open thread, read again; what is new in it is said when it comes.
    pub(super) fn bulletin_refresh(&mut self) -> Vec<Effect> {
        self.bulletin.open.map(|id| BulletinOp::LoadComments(id).into()).into_iter().collect()
    }

    pub(super) fn bulletin_result(&mut self, result: BulletinResult) -> Vec<Effect> {
        match result {
            BulletinResult::Articles(result) => {
                let wanted = std::mem::take(&mut self.bulletin.list_wanted);
                match result {
                    Ok(list) => self.bulletin.articles = list.items().to_vec(),
                    Err(fault) if wanted => self.out.line(self.lang.fault(fault)),
                    Err(_) => {}
                }
                if wanted {
                    self.ready();
                    self.print_articles();
                }
                Vec::new()
            }
            BulletinResult::Article(result) => {
                match result {
                    Ok(Some(article)) => self.bulletin.article = Some(article),
                    Ok(None) => self.article_failed(self.lang.fault(crate::domain::Fault::NotFound)),
                    Err(fault) => self.article_failed(self.lang.fault(fault)),
                }
                self.show_when_ready()
            }
            BulletinResult::Comments(id, result) if Some(id) == self.bulletin.open => {
                match result {
                    Ok(view) if self.bulletin.show => {
                        self.bulletin.comments = Some(view.comments);
                        self.bulletin.blocked = view.blocked;
                    }
                    Ok(view) => {
                        self.bulletin.blocked = view.blocked;
                        self.comments_changed(view.comments);
                    }
                    Err(fault) if self.bulletin.show => self.article_failed(self.lang.fault(fault)),
                    Err(_) => {}
                }
                self.show_when_ready()
            }
            BulletinResult::CommentSaved(result) => self.comment_saved(result),
            BulletinResult::CommentDeleted(result) => {
                self.ready();
                match result {
                    Ok(()) => self.out.line(self.lang.c().deleted_notice),
                    Err(e) => self.out.line(&self.lang.post_error(&e)),
                }
                self.bulletin_refresh()
            }
            BulletinResult::Found(_, result) => {
                self.ready();
                match result {
                    Ok(hits) => {
                        (self.bulletin.hits, self.bulletin.showing_hits) = (hits, true);
                        self.print_hits_found();
                    }
                    Err(fault) => self.out.line(self.lang.fault(fault)),
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn article_failed(&mut self, why: &str) {
        if self.bulletin.show {
            self.bulletin.show = false;
            self.out.line(why);
            self.place = Place::Bulletin;
            self.bulletin.open = None;
            self.ready();
        }
    }

    /// The article and its thread are both here: printed, and marked seen.
    fn show_when_ready(&mut self) -> Vec<Effect> {
        let b = &self.bulletin;
        let (Some(article), Some(comments)) = (&b.article, &b.comments) else { return Vec::new() };
        if !b.show {
            return Vec::new();
        }
        let (id, upto) = (article.summary.id, comments.iter().map(|c| c.id).max().unwrap_or(0));
        self.bulletin.show = false;
        self.bulletin.known = upto;
        self.ready();
        self.print_article();
        if self.identity.is_guest() || upto == 0 {
            return Vec::new();
        }
        vec![FollowOp::Seen { article: id, upto }.into()]
    }

    /// The thread read again after a change: each comment that came from someone else is
    /// said in one line, but for those of members this member blocked.
    fn comments_changed(&mut self, list: Arc<Vec<Comment>>) {
        let me = self.identity.user_id();
        let title = self.bulletin.article.as_ref().map(|a| a.summary.title.clone()).unwrap_or_default();
        let known = self.bulletin.known;
        let blocked = &self.bulletin.blocked;
        let news = list.iter().filter(|c| c.id > known && Some(c.author_id) != me);
        for c in news.filter(|c| !ThreadView::hides(blocked, c)) {
            if c.status == CommentStatus::Published {
                let said = excerpt(&clean_line(&c.body), QUOTE);
                self.out.line(&self.lang.line_new_comment(&c.author, &title, &said));
            }
        }
        self.bulletin.known = list.iter().map(|c| c.id).max().unwrap_or(0).max(known);
        self.bulletin.comments = Some(list);
    }

    fn print_articles(&mut self) {
        if self.bulletin.articles.is_empty() {
            self.out.line(self.lang.l().no_articles);
            return;
        }
        let lang = self.lang;
        let lines = self
            .bulletin
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let rubrique = clean_line(&a.rubrique);
                let title = protect_french(&clean_line(&a.title));
                let when = lang.relative(a.published_at, self.now);
                let head = if rubrique.is_empty() { String::new() } else { format!("{rubrique}, ") };
                format!("{}. {title} ({head}{when}, {})", i + 1, lang.comments(a.comments))
            })
            .collect();
        self.out.page(lines);
    }

    fn print_hits_found(&mut self) {
        let lang = self.lang;
        self.out.line(&lang.hits(self.bulletin.hits.len(), false));
        let lines = self
            .bulletin
            .hits
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let by = if h.author.is_empty() {
                    String::new()
                } else {
                    format!(", {}", lang.comment_by(&clean_line(&h.author)))
                };
                let said = clean_line(&h.excerpt);
                format!("{}. {}{by}{} {said}", i + 1, clean_line(&h.title), lang.line_colon())
            })
            .collect();
        self.out.page(lines);
    }

    /// The article, then its comments numbered, a page at a time.
    fn print_article(&mut self) {
        let Some(article) = self.bulletin.article.clone() else { return };
        let comments = self.bulletin.comments.clone().unwrap_or_default();
        let (lang, width) = (self.lang, self.width());
        let a = &article.summary;
        let mut lines = Vec::new();
        if !a.rubrique.is_empty() {
            lines.push(clean_line(&a.rubrique).to_uppercase());
        }
        lines.extend(wrap_plain(&protect_french(&clean_line(&a.title)), width));
        let byline = format!(
            "{}, {}, {}",
            lang.by(&clean_line(&a.author)),
            lang.long_date(a.published_at),
            lang.comments(a.comments)
        );
        lines.extend(wrap_plain(&protect_french(&byline), width));
        lines.push(String::new());
        let labels = MdLabels { links: lang.s().links, notes: lang.s().notes };
        lines.extend(lines_to_plain(&render_markdown(&article.body, width, &MdStyles::default(), &labels)));
        lines.push(String::new());
        lines.push(lang.comments_heading(comments.len()));
        if comments.is_empty() {
            lines.push(lang.l().no_comments.to_string());
        }
        for (i, c) in comments.iter().enumerate() {
            // Numbered all the same: « r 4 » and « en réponse à 3 » keep their numbers.
            if ThreadView::hides(&self.bulletin.blocked, c) {
                lines.push(format!("{}. {}", i + 1, lang.c().hidden_blocked));
                continue;
            }
            let parent = c.parent_id.and_then(|p| comments.iter().position(|o| o.id == p)).map(|p| p + 1);
            lines.push(lang.line_comment_head(
                i + 1,
                &c.author,
                &lang.relative(c.created_at, self.now),
                parent,
            ));
            if c.status == CommentStatus::Deleted || c.body.is_empty() {
                lines.push(lang.l().deleted.to_string());
            } else {
                let body = clean_text(&c.body);
                lines.extend(lines_to_plain(&render_comment(&body, width, &MdStyles::default(), &labels)));
            }
        }
        self.out.page(lines.into_iter().map(|l| clean_line(&l)).collect());
    }

    /// `c` or `r N`: a comment to write, after a handle if the member has none yet.
    fn start_comment(&mut self, parent: Option<i64>) -> Vec<Effect> {
        let Some(article) = self.bulletin.open else { return Vec::new() };
        if !self.may_write() {
            return Vec::new();
        }
        let ask = Ask::Comment { article, parent, lines: Vec::new() };
        self.start_writing(ask);
        Vec::new()
    }

    /// Writing begins, or a handle is asked for first.
    pub(super) fn start_writing(&mut self, ask: Ask) {
        if matches!(&self.identity, Identity::Member { handle: None, .. }) {
            self.out.line(self.lang.l().handle_first);
            self.ask = Some(Ask::Handle(Some(Box::new(ask))));
            return;
        }
        match &ask {
            Ask::Meetup(p) => self.ask_field(p),
            _ => self.out.line(self.lang.l().compose_help),
        }
        self.ask = Some(ask);
    }

    /// A line typed while something was asked for.
    pub(super) fn answer(&mut self, ask: Ask, text: &str) -> Vec<Effect> {
        match ask {
            Ask::Comment { article, parent, mut lines } => {
                if text != "." {
                    lines.push(text.to_string());
                    self.ask = Some(Ask::Comment { article, parent, lines });
                    return Vec::new();
                }
                self.wait();
                self.bulletin.after_handle = Some(Ask::Comment { article, parent, lines: lines.clone() });
                vec![BulletinOp::PostComment { article, parent, body: joined(&lines) }.into()]
            }
            Ask::Message { to, mut lines } => {
                if text != "." {
                    lines.push(text.to_string());
                    self.ask = Some(Ask::Message { to, lines });
                    return Vec::new();
                }
                self.wait();
                self.messages.sending = Some(lines.clone());
                vec![crate::ui::NetOp::Send { to, body: joined(&lines) }.into()]
            }
            Ask::Edit { id, mut lines } => {
                if text != "." {
                    lines.push(text.to_string());
                    self.ask = Some(Ask::Edit { id, lines });
                    return Vec::new();
                }
                self.wait();
                self.bulletin.after_handle = Some(Ask::Edit { id, lines: lines.clone() });
                vec![BulletinOp::EditComment { id, body: joined(&lines) }.into()]
            }
            Ask::Delete(id) if matches!(fold(text).as_str(), "o" | "oui" | "y" | "yes") => {
                self.wait();
                vec![BulletinOp::DeleteComment(id).into()]
            }
            Ask::Delete(_) => {
                self.out.line(self.lang.l().cancelled);
                Vec::new()
            }
            Ask::Handle(then) if text.is_empty() => {
                self.ask = Some(Ask::Handle(then));
                Vec::new()
            }
            Ask::Handle(then) => {
                self.bulletin.after_handle = then.map(|b| *b);
                self.wait();
                vec![ProfileOp::SetHandle(text.to_string()).into()]
            }
            Ask::Presentation => {
                self.wait();
                vec![ProfileOp::SetPresentation(text.to_string()).into()]
            }
            Ask::Charset => self.charset_answer(text),
            Ask::Meetup(p) => self.proposal_answer(p, text),
        }
    }

    fn comment_saved(&mut self, result: Result<Comment, crate::domain::comment::PostError>) -> Vec<Effect> {
        self.ready();
        let kept = self.bulletin.after_handle.take();
        match result {
            Ok(c) => {
                let c_ = self.lang.c();
                let said = match kept {
                    Some(Ask::Edit { .. }) => self.lang.l().edited,
                    _ if c.status == CommentStatus::Published => c_.posted,
                    _ => c_.posted_pending,
                };
                self.out.line(said);
                self.bulletin.known = self.bulletin.known.max(c.id);
                self.bulletin_refresh()
            }
            Err(e) => {
                // The text is not lost: a lone dot sends it again, Ctrl-C drops it.
                self.out.line(&self.lang.post_error(&e));
                self.ask = kept;
                Vec::new()
            }
        }
    }
}

/// The lines typed, as one text; blank lines at either end dropped.
fn joined(lines: &[String]) -> String {
    lines.join("\n").trim_matches('\n').to_string()
}
