//! The `briefing` command: parses the command line, runs the library,
//! prints what happened and picks the exit code.

use std::process::ExitCode;

use std::io::Write;

use briefing::cli::{BuildArgs, CheckArgs, Cli, Command, InitArgs, NewArgs, ServeArgs};
use briefing::error::{BuildError, Diagnostic};
use briefing::scaffold::{self, NewArticle};
use briefing::serve::{Notice, ServeOptions};
use briefing::{BuildEvent, BuildOptions, shown, weight};
use clap::Parser;

mod terminal;

/// mimalloc: measured faster than the system allocator on builds that
/// allocate many short-lived strings from two threads (see docs/performance.md).
/// Built without transparent huge pages (`no_thp` in Cargo.toml): faulting
/// in 2 MB pages took twice the system time of 4 KB ones (issue 29).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Serve(args) => serve(args),
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
    let line = terminal::Line::start();
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        future: args.future,
        now: None,
        local_origin: None,
        strict: args.strict,
        progress: line.as_ref().map(terminal::Line::progress),
    };
    let events = |event| match event {
        BuildEvent::Waiting(output) => eprintln!(
            "waiting for another build of {} to finish...",
            shown(&output)
        ),
    };
    let built = if args.check {
        briefing::build_checked(&options, events).map(Ok)
    } else {
        briefing::build_with(&options, events).map(Err)
    };
    // The line is cleared before anything else is printed.
    drop(line);
    let report = match built? {
        Ok(checked) => {
            let Some(report) = checked.build else {
                print_check(&checked.check, "; nothing was written");
                return Ok(ExitCode::FAILURE);
            };
            print_check(&checked.check, "");
            report
        }
        Err(report) => {
            print_diagnostics(&report.warnings);
            report
        }
    };
    println!(
        "built {} article{}, {} actor{}, {} date pages in {} ms -> {} ({}, {} files)",
        report.articles,
        plural(report.articles),
        report.actors,
        plural(report.actors),
        report.date_pages,
        report.elapsed.as_millis(),
        shown(&report.output),
        weight::bytes_shown(report.bytes),
        weight::count_shown(report.files as u64),
    );
    if let Some(next) = &report.next_live {
        println!(
            "{} article{} scheduled; the next goes live {next}",
            report.scheduled,
            plural(report.scheduled)
        );
    }
    if args.timings {
        print_timings(&report.timings);
        println!(
            "waited {:.1} ms for the removal of the previous output (it runs in the background)",
            report.removal.as_secs_f64() * 1000.0
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints what a link check found: warnings, notes, each broken link, and
/// the verdict (`outcome` ends an error's line); true if every link resolves.
fn print_check(report: &briefing::CheckReport, outcome: &str) -> bool {
    print_diagnostics(&report.warnings);
    print_diagnostics(&report.notes);
    for broken in &report.broken {
        println!("{broken}");
    }
    if report.broken.is_empty() {
        println!(
            "checked {} pages: every internal link resolves",
            report.pages
        );
        true
    } else {
        eprintln!(
            "error: {} broken link{} in {} pages{outcome}",
            report.broken.len(),
            plural(report.broken.len()),
            report.pages
        );
        false
    }
}

fn serve(args: ServeArgs) -> Result<ExitCode, BuildError> {
    briefing::memory::install(briefing::memory::Hooks {
        purge_at_once,
        release: release_freed_memory,
    });
    // The first build's progress line, cleared by the first notice.
    let line = std::sync::Mutex::new(terminal::Line::start());
    let options = ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
        future: !args.no_future,
        progress: line
            .lock()
            .ok()
            .and_then(|line| line.as_ref().map(terminal::Line::progress)),
    };
    let timings = args.timings;
    briefing::serve::serve(options, move |notice| {
        if let Some(line) = line.lock().ok().and_then(|mut line| line.take()) {
            line.finish();
        }
        print_notice(notice, timings)
    })?;
    println!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_e` (libmimalloc-sys
/// names only v2's options), and its default there, in milliseconds.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 1000;

/// mimalloc keeps a freed page a second before giving it back, for reuse.
/// While a whole rebuild replaces the preview's site at 100k articles
/// that kept the peak 0.1 GB higher (above 4 GB); during every other
/// edit it saves time (an article edit at 10k was 5-15 ms slower with
/// pages given back at once). See docs/performance.md.
fn purge_at_once(at_once: bool) {
    let delay = if at_once { 0 } else { DEFAULT_PURGE_DELAY };
    // SAFETY: an integer option mimalloc reads each time it purges.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, delay) };
}

/// Gives back to the system the memory freed and kept on every thread:
/// mimalloc gives a thread's freed pages back only when that thread
/// allocates again, so an idle preview kept 0.1-0.5 GB after a whole
/// rebuild at 100k articles.
fn release_freed_memory() {
    // SAFETY: `mi_collect` frees only memory no allocation holds.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

fn print_notice(notice: Notice, show_timings: bool) {
    match notice {
        Notice::Listening(url) => println!("serving {url} (Ctrl-C to stop)"),
        Notice::Exposed(address) => eprintln!(
            "warning: listening on {address}: the preview is reachable from the network, not just this machine"
        ),
        Notice::Rebuilt {
            first,
            changed,
            rendered,
            files,
            moved,
            elapsed,
            warnings,
            timings,
        } => {
            print_diagnostics(&warnings);
            let elapsed = elapsed.as_millis();
            if first {
                println!("built {files} files in {elapsed} ms");
            } else if changed.is_empty() {
                println!("rebuilt: {rendered} of {files} files rendered in {elapsed} ms");
            } else {
                println!(
                    "rebuilt after {}: {rendered} of {files} files rendered in {elapsed} ms",
                    describe(&changed)
                );
            }
            if let Some(url) = moved {
                println!("site moved: now at {url}");
            }
            if show_timings {
                let stages: Vec<String> = timings
                    .stages
                    .iter()
                    .map(|(stage, time)| format!("{stage} {:.1}", time.as_secs_f64() * 1000.0))
                    .collect();
                println!("  ms: {}", stages.join(", "));
                print_memory(&timings);
            }
        }
        Notice::Made { files, elapsed } => {
            if show_timings {
                println!(
                    "search index made when first asked for, in {:.1} ms ({files} files)",
                    elapsed.as_secs_f64() * 1000.0
                );
            }
        }
        Notice::Failed {
            changed, report, ..
        } => {
            eprintln!("{report}");
            if !changed.is_empty() {
                eprintln!("(after {})", describe(&changed));
            }
        }
    }
    let _ = std::io::stdout().flush();
}

/// Resident memory after each stage of a rebuild, and the peak so far
/// (`serve --timings`, where the system says).
fn print_memory(timings: &briefing::timings::Timings) {
    let stages: Vec<String> = timings
        .stages
        .iter()
        .zip(&timings.memory)
        .filter_map(|((stage, _), mb)| mb.map(|mb| format!("{stage} {mb}")))
        .collect();
    if let Some(peak) = briefing::timings::peak_mb()
        && !stages.is_empty()
    {
        println!("  MB resident after: {}; peak {peak}", stages.join(", "));
    }
    if !timings.values.is_empty() {
        let kinds: Vec<String> = timings
            .values
            .iter()
            .map(|(kind, mb)| format!("{kind} {mb}"))
            .collect();
        println!("  MB of template values: {}", kinds.join(", "));
    }
}

/// "a.md changed", "a.md and b.md changed", "a.md, b.md and c.md
/// changed", "a.md, b.md and 5 more files changed".
fn describe(changed: &[std::path::PathBuf]) -> String {
    let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
    match names.as_slice() {
        [] => "nothing changed".into(),
        [one] => format!("{one} changed"),
        [rest @ .., last] if names.len() <= 3 => format!("{} and {last} changed", rest.join(", ")),
        [a, b, more @ ..] => format!("{a}, {b} and {} more files changed", more.len()),
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, BuildError> {
    let line = terminal::Line::start();
    let options = BuildOptions {
        root: args.root,
        output: None,
        base_url: args.base_url,
        drafts: args.drafts,
        future: args.future,
        now: None,
        local_origin: None,
        strict: args.strict,
        progress: line.as_ref().map(terminal::Line::progress),
    };
    let checked = briefing::check(&options);
    drop(line);
    let report = match checked {
        Ok(report) => report,
        Err(err) => {
            eprintln!("{}", err.report_check());
            return Ok(ExitCode::FAILURE);
        }
    };
    if print_check(&report, "") {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}

fn new(args: NewArgs) -> Result<ExitCode, BuildError> {
    let names = |list: Option<String>| -> Vec<String> {
        list.map(|list| {
            list.split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect()
        })
        .unwrap_or_default()
    };
    let article = NewArticle {
        title: args.title,
        date: args.date,
        actors: names(args.actors),
        places: names(args.places),
        tags: names(args.tags),
        summary: args.summary.filter(|s| !s.trim().is_empty()),
    };
    let today = chrono::Local::now().date_naive();
    let path = scaffold::new_article(&args.root, &article, today)?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn init(args: InitArgs) -> Result<ExitCode, BuildError> {
    match scaffold::init(&args.dir, args.repo.as_deref())? {
        scaffold::Initialised::Site(files) => {
            for file in &files {
                println!("created {}", file.display());
            }
            let dir = args.dir.display();
            println!(
                "new site in {dir}, with an example briefing and actor profile. Next:\n  \
                 cd {dir}\n  \
                 briefing serve --drafts                 preview it at http://127.0.0.1:1111/\n  \
                 briefing new \"Title\" --actors \"A, B\"    write a briefing (a draft until you delete its `draft: true`)\n  \
                 briefing build                          build the site into public/\n\
                 To publish, push it to GitHub and turn on Pages (see the top of .github/workflows/pages.yml)."
            );
        }
        scaffold::Initialised::Workflow(change) => print_workflow_change(&change),
    }
    Ok(ExitCode::SUCCESS)
}

/// What `init` did to an existing site's workflow: the lines it changed.
fn print_workflow_change(change: &scaffold::WorkflowChange) {
    let path = change.path.display();
    let pin = format!("briefing {}", briefing::version::LONG);
    match &change.before {
        None => println!("created {path}: it installs {pin}"),
        Some(before) if *before == change.after => {
            println!("{path} is up to date: it installs {pin}")
        }
        Some(before) => {
            println!("updated {path}: it installs {pin}; what changed:");
            let diff = similar::TextDiff::from_lines(before.as_str(), change.after.as_str());
            print!(
                "{}",
                diff.unified_diff()
                    .context_radius(1)
                    .header("before", "after")
            );
            println!("(content/, site.yaml and every other file are as they were)");
        }
    }
}

fn print_timings(timings: &briefing::timings::Timings) {
    println!("time per stage:");
    for (index, (stage, time)) in timings.stages.iter().enumerate() {
        let memory = match timings.memory.get(index).copied().flatten() {
            Some(mb) => format!("   {mb:>6} MB resident after"),
            None => String::new(),
        };
        println!(
            "  {stage:<14} {:>8.1} ms{memory}",
            time.as_secs_f64() * 1000.0
        );
    }
    println!("slowest templates (render time summed over threads):");
    for template in timings.templates.iter().take(5) {
        println!(
            "  {:<26} {:>7} pages {:>9.1} ms total, slowest {:.2} ms ({})",
            template.name,
            template.pages,
            template.total.as_secs_f64() * 1000.0,
            template.slowest.as_secs_f64() * 1000.0,
            template.slowest_page
        );
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
    eprintln!("{}", err.report());
}
