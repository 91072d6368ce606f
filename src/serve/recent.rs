//! The pages the preview rendered on request lately, kept up to a budget
//! of bytes so a page read again (or reloaded after an edit elsewhere) is
//! not rendered again, while memory stays bounded however much of the
//! site readers open. The oldest rendered page goes first.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use crate::error::Diagnostic;
use crate::render::Bytes;
use crate::render::deferred::Made;

/// How many bytes of rendered pages are kept.
pub const BUDGET: usize = 64 << 20;

/// Recently rendered pages by path and fingerprint.
pub struct Recent {
    inner: Mutex<Kept>,
    budget: usize,
}

impl Default for Recent {
    fn default() -> Self {
        Self::with_budget(BUDGET)
    }
}

#[derive(Default)]
struct Kept {
    pages: HashMap<(String, u64), Bytes>,
    order: VecDeque<(String, u64)>,
    bytes: usize,
}

impl Recent {
    /// Keeping at most `budget` bytes.
    pub fn with_budget(budget: usize) -> Self {
        Self {
            inner: Mutex::default(),
            budget,
        }
    }

    /// The bytes of `made`: known, kept from an earlier request, or
    /// rendered now (and kept).
    pub fn bytes(&self, made: &Made) -> Result<Bytes, Diagnostic> {
        let page = match made {
            Made::Ready(page) => return Ok(page.body.clone()),
            Made::Later(page) => page,
        };
        let key = (page.path.clone(), page.print);
        if let Some(bytes) = self.lock().pages.get(&key) {
            return Ok(bytes.clone());
        }
        let bytes = page.render()?;
        let mut kept = self.lock();
        if !kept.pages.contains_key(&key) {
            kept.bytes += bytes.len();
            kept.order.push_back(key.clone());
            kept.pages.insert(key, bytes.clone());
            while kept.bytes > self.budget {
                let Some(oldest) = kept.order.pop_front() else {
                    break;
                };
                if let Some(gone) = kept.pages.remove(&oldest) {
                    kept.bytes -= gone.len();
                }
            }
        }
        Ok(bytes)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        match self.inner.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_pages_are_kept_up_to_the_budget_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        for (file, title, day) in [("a.md", "First", 21), ("b.md", "Second", 19)] {
            std::fs::write(
                dir.path().join("content").join(file),
                format!("---\ntitle: {title}\ndate: 2022-01-{day}\n---\nBody.\n"),
            )
            .unwrap();
        }
        let options = crate::BuildOptions::new(dir.path());
        let regenerated =
            crate::regenerate(&options, &mut crate::Incremental::default(), &[]).unwrap();
        let crate::Served::Whole { pages, .. } = regenerated.pages else {
            panic!("the first build serves the whole site");
        };
        let later: Vec<&Made> = pages
            .iter()
            .filter(|made| matches!(made, Made::Later(_)))
            .take(3)
            .collect();
        let sizes: Vec<usize> = later
            .iter()
            .map(|made| Recent::default().bytes(made).unwrap().len())
            .collect();
        // Room for the first two pages, not the third.
        let recent = Recent::with_budget(sizes[0] + sizes[1]);
        for made in &later {
            recent.bytes(made).unwrap();
        }
        let kept = recent.lock();
        assert!(kept.bytes <= sizes[0] + sizes[1]);
        let first = (later[0].path().to_string(), print(later[0]));
        let last = (later[2].path().to_string(), print(later[2]));
        assert!(!kept.pages.contains_key(&first), "the oldest went first");
        assert!(kept.pages.contains_key(&last));
    }

    fn print(made: &Made) -> u64 {
        match made {
            Made::Later(page) => page.print,
            Made::Ready(_) => 0,
        }
    }
}
