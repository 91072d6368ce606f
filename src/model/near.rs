//! Near misses for broken links: the existing article file or site path
//! closest to what was written, as unknown keys get "did you mean"
//! ([`crate::error::did_you_mean`]). Only broken links look, so the cost
//! is paid only when something is wrong.

/// The candidate closest to `written` by edit distance (transpositions
/// count as one edit), if it is close enough: at most a third of its
/// length apart, and at least 2 edits allowed. Only candidates with as many
/// `/`-separated parts are compared (a typo rarely adds a folder).
pub fn closest<'a>(written: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let parts = |s: &str| s.trim_end_matches('/').matches('/').count();
    let wanted = parts(written);
    let limit = |candidate: &str| 2.max(candidate.chars().count() / 3);
    candidates
        .filter(|c| parts(c) == wanted && c.len().abs_diff(written.len()) <= limit(c))
        .map(|c| (strsim::osa_distance(written, c), c))
        .filter(|(distance, c)| *distance > 0 && *distance <= limit(c))
        .min()
        .map(|(_, c)| c)
}

/// The article file closest to `file` (both relative to `content/`):
/// compared without `.md` and without a folder article's `/index`, so
/// `x.md` finds `x/index.md`. Returns the article's file.
pub fn closest_article<'a>(file: &str, articles: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let written = stem(file);
    let candidates: Vec<(&str, &str)> = articles.map(|a| (stem(a), a)).collect();
    let near = closest(written, candidates.iter().map(|(s, _)| *s))?;
    candidates
        .iter()
        .find(|(s, _)| *s == near)
        .map(|(_, file)| *file)
}

/// A file's name as compared: `2022/x/index.md` and `2022/x.md` are both
/// `2022/x`.
fn stem(file: &str) -> &str {
    let file = file.strip_suffix(".md").unwrap_or(file);
    file.strip_suffix("/index").unwrap_or(file)
}

/// `file` (relative to `content/`) as a link from an article in `folder`:
/// `../01/x.md` from `2022/02` to `2022/01/x.md`.
pub fn relative(folder: &str, file: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = file.split('/').collect();
    let shared = from
        .iter()
        .zip(&to)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to.len().saturating_sub(1));
    let mut parts = vec![".."; from.len() - shared];
    parts.extend(&to[shared..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_candidate_within_reach_is_chosen() {
        let pages = ["/2022/07/23/talks/", "/2022/07/23/walks-out/", "/actors/"];
        assert_eq!(
            closest("/2022/07/23/talsk/", pages.into_iter()),
            Some("/2022/07/23/talks/")
        );
        assert_eq!(closest("/2022/07/23/other-thing/", pages.into_iter()), None);
        assert_eq!(closest("/actor/", pages.into_iter()), Some("/actors/"));
    }

    #[test]
    fn folder_articles_are_found_from_a_file_name() {
        let articles = [
            "2022/2022-01-20-centre/index.md",
            "2022/2022-01-21-talks.md",
        ];
        assert_eq!(
            closest_article("2022/2022-01-20-center.md", articles.into_iter()),
            Some("2022/2022-01-20-centre/index.md")
        );
        assert_eq!(
            closest_article("2022/2022-01-21-talk/index.md", articles.into_iter()),
            Some("2022/2022-01-21-talks.md")
        );
    }

    #[test]
    fn files_are_written_relative_to_the_linking_folder() {
        assert_eq!(relative("2022", "2022/x/index.md"), "x/index.md");
        assert_eq!(relative("2022/02/later", "2022/01/x.md"), "../../01/x.md");
        assert_eq!(relative("", "2022/x.md"), "2022/x.md");
        assert_eq!(relative("2022/x", "2022/x.md"), "../x.md");
    }
}
