//! Command-line entry: parses arguments, reads files, and hands text to the library.
//! Exit codes: 0 fine, 1 an error of the program or the system, 2 bad input, 3 a scenario
//! run whose required objectives were not met.

mod check;
mod generate;
mod input;
mod journal;
mod menu;
mod new;
mod play;
mod reports;
mod run;
mod watch;

use clap::{Parser, Subcommand, ValueEnum};
use shopsim::scenario;
use shopsim::text::inert;
use shopsim::training::Mode;
use std::process::ExitCode;

/// The scenario `shopsim` plays when given no file.
pub const DEFAULT_SCENARIO: (&str, &str) = (
    "scenarios/01_quick_cancel_window.ron",
    include_str!("../../scenarios/01_quick_cancel_window.ron"),
);

#[derive(Parser)]
#[command(
    name = "shopsim",
    version,
    about = "Rehearse cancellations, disputes and refunds on a simulated clock",
    long_about = "Rehearse what happens after \"Buy\": cancelling, asking a seller, disputes, support \
                  and refunds, against scripted sellers on a simulated clock.\n\n\
                  With no command, plays the default scenario in the terminal."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Where the debrief reports of training sessions are saved (Markdown and JSON)
    /// [default: reports/ in shopsim's data directory]
    #[arg(long, global = true)]
    reports: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Play a scenario in the terminal
    Play {
        file: String,
        /// Exam mode: no hints, no rewinding
        #[arg(long)]
        exam: bool,
        /// Play these timed actions by themselves, one step at a time
        #[arg(long)]
        actions: Option<String>,
        /// Milliseconds between two steps of --actions
        #[arg(long, default_value_t = 700, requires = "actions")]
        pace: u64,
        /// Reload the scenario on every save, replaying your actions onto it; problems
        /// are shown over the running session
        #[arg(long)]
        watch: bool,
    },
    /// Without a terminal: check the scenario and play its solution on every save,
    /// printing the problems or the objectives as they tick, until Ctrl-C
    Watch {
        file: String,
        /// The actions to play [default: NAME.actions.ron beside the scenario]
        #[arg(long)]
        actions: Option<String>,
    },
    /// Go on with a session that did not end normally (the newest, or this journal)
    Resume { journal: Option<String> },
    /// Choose a scenario from a folder and play it, as practice or exam
    Menu {
        #[arg(default_value = "scenarios")]
        dir: String,
    },
    /// Check scenario files, with the reference solution `NAME.actions.ron` beside each
    /// played and linted; exit 0 when all are valid, 2 when not
    Check {
        #[arg(required = true)]
        files: Vec<String>,
        /// Warnings (parts that cannot work as meant) fail the check too
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Run a scenario without a terminal and print its event log and end state
    Run {
        file: String,
        /// A RON list of timed actions, e.g. [(at: "+30m", do: CancelOrder(order: "A-1"))]
        #[arg(long)]
        actions: Option<String>,
        /// Stop the clock here: a duration from the start ("21d", "36h") or a date and time
        #[arg(long)]
        until: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also list every timer, window edge and event scheduled, and each seller rule
        /// that answered, with the line of the file it comes from
        #[arg(long)]
        timeline: bool,
        /// Also say which seller rules, events, objectives and mistakes of the file the
        /// actions exercised, and which never fired, by line (needs --actions)
        #[arg(long)]
        coverage: bool,
    },
    /// Write a commented starter scenario NAME.ron and its solution NAME.actions.ron that
    /// pass `check` and play: the first file of a new story
    New {
        /// The file to write, e.g. scenarios/20_my_story (".ron" is added)
        name: String,
        /// The platform preset
        #[arg(long, default_value = "escrow_marketplace")]
        preset: String,
        /// The story's title [default: from the name]
        #[arg(long)]
        title: Option<String>,
    },
    /// Write a large valid scenario for measuring: orders in every starting status,
    /// scripted sellers and a month of world events; the same seed gives the same file
    Generate {
        /// Orders that exist at the start (1 to 1,000,000)
        #[arg(long)]
        orders: usize,
        /// Sellers, each with one or two items and rules [default: one per 50 orders]
        #[arg(long)]
        sellers: Option<usize>,
        /// World events over the 30 days after the start [default: one per 10 orders]
        #[arg(long)]
        events: Option<usize>,
        /// The platform preset
        #[arg(long, default_value = "escrow_marketplace")]
        preset: String,
        /// Chooses the data; the same seed gives the same file
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write to this file instead of stdout
        #[arg(long)]
        out: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    play::keep_crashes();
    let reports = cli.reports.as_deref();
    match cli.command {
        None => play::play(
            DEFAULT_SCENARIO.0,
            DEFAULT_SCENARIO.1,
            Mode::Practice,
            reports,
            None,
            false,
        ),
        Some(Command::Watch { file, actions }) => watch::watch(&file, actions.as_deref()),
        Some(Command::Play {
            file,
            exam,
            actions,
            pace,
            watch,
        }) => match read(&file) {
            Ok(text) => {
                let mode = if exam { Mode::Exam } else { Mode::Practice };
                let script = actions
                    .as_deref()
                    .map(|a| (a, std::time::Duration::from_millis(pace)));
                play::play(&file, &text, mode, reports, script, watch)
            }
            Err(code) => code,
        },
        Some(Command::Resume { journal }) => play::resume(journal.as_deref(), reports),
        Some(Command::Menu { dir }) => menu::menu(&dir, reports),
        Some(Command::Check {
            files,
            deny_warnings,
        }) => check::check(&files, deny_warnings),
        Some(Command::Run {
            file,
            actions,
            until,
            format,
            timeline,
            coverage,
        }) => run::run(
            &file,
            actions.as_deref(),
            until.as_deref(),
            format,
            run::Extras { timeline, coverage },
        ),
        Some(Command::New {
            name,
            preset,
            title,
        }) => new::new(&name, &preset, title.as_deref()),
        Some(Command::Generate {
            orders,
            sellers,
            events,
            preset,
            seed,
            out,
        }) => {
            let defaults = scenario::generate::Options::new(orders);
            let options = scenario::generate::Options {
                sellers: sellers.unwrap_or(defaults.sellers),
                events: events.unwrap_or(defaults.events),
                preset,
                seed,
                ..defaults
            };
            generate::generate(&options, out.as_deref())
        }
    }
}

/// Reads a file (a regular one, of at most 64 MiB), or says why not and gives the exit code.
pub fn read(path: &str) -> Result<String, ExitCode> {
    input::read_text(path).map_err(|why| {
        eprintln!("shopsim: cannot read {}: {why}", inert(path));
        ExitCode::from(2)
    })
}

/// Writes to stdout. A reader that stops early (`| head`) is not a failure of ours; any
/// other failure to write is (exit 1).
pub fn print_out(text: &str) -> Result<(), ExitCode> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("shopsim: cannot write the output: {e}");
            Err(ExitCode::from(1))
        }
    }
}
