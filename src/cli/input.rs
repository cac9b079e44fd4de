//! Reading scenario and action files, bounded: only regular files, at most `MAX_BYTES`,
//! and never a wait. A pipe, a device (a link to `/dev/zero`), a socket or a folder is
//! refused before it is opened; a file that grows while it is read is still read only up
//! to the limit.

use std::fs::{File, OpenOptions};
use std::io::Read;

/// The largest file read: 64 MiB. A generated story of 100,000 orders is 24 MiB.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The text of a file, or why it cannot be read, in words for the person who named it.
pub fn read_text(path: &str) -> Result<String, String> {
    let metadata = std::fs::metadata(path).map_err(|e| io_words(&e))?;
    if let Some(why) = not_a_file(&metadata) {
        return Err(why);
    }
    if metadata.len() > MAX_BYTES {
        return Err(too_large(metadata.len()));
    }
    let file = open_without_waiting(path).map_err(|e| io_words(&e))?;
    // The path may have been pointed elsewhere between the look and the opening: look at
    // what was opened.
    let opened = file.metadata().map_err(|e| io_words(&e))?;
    if let Some(why) = not_a_file(&opened) {
        return Err(why);
    }
    let mut bytes = Vec::with_capacity(opened.len().min(MAX_BYTES) as usize + 1);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_words(&e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "it grew past {} MiB while it was read",
            MAX_BYTES >> 20
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..good]);
        let (line, column) = shopsim::scenario::report::line_col(&before, good);
        format!(
            "it is not UTF-8 text (the first byte that is not is at line {line}, column {column})"
        )
    })
}

/// Why a file's metadata rules it out, if it does.
fn not_a_file(metadata: &std::fs::Metadata) -> Option<String> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    let what = if kind.is_dir() {
        "a folder"
    } else if is_fifo(&kind) {
        "a pipe (FIFO)"
    } else if is_device(&kind) {
        "a device"
    } else {
        "not a regular file"
    };
    Some(format!(
        "it is {what}; scenarios and action files are read from regular files only"
    ))
}

fn too_large(len: u64) -> String {
    format!(
        "it is {:.1} MiB; a scenario or action file may be at most {} MiB",
        len as f64 / (1024.0 * 1024.0),
        MAX_BYTES >> 20
    )
}

#[cfg(unix)]
fn is_fifo(kind: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(kind)
}

#[cfg(unix)]
fn is_device(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_char_device() || kind.is_block_device()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::FileType) -> bool {
    false
}

/// Opens for reading without blocking: a pipe swapped in after the look would otherwise
/// wait for a writer forever. Reading a regular file is the same either way.
fn open_without_waiting(path: &str) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => {
            "it is a folder; scenarios and action files are read from regular files only".to_owned()
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_and_a_missing_file_are_refused_in_words() {
        let folder = std::env::temp_dir();
        let why = read_text(&folder.to_string_lossy()).unwrap_err();
        assert!(why.contains("a folder"), "{why}");
        let why = read_text("/no/such/scenario.ron").unwrap_err();
        assert_eq!(why, "no such file");
    }

    #[test]
    fn a_device_is_refused_before_it_is_read() {
        if std::path::Path::new("/dev/zero").exists() {
            let why = read_text("/dev/zero").unwrap_err();
            assert!(why.contains("a device"), "{why}");
        }
    }

    #[test]
    fn sizes_are_said_in_mebibytes() {
        assert_eq!(
            too_large(70 * 1024 * 1024),
            "it is 70.0 MiB; a scenario or action file may be at most 64 MiB"
        );
    }
}
