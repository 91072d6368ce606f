//! Integration tests: real sites built into temporary folders by the real
//! `briefing` binary, checked through the files and messages a user sees.

mod support;

mod actors;
mod base_path;
mod browser;
mod browser_search;
mod browser_theme;
mod build_check;
mod cli;
mod commands;
mod dates;
mod errors;
mod fuzz;
mod in_place;
mod languages;
mod leaks;
mod links;
mod mentions;
mod multilingual;
mod on_request;
mod output;
mod pages;
mod preview;
mod progress_line;
mod publishing;
mod reading;
mod readme;
mod recovery;
mod reliability;
mod scaffold;
mod scheduled_preview;
mod scheduling;
mod search;
mod serve;
mod serve_log;
mod snapshots_test;
mod strict;
mod terms;
mod theme;
mod threads;
mod time;
mod weight;
mod workflow;
mod writing;
