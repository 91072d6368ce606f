//! `source:` in an article's front matter: plain text (`Reuters`), a web
//! address (`https://www.reuters.com/...`), or a labelled address
//! (`{name: Reuters, url: https://...}`).

use super::yaml::{self, Data, Field};

/// Where a report comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Plain text, shown as it is.
    Text(String),
    /// A web address, shown as a link labelled `name` (else its host).
    Link {
        /// The label, when one was given.
        name: Option<String>,
        /// The address (`http://` or `https://`).
        url: String,
    },
}

impl Source {
    /// The text a page shows: the text, the label, or the address's host
    /// (`reuters.com`).
    pub fn label(&self) -> String {
        match self {
            Source::Text(text) => text.clone(),
            Source::Link {
                name: Some(name), ..
            } => name.clone(),
            Source::Link { name: None, url } => host(url),
        }
    }

    /// The address to link to, if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            Source::Text(_) => None,
            Source::Link { url, .. } => Some(url),
        }
    }
}

const EXPECTED: &str = "plain text (`source: Reuters`), a web address (`source: https://www.reuters.com/...`) or both (`source: {name: Reuters, url: https://www.reuters.com/...}`)";

/// Reads `source:`; none when empty.
pub fn source(field: &Field) -> Result<Option<Source>, yaml::TypeError> {
    let error = |message: String| yaml::TypeError {
        message,
        expected: EXPECTED.into(),
    };
    let map = match field.data() {
        Data::Null => return Ok(None),
        Data::Map(map) => map,
        Data::List(_) => {
            return Err(error(
                "`source` must be text or a `{name, url}` mapping, found a list".into(),
            ));
        }
        _ => {
            let text = field.text()?.trim().to_string();
            return Ok(match text {
                text if text.is_empty() => None,
                text if is_web_address(&text) => Some(Source::Link {
                    name: None,
                    url: text,
                }),
                text => Some(Source::Text(text)),
            });
        }
    };
    if let Some(key) = map.keys().find(|k| *k != "name" && *k != "url") {
        return Err(error(format!(
            "`source` has an unknown key `{key}`; it takes `name` and `url`"
        )));
    }
    let text = |key: &str| -> Result<Option<String>, yaml::TypeError> {
        match map.get(key) {
            None | Some(Data::Null) => Ok(None),
            Some(Data::Text(text)) => Ok(Some(text.trim().to_string()).filter(|t| !t.is_empty())),
            Some(Data::Int(n)) => Ok(Some(n.to_string())),
            Some(Data::Float(n)) => Ok(Some(n.to_string())),
            Some(Data::Bool(b)) => Ok(Some(b.to_string())),
            Some(_) => Err(error(format!("the `{key}` of `source` must be text"))),
        }
    };
    let name = text("name")?;
    let Some(url) = text("url")? else {
        return Err(error(match name {
            Some(name) => format!(
                "`source` has a `name` but no `url`; for a source without an address write `source: {name}`"
            ),
            None => "`source` has neither a `name` nor a `url`".into(),
        }));
    };
    if !is_web_address(&url) {
        return Err(error(format!(
            "the `url` of `source` must be a web address starting with https:// or http://, found \"{url}\""
        )));
    }
    Ok(Some(Source::Link { name, url }))
}

/// `http://` or `https://`, a host, and no spaces.
fn is_web_address(text: &str) -> bool {
    text.strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .is_some_and(|rest| !host(rest).is_empty())
        && !text.contains(char::is_whitespace)
}

/// The host of a web address, without `www.`, a port or a user:
/// `https://www.reuters.com/world/` -> `reuters.com`.
fn host(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let host = host.to_lowercase();
    match host.strip_prefix("www.") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_address_shows_its_host() {
        for (url, shown) in [
            (
                "https://www.reuters.com/world/europe/x-2022-01-21/",
                "reuters.com",
            ),
            ("http://apnews.com", "apnews.com"),
            (
                "https://user@News.Example.org:8443/a?b#c",
                "news.example.org",
            ),
            ("https://www./", "www."),
        ] {
            let source = Source::Link {
                name: None,
                url: url.into(),
            };
            assert_eq!(source.label(), shown, "{url}");
        }
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("https:///path"));
        assert!(!is_web_address("https://a b"));
        assert!(!is_web_address("ftp://example.org/"));
        assert!(is_web_address("https://example.org"));
    }
}
