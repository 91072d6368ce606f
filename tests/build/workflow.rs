//! The GitHub Pages workflows: this repository's and the one `init` writes
//! come from one template, check the site at its Pages address, and pin
//! the version of briefing they install.

use briefing::scaffold::workflow::{Install, VERSION, pages_workflow};

use crate::support::*;

/// This repository's workflow is the template rendered for it. To
/// regenerate it after changing the template:
/// `BRIEFING_WRITE_WORKFLOW=1 cargo test --test build workflow`.
#[test]
fn this_repositorys_workflow_is_the_init_template_rendered_for_it() {
    let path = sample_root().join(".github/workflows/pages.yml");
    let expected = pages_workflow(Install::ThisRepository);
    if std::env::var_os("BRIEFING_WRITE_WORKFLOW").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        committed, expected,
        "regenerate with BRIEFING_WRITE_WORKFLOW=1 cargo test --test build workflow"
    );
    assert!(committed.contains("cargo install --locked --path . --target-dir target"));
}

#[test]
fn both_workflows_check_the_site_at_its_pages_address_before_uploading() {
    let dir = tempfile::tempdir().unwrap();
    let run: Run = briefing()
        .arg("init")
        .arg(dir.path())
        .args(["--repo", "https://github.com/acme/briefing"])
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    let generated =
        std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
    let committed =
        std::fs::read_to_string(sample_root().join(".github/workflows/pages.yml")).unwrap();
    for workflow in [&generated, &committed] {
        let check = workflow
            .find("run: briefing check --base-url \"${{ steps.pages.outputs.base_url }}/\"")
            .expect("runs briefing check with the Pages address");
        let build = workflow.find("run: briefing build --base-url").unwrap();
        let upload = workflow.find("actions/upload-pages-artifact@").unwrap();
        assert!(check < build && build < upload, "{workflow}");
        assert!(workflow.contains("--strict"), "mentions --strict");
        let yaml: serde_yaml::Value = serde_yaml::from_str(workflow).expect("valid YAML");
        let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
        assert!(steps.len() >= 6, "{workflow}");
    }
}

#[test]
fn init_pins_the_version_it_installs_and_caches_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let run: Run = briefing()
        .arg("init")
        .arg(dir.path())
        .args(["--repo", "https://github.com/acme/briefing"])
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    let workflow = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
    assert!(workflow.contains(&format!(
        "run: command -v briefing || cargo install --locked --git https://github.com/acme/briefing --tag v{VERSION} briefing\n"
    )));
    assert!(workflow.contains(&format!("key: briefing-v{VERSION}-${{{{ runner.os }}}}\n")));
    assert!(!workflow.contains("hashFiles"), "not keyed by the workflow");
    assert!(!workflow.contains("OWNER"), "no placeholder address");
}

#[test]
fn init_without_a_repository_writes_a_step_that_says_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let run: Run = briefing()
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.contains("run `briefing init` with --repo URL"),
        "{}",
        run.stdout
    );
    let workflow = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
    assert!(workflow.contains(
        "run: echo \"::error::set the briefing repository in the Install briefing step of .github/workflows/pages.yml\" && exit 1\n"
    ));
    assert!(!workflow.contains("OWNER"), "no placeholder address");
}

#[test]
fn init_refuses_a_repository_that_is_not_an_address() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("desk");
    let run: Run = briefing()
        .arg("init")
        .arg(&site)
        .args(["--repo", "not-a-url"])
        .output()
        .unwrap()
        .into();
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        "error: --repo \"not-a-url\" is not a git repository address (expected a URL such as https://github.com/owner/briefing)\n"
    );
    assert!(!site.exists(), "nothing created");
}
