//! The theme: the built-in templates (the repository's `templates/`,
//! compiled into the binary) with the site's own files laid over them by
//! name, compiled once into a [`tera::Tera`].
//!
//! Files ending in `.html` or `.xml` are templates; anything else (the
//! stylesheet) is a theme asset written to the output as it is.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{ErrorKind, Tera};

use crate::error::{Diagnostic, did_you_mean};
use crate::i18n::Translations;
use crate::load::TemplateFile;

macro_rules! theme {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The built-in theme: `(name, text)` for every file in `templates/`.
pub const BUILT_IN: &[(&str, &str)] = theme![
    "base.html",
    "index.html",
    "article.html",
    "actors.html",
    "actor.html",
    "terms.html",
    "term.html",
    "day.html",
    "month.html",
    "year.html",
    "archive.html",
    "week.html",
    "chronology.html",
    "404.html",
    "search.html",
    "redirect.html",
    "authors.html",
    "author.html",
    "partials/entry.html",
    "partials/pagination.html",
    "partials/calendar.html",
    "partials/milestones.html",
    "partials/chronology.html",
    "partials/timeline.html",
    "pair.html",
    "atom.xml",
    "sitemap.xml",
    "sitemap_index.xml",
    "style.css",
    "favicon.svg",
    "search.js",
];

/// Registers `t(key="...", count=n, name=value...)`: the translation of
/// `key` in the site's language, its plural form chosen by `count`, with
/// `{count}` and every other `{name}` filled in from the arguments.
fn register_t(tera: &mut Tera, translations: &Arc<Translations>) {
    let translations = Arc::clone(translations);
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let count = match kwargs.get::<tera::Value>("count")? {
                None => None,
                Some(value) => Some(
                    value
                        .as_i64()
                        .and_then(|n| u64::try_from(n).ok())
                        .ok_or_else(|| {
                            tera::Error::message(format!(
                                "t(key=\"{key}\"): `count` must be a whole number, found {value}"
                            ))
                        })?,
                ),
            };
            let values: Vec<(String, String)> = kwargs
                .iter()
                .filter_map(|(name, value)| {
                    let name = name.as_str()?;
                    (name != "key" && name != "count").then(|| {
                        let text = value
                            .as_str()
                            .map_or_else(|| value.to_string(), str::to_string);
                        (name.to_string(), text)
                    })
                })
                .collect();
            let args: Vec<(&str, &str)> = values
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            translations.format(key, count, &args).ok_or_else(|| {
                let keys = translations.keys();
                let hint = did_you_mean(key, &keys)
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                tera::Error::message(format!("unknown translation key `{key}`{hint}"))
            })
        },
    );
}

/// Where the built-in theme's files are said to be in messages.
const BUILT_IN_DIR: &str = "[built-in theme]";

struct Source {
    path: PathBuf,
    text: String,
}

/// Compiled templates plus the theme's other files.
#[derive(Default)]
pub struct Templates {
    tera: Tera,
    fingerprint: u64,
    sources: BTreeMap<String, Source>,
    /// Non-template theme files: `(output path, bytes)`.
    pub assets: Vec<(String, Vec<u8>)>,
}

fn is_template(name: &str) -> bool {
    name.ends_with(".html") || name.ends_with(".xml")
}

impl Templates {
    /// Lays the site's `overrides` over the built-in theme and compiles
    /// every template, reporting every syntax error in every file.
    /// Templates read `translations` through `t(key=...)`.
    pub fn compile(
        overrides: &[TemplateFile],
        translations: &Arc<Translations>,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, Source> = BUILT_IN
            .iter()
            .map(|(name, text)| {
                let source = Source {
                    path: PathBuf::from(format!("{BUILT_IN_DIR}/{name}")),
                    text: (*text).to_string(),
                };
                (name.to_string(), source)
            })
            .collect();
        for file in overrides {
            sources.insert(
                file.name.clone(),
                Source {
                    path: file.path.clone(),
                    text: file.text.clone(),
                },
            );
        }
        let assets = sources
            .iter()
            .filter(|(name, _)| !is_template(name))
            .map(|(name, source)| (name.clone(), source.text.clone().into_bytes()))
            .collect();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        // Other strings make other pages, so they count as other templates.
        for key in translations.keys() {
            hasher.update(key.as_bytes());
            hasher.update(format!("{:?}", translations.message(key)).as_bytes());
        }
        hasher.update(translations.tag.as_bytes());
        // Templates only: the other theme files are served as they are,
        // compared by their bytes, and no page's fingerprint depends on them.
        for (name, source) in sources.iter().filter(|(name, _)| is_template(name)) {
            hasher.update(name.as_bytes());
            hasher.update(&[0]);
            hasher.update(source.text.as_bytes());
            hasher.update(&[0]);
        }
        let mut templates = Templates {
            tera: Tera::new(),
            fingerprint: hasher.digest(),
            sources,
            assets,
        };
        // Parse each file alone first, so every syntax error is reported.
        let mut problems = Vec::new();
        for (name, source) in templates.sources.iter().filter(|(n, _)| is_template(n)) {
            let mut alone = Tera::new();
            if let Err(err) = alone.add_raw_template(name, &source.text)
                && matches!(err.kind(), ErrorKind::SyntaxError(_))
            {
                problems.push(templates.diagnose(&err));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let all: Vec<(&str, &str)> = templates
            .sources
            .iter()
            .filter(|(n, _)| is_template(n))
            .map(|(n, s)| (n.as_str(), s.text.as_str()))
            .collect();
        let mut tera = Tera::new();
        register_t(&mut tera, translations);
        if let Err(err) = tera.add_raw_templates(all) {
            return Err(vec![templates.diagnose(&err)]);
        }
        templates.tera = tera;
        Ok(templates)
    }

    /// Leaves out the theme's assets for which `shadowed` is true (the
    /// site's `static/` has a file of the same name).
    pub fn drop_assets(&mut self, shadowed: impl Fn(&str) -> bool) {
        self.assets.retain(|(name, _)| !shadowed(name));
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|err| self.diagnose(&err))
    }

    /// A hash of every template's name and text (not the theme's other
    /// files): pages rendered with other templates never count as
    /// unchanged.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The file a template came from, as shown in messages.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.sources
            .get(name)
            .map(|s| s.path.clone())
            .unwrap_or_else(|| PathBuf::from(format!("{BUILT_IN_DIR}/{name}")))
    }

    /// Turns a Tera error into a diagnostic at the template's file and line,
    /// keeping every cause in the chain.
    fn diagnose(&self, err: &tera::Error) -> Diagnostic {
        let mut diagnostic = match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let name = report.filename();
                let span = report.span();
                let mut d = Diagnostic::error(
                    self.path_of(name),
                    span.start_line,
                    span.start_col + 1,
                    report.message(),
                );
                if let Some(source) = self.sources.get(name) {
                    d = d.with_source(&source.text, 1);
                }
                d
            }
            ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                self.path_of(current),
                1,
                1,
                format!(
                    "extends \"{parent}\", which is neither in templates/ nor in the built-in theme"
                ),
            )
            .expected(format!("one of: {}", self.names().join(", "))),
            ErrorKind::TemplateNotFound(name) => Diagnostic::error(
                self.path_of(name),
                0,
                0,
                format!("template \"{name}\" does not exist"),
            ),
            other => Diagnostic::error(PathBuf::from("templates"), 0, 0, other.to_string()),
        };
        let mut cause = std::error::Error::source(err);
        while let Some(inner) = cause {
            diagnostic = diagnostic.note(format!("caused by: {inner}"));
            cause = inner.source();
        }
        diagnostic
    }

    fn names(&self) -> Vec<&str> {
        self.sources
            .keys()
            .filter(|n| is_template(n))
            .map(String::as_str)
            .collect()
    }
}
