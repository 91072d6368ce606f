//! The site's own strings: `i18n/<language>.yaml` at the site's root
//! (Hugo's convention) overrides or adds to the built-in table. A key the
//! theme does not know is a warning with the nearest known key, since a
//! misspelt key would otherwise silently leave the built-in text.

use std::path::{Path, PathBuf};

use super::{Message, Translations, message_of, plural};
use crate::error::{Diagnostic, did_you_mean, unknown_key};
use crate::load::yaml::{self, Data};

/// The file of `tag` under `root`, if there is one: `i18n/pt-BR.yaml`,
/// else the base language's `i18n/pt.yaml`.
fn site_file(root: &Path, tag: &str) -> Option<PathBuf> {
    let base = super::base_of(tag);
    [tag, base.as_str()]
        .iter()
        .flat_map(|name| ["yaml", "yml"].map(|ext| format!("i18n/{name}.{ext}")))
        .map(|rel| root.join(rel))
        .find(|path| path.is_file())
}

/// The site's translations: built-in strings for its `language`, laid over
/// with its `i18n/<language>.yaml`, and the problems found in that file.
/// Keys the built-in theme lacks are still added (templates of the site
/// may use them) but warned about when no site template could mean them:
/// only keys starting with `x_` are taken as the site's own.
pub fn for_site(root: &Path, tag: &str) -> (Translations, Vec<Diagnostic>) {
    let mut translations = Translations::built_in(tag);
    let mut problems = Vec::new();
    let Some(path) = site_file(root, tag) else {
        return (translations, problems);
    };
    let shown = crate::load::display_path(root, path.strip_prefix(root).unwrap_or(&path));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            problems.push(Diagnostic::error(
                &shown,
                0,
                0,
                format!("cannot read the translations: {err}"),
            ));
            return (translations, problems);
        }
    };
    let document = match yaml::parse(&text, 1) {
        Ok(document) => document,
        Err(err) => {
            problems.push(err.diagnostic(&shown, &text, 1));
            return (translations, problems);
        }
    };
    let known: Vec<String> = translations.keys().iter().map(|k| k.to_string()).collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    for field in &document.fields {
        let data = field.data();
        let Some(message) = message_of(&data) else {
            problems.push(
                Diagnostic::error(
                    &shown,
                    field.line,
                    field.column,
                    format!("`{}` must be text or a mapping of plural forms", field.key),
                )
                .expected(format!(
                    "`{0}: Some text` or `{0}:` with lines such as `one: \"{{count}} item\"`",
                    field.key
                ))
                .with_source(&text, 1),
            );
            continue;
        };
        if let (Data::Map(forms), Message::Plural(_)) = (&data, &message) {
            for form in forms.keys() {
                if !plural::FORMS.contains(&form.as_str()) {
                    let mut d = Diagnostic::warning(
                        &shown,
                        field.line,
                        field.column,
                        format!("`{}`: unknown plural form `{form}` is ignored", field.key),
                    );
                    d = match did_you_mean(form, plural::FORMS) {
                        Some(near) => d.note(format!("did you mean `{near}`?")),
                        None => d.expected(format!("one of {}", plural::FORMS.join(", "))),
                    };
                    problems.push(d);
                }
            }
        }
        if !known.contains(&field.key.as_str()) && !field.key.starts_with("x_") {
            problems.push(
                unknown_key(&shown, field.line, &field.key, &known)
                    .note("keys of your own for your templates start with `x_`"),
            );
            continue;
        }
        translations.set(field.key.clone(), message);
    }
    (translations, problems)
}
