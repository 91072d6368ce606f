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
