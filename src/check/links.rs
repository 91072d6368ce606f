//! Link checking as the pages render: [`Links`] knows every file the plan
//! makes, reads each page once as it passes (its links and its ids, then
//! the page can go), resolves each link's path at once, and keeps only what
//! must wait for the end: the ids each page defines (interned, one small
//! sorted list a page) and the links to a `#fragment` of another page.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Mutex;

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use super::{BrokenLink, html, url_of};
use crate::render::Page;

/// The link checker of one site, fed the rendered pages from any thread
/// ([`Links::page`]), asked for the broken links at the end
/// ([`Links::finish`]).
pub struct Links {
    /// The site's URL path (`/` or `/briefings/`).
    root: String,
    /// Every output file by path, numbered.
    files: HashMap<Box<str>, u32>,
    /// The files named `index.html`, by their folder without its last `/`
    /// (`actors/x` for `actors/x/index.html`, the empty string for the
    /// home page): what a link to a folder lands on.
    folders: HashMap<Box<str>, u32>,
    found: Mutex<Found>,
}

/// What the pages read so far left for the end.
#[derive(Default)]
struct Found {
    /// Ids (and `name`s) of elements, interned.
    names: HashMap<Box<str>, u32>,
    /// Each HTML page's ids, sorted, by file number (an empty list for a
    /// page without ids: a fragment of it is missing, unlike one of a file
    /// that is not a page).
    defined: HashMap<u32, Box<[u32]>>,
    /// Links to a fragment of another page.
    wanted: Vec<Wanted>,
    broken: Vec<BrokenLink>,
    /// HTML pages read.
    pages: usize,
}

/// A link to `#fragment` of another page, checked once every page's ids
/// are known.
struct Wanted {
    target: u32,
    fragment: String,
    page: String,
    link: String,
    source: Option<PathBuf>,
}

/// Where a link lands.
enum Resolved<'l> {
    /// Outside the site (another scheme or host), or empty: not checked.
    Elsewhere,
    /// On a file of the site (`None`: the page itself), maybe at a fragment.
    At {
        file: Option<u32>,
        fragment: Option<Cow<'l, str>>,
    },
}

const LINKS: [&str; 3] = ["href", "src", "action"];
const IDS: [&str; 2] = ["id", "name"];

impl Links {
    /// A checker for the site at URL path `root` whose output files are
    /// `paths` (pages and copied files alike).
    pub fn new<'p>(root: &str, paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut files = HashMap::new();
        let mut folders = HashMap::new();
        for path in paths {
            let number = files.len() as u32;
            let number = *files.entry(Box::from(path)).or_insert(number);
            if let Some(folder) = path.strip_suffix("index.html")
                && (folder.is_empty() || folder.ends_with('/'))
            {
                let folder = folder.strip_suffix('/').unwrap_or(folder);
                folders.insert(Box::from(folder), number);
            }
        }
        Self {
            root: root.to_string(),
            files,
            folders,
            found: Mutex::new(Found::default()),
        }
    }

    /// Reads one rendered page (anything but HTML is passed over): its
    /// links are resolved now, its ids kept for the links to them.
    pub fn page(&self, page: &Page) {
        if !page.path.ends_with(".html") {
            return;
        }
        let text = match std::str::from_utf8(&page.body) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&page.body),
        };
        let (mut ids, mut links) = (Vec::new(), Vec::new());
        html::scan(
            &text,
            &[LINKS[0], LINKS[1], LINKS[2], IDS[0], IDS[1]],
            |name, value| {
                if IDS.contains(&name) {
                    ids.push(value);
                } else {
                    links.push(value);
                }
            },
        );
        let own: HashSet<&str> = ids.iter().map(AsRef::as_ref).collect();
        let mut seen = HashSet::new();
        let (mut broken, mut wanted) = (Vec::new(), Vec::new());
        let fail = |link: &str, reason: String| BrokenLink {
            page: url_of(&self.root, &page.path),
            link: link.to_string(),
            source: page.source.clone(),
            reason,
            located: None,
        };
        for link in &links {
            if !seen.insert(link.as_ref()) {
                continue;
            }
            match self.resolve(&page.path, link) {
                Err(reason) => broken.push(fail(link, reason)),
                Ok(Resolved::At {
                    file,
                    fragment: Some(fragment),
                }) if !fragment.is_empty() => match file {
                    None => {
                        if !own.contains(fragment.as_ref()) {
                            broken.push(fail(link, no_element(&fragment)));
                        }
                    }
                    Some(target) => wanted.push(Wanted {
                        target,
                        fragment: fragment.into_owned(),
                        page: url_of(&self.root, &page.path),
                        link: link.to_string(),
                        source: page.source.clone(),
                    }),
                },
                Ok(_) => {}
            }
        }
        let number = self.files.get(page.path.as_str()).copied();
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        found.pages += 1;
        if let Some(number) = number {
            let mut interned: Vec<u32> = own
                .into_iter()
                .map(|id| {
                    let next = found.names.len() as u32;
                    *found.names.entry(Box::from(id)).or_insert(next)
                })
                .collect();
            interned.sort_unstable();
            found.defined.insert(number, interned.into_boxed_slice());
        }
        found.broken.extend(broken);
        found.wanted.extend(wanted);
    }

    /// The HTML pages read and the links that do not resolve, sorted by
    /// page and link.
    pub fn finish(self) -> (usize, Vec<BrokenLink>) {
        let found = self.found.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut broken = found.broken;
        for wanted in found.wanted {
            // A file that is not a rendered HTML page has no ids to check.
            let Some(ids) = found.defined.get(&wanted.target) else {
                continue;
            };
            let defined = found
                .names
                .get(wanted.fragment.as_str())
                .is_some_and(|id| ids.binary_search(id).is_ok());
            if !defined {
                broken.push(BrokenLink {
                    reason: no_element(&wanted.fragment),
                    page: wanted.page,
                    link: wanted.link,
                    source: wanted.source,
                    located: None,
                });
            }
        }
        broken.sort_by(|a, b| (&a.page, &a.link).cmp(&(&b.page, &b.link)));
        broken.dedup();
        (found.pages, broken)
    }

    /// Where `link`, on the page at output path `from`, lands.
    fn resolve<'l>(&self, from: &str, link: &'l str) -> Result<Resolved<'l>, String> {
        let link = link.trim();
        let external = link.starts_with("//")
            || link.split_once(':').is_some_and(|(scheme, _)| {
                !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            });
        if external || link.is_empty() {
            return Ok(Resolved::Elsewhere);
        }
        let (rest, fragment) = match link.split_once('#') {
            Some((rest, fragment)) => (rest, Some(decoded(Cow::Borrowed(fragment)))),
            None => (link, None),
        };
        let rest = rest.split('?').next().unwrap_or_default();
        if rest.is_empty() {
            return Ok(Resolved::At {
                file: None,
                fragment,
            });
        }
        let absolute: Cow<str> = if rest.starts_with('/') {
            match rest.strip_prefix(self.root.as_str()) {
                Some(path) => Cow::Borrowed(path),
                None if rest == self.root.trim_end_matches('/') => Cow::Borrowed(""),
                None => return Err(format!("outside the site's base path {}", self.root)),
            }
        } else {
            let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
            if folder.is_empty() {
                Cow::Borrowed(rest)
            } else {
                Cow::Owned(format!("{folder}/{rest}"))
            }
        };
        let Some(normal) = normalize(decoded(absolute)) else {
            return Err("climbs above the site root".into());
        };
        let file = if normal.is_empty() || normal.ends_with('/') {
            self.folders
                .get(normal.strip_suffix('/').unwrap_or(&normal))
        } else {
            self.files
                .get(normal.as_ref())
                .or_else(|| self.folders.get(normal.as_ref()))
        };
        match file {
            Some(&file) => Ok(Resolved::At {
                file: Some(file),
                fragment,
            }),
            None => Err("no such page or file".into()),
        }
    }
}

fn no_element(fragment: &str) -> String {
    format!("no element with id \"{fragment}\"")
}

/// `text` with its `%XX` escapes decoded (as it is if one is malformed).
fn decoded(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('%') {
        return text;
    }
    match crate::url::percent_decode(&text) {
        Some(decoded) => Cow::Owned(decoded),
        None => text,
    }
}

/// Resolves `.` and `..` segments and drops empty ones (a trailing `/`
/// is kept); `None` if the path climbs out.
fn normalize(path: Cow<'_, str>) -> Option<Cow<'_, str>> {
    let plain = !path.starts_with('/')
        && !path.contains("//")
        && !path.split('/').any(|s| s == "." || s == "..");
    if plain {
        return Some(path);
    }
    let mut parts: Vec<&str> = Vec::new();
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(Cow::Owned(out))
}
