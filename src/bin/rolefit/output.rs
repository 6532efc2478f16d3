//! Writing a report file atomically.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A report file written atomically: a temporary file in the target's folder,
/// renamed over the target by [`AtomicFile::commit`]; dropped uncommitted, it
/// is removed and the target is left as it was.
///
/// A new report gets the permissions any new file gets (`0666` less the
/// user's umask: `0644` under the usual `022`), so colleagues can open a
/// shared report; a report being replaced keeps its permissions.
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
        // Said before the temporary file is tried, whose name means nothing
        // to the user.
        match std::fs::metadata(dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => anyhow::bail!(
                "cannot write the report {}: {} is not a folder",
                target.display(),
                dir.display()
            ),
            Err(_) => anyhow::bail!(
                "cannot write the report {}: the folder {} does not exist (create it first, e.g. `mkdir -p {}`)",
                target.display(),
                dir.display(),
                dir.display()
            ),
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".rolefit-report-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // open(2) takes the umask off.
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir).map_err(|e| {
            anyhow::anyhow!(
                "cannot write the report {} in {}: {}",
                target.display(),
                dir.display(),
                std::io::Error::from(e.kind())
            )
        })?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
        })
    }

    pub fn commit(self) -> anyhow::Result<()> {
        self.temp.as_file().sync_all()?;
        // Keep the permissions of a report being replaced.
        if let Ok(meta) = std::fs::metadata(&self.target) {
            let _ = self.temp.as_file().set_permissions(meta.permissions());
        }
        let target = self.target;
        self.temp.persist(&target).map_err(|e| {
            anyhow::anyhow!(
                "cannot write the report {}: {}",
                target.display(),
                std::io::Error::from(e.error.kind())
            )
        })?;
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
