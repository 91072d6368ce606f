//! What the preview asks of the allocator the binary chose, when it has
//! one to offer ([`install`]): freed memory given back to the system at
//! once while a whole rebuild replaces the site it serves, and what was
//! freed on every thread given back once the old site is gone. The library
//! itself allocates through whatever global allocator it is linked with;
//! without hooks (tests, other binaries) these calls do nothing.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// The allocator's controls.
#[derive(Debug, Clone, Copy)]
pub struct Hooks {
    /// `true`: return freed pages to the system as soon as they are free;
    /// `false`: the allocator's default (keep them a while for reuse).
    pub purge_at_once: fn(bool),
    /// Return to the system whatever every thread freed and kept.
    pub release: fn(),
}

static HOOKS: OnceLock<Hooks> = OnceLock::new();
/// A whole rebuild turned eager purging on and nobody settled it yet.
static REPLACING: AtomicBool = AtomicBool::new(false);

/// Installs the allocator's controls (once; later calls are ignored).
pub fn install(hooks: Hooks) {
    let _ = HOOKS.set(hooks);
}

/// A whole rebuild starts: it makes a new site beside the served one and
/// frees many values it finds equal to the old ones, then the old site is
/// dropped. With `purge_at_once` (a large site) freed memory is given back
/// at once meanwhile, so the peak is what both sites hold, not that plus
/// what was freed; either way [`site_replaced`] gives back what is left.
pub fn replacing_site(purge_at_once: bool) {
    if let Some(hooks) = HOOKS.get() {
        if purge_at_once {
            (hooks.purge_at_once)(true);
        }
        REPLACING.store(true, Ordering::Relaxed);
    }
}

/// Between saves, once the replaced site is dropped: back to the
/// allocator's default, with what every thread kept given back.
pub fn site_replaced() {
    if let Some(hooks) = HOOKS.get()
        && REPLACING.swap(false, Ordering::Relaxed)
    {
        (hooks.purge_at_once)(false);
        (hooks.release)();
    }
}
