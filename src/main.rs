//! The `shopsim` command: play in the terminal, or check and run scenarios headless.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
