//! The progress line of `build`, `check` and the preview's first build:
//! drawn on a terminal (run here under a pseudo-terminal with util-linux's
//! `script`), never when stderr is a pipe or `CI` is set.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

/// A site big enough that a debug build spends a while in each stage.
fn busy_site() -> TestSite {
    let mut site = TestSite::new();
    for n in 0..300usize {
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        const NAMES: [&str; 6] = [
            "Amir Bereneri",
            "Jonas Salimenko",
            "Flora Zameev",
            "Nadia Toroova",
            "Luca Novensen",
            "Ines Calenski",
        ];
        let actors = format!(
            "actors: [\"{}\", \"{}\"]\ntags: [tag{}]\n",
            NAMES[n % 6],
            NAMES[(n + 1 + n / 6 % 5) % 6],
            n % 9
        );
        site = site.file(
            &format!("content/a{n}.md"),
            article(
                &format!("Talks number {n}"),
                &format!("2022-{month:02}-{day:02}"),
                &actors,
            ),
        );
    }
    site
}

/// `briefing ARGS` under a pseudo-terminal: everything it wrote to the
/// terminal (stdout and stderr together, with the line's redraws).
fn on_terminal(args: &str, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("briefing");
    let output = Command::new("script")
        .args(["-qfec", &format!("{} {args}", bin.display()), "/dev/null"])
        .env_remove("CI")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The texts the line showed: each redraw, without escapes.
fn frames(terminal: &str) -> Vec<String> {
    terminal
        .split(['\r', '\n'])
        .map(|frame| frame.replace("\x1b[2K", "").trim().to_string())
        .filter(|frame| !frame.is_empty())
        .collect()
}

/// "writing pages 120/1,234 (0.4 s, 300/s)": the count and its total of
/// the first frame of `stage`, with a rate when `rate` (a stage shorter
/// than 50 ms has none yet).
fn counted_with(frames: &[String], stage: &str, rate: bool) -> Option<(usize, usize)> {
    frames.iter().find_map(|frame| {
        let rest = &frame[frame.find(stage)? + stage.len()..];
        let (count, rest) = rest.trim_start().split_once(' ')?;
        let (done, total) = count.split_once('/')?;
        let number = |text: &str| text.replace(',', "").parse::<usize>().ok();
        (!rate || rest.contains("/s)")).then_some(())?;
        Some((number(done)?, number(total)?))
    })
}

#[test]
fn build_on_a_terminal_shows_the_stage_and_pages_written_out_of_the_total() {
    let site = busy_site();
    let out = site.root().join("out");
    let args = format!(
        "build --root {} --output {}",
        site.root().display(),
        out.display()
    );
    let terminal = on_terminal(&args, &[]);
    let frames = frames(&terminal);
    // The rate needs 50 ms of the stage and a redraw after them: not on
    // every machine (src/terminal.rs tests how it is shown).
    let (done, total) =
        counted_with(&frames, "writing pages", false).unwrap_or_else(|| panic!("{frames:#?}"));
    let files = files_below(&out).len();
    assert!(
        done <= total && total > 300 && total <= files,
        "{done}/{total} of {files}"
    );
    // The line is cleared before the summary, which stays as it was.
    let last = frames.last().unwrap();
    assert!(last.starts_with("built 300 articles"), "{last}");
}

#[test]
fn check_on_a_terminal_shows_pages_checked_out_of_the_total() {
    let site = busy_site();
    let terminal = on_terminal(&format!("check --root {}", site.root().display()), &[]);
    let frames = frames(&terminal);
    let (_, total) =
        counted_with(&frames, "checking pages", false).unwrap_or_else(|| panic!("{frames:#?}"));
    assert!(total > 300, "{total}");
    assert!(
        frames.last().unwrap().starts_with("checked "),
        "{frames:#?}"
    );
}

#[test]
fn with_ci_set_or_without_a_terminal_nothing_of_the_line_is_printed() {
    let site = busy_site();
    let out = site.root().join("out");
    let args = format!(
        "build --root {} --output {}",
        site.root().display(),
        out.display()
    );
    let terminal = on_terminal(&args, &[("CI", "true")]);
    assert!(!terminal.contains("writing pages"), "{terminal}");
    assert!(!terminal.contains("\x1b["), "nothing redrawn: {terminal:?}");
    let piped: Run = briefing()
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(&out)
        .env_remove("CI")
        .output()
        .unwrap()
        .into();
    assert!(piped.success);
    assert_eq!(piped.stderr, "", "stderr is a pipe: no progress");
    assert!(piped.stdout.starts_with("built 300 articles"));
}

#[test]
fn the_preview_shows_its_first_build_on_a_terminal_then_clears_it() {
    let site = busy_site();
    let pid_file = site.root().join("serve.pid");
    let bin = assert_cmd::cargo::cargo_bin("briefing");
    let command = format!(
        "sh -c 'echo $$ > {}; exec {} serve --port 0 --root {}'",
        pid_file.display(),
        bin.display(),
        site.root().display()
    );
    let mut script = Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .env_remove("CI")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut reader = BufReader::new(script.stdout.take().unwrap());
    let mut terminal = String::new();
    let started = Instant::now();
    while !terminal.contains("serving http") {
        assert!(started.elapsed() < Duration::from_secs(60), "{terminal}");
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        terminal.push_str(&line);
    }
    stop(&pid_file);
    let _ = script.wait();
    let frames = frames(&terminal);
    // Which stages get drawn depends on the machine: one redraw every
    // 40 ms, and on a fast one the counted stages (Markdown, fingerprints)
    // may end between two. Some stage of the first build is drawn, and a
    // counted one shows the whole site as its total.
    const STAGES: [&str; 5] = [
        "loading",
        "modelling",
        "rendering Markdown",
        "making list entries",
        "fingerprinting pages",
    ];
    let built = frames.iter().position(|f| f.starts_with("built ")).unwrap();
    assert!(
        frames[..built]
            .iter()
            .any(|f| STAGES.iter().any(|stage| f.contains(stage))),
        "a stage of the first build is drawn: {frames:#?}"
    );
    let counted = counted_with(&frames, "rendering Markdown", false)
        .or_else(|| counted_with(&frames, "fingerprinting pages", false));
    if let Some((_, total)) = counted {
        assert!(total >= 300, "{total}");
    }
    assert!(
        frames[built + 1..].iter().all(|f| !f.contains("pages ")),
        "nothing drawn after the first build: {frames:#?}"
    );
}

/// Interrupts the process whose id is in `pid_file`.
fn stop(pid_file: &Path) {
    let pid = std::fs::read_to_string(pid_file).unwrap();
    let sent = Command::new("kill")
        .args(["-INT", pid.trim()])
        .status()
        .unwrap();
    assert!(sent.success());
}
