//! `cedille article import` with `author_handle`: a member signs the article; a handle no
//! member has names its file and line, and nothing of the batch is imported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;
use process::cedille;

use cedille::store::Store;

#[test]
fn an_article_signed_by_a_member_is_imported_and_an_unknown_handle_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("c.db");
    let (store, _) = Store::open(&db_path).unwrap();
    let db = db_path.to_str().unwrap().to_string();
    let camille = store.users().for_key("SHA256:cli-camille", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(camille, "camille").unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let good =
        write("good.md", "---\ntitle: Signé\nauthor: Camille (Die)\nauthor_handle: Camille\n---\n\nTexte.\n");
    let other = write("other.md", "---\ntitle: Autre\n---\n\nTexte.\n");
    let bad =
        write("bad.md", "---\ntitle: Mal signé\nrubrique: Essais\nauthor_handle: personne\n---\n\nTexte.\n");
    let before = store.articles().count().unwrap();

    let (status, out, err) = cedille(&["article", "import", &other, &bad, "--db", &db]);
    assert_eq!(status, 1, "{out}");
    assert!(err.contains("bad.md: line 4: no member has the handle `personne`"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(store.articles().count().unwrap(), before, "half an import landed");

    let (status, out, err) = cedille(&["article", "import", &good, "--db", &db]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("inserted (signe)"), "{out}");
    let article = store.articles().get_published("signe", None, chrono::Utc::now()).unwrap().unwrap();
    assert_eq!(article.summary.author, "Camille (Die)");
    let page = store.author_of(article.summary.id, chrono::Utc::now()).unwrap().unwrap();
    assert_eq!(page.handle, "camille");
    // A bad handle's form is refused by the parser, with its line too.
    let malformed = write("malformed.md", "---\ntitle: X\nauthor_handle: jean paul\n---\n");
    let (status, _, err) = cedille(&["article", "import", &malformed, "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("malformed.md: line 3:"), "{err}");
}
