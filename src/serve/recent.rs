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
#[derive(Default)]
pub struct Recent {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    pages: HashMap<(String, u64), Bytes>,
    order: VecDeque<(String, u64)>,
    bytes: usize,
}

impl Recent {
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
            while kept.bytes > BUDGET {
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
