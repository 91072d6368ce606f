//! The command line, as clap derive types (no behaviour here).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A static-site generator for briefing desks: dated reports with a page
/// for every actor and every date.
#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version = crate::version::LONG,
    about,
    propagate_version = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output folder (public/ by default).
    Build(BuildArgs),
    /// Preview the site locally, rebuilding and reloading on every change.
    Serve(ServeArgs),
    /// Do everything `build` does except write, then check every internal link.
    Check(CheckArgs),
    /// Write a new article with its front matter filled in.
    New(NewArgs),
    /// Create a new site with a GitHub Pages workflow, or refresh an existing site's workflow.
    Init(InitArgs),
}

/// Options of `briefing serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder: the one holding content/ (and site.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The address to listen on; anything but loopback is reachable from the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: std::net::IpAddr,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Print the time spent in each stage of every rebuild.
    #[arg(long)]
    pub timings: bool,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Hide scheduled articles (dated after now), as `build` does; the
    /// preview shows them, marked, by default.
    #[arg(long)]
    pub no_future: bool,
}

/// Options of `briefing check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder: the one holding content/ (and site.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Check with this base_url instead of the one in site.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include scheduled articles (dated after the build's time).
    #[arg(long)]
    pub future: bool,
    /// Fail on warnings too (as `strict: true` in site.yaml does), for CI.
    #[arg(long)]
    pub strict: bool,
}

/// Options of `briefing new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The article's title.
    pub title: String,
    /// The site folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Actors, separated by commas: "Antony Blinken, Sergey Lavrov".
    #[arg(long, value_name = "NAMES")]
    pub actors: Option<String>,
    /// Places, separated by commas: "Geneva, Kyiv".
    #[arg(long, value_name = "NAMES")]
    pub places: Option<String>,
    /// Tags, separated by commas: "diplomacy, security".
    #[arg(long, value_name = "NAMES")]
    pub tags: Option<String>,
    /// One sentence for lists and feeds.
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// The article's date, YYYY-MM-DD (2025-3-14 works too) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// Options of `briefing init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// A new or empty folder to create a site in; or an existing site,
    /// whose Pages workflow alone is written or refreshed.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The briefing repository the Pages workflow installs this briefing
    /// from [default: the one it was built from].
    #[arg(long, value_name = "URL")]
    pub repo: Option<String>,
}

/// Options of `briefing build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder: the one holding content/ (and site.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the site [default: DIR/public].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Override base_url from site.yaml (for example https://org.github.io/briefings/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include scheduled articles (dated after the build's time, which is
    /// SOURCE_DATE_EPOCH when set).
    #[arg(long)]
    pub future: bool,
    /// Print the time spent in each stage and the slowest templates.
    #[arg(long)]
    pub timings: bool,
    /// Fail on warnings too (as `strict: true` in site.yaml does), for CI.
    #[arg(long)]
    pub strict: bool,
    /// Also check every internal link, as `check` does, in the same pass;
    /// with a broken link nothing is written.
    #[arg(long)]
    pub check: bool,
}
