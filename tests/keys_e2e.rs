#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A member's keys over real SSH: `keys --json` lists them with the one in use, `keys
//! remove` refuses the key of the connection and removes another, and a removed key that
//! comes back is a stranger, not that member.

mod common;

use common::*;
use russh::keys::{HashAlg, PrivateKey};

fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

fn json_lines(out: &ExecOutput) -> Vec<serde_json::Value> {
    out.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_laptops_key_is_removed_from_another_and_no_longer_opens_the_account() {
    let (server, store) = Server::start_with(Default::default()).await;
    let (laptop, desktop) = (fresh_key(), fresh_key());
    let (fp_laptop, fp_desktop) = (fingerprint(&laptop), fingerprint(&desktop));

    // The laptop's account, with a handle; the desktop's key linked to it by a code.
    let on_laptop = Client::member_with(server.addr, laptop.clone()).await;
    assert_eq!(on_laptop.exec("handle camille").await.status, Some(0));
    let me = store.users().for_key(&fp_laptop, "ssh-ed25519").unwrap().user_id;
    let code = store.users().create_link_code(me, chrono::Utc::now()).unwrap();
    store.users().for_key(&fp_desktop, "ssh-ed25519").unwrap();
    assert_eq!(store.users().redeem_link_code(&fp_desktop, &code, chrono::Utc::now()), Ok(me));

    let on_desktop = Client::member_with(server.addr, desktop.clone()).await;
    let out = on_desktop.exec("keys --json").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    let keys = json_lines(&out);
    assert_eq!(keys.len(), 2, "{keys:?}");
    for k in &keys {
        let mut fields: Vec<&str> = k.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["added_at", "current", "fingerprint", "last_used_at", "type"], "{k}");
        assert_eq!(k["type"], "ssh-ed25519");
        assert!(k["added_at"].as_str().unwrap().ends_with('Z'), "{k}");
        // Both logged in over SSH: both uses were recorded.
        assert!(k["last_used_at"].is_string(), "{k}");
    }
    let current: Vec<&str> =
        keys.iter().filter(|k| k["current"] == true).map(|k| k["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(current, [fp_desktop.as_str()]);

    // The key of this connection stays.
    let out = on_desktop.exec(&format!("keys remove {fp_desktop}")).await;
    assert_eq!(out.status, Some(1));
    assert!(out.stderr().contains("C'est la clé de cette session"), "{}", out.stderr());
    let out = on_desktop.exec("keys remove SHA256:nothing-like-it").await;
    assert_eq!(out.status, Some(1));
    assert!(out.stderr().contains("Aucune de vos clés"), "{}", out.stderr());
    assert_eq!(json_lines(&on_desktop.exec("keys --json").await).len(), 2);

    // The laptop's is removed; the prefix may be left out.
    let typed = fp_laptop.trim_start_matches("SHA256:");
    let out = on_desktop.exec_with_env(&format!("keys remove {typed}"), &[("LANG", "en_GB.UTF-8")]).await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    assert_eq!(out.stdout(), format!("Key {fp_laptop} removed: it no longer opens your account.\n"));
    let keys = json_lines(&on_desktop.exec("keys --json").await);
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(keys[0]["fingerprint"], fp_desktop.as_str());

    // The laptop's connection, still open, runs nothing more as the member.
    let out = on_laptop.exec("whoami").await;
    assert_eq!(out.status, Some(1));
    assert!(out.stderr().contains("La clé de cette session a été retirée"), "{}", out.stderr());

    // Now the last key: refused too.
    let out = on_desktop.exec(&format!("keys remove {fp_desktop}")).await;
    assert_eq!(out.status, Some(1));
    assert!(out.stderr().contains("seule clé"), "{}", out.stderr());

    // The laptop comes back: a new identity, without the handle, which is still the member's.
    let thief = Client::member_with(server.addr, laptop).await;
    let out = thief.exec("whoami --json").await;
    let who: serde_json::Value = serde_json::from_str(out.stdout().trim()).unwrap();
    assert_eq!(who["fingerprint"], fp_laptop.as_str());
    assert_eq!(who["handle"], serde_json::Value::Null, "{who}");
    assert_ne!(store.users().for_key(&fp_laptop, "ssh-ed25519").unwrap().user_id, me);
    let out = on_desktop.exec("whoami").await;
    assert_eq!(out.stdout(), format!("{fp_desktop} camille\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_is_for_members_and_the_help_names_it() {
    let server = Server::start().await;
    let guest = Client::guest(server.addr).await;
    let out = guest.exec("keys").await;
    assert_eq!(out.status, Some(1));
    assert!(out.stderr().contains("ssh-keygen -t ed25519"), "{}", out.stderr());
    let help = guest.exec("help").await.stdout();
    assert!(help.contains("  keys [--json]") && help.contains("  keys remove EMPREINTE"), "{help}");
    // No address configured: the examples say the port the server listens on.
    let port = server.addr.port();
    assert!(help.contains(&format!("ssh -p {port} localhost read 3")), "{help}");
}
