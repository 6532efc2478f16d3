//! A helper command run as a child process (the OCR engine, the page
//! renderer): fed on standard input, its output gathered, killed at the
//! file's deadline.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::error::{ErrorKind, FileError};

use super::check_deadline;

/// How often a running child is checked against the deadline.
const POLL: Duration = Duration::from_millis(2);
/// Standard error kept (for the message of a failed run).
const MAX_STDERR: u64 = 64 * 1024;

/// What a child that ran to its end gave.
pub struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    /// The last line the child wrote to standard error, for a message.
    pub fn said(&self) -> String {
        let said = String::from_utf8_lossy(&self.stderr);
        said.lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("no message")
            .trim()
            .to_string()
    }
}

/// Runs `cmd` (`what` names it in messages) with `input` on its standard
/// input, keeping at most `max_output` bytes of its standard output; the
/// child is killed once `deadline` passes (a `timeout` error).
pub fn run(
    cmd: &mut Command,
    what: &str,
    input: &[u8],
    max_output: u64,
    deadline: Option<Instant>,
) -> Result<Output, FileError> {
    check_deadline(deadline)?;
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| FileError::new(ErrorKind::Internal, format!("could not start {what}: {e}")))?;
    let output = collect(&mut child, what, input, max_output, deadline);
    if output.is_err() {
        let _ = child.kill();
        let _ = child.wait();
    }
    output
}

/// Feeds `input` to the child and gathers its output, until it exits or
/// `deadline` passes.
fn collect(
    child: &mut Child,
    what: &str,
    input: &[u8],
    max_output: u64,
    deadline: Option<Instant>,
) -> Result<Output, FileError> {
    let mut stdin = child.stdin.take().expect("piped stdin");
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            // A broken pipe (the child gave up early) is seen in its status.
            let _ = stdin.write_all(input);
        });
        let out = scope.spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.take(max_output).read_to_end(&mut buf);
            buf
        });
        let err = scope.spawn(move || {
            let mut buf = Vec::new();
            let _ = stderr.take(MAX_STDERR).read_to_end(&mut buf);
            buf
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) => {}
                Err(e) => {
                    break Err(FileError::new(
                        ErrorKind::Internal,
                        format!("lost {what}: {e}"),
                    ))
                }
            }
            if let Err(e) = check_deadline(deadline) {
                // Kill now, so the pipes close and the threads end.
                let _ = child.kill();
                break Err(e);
            }
            std::thread::sleep(POLL);
        };
        let _ = writer.join();
        let stdout = out.join().unwrap_or_default();
        let stderr = err.join().unwrap_or_default();
        status.map(|status| Output {
            status,
            stdout,
            stderr,
        })
    })
}
