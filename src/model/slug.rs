//! Slugs: the lower-case ASCII names in URLs. Non-Latin scripts are
//! transliterated (`Володимир Зеленський` -> `volodimir-zelenskii`), so a
//! slug never holds `/`, `..` or anything that needs escaping. A slug is at
//! most [`MAX_LEN`] characters, cut at a word boundary, so no title or name
//! makes a file name the operating system refuses.

/// The longest slug, in characters (file systems allow 255 bytes a name).
pub const MAX_LEN: usize = 80;

/// Turns a name or title into a slug; empty if nothing in it is spellable.
/// Past [`MAX_LEN`] characters the slug is cut after its last whole word
/// (or at [`MAX_LEN`] if the first word alone is longer).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len().min(MAX_LEN + 1));
    let mut pending_dash = false;
    for c in ascii.chars() {
        if slug.len() > MAX_LEN {
            break;
        }
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
    cap(slug)
}

/// Cuts a slug longer than [`MAX_LEN`] after its last whole word.
fn cap(mut slug: String) -> String {
    if slug.len() <= MAX_LEN {
        return slug;
    }
    // Keep the dash at MAX_LEN if there is one: the word before it is whole.
    let cut = match slug[..=MAX_LEN].rfind('-') {
        Some(dash) if dash > 0 => dash,
        _ => MAX_LEN,
    };
    slug.truncate(cut);
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
    fn long_slugs_are_cut_at_a_word_boundary() {
        let title = (0..80)
            .map(|i| format!("word{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let slug = slugify(&title);
        assert_eq!(slug.len(), 80, "{slug}");
        assert!(slug.ends_with("-word12"), "{slug}");
        assert!(is_slug(&slug));
        // Exactly MAX_LEN, a word ending at the limit, is kept whole.
        let exact = format!("{} b", "a".repeat(78));
        assert_eq!(slugify(&exact), format!("{}-b", "a".repeat(78)));
        assert_eq!(slugify(&format!("{} bc", "a".repeat(78))), "a".repeat(78));
        // One word longer than the limit is cut inside it.
        assert_eq!(slugify(&"x".repeat(300)), "x".repeat(MAX_LEN));
        // Transliteration may lengthen text: the cap applies after it.
        assert!(slugify(&"Щ".repeat(200)).len() <= MAX_LEN);
    }

    #[test]
    fn folding_ignores_case_and_accents_only() {
        assert_eq!(fold("Sergéy  LAVROV"), fold("Sergey Lavrov"));
        assert_ne!(fold("Sergey-Lavrov"), fold("Sergey Lavrov"));
    }
}
