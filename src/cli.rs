//! The command line, as clap derive types (no behaviour here).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A static-site generator for briefing desks: dated reports with a page
/// for every actor and every date.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, propagate_version = true)]
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
}
