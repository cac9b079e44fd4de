//! `shopsim new NAME [--preset P]`: writes a starter scenario and its solution, never over
//! a file that exists.

use shopsim::scenario::{presets, starter};
use shopsim::text::inert;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn new(name: &str, preset: &str, title: Option<&str>) -> ExitCode {
    if presets::text(preset).is_none() {
        let known: Vec<&str> = presets::names().collect();
        eprintln!(
            "shopsim: there is no preset `{}`; the presets are {}",
            inert(preset),
            known.join(", ")
        );
        return ExitCode::from(2);
    }
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    let scenario_path = format!("{stem}.ron");
    let solution_path = format!("{stem}.actions.ron");
    let title = title.map(str::to_owned).unwrap_or_else(|| title_from(stem));
    let (scenario, solution) = starter::starter(&title, preset);
    for path in [&scenario_path, &solution_path] {
        if Path::new(path).exists() {
            eprintln!(
                "shopsim: {} exists already; choose another name (nothing was written)",
                inert(path)
            );
            return ExitCode::from(2);
        }
    }
    for (path, text) in [(&scenario_path, &scenario), (&solution_path, &solution)] {
        if let Err(why) = write_new(path, text) {
            eprintln!("shopsim: cannot write {}: {why}", inert(path));
            return ExitCode::from(1);
        }
    }
    println!(
        "wrote {} and {}\nnext: shopsim check {}   then   shopsim play {} --watch",
        inert(&scenario_path),
        inert(&solution_path),
        inert(&scenario_path),
        inert(&scenario_path)
    );
    ExitCode::SUCCESS
}

/// "scenarios/20_my_story" → "My story".
fn title_from(stem: &str) -> String {
    let base = Path::new(stem)
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or(stem);
    let words = base
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '_' || c == '-')
        .replace(['_', '-'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "A new story".to_owned(),
    }
}

/// Creates the file only if it does not exist, and writes it whole.
fn write_new(path: &str, text: &str) -> std::io::Result<()> {
    if let Some(dir) = Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_comes_from_the_name() {
        assert_eq!(super::title_from("scenarios/20_my_story"), "My story");
        assert_eq!(super::title_from("refund-late"), "Refund late");
        assert_eq!(super::title_from("123"), "A new story");
    }
}
