//! An estimate of the heap memory template values hold, each shared
//! allocation (a map, a list, a long string) counted once: where `serve`'s
//! memory goes, by kind of value (`BRIEFING_VALUE_BYTES=1 briefing serve
//! --timings`).

use std::collections::HashSet;
use std::mem::size_of;

use tera::Value;
use tera::value::{Key, Map};

/// Strings this long or shorter are held inside the value itself.
const INLINE: usize = 21;
/// An `Arc`'s counts, before its data.
const ARC: usize = 16;

/// Counts the bytes of values, skipping allocations already counted.
#[derive(Default)]
pub struct ValueBytes {
    seen: HashSet<usize>,
}

impl ValueBytes {
    /// The heap bytes `value` holds that were not counted before (its own
    /// size is counted by whatever holds it).
    pub fn value(&mut self, value: &Value) -> usize {
        if let Some(map) = value.as_map() {
            return self.map(map);
        }
        if let Some(items) = value.as_array() {
            if !self.seen.insert(items.as_ptr() as usize) {
                return 0;
            }
            let own = ARC + size_of::<Vec<Value>>() + std::mem::size_of_val(items);
            return own + items.iter().map(|item| self.value(item)).sum::<usize>();
        }
        match value.as_str() {
            Some(text) if text.len() > INLINE && self.seen.insert(text.as_ptr() as usize) => {
                ARC + text.len()
            }
            _ => 0,
        }
    }

    /// [`Self::value`] of each value, with the values themselves.
    pub fn values<'v>(&mut self, values: impl IntoIterator<Item = &'v Value>) -> usize {
        values
            .into_iter()
            .map(|value| size_of::<Value>() + self.value(value))
            .sum()
    }

    fn map(&mut self, map: &Map) -> usize {
        if !self.seen.insert(map as *const Map as usize) {
            return 0;
        }
        // A hash table: a power of two of slots at most 7/8 full, one
        // control byte each.
        let slots = (map.capacity() * 8 / 7).next_power_of_two().max(4);
        let own = ARC + size_of::<Map>() + slots * (size_of::<(Key<'static>, Value)>() + 1);
        own + map.values().map(|item| self.value(item)).sum::<usize>()
    }
}

/// Bytes as whole megabytes (10^6), rounded.
pub fn megabytes(bytes: usize) -> u64 {
    ((bytes + 500_000) / 1_000_000) as u64
}
