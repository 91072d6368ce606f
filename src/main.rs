//! The `briefing` command: parses the command line, runs the library,
//! prints what happened and picks the exit code.

use std::process::ExitCode;

use briefing::cli::{BuildArgs, CheckArgs, Cli, Command, InitArgs, NewArgs};
use briefing::error::{BuildError, Diagnostic};
use briefing::scaffold::{self, NewArticle};
use briefing::{BuildOptions, shown};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::New(args) => new(args),
        Command::Init(args) => init(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            report_error(&err);
            ExitCode::FAILURE
        }
    }
}

fn build(args: BuildArgs) -> Result<ExitCode, BuildError> {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let report = briefing::build(&options)?;
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
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> Result<ExitCode, BuildError> {
    let options = BuildOptions {
        root: args.root,
        output: None,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let report = briefing::check(&options)?;
    print_diagnostics(&report.warnings);
    for broken in &report.broken {
        println!("{broken}");
    }
    if report.broken.is_empty() {
        println!(
            "checked {} pages: every internal link resolves",
            report.pages
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "error: {} broken link{} in {} pages",
            report.broken.len(),
            plural(report.broken.len()),
            report.pages
        );
        Ok(ExitCode::FAILURE)
    }
}

fn new(args: NewArgs) -> Result<ExitCode, BuildError> {
    let article = NewArticle {
        title: args.title,
        date: args.date,
        actors: args
            .actors
            .map(|list| {
                list.split(',')
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    };
    let today = chrono::Local::now().date_naive();
    let path = scaffold::new_article(&args.root, &article, today)?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn init(args: InitArgs) -> Result<ExitCode, BuildError> {
    let today = chrono::Local::now().date_naive();
    let files = scaffold::init_site(&args.dir, args.repo.as_deref(), today)?;
    for file in &files {
        println!("created {}", file.display());
    }
    println!(
        "new site in {}: run `briefing build --root {}` to build it",
        args.dir.display(),
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
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
