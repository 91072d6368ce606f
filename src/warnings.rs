//! Warnings about the site as a whole, and `--strict`, which makes every
//! warning fail the build like an error (for CI).

use std::path::Path;

use crate::config::Config;
use crate::error::{Diagnostic, Severity};

/// Feeds and the sitemap need absolute addresses: one warning, naming
/// `base_url` and `--base-url`, when `base_url` has a path but no host
/// (`/briefings/`), which looks meant for publishing. `/`, the default and
/// what `briefing init` writes, is the local site: it builds quietly (the
/// Pages workflow passes the full address with `--base-url`). `config` is
/// the final one (after `--base-url` and the preview's origin).
pub fn relative_feeds_warning(config: &Config, site_yaml: &Path) -> Option<Diagnostic> {
    if config.base_url.contains("://") || config.base_url == "/" {
        return None;
    }
    let (line, column) = config.base_url_at.unwrap_or((0, 0));
    Some(
        Diagnostic::warning(
            site_yaml,
            line,
            column,
            format!(
                "`base_url` is \"{}\", so the feeds and the sitemap get addresses without a host, which feed readers and search engines cannot use",
                config.base_url
            ),
        )
        .expected(
            "the site's full address, such as https://org.github.io/briefings/, in `base_url` or in `--base-url` when you publish",
        ),
    )
}

/// Turns every warning into an error that says why.
pub fn warnings_to_errors(problems: &mut [Diagnostic]) {
    for problem in problems
        .iter_mut()
        .filter(|p| p.severity == Severity::Warning)
    {
        problem.severity = Severity::Error;
        problem
            .notes
            .push("an error because of --strict (or `strict: true` in site.yaml)".into());
    }
}
