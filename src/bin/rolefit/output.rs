//! Writing a report file atomically.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A report file written atomically: a temporary file in the target's folder,
/// renamed over the target by [`AtomicFile::commit`]; dropped uncommitted, it
/// is removed and the target is left as it was.
pub struct AtomicFile {
    target: PathBuf,
    temp: tempfile::NamedTempFile,
}

impl AtomicFile {
    pub fn create(target: &Path) -> anyhow::Result<AtomicFile> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".rolefit-report-")
            .tempfile_in(dir)
            .map_err(|e| anyhow::anyhow!("cannot write a report in {}: {e}", dir.display()))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
        })
    }

    pub fn commit(self) -> anyhow::Result<()> {
        self.temp.as_file().sync_all()?;
        // Keep the permissions of a report being replaced; a new report
        // stays private to its owner (it describes applicants).
        if let Ok(meta) = std::fs::metadata(&self.target) {
            let _ = self.temp.as_file().set_permissions(meta.permissions());
        }
        let target = self.target;
        self.temp
            .persist(&target)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {}", target.display(), e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
    }
}
