//! Tests of the Markdown renderer on real French text and hostile input.
#![allow(clippy::unwrap_used)]

use super::*;

const POST: &str = "\
# Sortie du samedi

Bonjour à tous ! Le programme de la « randonnée » est simple : départ à 20 h, \
marche de 12 km. Tout est sur le site [exemple](https://example.org), et le \
parcours est aussi sur l'[exemple](https://example.org) du club.

- une lampe frontale, de préférence avec des piles neuves et une de rechange
- de l'eau[^eau]
- de *bonnes* chaussures

> Qui marche la nuit voit les étoiles : c'est **promis**.

Rendez-vous devant la mairie[^lieu].

[^eau]: Au moins 1 l par personne.
[^lieu]: Place du marché, voir <https://cedille.example/plan>.
";

fn plain(src: &str, width: usize) -> Vec<String> {
    let lines = render_markdown(src, width, &MdStyles::default(), &MdLabels::FRENCH);
    for line in &lines {
        assert!(line.width() <= width.max(1), "too wide at {width}: {line:?}");
    }
    lines_to_plain(&lines)
}

fn has(lines: &[String], wanted: &str) -> bool {
    lines.iter().any(|l| l == wanted)
}

#[test]
fn french_post_at_80() {
    let out = plain(POST, 80);
    let text = out.join("\n");
    assert_eq!(out.first().map(String::as_str), Some("Sortie du samedi"));
    assert_eq!(out.get(1).map(String::as_str), Some(""));
    assert!(text.contains("exemple [1]"), "{text}");
    assert!(text.contains("« randonnée » est simple : départ"));
    assert!(text.contains("l'exemple [1] du club"));
    assert!(has(&out, "• de l'eau¹"));
    assert!(has(&out, "• de bonnes chaussures"));
    assert!(has(&out, "│ Qui marche la nuit voit les étoiles : c'est promis."));
    assert!(has(&out, "Rendez-vous devant la mairie²."));
    let links = out.iter().position(|l| l == "Liens").unwrap();
    let notes = out.iter().position(|l| l == "Notes").unwrap();
    assert!(links < notes);
    assert_eq!(out.get(links - 1).map(String::as_str), Some(""));
    assert_eq!(
        out.get(links + 1..notes),
        Some(
            &[
                "[1] https://example.org".to_string(),
                "[2] https://cedille.example/plan".to_string(),
                String::new(),
            ][..]
        )
    );
    assert_eq!(
        out.get(notes + 1..),
        Some(
            &[
                "¹ Au moins 1 l par personne.".to_string(),
                "² Place du marché, voir https://cedille.example/plan [2].".to_string(),
            ][..]
        )
    );
    assert_ne!(out.last().map(String::as_str), Some(""));
}

#[test]
fn french_post_at_40() {
    let out = plain(POST, 40);
    let text = out.join("\n");
    assert!(text.contains("exemple [1]"), "{text}");
    assert!(has(&out, "[1] https://example.org"));
    // Hanging indent under the text, not under the bullet.
    let i = out.iter().position(|l| l.starts_with("• une lampe")).unwrap();
    assert!(out.get(i + 1).unwrap().starts_with("  ") && !out.get(i + 1).unwrap().starts_with("   "));
    // Quote lines all carry the bar.
    let quote: Vec<_> = out.iter().filter(|l| l.contains("étoiles")).collect();
    assert!(quote.iter().all(|l| l.starts_with("│ ")));
    // Notes are wrapped with a hanging indent.
    let n = out.iter().position(|l| l.starts_with("² Place")).unwrap();
    assert!(out.get(n + 1).unwrap().starts_with("  "));
    for line in &out {
        assert!(!line.trim_start_matches("│ ").starts_with([':', ';', '!', '?', '»']));
        assert!(!line.ends_with('«'));
    }
}

#[test]
fn styles_applied() {
    let st = MdStyles::default();
    let lines = render_markdown(
        "Du *style* et du **gras**, du `code : brut`, ~~barré~~ [lien](https://a.b).",
        80,
        &st,
        &MdLabels::ENGLISH,
    );
    let spans: Vec<&Span<'_>> = lines.iter().flat_map(|l| l.spans.iter()).collect();
    let style_of = |text: &str| spans.iter().find(|s| s.content == text).map(|s| s.style).unwrap();
    assert_eq!(style_of("style"), st.emphasis);
    assert_eq!(style_of("gras"), st.strong);
    // Code is verbatim: no no-break space inserted before the colon.
    assert_eq!(style_of("code : brut"), st.code);
    assert!(style_of("barré").add_modifier.contains(Modifier::CROSSED_OUT));
    assert_eq!(style_of("lien"), st.link);
    assert_eq!(style_of("[1]"), st.reference);
    assert!(lines_to_plain(&lines).contains(&"Links".to_string()));
}

#[test]
fn lists() {
    let src = "3. trois\n4. quatre\n\n- a\n  - b\n    - c\n\n8. huit\n9. neuf\n10. dix mots qui vont passer à la ligne";
    let out = plain(src, 20);
    assert_eq!(
        out,
        vec![
            "3. trois",
            "4. quatre",
            "",
            "• a",
            "  ◦ b",
            "    • c",
            "",
            " 8. huit",
            " 9. neuf",
            "10. dix mots qui",
            "    vont passer à la",
            "    ligne",
        ]
    );
    let lines = render_markdown(src, 20, &MdStyles::default(), &MdLabels::FRENCH);
    let marker = lines.first().and_then(|l| l.spans.first()).unwrap();
    assert_eq!(marker.style, MdStyles::default().list_marker);
}

#[test]
fn loose_list_items_are_spaced() {
    let out = plain("- un\n\n- deux\n\n  suite", 40);
    assert_eq!(out, vec!["• un", "", "• deux", "", "  suite"]);
}

#[test]
fn quotes_nest() {
    let out = plain("> un\n>\n> > deux\n\naprès", 40);
    assert_eq!(out, vec!["│ un", "│", "│ │ deux", "", "après"]);
}

#[test]
fn code_blocks_verbatim_and_truncated() {
    let src = "```\nlet x = a : b;\n\n    très long code qui dépasse\n```";
    let out = plain(src, 16);
    assert_eq!(out, vec!["  let x = a : b;", "", "      très long"]);
    let lines = render_markdown(src, 16, &MdStyles::default(), &MdLabels::FRENCH);
    assert_eq!(lines.first().unwrap().spans.first().unwrap().style, MdStyles::default().code_block);
}

#[test]
fn rule_and_headings() {
    let out = plain("# Un\n## Deux\n### Trois\n#### Quatre\n\n---\n\nfin", 60);
    assert_eq!(out, vec!["Un", "", "Deux", "", "Trois", "", "Quatre", "", &"─".repeat(40), "", "fin"]);
    assert_eq!(plain("---", 7), vec!["─".repeat(7)]);
    let st = MdStyles::default();
    let lines = render_markdown("## Deux *x*", 60, &st, &MdLabels::FRENCH);
    let spans = &lines.first().unwrap().spans;
    assert_eq!(spans.first().unwrap().style, st.heading2);
    assert_eq!(spans.last().unwrap().style, st.heading2.patch(st.emphasis));
}

#[test]
fn links_numbered_and_deduplicated() {
    let src = "[a](https://un.example) [b](https://deux.example) [c](https://un.example) \
                   <https://trois.example> [vide]()";
    let out = plain(src, 80);
    assert_eq!(
        out,
        vec![
            "a [1] b [2] c [1] https://trois.example [3] vide",
            "",
            "Liens",
            "[1] https://un.example",
            "[2] https://deux.example",
            "[3] https://trois.example",
        ]
    );
}

#[test]
fn long_urls_cut_in_list() {
    let url = format!("https://example.org/{}", "x".repeat(50));
    let out = plain(&format!("[a]({url})"), 20);
    let listed: String = out.iter().skip_while(|l| *l != "Liens").skip(1).cloned().collect();
    assert_eq!(listed, format!("[1] {url}"));
}

#[test]
fn footnotes() {
    let src = "Deux[^b] notes[^a] et encore[^b].\n\n[^a]: A.\n[^b]: B.\n[^c]: Orpheline.";
    let out = plain(src, 40);
    assert_eq!(out, vec!["Deux¹ notes² et encore¹.", "", "Notes", "¹ B.", "² A.", "³ Orpheline."]);
    assert_eq!(superscript(10), "¹⁰");
    assert_eq!(superscript(1234567890), "¹²³⁴⁵⁶⁷⁸⁹⁰");
}

#[test]
fn html_is_text() {
    let out = plain("<script>alert(1)</script>\n\nun <b>gras</b>", 40);
    assert_eq!(out, vec!["<script>alert(1)</script>", "", "un <b>gras</b>"]);
}

#[test]
fn entities_cannot_smuggle_controls() {
    let out = plain("a &#x1b;[2J &#x202E;b &#x9b; `&#x1b;` [x](&#x1b;y)", 80).join("\n");
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
    assert!(!out.contains('\u{202E}'));
}

#[test]
fn adversarial_inputs_do_not_panic() {
    let deep_quote = "> ".repeat(10) + "profond";
    let deep_list: String = (0..10).map(|i| format!("{}- niveau {i}\n", "  ".repeat(i))).collect();
    let very_deep_quote = ">".repeat(100_000);
    let very_deep_list = "- ".repeat(20_000) + "x";
    let huge_word = "a".repeat(100_000);
    let inputs = [
        "",
        "   \n\t\n  ",
        "*a **b _c ~~d `e",
        "[^undefined] et [lien sans fin(",
        "[^a]: def sans ref",
        "[^a]\n\n[^a]: x[^a]\n[^a]: doublon",
        &deep_quote,
        &deep_list,
        &very_deep_quote,
        &very_deep_list,
        &huge_word,
        "```\nnon fermé",
        "<div>\n<p>html",
        "\u{202E}\u{200B}\x1b[31m\r\n\r\n",
        "日本語のテキスト 🇫🇷 ❤️ e\u{301}",
        "1. a\n2. b\n18446744073709551615. max\n",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "![alt](https://img.example/x.png) [![i](a)](b)",
    ];
    for src in inputs {
        for width in [0, 1, 2, 3, 5, 40] {
            let _ = plain(src, width);
        }
    }
    assert!(plain("", 40).is_empty());
    assert!(plain("  \n\n ", 40).is_empty());
    let out = plain(&huge_word, 80);
    assert_eq!(out.len(), 100_000_usize.div_ceil(80));
    let deep = plain(&deep_quote, 5);
    assert_eq!(deep.first().map(String::as_str), Some("│ │ p"));
    assert_eq!(deep.concat().replace("│ ", ""), "profond");
}

#[test]
fn lines_to_plain_trims_and_unbreaks() {
    let lines = vec![Line::from(vec![Span::raw("a\u{a0}:"), Span::raw("  ")]), Line::default()];
    assert_eq!(lines_to_plain(&lines), vec!["a :".to_string(), String::new()]);
}

#[test]
fn line_breaks_fall_between_the_lines() {
    let styles = MdStyles::default();
    let labels = MdLabels { links: "Liens", notes: "Notes" };
    // A hard break in an article: two spaces at the end of a line.
    let plain = lines_to_plain(&render_markdown("un  \ndeux", 40, &styles, &labels));
    assert_eq!(plain, vec!["un".to_string(), "deux".to_string()]);
    // In a comment every line break the member typed stays.
    let plain = lines_to_plain(&render_comment("Collé :\nligne deux\nligne « trois »", 40, &styles, &labels));
    assert_eq!(plain, vec!["Collé :", "ligne deux", "ligne « trois »"]);
    // In an article, lines of one paragraph join.
    let plain = lines_to_plain(&render_markdown("un\ndeux", 40, &styles, &labels));
    assert_eq!(plain, vec!["un deux".to_string()]);
}
