//! The GitHub Pages workflows: this repository's and the one `init` writes
//! come from one template, check the site at its Pages address, and pin
//! the version of briefing they install.

use std::path::{Path, PathBuf};

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
    assert!(
        !committed.contains("BRIEFING_COMMIT"),
        "no commit: the file stays put"
    );
}

#[test]
fn both_workflows_build_and_check_the_site_at_its_pages_address_in_one_step_before_uploading() {
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
        // One step builds and checks, in one pass.
        let build = workflow
            .find("run: briefing build --check --base-url \"${{ steps.pages.outputs.base_url }}/\"")
            .expect("runs briefing build --check with the Pages address");
        let upload = workflow.find("actions/upload-pages-artifact@").unwrap();
        assert!(build < upload, "{workflow}");
        assert_eq!(workflow.matches("run: briefing ").count(), 1, "{workflow}");
        assert!(workflow.contains("--strict"), "mentions --strict");
        let yaml: serde_yaml::Value = serde_yaml::from_str(workflow).expect("valid YAML");
        let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
        assert!(steps.len() >= 5, "{workflow}");
        // Scheduled briefings go live without a push: a build every 15
        // minutes, besides every push to main.
        assert_eq!(yaml["on"]["push"]["branches"][0], "main");
        assert_eq!(yaml["on"]["schedule"][0]["cron"], "*/15 * * * *");
        assert!(workflow.contains("remove `schedule:` and its cron line"));
    }
}

/// The commit `briefing --version` names, in full (the binary's own pin).
fn pinned_commit() -> String {
    briefing::version::commit()
        .expect("tests run from a git checkout")
        .to_string()
}

#[test]
fn init_pins_the_briefing_that_wrote_it_and_caches_by_that_pin() {
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
    let commit = pinned_commit();
    let step = install_step(&workflow);
    assert_eq!(step.env["BRIEFING_VERSION"], VERSION);
    assert_eq!(step.env["BRIEFING_COMMIT"], commit);
    assert_eq!(
        step.env["BRIEFING_REPOSITORY"],
        "https://github.com/acme/briefing"
    );
    assert_eq!(
        step.env["BRIEFING_RELEASES"],
        format!("https://github.com/acme/briefing/releases/download/v{VERSION}")
    );
    assert!(
        step.run.contains("--rev \"$BRIEFING_COMMIT\""),
        "{}",
        step.run
    );
    assert!(
        !workflow.contains("--tag"),
        "never a tag that may not exist"
    );
    assert!(!workflow.contains("--branch"), "never a moving branch");
    assert!(workflow.contains(&format!(
        "key: briefing-{VERSION}-{}-${{{{ runner.os }}}}-${{{{ runner.arch }}}}\n",
        &commit[..12]
    )));
    assert!(
        !workflow.contains("OWNER") && !workflow.contains('<'),
        "no placeholder"
    );
}

#[test]
fn init_without_a_repository_installs_from_the_one_briefing_was_built_from() {
    let dir = tempfile::tempdir().unwrap();
    let run: Run = briefing()
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    let workflow = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
    let step = install_step(&workflow);
    assert_eq!(
        step.env["BRIEFING_REPOSITORY"],
        briefing::version::repository()
    );
    assert!(!workflow.contains("::error::set the briefing repository"));
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let run: Run = briefing().arg("--version").output().unwrap().into();
    assert!(run.success);
    let commit = pinned_commit();
    let head = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(sample_root())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&head.stdout).trim(), commit);
    assert!(
        run.stdout
            .starts_with(&format!("briefing {VERSION} ({} ", &commit[..7])),
        "{}",
        run.stdout
    );
    // `briefing 0.1.0 (3f2c1ab 2026-12-01)`: the commit's date closes it.
    let date = run
        .stdout
        .trim()
        .trim_end_matches(')')
        .rsplit(' ')
        .next()
        .unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        "{}",
        run.stdout
    );
}

#[test]
fn init_in_an_existing_site_refreshes_the_workflow_alone_and_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let init = |args: &[&str]| -> Run {
        briefing()
            .arg("init")
            .args(args)
            .current_dir(site)
            .output()
            .unwrap()
            .into()
    };
    assert!(init(&["--repo", "https://github.com/acme/briefing"]).success);
    let before = snapshot(site);
    let path = site.join(".github/workflows/pages.yml");
    let old = std::fs::read_to_string(&path)
        .unwrap()
        .replace(&pinned_commit(), "0123456789abcdef0123456789abcdef01234567");
    std::fs::write(&path, &old).unwrap();

    // Without --repo, the refresh keeps the repository the workflow names.
    let run = init(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&format!(
            "updated ./.github/workflows/pages.yml: it installs briefing {}; what changed:\n",
            briefing::version::LONG
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("-          BRIEFING_COMMIT: \"0123456789abcdef0123456789abcdef01234567\"\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&format!(
        "+          BRIEFING_COMMIT: \"{}\"\n",
        pinned_commit()
    )));
    assert!(
        snapshot(site) == before,
        "only the workflow changed, back to what init wrote"
    );

    let again = init(&[]);
    assert!(again.stdout.contains("is up to date"), "{}", again.stdout);

    // A site without a workflow gets one; content is never touched.
    std::fs::remove_dir_all(site.join(".github")).unwrap();
    let created = init(&["--repo", "https://github.com/acme/briefing"]);
    assert!(created.stdout.starts_with("created "), "{}", created.stdout);
    assert!(snapshot(site) == before);
}

/// The install step of a workflow `init` wrote: its environment and script.
struct InstallStep {
    env: std::collections::BTreeMap<String, String>,
    run: String,
}

fn install_step(workflow: &str) -> InstallStep {
    let yaml: serde_yaml::Value = serde_yaml::from_str(workflow).expect("valid YAML");
    let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
    let step = steps
        .iter()
        .find(|s| s["name"].as_str() == Some("Install briefing"))
        .expect("an Install briefing step");
    assert_eq!(step["shell"].as_str(), Some("bash"));
    InstallStep {
        env: step["env"]
            .as_mapping()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().unwrap().to_string(),
                    v.as_str().unwrap().to_string(),
                )
            })
            .collect(),
        run: step["run"].as_str().unwrap().to_string(),
    }
}

/// The install step of the workflow of a new site made in `dir/desk`.
fn new_site_install_step(dir: &Path) -> InstallStep {
    let site = dir.join("desk");
    let run: Run = briefing().arg("init").arg(&site).output().unwrap().into();
    assert!(run.success, "{}", run.stderr);
    install_step(&std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap())
}

/// Runs the install step as GitHub Actions would (bash, the step's
/// environment, a Linux x64 runner), with `env` overriding the step's, in
/// a home folder of its own.
fn run_install_step(step: &InstallStep, home: &Path, env: &[(&str, String)]) -> Run {
    let mut command = std::process::Command::new("bash");
    command
        .args([
            "--noprofile",
            "--norc",
            "-e",
            "-o",
            "pipefail",
            "-c",
            &step.run,
        ])
        .envs(&step.env)
        .env("HOME", home)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap().into()
}

/// A release as the release workflow publishes it, in a folder: this
/// binary packed as `briefing-v<version>-<target>.tar.gz`, and `SHA256SUMS`.
fn fake_release(dir: &Path) -> PathBuf {
    let name = format!("briefing-v{VERSION}-x86_64-unknown-linux-musl");
    let pack = dir.join(&name);
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::copy(
        assert_cmd::cargo::cargo_bin("briefing"),
        pack.join("briefing"),
    )
    .unwrap();
    let release = dir.join("release");
    std::fs::create_dir_all(&release).unwrap();
    let tar = std::process::Command::new("tar")
        .arg("-czf")
        .arg(release.join(format!("{name}.tar.gz")))
        .arg("-C")
        .arg(dir)
        .arg(&name)
        .status()
        .unwrap();
    assert!(tar.success());
    let sums = std::process::Command::new("sha256sum")
        .arg(format!("{name}.tar.gz"))
        .current_dir(&release)
        .output()
        .unwrap();
    std::fs::write(release.join("SHA256SUMS"), sums.stdout).unwrap();
    release
}

#[test]
fn the_install_step_takes_the_release_binary_checked_against_its_sha256() {
    let dir = tempfile::tempdir().unwrap();
    let step = new_site_install_step(dir.path());
    let release = fake_release(dir.path());
    let releases = format!("file://{}", release.display());
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let run = run_install_step(&step, &home, &[("BRIEFING_RELEASES", releases.clone())]);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("installed the release binary"),
        "{}",
        run.stdout
    );
    let installed = std::process::Command::new(home.join(".briefing/bin/briefing"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout),
        format!("briefing {}\n", briefing::version::LONG)
    );

    // A binary that does not match its published checksum is refused.
    let sums = release.join("SHA256SUMS");
    let text = std::fs::read_to_string(&sums).unwrap();
    std::fs::write(&sums, format!("{}{}", "0".repeat(64), &text[64..])).unwrap();
    let home = dir.path().join("home2");
    std::fs::create_dir_all(&home).unwrap();
    let run = run_install_step(&step, &home, &[("BRIEFING_RELEASES", releases)]);
    assert!(!run.success);
    assert!(
        run.stdout
            .contains("does not match the release's SHA256SUMS"),
        "{}",
        run.stdout
    );
    assert!(!home.join(".briefing/bin/briefing").exists());
}

/// The install path a new desk's first deploy takes when there is no
/// release: `cargo install --git <repo> --rev <commit>` of a local bare
/// clone of this repository, no release download possible. It builds
/// briefing from source (a minute or more), so `.ci/run` runs it on its
/// own: `cargo test --test build -- --ignored install_step`.
#[test]
#[ignore = "builds briefing from a git clone; .ci/run runs it"]
fn the_install_step_builds_the_pinned_commit_when_there_is_no_release() {
    let dir = tempfile::tempdir().unwrap();
    let step = new_site_install_step(dir.path());
    let bare = dir.path().join("briefing.git");
    let clone = std::process::Command::new("git")
        .args(["clone", "--quiet", "--bare"])
        .arg(sample_root())
        .arg(&bare)
        .status()
        .unwrap();
    assert!(clone.success());
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let target = std::env::var("BRIEFING_INSTALL_TARGET_DIR")
        .map_or_else(|_| sample_root().join("target/install-step"), PathBuf::from);
    let run = run_install_step(
        &step,
        &home,
        &[
            ("BRIEFING_REPOSITORY", format!("file://{}", bare.display())),
            (
                "BRIEFING_RELEASES",
                format!("file://{}/no-release", dir.path().display()),
            ),
            ("CARGO_TARGET_DIR", target.display().to_string()),
        ],
    );
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("building commit"), "{}", run.stdout);
    let installed = std::process::Command::new(home.join(".briefing/bin/briefing"))
        .arg("--version")
        .output()
        .unwrap();
    let commit = pinned_commit();
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout),
        format!("briefing {}\n", briefing::version::LONG),
        "the very commit"
    );
    assert!(briefing::version::LONG.contains(&commit[..7]));
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
