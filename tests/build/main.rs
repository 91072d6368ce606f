//! Integration tests: real sites built into temporary folders by the real
//! `briefing` binary, checked through the files and messages a user sees.

mod support;

mod browser;
mod cli;
mod commands;
mod errors;
mod fuzz;
mod in_place;
mod links;
mod output;
mod pages;
mod preview;
mod publishing;
mod reliability;
mod serve;
mod snapshots_test;
mod terms;
mod threads;
