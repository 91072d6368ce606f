//! README.md tells a new desk what it needs, in the order it needs it.

use crate::support::sample_root;

fn readme() -> String {
    std::fs::read_to_string(sample_root().join("README.md")).unwrap()
}

#[test]
fn the_quick_start_for_a_new_desk_comes_before_the_sample_repositorys_commands() {
    let text = readme();
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("README.md has no {needle:?}"))
    };
    let init = at("briefing init my-desk");
    let new = at("briefing new \"");
    let serve = at("briefing serve");
    let publish = at("### Publish");
    let sample = at("cargo run --release -- build");
    assert!(init < new && new < serve && serve < publish && publish < sample);
    at("cargo test ");
}

#[test]
fn the_readme_lists_profile_keys_and_accepted_date_formats() {
    let text = readme();
    for row in [
        "| `name` |",
        "| `kind` |",
        "| `roles` |",
        "| `role` |",
        "| `aliases` |",
        "| `image`, `image_alt` |",
        "| `links` |",
        "| `wikidata` |",
        "| `extra` |",
    ] {
        assert!(text.contains(row), "profile key table row {row}");
    }
    for format in [
        "`2022-01-18`",
        "`2025-3-14`",
        "`2022-01-21T14:30:00+01:00`",
        "`2022-01-21T13:30:00Z`",
    ] {
        assert!(text.contains(format), "date format {format}");
    }
    assert!(text.contains("--strict"));
}

/// The shell lines of the quick start, as a reader would paste them.
fn quick_start_blocks() -> Vec<String> {
    let text = readme();
    let start = text.find("## Quick start for a new desk").unwrap();
    let end = text[start..].find("### Publish").unwrap() + start;
    text[start..end]
        .split("```sh\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_string())
        .collect()
}

#[test]
fn every_quick_start_command_runs_as_pasted() {
    let blocks = quick_start_blocks();
    assert_eq!(blocks.len(), 2, "an install block and a first-site block");
    for block in &blocks {
        for line in block.lines() {
            let command = line.split('#').next().unwrap();
            assert!(
                !command.contains('<') && !command.contains('>'),
                "a placeholder or redirection the shell would misread: {line}"
            );
        }
    }
    assert!(
        blocks[0].contains("cargo install --locked"),
        "{}",
        blocks[0]
    );
    // The first site, for real: every line but the preview server, with
    // this build of briefing on the PATH.
    let script: String = blocks[1]
        .replace("\\\n", " ")
        .lines()
        .filter(|line| !line.trim_start().starts_with("briefing serve"))
        .map(|line| format!("{line}\n"))
        .collect();
    let binary = assert_cmd::cargo::cargo_bin("briefing");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let dir = tempfile::tempdir().unwrap();
    let run = std::process::Command::new("bash")
        .args([
            "-e",
            "-c",
            &format!("{script}briefing build --strict --drafts\n"),
        ])
        .current_dir(dir.path())
        .env("PATH", path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{script}\n{stderr}");
    let site = dir.path().join("my-desk");
    let new = site.join("content/2022/2022-01-19-blinken-meets-zelenskyy-in-kyiv.md");
    assert!(new.is_file(), "{}", String::from_utf8_lossy(&run.stdout));
    // The example and the new briefing are two stories, each with its page.
    for page in [
        "public/2022/01/21/blinken-and-lavrov-meet-in-geneva/index.html",
        "public/2022/01/19/blinken-meets-zelenskyy-in-kyiv/index.html",
        "public/actors/antony-blinken/index.html",
    ] {
        assert!(site.join(page).is_file(), "{page}");
    }
    // The README's way to remove the examples works as written.
    let text = readme();
    let remove = text
        .lines()
        .find_map(|line| line.split("`rm ").nth(1))
        .and_then(|rest| rest.split('`').next())
        .expect("README says how to remove the examples");
    let removed = std::process::Command::new("bash")
        .args(["-e", "-c", &format!("rm {remove}")])
        .current_dir(&site)
        .status()
        .unwrap();
    assert!(removed.success());
    assert!(!site.join("content/actors/antony-blinken.md").exists());
}
