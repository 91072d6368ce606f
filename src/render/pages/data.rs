//! Data for analysts' own tools, planned as files: `/data/actors.json`
//! (every actor: slug, name, kind, roles, aliases, article count, first
//! and last dates, page) and `/data/graph.json` (who appears with whom:
//! co-occurrence edges with their weights).

use serde::Serialize;

use super::{Job, Output, Planner};
use crate::model::Taxonomy;
use crate::paths;

/// One actor in `actors.json`.
#[derive(Serialize)]
struct ActorRecord<'a> {
    slug: &'a str,
    name: &'a str,
    kind: &'static str,
    url: String,
    roles: Vec<RoleRecord<'a>>,
    /// The undated `role:`, if any.
    role: Option<&'a str>,
    aliases: &'a [String],
    wikidata: Option<&'a str>,
    articles: usize,
    first: Option<String>,
    last: Option<String>,
}

#[derive(Serialize)]
struct RoleRecord<'a> {
    title: &'a str,
    org: Option<&'a str>,
    from: Option<String>,
    to: Option<String>,
}

/// One edge of `graph.json`: two actors' slugs and their shared articles.
#[derive(Serialize)]
struct Edge<'a> {
    source: &'a str,
    target: &'a str,
    weight: usize,
}

#[derive(Serialize)]
struct Node<'a> {
    id: &'a str,
    name: &'a str,
    articles: usize,
}

#[derive(Serialize)]
struct Graph<'a> {
    nodes: Vec<Node<'a>>,
    edges: Vec<Edge<'a>>,
}

impl Planner<'_> {
    /// `data/actors.json` and `data/graph.json`.
    pub(super) fn data_files(&self, jobs: &mut Vec<Job>) {
        let site = self.site;
        let actors = &site.terms[Taxonomy::Actor];
        let day = |i: usize| super::iso_date(site.articles[i].article.matter.date.date);
        let records: Vec<ActorRecord> = actors
            .iter()
            .map(|term| {
                let matter = term.profile.as_ref().map(|p| &p.matter);
                ActorRecord {
                    slug: &term.slug,
                    name: &term.name,
                    kind: matter.map(|m| m.kind).unwrap_or_default().key(),
                    url: self.urls.permalink(&term.path),
                    roles: matter
                        .map(|m| {
                            m.roles
                                .iter()
                                .map(|r| RoleRecord {
                                    title: &r.title,
                                    org: r.org.as_deref(),
                                    from: r.from.map(super::iso_date),
                                    to: r.to.map(super::iso_date),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                    role: matter.and_then(|m| m.role.as_deref()),
                    aliases: matter.map_or(&[][..], |m| &m.aliases),
                    wikidata: matter.and_then(|m| m.wikidata.as_deref()),
                    articles: term.articles.len(),
                    first: term.articles.last().map(|&i| day(i)),
                    last: term.articles.first().map(|&i| day(i)),
                }
            })
            .collect();
        let graph = Graph {
            nodes: actors
                .iter()
                .map(|t| Node {
                    id: &t.slug,
                    name: &t.name,
                    articles: t.articles.len(),
                })
                .collect(),
            edges: site
                .relations
                .edges
                .iter()
                .map(|&(a, b, weight)| Edge {
                    source: &actors[a].slug,
                    target: &actors[b].slug,
                    weight,
                })
                .collect(),
        };
        jobs.push(json_file(paths::DATA_ACTORS, &records, true));
        // Every edge: compact, as it grows with the site.
        jobs.push(json_file(paths::DATA_GRAPH, &graph, false));
    }
}

fn json_file(path: &str, value: &impl Serialize, pretty: bool) -> Job {
    let bytes = match pretty {
        true => serde_json::to_vec_pretty(value),
        false => serde_json::to_vec(value),
    };
    let mut bytes = bytes.unwrap_or_default();
    bytes.push(b'\n');
    Job {
        path: path.to_string(),
        output: Output::File {
            bytes: bytes.into(),
            source: None,
        },
        lastmod: None,
    }
}
