//! The `briefing` command: parses the command line, runs the library,
//! prints what happened and picks the exit code.

use std::process::ExitCode;

use briefing::cli::{BuildArgs, Cli, Command};
use briefing::error::{BuildError, Diagnostic};
use briefing::{BuildOptions, shown};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    match briefing::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            println!(
                "built {} article{}, {} actor{}, {} date pages ({} files) in {} ms -> {}",
                report.articles,
                plural(report.articles),
                report.actors,
                plural(report.actors),
                report.date_pages,
                report.files,
                report.elapsed.as_millis(),
                shown(&report.output),
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            report_error(&err);
            ExitCode::FAILURE
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}\n");
    }
}

/// Prints an error with every cause in its chain, and for a site error
/// every problem found.
fn report_error(err: &BuildError) {
    if let BuildError::Site(diagnostics) = err {
        print_diagnostics(diagnostics);
        eprintln!("error: build failed: {err}; nothing was written");
        return;
    }
    eprintln!("error: {err}");
    let mut cause = std::error::Error::source(err);
    while let Some(inner) = cause {
        eprintln!("  caused by: {inner}");
        cause = inner.source();
    }
}
