//! Slugs: the lower-case ASCII names in URLs. Non-Latin scripts are
//! transliterated (`Володимир Зеленський` -> `volodimir-zelenskii`), so a
//! slug never holds `/`, `..` or anything that needs escaping.

/// Turns a name or title into a slug; empty if nothing in it is spellable.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '`' {
            pending_dash = true;
        }
    }
    slug
}

/// True if `slug` is already a valid slug (as `slug:` overrides must be).
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

/// The form two spellings must share to be the same name: case and accents
/// folded, spaces collapsed.
pub fn fold(name: &str) -> String {
    deunicode::deunicode(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_names_get_readable_slugs() {
        assert_eq!(slugify("Володимир Зеленський"), "volodimir-zelenskii");
        assert_eq!(slugify("Сергей Лавров"), "sergei-lavrov");
    }

    #[test]
    fn punctuation_collapses_to_single_dashes() {
        assert_eq!(
            slugify("  Blinken & Lavrov: talks / Geneva.. "),
            "blinken-lavrov-talks-geneva"
        );
        assert_eq!(slugify("O'Brien's ../../etc"), "obriens-etc");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn folding_ignores_case_and_accents_only() {
        assert_eq!(fold("Sergéy  LAVROV"), fold("Sergey Lavrov"));
        assert_ne!(fold("Sergey-Lavrov"), fold("Sergey Lavrov"));
    }
}
