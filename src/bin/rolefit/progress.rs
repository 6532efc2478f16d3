//! The progress bar of a batch run: files done / total, rate and ETA on
//! standard error, drawn only when standard error is a terminal, more than one
//! file is checked and `--no-progress` is not given; silent otherwise.

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar, or nothing.
#[derive(Clone)]
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// No bar at all.
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    /// Whether a bar should be drawn for `files` files (docs/cli.md).
    pub fn wanted(files: usize, no_progress: bool) -> bool {
        !no_progress && files > 1 && io::stderr().is_terminal()
    }

    /// A bar over `total` files on standard error.
    pub fn stderr(total: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files  {per_sec}  ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar: Some(bar) }
    }

    /// Whether a bar is drawn.
    pub fn is_visible(&self) -> bool {
        self.bar.is_some()
    }

    /// Wraps a writer to the same terminal so that each write first clears the
    /// bar and redraws it after. Put it under a [`io::LineWriter`] so the bar
    /// is only redrawn between whole lines.
    pub fn suspending<W: Write>(&self, inner: W) -> SuspendingWriter<W> {
        SuspendingWriter {
            bar: self.bar.clone(),
            inner,
        }
    }
}

impl rolefit::run::Progress for Progress {
    fn file_done(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// See [`Progress::suspending`].
pub struct SuspendingWriter<W: Write> {
    bar: Option<ProgressBar>,
    inner: W,
}

impl<W: Write> Write for SuspendingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &self.bar {
            Some(bar) if !bar.is_finished() => bar.suspend(|| {
                let n = self.inner.write(buf)?;
                self.inner.flush()?;
                Ok(n)
            }),
            _ => self.inner.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &self.bar {
            Some(bar) if !bar.is_finished() => bar.suspend(|| {
                self.inner.write_all(buf)?;
                self.inner.flush()
            }),
            _ => self.inner.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
