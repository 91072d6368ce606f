//! Problems found in a user's site, as data: which file, which line and
//! column, what is wrong and what was expected, plus the offending line.
//!
//! Every stage collects these instead of stopping at the first one, so a
//! build reports everything it found in one go. Only `main.rs` prints them.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::excerpt::{excerpt, shorten};

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on with this input.
    Error,
    /// Worth fixing, but the site still builds.
    Warning,
    /// For information (`check` only): never fails a build, even strict.
    Note,
}

/// One problem in one file, at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as the user would type it (relative to where they ran us).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What was expected instead, if there is something useful to say.
    pub expected: Option<String>,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
    /// Further lines of explanation (for example, the other file in a clash).
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at `line:column` of `path`.
    pub fn error(
        path: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line,
            column,
            message: message.into(),
            expected: None,
            source_line: None,
            notes: Vec::new(),
        }
    }

    /// A warning at `line:column` of `path`.
    pub fn warning(
        path: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, line, column, message)
        }
    }

    /// A note at `line:column` of `path`.
    pub fn info(
        path: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Note,
            ..Self::error(path, line, column, message)
        }
    }

    /// Says what was expected instead.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Attaches the offending line, taken from `text` (the whole file or the
    /// part of it that starts at line `first_line`).
    pub fn with_source(mut self, text: &str, first_line: usize) -> Self {
        if self.line >= first_line && self.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.line - first_line)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// Adds a line of explanation.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// True for errors, false for warnings.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let path = self.path.display();
        let message = shorten(&self.message);
        if self.line > 0 {
            write!(f, "{path}:{}:{}: {kind}: {message}", self.line, self.column)?;
        } else {
            write!(f, "{path}: {kind}: {message}")?;
        }
        if let Some(expected) = &self.expected {
            write!(f, " (expected {})", shorten(expected))?;
        }
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let shown = excerpt(source, self.column);
            let caret_pad = " ".repeat(shown.caret);
            write!(
                f,
                "\n{pad} |\n{number} | {}\n{pad} | {caret_pad}^",
                shown.text
            )?;
        }
        for note in &self.notes {
            write!(f, "\n  = note: {}", shorten(note))?;
        }
        Ok(())
    }
}

/// Sorts problems the way a reader scans them: by file, then position.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
    });
}

/// What stops a build: either problems in the user's site (all of them), or
/// an I/O failure with the path it happened at.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content, templates or configuration have problems.
    #[error("{} error{} in the site", .0.iter().filter(|d| d.is_error()).count(), if .0.iter().filter(|d| d.is_error()).count() == 1 { "" } else { "s" })]
    Site(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    #[error("failed to {action} {}", .path.display())]
    Io {
        /// What we were doing ("read", "write", "create folder", ...).
        action: &'static str,
        /// Where.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The preview cannot watch the site's files for changes.
    #[error("failed to watch {} for changes", .path.display())]
    Watch {
        /// The site folder.
        path: PathBuf,
        /// The watcher's reason.
        #[source]
        source: notify::Error,
    },
    /// Writing the page made from a source file failed.
    #[error("{}: failed to {action} {}, a page made from this file", .origin.display(), .path.display())]
    Page {
        /// The article or template the page was made from.
        origin: PathBuf,
        /// What we were doing ("write", "create folder").
        action: &'static str,
        /// The output file or folder.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A file or folder that must not be touched.
    #[error("refusing to write {}: {reason}", .path.display())]
    Refused {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A command-line value is unusable.
    #[error("{0}")]
    Usage(String),
    /// The output folder cannot be used, and why.
    #[error("refusing to write to {}: {reason}", .path.display())]
    UnsafeOutput {
        /// The folder.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
}

impl BuildError {
    /// The full text a user sees for this error: every problem of a site
    /// error, or the message and its causes.
    pub fn report(&self) -> String {
        self.report_ending("build failed", "; nothing was written")
    }

    /// Like [`BuildError::report`], for `check`, which never writes.
    pub fn report_check(&self) -> String {
        self.report_ending("check failed", "")
    }

    /// Like [`BuildError::report`], for the preview, which keeps serving
    /// the last good site (if it has one) after a failed rebuild.
    pub fn report_serving(&self, has_good_site: bool) -> String {
        self.report_ending(
            "build failed",
            if has_good_site {
                "; the last good site is still served"
            } else {
                "; there is no site to serve until it builds"
            },
        )
    }

    /// The report, its last line `error: {failed}: N errors in the
    /// site{outcome}` for a site error.
    fn report_ending(&self, failed: &str, outcome: &str) -> String {
        let mut text = String::new();
        if let BuildError::Site(diagnostics) = self {
            for diagnostic in diagnostics {
                text.push_str(&format!("{diagnostic}\n\n"));
            }
            text.push_str(&format!("error: {failed}: {self}{outcome}"));
            return text;
        }
        text.push_str(&format!("error: {self}"));
        let mut cause = std::error::Error::source(self);
        while let Some(inner) = cause {
            text.push_str(&format!("\n  caused by: {inner}"));
            cause = inner.source();
        }
        text
    }

    /// Names `origin`, the file a page was made from, in an I/O error
    /// about writing that page (other errors are returned as they are).
    pub fn made_from(self, origin: Option<&Path>) -> Self {
        match (self, origin) {
            (
                Self::Io {
                    action,
                    path,
                    source,
                },
                Some(origin),
            ) => Self::Page {
                origin: origin.to_path_buf(),
                action,
                path,
                source,
            },
            (other, _) => other,
        }
    }

    /// Wraps an I/O error with what we were doing and where.
    pub fn io(action: &'static str, path: impl AsRef<Path>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.as_ref().to_path_buf();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }
}

/// The known word closest to a misspelt one, if any is close enough.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(distance, k)| {
            *distance <= 2.max(k.len() / 3) || k.starts_with(word) || word.starts_with(k)
        })
        .min()
        .map(|(_, k)| k)
}

/// The warning for a key nobody reads: where it is, and the key the user
/// probably meant (or, failing that, the keys there are).
pub fn unknown_key(path: impl AsRef<Path>, line: usize, key: &str, known: &[&str]) -> Diagnostic {
    match did_you_mean(key, known) {
        Some(near) => Diagnostic::warning(
            path,
            line,
            1,
            format!("unknown key `{key}` is ignored; did you mean `{near}`?"),
        ),
        None => Diagnostic::warning(path, line, 1, format!("unknown key `{key}` is ignored"))
            .expected(format!("one of {}", known.join(", "))),
    }
}
