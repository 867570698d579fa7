//! The queries every key may run are answered from the indexes of their own rows: on a
//! bulletin of years a plan that walks a whole table is the difference between a
//! millisecond and half a second per key, and nothing else would show it before then.

use super::Store;
use super::articles::SUMMARY;

fn plan(s: &Store, sql: &str) -> String {
    s.read(|c| {
        let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(3))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines.join("\n"))
    })
    .unwrap()
}

#[test]
fn an_articles_comment_count_reads_only_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = Store::open(&dir.path().join("p.db")).unwrap();
    let sql = format!("{SUMMARY} WHERE a.status = 'published' AND a.published_at <= '2027' AND a.id = 1");
    let shown = plan(&s, &sql.replace("?1", "7"));
    assert!(shown.contains("comments_by_article"), "{shown}");
    assert!(!shown.contains("comments_by_status (status=?)"), "{shown}");
}
