//! The `pdftoppm` command (poppler-utils): one page of a PDF rendered to a
//! PNG for the engine, for pages whose glyphs have no Unicode mapping (the
//! file cannot say which letters they are; the picture can). Found once per
//! process, only when such a page wants it; optional like the engine.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Instant;

use crate::error::FileError;

use super::child;

/// The environment variable naming the renderer's program (default
/// `pdftoppm`, looked up on `PATH`); `none` turns rendering off.
pub const RENDERER_VAR: &str = "ROLEFIT_PDFTOPPM";

/// How to install the renderer, for the messages.
pub const INSTALL: &str = "installing poppler-utils (`apt install poppler-utils`, `dnf install poppler-utils`, `brew install poppler`) lets rolefit render such pages and read them by OCR";

/// A rendered page read at most (a grey A4 page at 300 dpi is a few MiB).
const MAX_IMAGE: u64 = 256 * 1024 * 1024;

/// A usable renderer.
#[derive(Debug, Clone)]
pub struct Renderer {
    program: PathBuf,
}

/// The renderer, found once per process: `Err` says why there is none and
/// how to install it.
pub fn renderer() -> Result<&'static Renderer, &'static str> {
    static FOUND: OnceLock<Result<Renderer, String>> = OnceLock::new();
    FOUND.get_or_init(find).as_ref().map_err(|why| why.as_str())
}

fn find() -> Result<Renderer, String> {
    let program = match std::env::var_os(RENDERER_VAR) {
        Some(p) if p == "none" => {
            return Err(format!(
                "rendering pages for OCR is turned off ({RENDERER_VAR}=none)"
            ));
        }
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from("pdftoppm"),
    };
    // `pdftoppm -v` prints its version on standard error.
    let found = Command::new(&program)
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| String::from_utf8_lossy(&o.stderr).contains("pdftoppm"));
    if found {
        Ok(Renderer { program })
    } else {
        Err(format!("pdftoppm is not installed; {INSTALL}"))
    }
}

/// Renders page `page` (1-based) of the PDF `pdf` at `dpi`, grey, its crop
/// box, as a PNG; the child is killed at `deadline`. A file or page the
/// renderer cannot draw is a `malformed` error.
pub fn render_page(
    renderer: &Renderer,
    pdf: &[u8],
    page: u32,
    dpi: u32,
    deadline: Option<Instant>,
) -> Result<Vec<u8>, FileError> {
    let page = page.to_string();
    let mut cmd = Command::new(&renderer.program);
    cmd.args(["-f", &page, "-l", &page, "-r", &dpi.to_string()])
        .args(["-gray", "-png", "-cropbox", "-singlefile", "-q", "-"]);
    let output = child::run(&mut cmd, "pdftoppm", pdf, MAX_IMAGE, deadline)?;
    if !output.status.success() || !output.stdout.starts_with(b"\x89PNG") {
        return Err(FileError::malformed(format!(
            "pdftoppm could not render page {page} ({})",
            output.said()
        )));
    }
    Ok(output.stdout)
}
