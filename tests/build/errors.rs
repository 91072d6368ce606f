//! Bad input: every problem reported at once, each as
//! `path:line:column: error: what (expected what)` with the line shown,
//! and nothing written.

use crate::support::*;

/// Builds `site` expecting failure; returns stderr. Checks nothing was written.
fn failing(site: &TestSite) -> String {
    let run = site.run(&["build"]);
    assert!(!run.success, "build should fail");
    assert!(!site.public().exists(), "a failed build must not write");
    run.stderr
}

fn one(file: &str, text: impl AsRef<[u8]>) -> String {
    failing(&TestSite::new().file(file, text))
}

#[test]
fn yaml_syntax_error_reports_line_and_column() {
    let stderr = one(
        "content/a.md",
        "---\ntitle: [Talks, \"Geneva\" round]\ndate: 2022-01-18\n---\nbody\n",
    );
    assert_eq!(
        stderr,
        "content/a.md:2:25: error: invalid YAML: did not find expected ',' or ']', while parsing a flow sequence at line 2, column 8 (expected `key: value` lines)\n  |\n2 | title: [Talks, \"Geneva\" round]\n  |                         ^\n\nerror: build failed: 1 error in the site; nothing was written\n"
    );
}

#[test]
fn a_colon_in_an_unquoted_value_says_to_quote_it() {
    let stderr = one(
        "content/a.md",
        "---\ntitle: Grain deal\ndate: 2022-07-22\nsummary: Turkey backs a UN plan: grain moves again\n---\nBody.\n",
    );
    assert_eq!(
        stderr,
        "content/a.md:4:10: error: invalid YAML: the value of `summary` holds a colon and a space, which YAML takes for the start of another key; put the value in quotes (expected `summary: \"Turkey backs a UN plan: grain moves again\"`)\n  |\n4 | summary: Turkey backs a UN plan: grain moves again\n  |          ^\n\nerror: build failed: 1 error in the site; nothing was written\n"
    );
    // The same in site.yaml, and a value holding double quotes gets single ones.
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-21", ""))
        .file("site.yaml", "title: The \"Grain\" desk: Black Sea\n");
    let stderr = failing(&site);
    assert!(stderr.starts_with("site.yaml:1:8: error: invalid YAML: the value of `title` holds a colon and a space, which YAML takes for the start of another key; put the value in quotes (expected `title: 'The \"Grain\" desk: Black Sea'`)\n"), "{stderr}");
}

#[test]
fn an_unclosed_bracket_is_reported_where_it_was_opened() {
    let stderr = one(
        "content/a.md",
        "---\ntitle: Talks\ndate: 2022-01-18\nactors: [Antony Blinken, Sergey Lavrov\nplaces: [Geneva]\n---\nBody.\n",
    );
    assert_eq!(
        stderr,
        "content/a.md:4:9: error: invalid YAML: this `[` is never closed: the list it opens has no `]` (expected `]` at the end of the list: `actors: [Antony Blinken, Sergey Lavrov]`)\n  |\n4 | actors: [Antony Blinken, Sergey Lavrov\n  |         ^\n\nerror: build failed: 1 error in the site; nothing was written\n"
    );
    let stderr = one(
        "content/a.md",
        "---\ntitle: Talks\ndate: 2022-01-18\nextra: {desk: Europe, priority: 2  # for the index\nsummary: Both sides met.\n---\nBody.\n",
    );
    assert!(stderr.starts_with("content/a.md:4:8: error: invalid YAML: this `{` is never closed: the mapping it opens has no `}` (expected `}` at the end of the mapping: `extra: {desk: Europe, priority: 2}  # for the index`)\n  |\n4 | extra: {desk: Europe, priority: 2  # for the index\n  |        ^\n"), "{stderr}");
}

#[test]
fn a_failing_check_says_check_failed_not_that_nothing_was_written() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: Talks\ndate: 2022-13-40\n---\n");
    let run = site.run(&["check"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .ends_with("\n\nerror: check failed: 1 error in the site\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn paths_and_urls_in_long_messages_are_shown_whole() {
    let title = "Lavrov and Kuleba discuss a grain corridor in Ankara without agreeing a ceasefire";
    let first =
        "content/2022/03/2022-03-10-lavrov-and-kuleba-discuss-a-grain-corridor-in-ankara.md";
    let site = TestSite::new()
        .file(first, article(title, "2022-03-10", ""))
        .file(
            "content/2022/03/2022-03-10-lavrov-and-kuleba-in-ankara-second-report.md",
            article(title, "2022-03-10", ""),
        );
    let stderr = failing(&site);
    let url =
        "/2022/03/10/lavrov-and-kuleba-discuss-a-grain-corridor-in-ankara-without-agreeing-a/";
    assert!(
        stderr.contains(&format!(
            "error: this article and {first} would both be written to {url} (expected"
        )),
        "{stderr}"
    );
    // A link to a missing heading names the link and the file whole.
    let link =
        "2022-03-10-lavrov-and-kuleba-discuss-a-grain-corridor-in-ankara.md#timeline-of-the-talks";
    let site = TestSite::new()
        .file(first, article(title, "2022-03-10", ""))
        .file(
            "content/2022/03/2022-03-11-kuleba-and-lavrov-leave-ankara-with-no-grain-deal.md",
            format!(
                "---\ntitle: Ankara talks end\ndate: 2022-03-11\n---\nSee [the timeline]({link}).\n"
            ),
        );
    let stderr = failing(&site);
    assert!(
        stderr.contains(&format!(
            "error: link to `{link}`: 2022/03/2022-03-10-lavrov-and-kuleba-discuss-a-grain-corridor-in-ankara.md has no heading `#timeline-of-the-talks` (expected"
        )),
        "{stderr}"
    );
}

#[test]
fn missing_title_and_date_are_both_reported() {
    let stderr = one("content/a.md", "---\nsummary: nothing else\n---\n");
    assert!(stderr.contains("content/a.md:1:1: error: the front matter has no `title` (expected a line such as `title: Blinken meets Lavrov in Geneva`)\n  |\n1 | ---\n  | ^\n"), "{stderr}");
    assert!(stderr.contains("content/a.md:1:1: error: the front matter has no `date` (expected a line such as `date: 2022-01-21`)"), "{stderr}");
    assert!(stderr.ends_with("error: build failed: 2 errors in the site; nothing was written\n"));
}

#[test]
fn mistyped_title_says_what_it_found() {
    let stderr = one(
        "content/a.md",
        "---\ntitle: [Blinken, Lavrov]\ndate: 2022-01-18\n---\n",
    );
    assert!(stderr.starts_with("content/a.md:2:8: error: `title` must be text, found a list (expected a single value such as `title: Some text`)\n  |\n2 | title: [Blinken, Lavrov]\n  |        ^\n"), "{stderr}");
}

#[test]
fn impossible_date_says_why() {
    let stderr = one("content/a.md", "---\ntitle: Talks\ndate: 2022-13-40\n---\n");
    assert!(stderr.starts_with("content/a.md:3:7: error: invalid date \"2022-13-40\": there is no month 13 (expected a date such as 2022-01-18, or an RFC 3339 date-time such as 2022-01-18T09:30:00Z)\n  |\n3 | date: 2022-13-40\n  |       ^\n"), "{stderr}");
    let stderr = one("content/a.md", "---\ntitle: Talks\ndate: 2022-02-30\n---\n");
    assert!(
        stderr.contains("invalid date \"2022-02-30\": February 2022 has 28 days, not 30"),
        "{stderr}"
    );
}

#[test]
fn a_string_where_a_list_is_expected_is_an_error() {
    let stderr = one(
        "content/a.md",
        "---\ntitle: Talks\ndate: 2022-01-18\nactors: Antony Blinken\n---\n",
    );
    assert!(stderr.starts_with("content/a.md:4:9: error: `actors` must be a list, found the text \"Antony Blinken\" (expected a list such as `actors: [First, Second]`)\n  |\n4 | actors: Antony Blinken\n  |         ^\n"), "{stderr}");
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let stderr = one(
        "content/a.md",
        "---\ntitle: Talks\ndate: 2022-01-18\n\nBody text.\n",
    );
    assert!(stderr.starts_with("content/a.md:1:1: error: the front matter is never closed (expected a line with only `---` after the last front-matter key)\n  |\n1 | ---\n  | ^\n"), "{stderr}");
}

#[test]
fn a_file_that_is_not_utf8_is_placed_at_its_first_bad_byte() {
    let stderr = one(
        "content/a.md",
        b"---\ntitle: Caf\xe9 talks\ndate: 2022-01-18\n---\n",
    );
    assert!(stderr.starts_with("content/a.md:2:11: error: the file is not valid UTF-8 (byte 0xE9) (expected UTF-8 text; save the file as UTF-8)\n"), "{stderr}");
}

#[test]
fn two_articles_on_one_url_name_both_files() {
    let site = TestSite::new()
        .file("content/a.md", article("Geneva talks", "2022-01-21", ""))
        .file("content/b.md", article("Geneva Talks!", "2022-01-21", ""));
    let stderr = failing(&site);
    assert!(stderr.starts_with("content/b.md:2:8: error: this article and content/a.md would both be written to /2022/01/21/geneva-talks/ (expected a different title or a `slug:` for one of them)\n  |\n2 | title: Geneva Talks!\n  |        ^\n  = note: content/a.md is the other article\n"), "{stderr}");
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-21", ""))
        .file(
            "templates/day.html",
            "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
        );
    let stderr = failing(&site);
    assert!(
        stderr.starts_with("templates/day.html:3:7: error: Found `%}` but expected one of: "),
        "{stderr}"
    );
    assert!(stderr.contains("\n3 | {% if %}\n  |       ^\n"), "{stderr}");
}

#[test]
fn template_using_an_unknown_variable_names_the_template_and_line() {
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-21", ""))
        .file("templates/article.html", "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ article.headline }}</h1>\n{% endblock main %}\n");
    let stderr = failing(&site);
    assert!(stderr.starts_with("templates/article.html:3:16: error: Field `headline` is not defined. Available fields: "), "{stderr}");
    assert!(
        stderr.contains("\n3 | <h1>{{ article.headline }}</h1>\n  |                ^"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= note: while rendering /2022/01/21/talks/"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("error: Field").count(),
        1,
        "reported once, not once per page"
    );
}

#[test]
fn unknown_key_is_a_warning_that_suggests_the_nearest_key() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: Talks\ndate: 2022-01-21\nactor: [Antony Blinken]\n---\n",
    );
    let run = site.build(&[]);
    assert!(run.stderr.starts_with("content/a.md:4:1: warning: unknown key `actor` is ignored; did you mean `actors`?\n  |\n4 | actor: [Antony Blinken]\n  | ^\n"), "{}", run.stderr);
}

#[test]
fn every_problem_in_every_file_is_reported_together() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            "---\ntitle: [x]\ndate: 2022-13-01\nplaces: Geneva\n---\n",
        )
        .file("content/b.md", "---\ntitle: Fine\n")
        .file("content/c.md", article("Good one", "2022-01-21", ""))
        .file("site.yaml", "page_size: many\n");
    let stderr = failing(&site);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 5, "{stderr}");
    assert!(errors[0].starts_with("content/a.md:2:8: "));
    assert!(errors[1].starts_with("content/a.md:3:7: "));
    assert!(errors[2].starts_with("content/a.md:4:9: "));
    assert!(errors[3].starts_with("content/b.md:1:1: "));
    assert!(errors[4].starts_with("site.yaml:1:12: error: `page_size` must be a whole number"));
    assert!(stderr.ends_with("error: build failed: 5 errors in the site; nothing was written\n"));
}
