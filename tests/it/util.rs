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
/// variables and `COLUMNS` of the environment the tests run in.
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
    // Reports do not depend on the terminal the tests run in; a test that
    // wants a width sets `COLUMNS`.
    cmd.env_remove("COLUMNS");
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
#[cfg(target_os = "linux")]
pub struct CappedRun {
    pub status: std::process::ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// Wall time from spawn to exit, process start-up included.
    pub elapsed: Duration,
    /// CPU time (user and system, all threads): what a time bound should
    /// measure, since it does not grow when other work shares the machine.
    pub cpu: Duration,
    /// Peak resident set size in KiB (`ru_maxrss`, the figure GNU time
    /// prints as `%M`).
    pub peak_rss_kib: u64,
}

#[cfg(target_os = "linux")]
impl CappedRun {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Set in the environment of this test binary run as the RSS probe:
/// `CAP_KIB KILL_AFTER_MS RESULT_FILE`.
#[cfg(target_os = "linux")]
const RSS_PROBE: &str = "ROLEFIT_TEST_RSS_PROBE";

/// Runs `rolefit ARGS` (standard input empty, no colour variables, no
/// backtraces) with its address space capped at `cap_kib` KiB, so that a bomb
/// that gets through fails instead of taking the machine down; kills it after
/// `kill_after`; measures its wall time and peak RSS.
///
/// The peak RSS of a child forked from this test process would include the
/// pages it shares with this (large, long-lived) process, so the binary is
/// started by a small process: this test binary run again as the RSS probe
/// (see [`rss_probe`]), which reports the child's figures in a file.
#[cfg(target_os = "linux")]
pub fn run_capped(args: &[&str], cap_kib: u64, kill_after: Duration) -> CappedRun {
    let result = tempfile::NamedTempFile::new().expect("a result file");
    let this = std::env::current_exe().expect("the test binary");
    // The probe is this binary; it runs `rolefit ARGS` with this environment.
    let mut probe = std::process::Command::new(this);
    probe
        .current_dir(root())
        .arg(bin())
        .args(args)
        .env(
            RSS_PROBE,
            format!(
                "{cap_kib} {} {}",
                kill_after.as_millis(),
                result.path().display()
            ),
        )
        .env("RUST_BACKTRACE", "0")
        .stdin(std::process::Stdio::null());
    for variable in COLOUR_VARIABLES {
        probe.env_remove(variable);
    }
    let out = probe.output().expect("run the RSS probe");
    let report = std::fs::read_to_string(result.path()).unwrap_or_default();
    let fields: Vec<u64> = report
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let [raw_status, peak_rss_kib, elapsed_ns, cpu_ns] = fields[..] else {
        panic!(
            "the RSS probe gave no result for rolefit {args:?} ({:?}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    };
    use std::os::unix::process::ExitStatusExt;
    CappedRun {
        status: std::process::ExitStatus::from_raw(raw_status as i32),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: Duration::from_nanos(elapsed_ns),
        cpu: Duration::from_nanos(cpu_ns),
        peak_rss_kib,
    }
}

/// Runs before `main` in every start of this test binary (an ELF
/// `.init_array` entry, which glibc calls with `argc`, `argv`, `envp`). In a
/// normal start it returns at once; started by [`run_capped`] it runs
/// `argv[1..]` as the RSS probe and exits without running any test.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static RSS_PROBE_HOOK: extern "C" fn(
    libc::c_int,
    *const *const libc::c_char,
    *const *const libc::c_char,
) = rss_probe_hook;

#[cfg(target_os = "linux")]
extern "C" fn rss_probe_hook(
    argc: libc::c_int,
    argv: *const *const libc::c_char,
    _envp: *const *const libc::c_char,
) {
    let Some(spec) = std::env::var(RSS_PROBE).ok() else {
        return;
    };
    let argv: Vec<std::ffi::OsString> = (1..argc as usize)
        .map(|i| {
            use std::os::unix::ffi::OsStrExt;
            // SAFETY: glibc passes `argc` valid C strings in `argv`.
            let arg = unsafe { std::ffi::CStr::from_ptr(*argv.add(i)) };
            std::ffi::OsStr::from_bytes(arg.to_bytes()).to_owned()
        })
        .collect();
    let code = match rss_probe(&spec, &argv) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("RSS probe: {e}");
            101
        }
    };
    // SAFETY: ends this process before any test runs.
    unsafe { libc::_exit(code) };
}

/// The RSS probe: runs `argv[0]` with `argv[1..]` under the cap in `spec`,
/// kills it after the time in `spec`, reaps it with `wait4` and writes its
/// raw wait status, `ru_maxrss` (KiB), wall time and CPU time (ns) to the
/// result file.
#[cfg(target_os = "linux")]
fn rss_probe(spec: &str, argv: &[std::ffi::OsString]) -> std::io::Result<()> {
    use std::os::unix::process::CommandExt;
    use std::time::Instant;

    let bad = |what: &str| std::io::Error::other(format!("{what} in {RSS_PROBE}={spec}"));
    let mut parts = spec.splitn(3, ' ');
    let cap_kib: u64 = parts
        .next()
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| bad("cap"))?;
    let kill_after_ms: u64 = parts
        .next()
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| bad("time"))?;
    let result = parts.next().ok_or_else(|| bad("result file"))?;
    let (program, args) = argv.split_first().ok_or_else(|| bad("no program"))?;
    let mut cmd = std::process::Command::new(program);
    cmd.args(args).env_remove(RSS_PROBE);
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
    let kill_after = Duration::from_millis(kill_after_ms);
    let start = Instant::now();
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    // Reaped by wait4 (never by `Child::wait`), which gives the resource usage
    // with the status; the loop only kills a child it has not reaped yet.
    let mut raw_status = 0;
    // SAFETY: rusage is plain data, all zeros is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        let flags = if killed { 0 } else { libc::WNOHANG };
        // SAFETY: valid pointers to locals.
        let reaped = unsafe { libc::wait4(pid, &mut raw_status, flags, &mut usage) };
        if reaped == pid {
            break;
        }
        if reaped != 0 {
            return Err(std::io::Error::last_os_error());
        }
        if start.elapsed() > kill_after {
            // SAFETY: the child is not reaped yet, so `pid` is still ours.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        } else {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    let elapsed = start.elapsed();
    let nanos = |t: libc::timeval| t.tv_sec as u128 * 1_000_000_000 + t.tv_usec as u128 * 1_000;
    let cpu = nanos(usage.ru_utime) + nanos(usage.ru_stime);
    std::fs::write(
        result,
        format!(
            "{} {} {} {cpu}",
            raw_status as u32,
            usage.ru_maxrss,
            elapsed.as_nanos()
        ),
    )
}

/// A Type 1 font object for [`build_pdf`] documents (object 4 by convention).
pub const PDF_FONT: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
/// A content stream showing the phrase the PDF tests look for.
pub const PDF_PHRASE: &str = "BT /F1 12 Tf 72 700 Td (Six Sigma Green Belt) Tj ET";

/// A PDF from object bodies (numbered from 1), with a valid xref.
pub fn build_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object for [`build_pdf`]: `<< /Length N EXTRA >>`, then `data`.
pub fn pdf_stream(data: &[u8], extra: &str) -> Vec<u8> {
    let mut out = format!("<< /Length {}{extra} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A one-page PDF: the page dictionary gets `page_extra`, its content stream
/// is `content` with `content_extra` in the stream dictionary.
pub fn one_page_pdf(page_extra: &[u8], content: &[u8], content_extra: &str) -> Vec<u8> {
    let mut page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
        /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R"
        .to_vec();
    page.extend_from_slice(page_extra);
    page.extend_from_slice(b" >>");
    build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        page,
        PDF_FONT.as_bytes().to_vec(),
        pdf_stream(content, content_extra),
    ])
}
