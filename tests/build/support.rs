//! A tiny site in a temporary folder, and the `briefing` command run on it.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A site folder that disappears when the test ends.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What a `briefing` run printed and returned.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// A minimal valid article.
pub fn article(title: &str, date: &str, extra_front_matter: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\n{extra_front_matter}---\nA paragraph about {title}.\n"
    )
}

impl TestSite {
    /// An empty site.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Writes `path` (relative to the site) with `text`.
    pub fn file(self, path: &str, text: impl AsRef<[u8]>) -> Self {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
        self
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Runs `briefing <args>` inside the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        briefing()
            .current_dir(self.root())
            .args(args)
            .output()
            .unwrap()
            .into()
    }

    /// `briefing build` with extra arguments; panics if it fails.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(run.success, "build failed:\n{}", run.stderr);
        run
    }

    /// A file of the output, as text.
    pub fn page(&self, path: &str) -> String {
        let full = self.public().join(path);
        std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    /// True if the output has this file.
    pub fn has(&self, path: &str) -> bool {
        self.public().join(path).is_file()
    }
}

/// The `briefing` binary built for these tests.
pub fn briefing() -> Command {
    Command::cargo_bin("briefing").unwrap()
}

/// `briefing build --root <root> --output <output> <extra>`; panics with
/// its messages if it fails.
pub fn build_into(root: &Path, output: &Path, extra: &[&str]) -> Run {
    let run: Run = briefing()
        .arg("build")
        .args(extra)
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(output)
        .output()
        .unwrap()
        .into();
    assert!(run.success, "build failed:\n{}", run.stderr);
    run
}

/// The repository itself: the sample site.
pub fn sample_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `dir`, relative, with `/` separators, sorted.
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    out.sort();
    out
}

/// Every file below `dir` with its bytes.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_below(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The text between the first `<main` and `</main>` of a page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    &html[start..end]
}

/// Titles of the entries listed on a page, in order.
pub fn entry_titles(html: &str) -> Vec<String> {
    main_of(html)
        .split("<li><h2><a href=\"")
        .skip(1)
        .map(|chunk| {
            let text = &chunk[chunk.find("\">").unwrap() + 2..];
            text[..text.find("</a>").unwrap()].to_string()
        })
        .collect()
}

/// Titles listed in the compact title lists (`<ul class="titles">`) of a
/// page (week and pair pages), in order.
pub fn listed_titles(html: &str) -> Vec<String> {
    main_of(html)
        .split("<ul class=\"titles\">")
        .skip(1)
        .flat_map(|list| {
            let list = &list[..list.find("</ul>").unwrap()];
            list.split("<li><a href=\"").skip(1).map(|chunk| {
                let text = &chunk[chunk.find("\">").unwrap() + 2..];
                text[..text.find("</a>").unwrap()].to_string()
            })
        })
        .collect()
}

/// The JSON-LD of a page, parsed.
pub fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

/// The first bytes of a PNG of `width` x `height` pixels: enough for
/// `imagesize` to read its size.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// `briefing check` of this repository's sample site, built for a
/// project-site address (`https://org.github.io/briefings/`).
pub fn check_sample_site() -> Run {
    briefing()
        .args([
            "check",
            "--base-url",
            "https://org.github.io/briefings/",
            "--root",
        ])
        .arg(sample_root())
        .output()
        .unwrap()
        .into()
}
