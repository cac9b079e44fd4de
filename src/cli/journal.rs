//! Session journals on disk: one file of JSON lines per terminal session, in the user's
//! data directory. The first line says which scenario (with a hash of its text) and how it
//! was played; every other line is one change to the session, written and flushed before
//! its effect is drawn. A session that ends normally has its journal renamed `.done`; any
//! other can be resumed with `shopsim resume`.

use serde::{Deserialize, Serialize};
use shopsim::training::{JournalLine, Mode};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// The user's data directory for shopsim (`$XDG_DATA_HOME/shopsim` on Linux).
pub fn data_dir() -> Result<PathBuf, String> {
    directories::ProjectDirs::from("", "", "shopsim")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| "no home directory to keep shopsim's data in".to_owned())
}

fn journals_dir() -> Result<PathBuf, String> {
    Ok(data_dir()?.join("journals"))
}

/// What a journal is of.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub shopsim_journal: u32,
    /// The scenario file, as an absolute path.
    pub scenario: String,
    /// A hash of the scenario's text: a changed file is noticed on resuming.
    pub hash: String,
    pub title: String,
    pub mode: Mode,
    /// When the session began, in local time.
    pub started: String,
    /// A script the session played by itself, and its pace.
    #[serde(default)]
    pub actions: Option<String>,
    #[serde(default)]
    pub pace_ms: Option<u64>,
}

/// FNV-1a over the text: enough to notice that a scenario changed.
pub fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A journal being written.
pub struct Writer {
    path: PathBuf,
    file: File,
}

impl Writer {
    /// Starts a new journal for a session.
    pub fn create(header: &Header) -> Result<Writer, String> {
        let dir = journals_dir()?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let stem = Path::new(&header.scenario)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("session");
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let pid = std::process::id();
        for n in 0.. {
            let path = dir.join(format!("{stem}-{stamp}-{pid}-{n}.jsonl"));
            match OpenOptions::new().append(true).create_new(true).open(&path) {
                Ok(file) => {
                    let mut writer = Writer { path, file };
                    writer.line(header)?;
                    return Ok(writer);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("cannot create {}: {e}", path.display())),
            }
        }
        unreachable!("the loop returns")
    }

    /// Goes on writing a journal that is being resumed.
    pub fn reopen(path: &Path) -> Result<Writer, String> {
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(Writer {
            path: path.to_path_buf(),
            file,
        })
    }

    fn line(&mut self, value: &impl Serialize) -> Result<(), String> {
        let mut text =
            serde_json::to_string(value).map_err(|e| format!("cannot write the journal: {e}"))?;
        text.push('\n');
        self.file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.flush())
            .map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }

    pub fn append(&mut self, line: &JournalLine) -> Result<(), String> {
        self.line(line)
    }

    /// Removes a journal another one replaces.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.path);
    }

    /// The session ended normally: its journal is kept, but not offered for resuming.
    pub fn finish(self) -> Result<(), String> {
        let done = self.path.with_extension("jsonl.done");
        std::fs::rename(&self.path, &done)
            .map_err(|e| format!("cannot close {}: {e}", self.path.display()))
    }
}

/// A journal read back.
pub struct Journal {
    pub path: PathBuf,
    pub header: Header,
    pub lines: Vec<JournalLine>,
}

/// Reads a journal. A last line cut short by a crash is left out: what was whole is kept.
pub fn read(path: &Path) -> Result<Journal, String> {
    let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = BufReader::new(file).lines();
    let first = lines
        .next()
        .and_then(Result::ok)
        .ok_or_else(|| format!("{} is empty: it is not a session journal", path.display()))?;
    let header: Header = serde_json::from_str(&first)
        .map_err(|_| format!("{} is not a shopsim session journal", path.display()))?;
    let mut read = Vec::new();
    for line in lines {
        let Ok(line) = line else { break };
        match serde_json::from_str::<JournalLine>(&line) {
            Ok(entry) => read.push(entry),
            Err(_) => break,
        }
    }
    Ok(Journal {
        path: path.to_path_buf(),
        header,
        lines: read,
    })
}

/// Journals of sessions that did not end normally, newest first.
pub fn unfinished() -> Vec<PathBuf> {
    let Ok(dir) = journals_dir() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_tells_texts_apart() {
        assert_eq!(hash("a"), hash("a"));
        assert_ne!(hash("a"), hash("b"));
    }
}
