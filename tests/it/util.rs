//! Helpers shared by every module of the integration tests: the one way to run
//! the binary (plainly, or under a memory cap with its peak RSS measured), to
//! find fixtures, to make a scratch folder, and to require an external tool.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The "today" of every check whose output the tests compare.
pub const AS_OF: &str = "2026-11";

/// The package root; `cargo test` runs the tests with it as working folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `fixtures/REL` under the package root (`fixture("resumes/senior_tech.txt")`).
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// The `rolefit` binary built for these tests.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_rolefit"))
}

/// Colour settings a developer's shell may export; no run inherits them.
const COLOUR_VARIABLES: [&str; 3] = ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"];

/// `rolefit`, ready for arguments: run in the package root (so fixtures can
/// be named `fixtures/…`, and reports show them so), without the colour
/// variables of the environment the tests run in.
pub fn rolefit() -> assert_cmd::Command {
    assert_cmd::Command::from_std(rolefit_std())
}

/// The same as [`rolefit`], as a `std` command, for what only it can do
/// (piping, `pre_exec`).
pub fn rolefit_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(bin());
    cmd.current_dir(root());
    for variable in COLOUR_VARIABLES {
        cmd.env_remove(variable);
    }
    cmd
}

/// A fresh scratch folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Makes a FIFO (named pipe) at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("a path without NUL");
    // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
    let made = unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) };
    assert_eq!(
        made,
        0,
        "mkfifo {}: {}",
        path.display(),
        std::io::Error::last_os_error()
    );
}

/// The path of `program` on `PATH`. Panics, naming the package that provides
/// it, when it is not installed: tests that call this are
/// `#[ignore = "needs …"]`, and `.ci/run` installs the tools and runs them
/// with `cargo test -- --include-ignored`.
pub fn require_tool(program: &str, package: &str) -> PathBuf {
    find_on_path(program).unwrap_or_else(|| {
        panic!("this test needs `{program}` on PATH: install the Debian package `{package}`")
    })
}

/// The first `program` on `PATH`, if any.
pub fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// A run of the binary under [`run_capped`].
#[cfg(unix)]
pub struct CappedRun {
    pub status: std::process::ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// Wall time from spawn to exit, process start-up included.
    pub elapsed: Duration,
    /// Peak resident set size in KiB, as the kernel accounts it for the child
    /// (`ru_maxrss` of `wait4`, the figure GNU time prints as `%M`).
    pub peak_rss_kib: u64,
}

#[cfg(unix)]
impl CappedRun {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs `rolefit ARGS` (standard input empty, no colour variables, no
/// backtraces) with its address space capped at `cap_kib` KiB, so that a bomb
/// that gets through fails instead of taking the machine down; kills it after
/// `kill_after`; measures its wall time and peak RSS.
#[cfg(unix)]
pub fn run_capped(args: &[&str], cap_kib: u64, kill_after: Duration) -> CappedRun {
    use std::io::Read;
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    use std::process::Stdio;
    use std::time::Instant;

    let mut cmd = rolefit_std();
    cmd.args(args)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let cap_bytes = cap_kib * 1024;
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: cap_bytes as libc::rlim_t,
                rlim_max: cap_bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("run rolefit");
    let pid = child.id() as libc::pid_t;
    let mut out_pipe = child.stdout.take().expect("stdout pipe");
    let mut err_pipe = child.stderr.take().expect("stderr pipe");
    let stdout = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        out_pipe.read_to_end(&mut bytes).expect("read stdout");
        bytes
    });
    let stderr = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        err_pipe.read_to_end(&mut bytes).expect("read stderr");
        bytes
    });
    // The child is reaped here, by wait4 (never by `Child::wait`), so that
    // its resource usage comes with its status; the loop only kills a child
    // it has not reaped yet.
    let mut raw_status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        let flags = if killed { 0 } else { libc::WNOHANG };
        let reaped = unsafe { libc::wait4(pid, &mut raw_status, flags, &mut usage) };
        if reaped == pid {
            break;
        }
        assert!(reaped == 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > kill_after {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        } else {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let elapsed = start.elapsed();
    CappedRun {
        status: std::process::ExitStatus::from_raw(raw_status),
        stdout: stdout.join().expect("stdout reader"),
        stderr: String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned(),
        elapsed,
        // Linux reports ru_maxrss in KiB.
        peak_rss_kib: usage.ru_maxrss as u64,
    }
}
