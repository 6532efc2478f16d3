//! The `tesseract` command: found once per process, run once per image.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Instant;

use crate::error::FileError;

use super::{child, OcrPage, Word};

/// The environment variable naming the engine's program (default
/// `tesseract`, looked up on `PATH`); `none` turns OCR off for good.
pub const ENGINE_VAR: &str = "ROLEFIT_TESSERACT";

/// The language data read (Debian: `tesseract-ocr-eng`).
const LANGUAGE: &str = "eng";

/// How to install the engine, for the messages.
const INSTALL: &str = "install Tesseract to read it: `apt install tesseract-ocr tesseract-ocr-eng` (Debian, Ubuntu), `dnf install tesseract tesseract-langpack-eng` (Fedora), `brew install tesseract` (macOS)";

/// Output read from the engine at most (a page's TSV is tens of KiB).
const MAX_OUTPUT: u64 = 16 * 1024 * 1024;
/// Words kept per page.
const MAX_WORDS: usize = 20_000;

/// A usable OCR engine: its program and version.
#[derive(Debug, Clone)]
pub struct Engine {
    program: PathBuf,
    version: String,
    /// The orientation data (`osd`) is installed: pages photographed
    /// sideways or upside down are turned before they are read.
    osd: bool,
}

impl Engine {
    /// `tesseract 5.3.0`.
    pub fn name(&self) -> String {
        format!("tesseract {}", self.version)
    }

    #[cfg(test)]
    pub(crate) fn for_tests(name: &str) -> Engine {
        Engine {
            program: PathBuf::from("tesseract"),
            version: name.trim_start_matches("tesseract ").to_string(),
            osd: false,
        }
    }
}

/// The engine, found once per process: `Err` says why there is none and
/// how to install it.
pub fn engine() -> Result<&'static Engine, &'static str> {
    static FOUND: OnceLock<Result<Engine, String>> = OnceLock::new();
    FOUND.get_or_init(find).as_ref().map_err(|why| why.as_str())
}

fn find() -> Result<Engine, String> {
    let program = match std::env::var_os(ENGINE_VAR) {
        Some(p) if p == "none" => {
            return Err(format!("OCR is turned off ({ENGINE_VAR}=none)"));
        }
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from("tesseract"),
    };
    let version = Command::new(&program)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            let first = text.lines().next()?.trim().to_string();
            first
                .strip_prefix("tesseract ")
                .map(|v| v.trim().trim_start_matches('v').to_string())
        })
        .ok_or_else(|| format!("the OCR engine Tesseract is not installed; {INSTALL}"))?;
    let langs = Command::new(&program)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !langs.lines().any(|l| l.trim() == LANGUAGE) {
        return Err(format!(
            "Tesseract {version} has no English language data; install it to read it: `apt install tesseract-ocr-eng`"
        ));
    }
    let osd = langs.lines().any(|l| l.trim() == "osd");
    Ok(Engine {
        program,
        version,
        osd,
    })
}

/// Recognises one encoded image (PNG, JPEG, TIFF, PNM, JPEG 2000) with the
/// engine, killing it at `deadline`. `dpi`: the resolution, when known (a
/// PDF's image placed on its page). A multi-page TIFF gives several pages.
pub fn recognize(
    engine: &Engine,
    image: &[u8],
    dpi: Option<u32>,
    deadline: Option<Instant>,
) -> Result<Vec<OcrPage>, FileError> {
    let mut cmd = Command::new(&engine.program);
    // Page segmentation 1 detects the orientation first (about a quarter
    // more time); 3 reads the page as it stands.
    let psm = if engine.osd { "1" } else { "3" };
    cmd.args(["stdin", "stdout", "-l", LANGUAGE, "--psm", psm]);
    if let Some(dpi) = dpi.filter(|d| (100..=1200).contains(d)) {
        cmd.args(["--dpi", &dpi.to_string()]);
    }
    // One thread per engine: a worker runs one engine at a time, so a run
    // never has more recognising threads than workers.
    cmd.arg("tsv").env("OMP_THREAD_LIMIT", "1");
    let output = child::run(&mut cmd, "the OCR engine", image, MAX_OUTPUT, deadline)?;
    if !output.status.success() {
        return Err(FileError::malformed(format!(
            "the OCR engine could not read the image ({})",
            output.said()
        )));
    }
    let stdout = output.stdout;
    let mut pages = parse_tsv(&String::from_utf8_lossy(&stdout));
    pages.iter_mut().for_each(upright);
    Ok(pages)
}

/// Which way a page's text runs in its image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    None,
    /// Upside down.
    Half,
    /// Reading bottom to top (the page turned a quarter anticlockwise).
    Left,
    /// Reading top to bottom.
    Right,
}

/// How the words of the page's lines follow one another: the way most
/// pairs of neighbours go.
fn turn_of(page: &OcrPage) -> Turn {
    let mut votes = [0usize; 4];
    for pair in page.words.windows(2) {
        let [a, b] = pair else { continue };
        if a.line != b.line {
            continue;
        }
        let centre = |w: &Word| {
            (
                f64::from(w.left) + f64::from(w.width) / 2.0,
                f64::from(w.top) + f64::from(w.height) / 2.0,
            )
        };
        let ((ax, ay), (bx, by)) = (centre(a), centre(b));
        let (dx, dy) = (bx - ax, by - ay);
        let turn = if dx.abs() >= dy.abs() {
            if dx >= 0.0 {
                0
            } else {
                1
            }
        } else if dy < 0.0 {
            2
        } else {
            3
        };
        votes[turn] += 1;
    }
    let best = (0..4)
        .max_by_key(|&i| (votes[i], usize::from(i == 0)))
        .unwrap_or(0);
    [Turn::None, Turn::Half, Turn::Left, Turn::Right][best]
}

/// Turns a page read from a rotated image upright. The engine (with
/// orientation detection) reads the text turned, but gives its boxes in
/// the image as it stands; layout needs them as the text reads.
fn upright(page: &mut OcrPage) {
    let (w, h) = (page.width, page.height);
    let turn = turn_of(page);
    for word in &mut page.words {
        let (l, t, ww, wh) = (word.left, word.top, word.width, word.height);
        let (left, top, width, height) = match turn {
            Turn::None => continue,
            Turn::Half => (w.saturating_sub(l + ww), h.saturating_sub(t + wh), ww, wh),
            Turn::Left => (h.saturating_sub(t + wh), l, wh, ww),
            Turn::Right => (t, w.saturating_sub(l + ww), wh, ww),
        };
        *word = Word {
            left,
            top,
            width,
            height,
            ..std::mem::take(word)
        };
    }
    if matches!(turn, Turn::Left | Turn::Right) {
        std::mem::swap(&mut page.width, &mut page.height);
    }
}

/// Tesseract's TSV: a header, then one row per page (level 1), block,
/// paragraph, line and word (level 5): `level page block par line word
/// left top width height conf text`.
pub(crate) fn parse_tsv(tsv: &str) -> Vec<OcrPage> {
    let mut pages: Vec<OcrPage> = Vec::new();
    let mut line_key = (0u32, 0u32, 0u32);
    let mut line_no = 0u32;
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.splitn(12, '\t').collect();
        if f.len() < 11 {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<u32>().unwrap_or(0);
        match n(0) {
            1 => {
                pages.push(OcrPage {
                    width: n(8),
                    height: n(9),
                    words: Vec::new(),
                });
                line_key = (0, 0, 0);
            }
            5 => {
                let text = f.get(11).map(|t| t.trim()).unwrap_or("");
                let Some(page) = pages.last_mut() else {
                    continue;
                };
                if text.is_empty() || page.words.len() >= MAX_WORDS {
                    continue;
                }
                let key = (n(2), n(3), n(4));
                if key != line_key {
                    line_key = key;
                    line_no += 1;
                }
                page.words.push(Word {
                    text: text.to_string(),
                    conf: f[10].trim().parse::<f32>().unwrap_or(0.0),
                    left: n(6),
                    top: n(7),
                    width: n(8),
                    height: n(9),
                    line: line_no,
                });
            }
            _ => {}
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t
2\t1\t1\t0\t0\t0\t211\t222\t723\t78\t-1\t
4\t1\t1\t1\t1\t0\t211\t222\t723\t78\t-1\t
5\t1\t1\t1\t1\t1\t211\t236\t158\t64\t96.370895\tJosé
5\t1\t1\t1\t1\t2\t393\t222\t279\t78\t91.083061\tAlvarez
5\t1\t1\t1\t1\t3\t700\t236\t234\t64\t95.5\t \t
5\t1\t2\t1\t1\t1\t214\t394\t235\t38\t96.298683\tProduction
1\t2\t0\t0\t0\t0\t0\t0\t100\t200\t-1\t
5\t2\t1\t1\t1\t1\t1\t2\t3\t4\t50\tTwo
";

    #[test]
    fn tsv_gives_pages_words_and_lines() {
        let pages = parse_tsv(TSV);
        assert_eq!(pages.len(), 2);
        assert_eq!((pages[0].width, pages[0].height), (2550, 3300));
        let words: Vec<(&str, u32)> = pages[0]
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.line))
            .collect();
        // The blank word is dropped; a new block is a new line.
        assert_eq!(words, [("José", 1), ("Alvarez", 1), ("Production", 2)]);
        let w = &pages[0].words[1];
        assert_eq!((w.left, w.top, w.right(), w.bottom()), (393, 222, 672, 300));
        assert!((w.conf - 91.08).abs() < 0.01);
        assert_eq!(pages[1].words[0].text, "Two");
        assert_eq!(pages[1].words[0].line, 3);
    }

    /// The first words of a photo turned a quarter anticlockwise, as the
    /// engine boxes them (in the turned image, 1782 × 1428).
    const TURNED: &str = "h
1\t1\t0\t0\t0\t0\t0\t0\t1782\t1428\t-1\t
5\t1\t1\t1\t1\t1\t199\t1191\t35\t79\t96.6\tJosé
5\t1\t1\t1\t1\t2\t191\t1039\t40\t140\t93.2\tAlvarez
5\t1\t2\t1\t1\t1\t279\t1148\t22\t119\t96.8\tProduction
5\t1\t2\t1\t1\t2\t275\t1025\t21\t116\t96.9\tTechnician
";

    #[test]
    fn a_turned_page_is_turned_upright() {
        let mut pages = parse_tsv(TURNED);
        assert_eq!(turn_of(&pages[0]), Turn::Left);
        upright(&mut pages[0]);
        let p = &pages[0];
        assert_eq!((p.width, p.height), (1428, 1782));
        let boxes: Vec<(u32, u32, u32, u32)> = p
            .words
            .iter()
            .map(|w| (w.left, w.top, w.width, w.height))
            .collect();
        // Left to right along each line, the second line below the first.
        assert_eq!(
            boxes,
            [
                (158, 199, 79, 35),
                (249, 191, 140, 40),
                (161, 279, 119, 22),
                (287, 275, 116, 21)
            ]
        );
        // An upright page stays as it is.
        let mut upright_page = parse_tsv(TSV);
        let before = upright_page.clone();
        upright(&mut upright_page[0]);
        assert_eq!(upright_page, before);
    }

    #[test]
    fn garbage_output_is_no_pages() {
        assert!(parse_tsv("").is_empty());
        assert!(parse_tsv("header\n5\t1\t1\n\u{0}\u{1}").is_empty());
        // Words before any page row are dropped.
        assert!(parse_tsv("h\n5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tx\n").is_empty());
    }
}
