//! Parallel rendering never changes a byte: a 2,000-article site built on
//! one thread and on all of them gives identical output.

use crate::support::*;

/// A deterministic site of `n` articles: actors, places and tags drawn from
/// small pools, several dates per day, Markdown with sections and links.
fn generated_site(n: usize) -> TestSite {
    let mut site = TestSite::new().file(
        "site.yaml",
        "title: Load Desk\nbase_url: https://example.org/desk/\npage_size: 10\nfeed_size: 5\n",
    );
    let mut state: u64 = 42;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % bound
    };
    let names = [
        "Antony Blinken",
        "Sergey Lavrov",
        "Dmytro Kuleba",
        "Annalena Baerbock",
        "Jens Stoltenberg",
        "Wendy Sherman",
        "Sergei Ryabkov",
        "Joe Biden",
        "Vladimir Putin",
        "Volodymyr Zelenskyy",
    ];
    let places = [
        "Geneva",
        "Kyiv",
        "Berlin",
        "Brussels",
        "Vienna",
        "Moscow",
        "Washington",
    ];
    let tags = ["diplomacy", "security", "nato", "osce", "cyber"];
    for i in 0..n {
        let (a, b) = (next(names.len()), next(names.len()));
        let date = format!("2021-{:02}-{:02}", 1 + next(12), 1 + next(28));
        let time = if i % 3 == 0 {
            format!("T{:02}:{:02}:00+01:00", next(24), next(60))
        } else {
            String::new()
        };
        let text = format!(
            "---\ntitle: \"Report {i}: {} meets {} in {}\"\ndate: {date}{time}\nactors: [{}, {}]\nplaces: [{}]\ntags: [{}]\n---\n\
             First paragraph of report {i}, about *{}*.\n\n## Details\n\nSee [the council](https://example.org/{i}) and the\n\
             [earlier report](../).\n\n- one\n- two\n\n> A paraphrased statement.\n",
            names[a],
            names[b],
            places[i % places.len()],
            names[a],
            names[b],
            places[i % places.len()],
            tags[i % tags.len()],
            names[a]
        );
        site = site.file(&format!("content/{}/{i:05}.md", i % 7), text);
    }
    site
}

#[test]
fn one_thread_and_all_threads_give_identical_bytes() {
    let site = generated_site(2000);
    let out = tempfile::tempdir().unwrap();
    let mut snapshots = Vec::new();
    for (name, threads) in [("single", Some("1")), ("all", None)] {
        let output = out.path().join(name);
        let mut command = briefing();
        command
            .args(["build", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(&output);
        match threads {
            Some(n) => command.env("RAYON_NUM_THREADS", n),
            None => command.env_remove("RAYON_NUM_THREADS"),
        };
        let run: Run = command.output().unwrap().into();
        assert!(run.success, "{}", run.stderr);
        assert!(
            run.stdout.starts_with("built 2000 articles, 10 actors, "),
            "{}",
            run.stdout
        );
        snapshots.push(snapshot(&output));
    }
    assert!(snapshots[0].len() > 2500, "{} files", snapshots[0].len());
    // The search index (built in parallel slices) is among the files compared.
    assert!(
        snapshots[0]
            .iter()
            .any(|(path, _)| path.starts_with("search/words/"))
    );
    assert!(
        snapshots[0] == snapshots[1],
        "output depends on the number of threads"
    );
}
