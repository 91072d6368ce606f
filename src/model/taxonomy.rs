//! The three kinds of term an article carries: actors, places and tags.
//!
//! One type names them ([`Taxonomy`]) and one container holds something per
//! kind ([`PerTaxonomy`]), so code that treats the three alike is written
//! once, and code that treats actors apart (profiles, relations) says so by
//! matching on [`Taxonomy::Actor`].

use std::ops::{Index, IndexMut};

/// A kind of term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Taxonomy {
    /// People and organisations (`actors:`), with optional profiles.
    Actor,
    /// Places (`places:`).
    Place,
    /// Topics (`tags:`).
    Tag,
}

impl Taxonomy {
    /// Every taxonomy, in the order pages and entries list them.
    pub const ALL: [Taxonomy; 3] = [Taxonomy::Actor, Taxonomy::Place, Taxonomy::Tag];

    /// The front-matter key and the URL segment: `actors`.
    pub fn key(self) -> &'static str {
        match self {
            Taxonomy::Actor => "actors",
            Taxonomy::Place => "places",
            Taxonomy::Tag => "tags",
        }
    }

    /// One term, for messages and page kinds: `actor`.
    pub fn singular(self) -> &'static str {
        match self {
            Taxonomy::Actor => "actor",
            Taxonomy::Place => "place",
            Taxonomy::Tag => "tag",
        }
    }

    /// The index page's title: `Actors`.
    pub fn title(self) -> &'static str {
        match self {
            Taxonomy::Actor => "Actors",
            Taxonomy::Place => "Places",
            Taxonomy::Tag => "Tags",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// One `T` per taxonomy, indexed by [`Taxonomy`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PerTaxonomy<T>([T; 3]);

impl<T> PerTaxonomy<T> {
    /// Makes each taxonomy's value with `make`.
    pub fn from_fn(mut make: impl FnMut(Taxonomy) -> T) -> Self {
        Self(Taxonomy::ALL.map(&mut make))
    }

    /// Each taxonomy's value, turned into another.
    pub fn map<U>(self, mut f: impl FnMut(Taxonomy, T) -> U) -> PerTaxonomy<U> {
        let [a, p, t] = self.0;
        PerTaxonomy([
            f(Taxonomy::Actor, a),
            f(Taxonomy::Place, p),
            f(Taxonomy::Tag, t),
        ])
    }

    /// Each taxonomy with its value, in [`Taxonomy::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Taxonomy, &T)> {
        Taxonomy::ALL.into_iter().zip(&self.0)
    }

    /// Each taxonomy with its value, mutably.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Taxonomy, &mut T)> {
        Taxonomy::ALL.into_iter().zip(&mut self.0)
    }
}

impl<T> Index<Taxonomy> for PerTaxonomy<T> {
    type Output = T;
    fn index(&self, taxonomy: Taxonomy) -> &T {
        &self.0[taxonomy.slot()]
    }
}

impl<T> IndexMut<Taxonomy> for PerTaxonomy<T> {
    fn index_mut(&mut self, taxonomy: Taxonomy) -> &mut T {
        &mut self.0[taxonomy.slot()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_by_their_taxonomy() {
        let keys = PerTaxonomy::from_fn(Taxonomy::key);
        assert_eq!(keys[Taxonomy::Place], "places");
        let lengths = keys.map(|_, key| key.len());
        assert_eq!(lengths[Taxonomy::Actor], 6);
        let order: Vec<Taxonomy> = lengths.iter().map(|(t, _)| t).collect();
        assert_eq!(order, Taxonomy::ALL);
    }
}
