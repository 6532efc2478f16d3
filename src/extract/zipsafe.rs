//! Bounded reading of zip packages (DOCX, ODT): entry count, per-entry and
//! total uncompressed size and compression ratio are all capped, and the
//! declared sizes are never trusted: every entry is read through a counting
//! reader that stops at the cap.

use std::cell::Cell;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;

use memchr::memmem;
use zip::result::ZipError;
use zip::ZipArchive;

use crate::error::{ErrorKind, FileError};
use crate::extract::Limits;

/// Most entries a document package may list (real DOCX/ODT files have < 100).
pub const MAX_ENTRIES: usize = 2_000;
/// Largest uncompressed size of one entry we read.
pub const MAX_ENTRY_BYTES: u64 = 32 * 1024 * 1024;
/// Highest compression ratio accepted once an entry passes [`RATIO_FLOOR`] bytes
/// (document XML compresses 5–30 times; deflate bombs about 1000 times).
pub const MAX_RATIO: u64 = 100;
/// Entries smaller than this may have any ratio (tiny XML compresses well).
pub const RATIO_FLOOR: u64 = 1024 * 1024;

const CHUNK: usize = 64 * 1024;

/// The archive bytes as a reader that publishes its position, so the
/// compressed bytes an entry has consumed so far are known while it inflates.
struct Tracked<'a> {
    inner: Cursor<&'a [u8]>,
    pos: Rc<Cell<u64>>,
}

impl Read for Tracked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos.set(self.inner.position());
        Ok(n)
    }
}

impl Seek for Tracked<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let p = self.inner.seek(to)?;
        self.pos.set(p);
        Ok(p)
    }
}

/// A zip package opened with limits.
pub struct Package<'a> {
    archive: ZipArchive<Tracked<'a>>,
    pos: Rc<Cell<u64>>,
    names: Vec<String>,
    read_total: u64,
    limits: &'a Limits,
    what: &'static str,
}

impl std::fmt::Debug for Package<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package")
            .field("names", &self.names)
            .finish()
    }
}

impl<'a> Package<'a> {
    /// Opens a package; `what` ("DOCX", "ODT") names it in messages.
    pub fn open(
        bytes: &'a [u8],
        limits: &'a Limits,
        what: &'static str,
    ) -> Result<Package<'a>, FileError> {
        if let Some(n) = declared_entry_count(bytes) {
            if n > MAX_ENTRIES as u64 {
                return Err(FileError::limit(format!(
                    "the {what} package lists {n} entries (limit {MAX_ENTRIES}); not a normal document"
                )));
            }
        }
        limits.check_deadline()?;
        let pos = Rc::new(Cell::new(0));
        let reader = Tracked {
            inner: Cursor::new(bytes),
            pos: Rc::clone(&pos),
        };
        let archive = ZipArchive::new(reader).map_err(|e| zip_error(e, what))?;
        if archive.len() > MAX_ENTRIES {
            return Err(FileError::limit(format!(
                "the {what} package has {} entries (limit {MAX_ENTRIES}); not a normal document",
                archive.len()
            )));
        }
        let mut names = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let entry = archive.by_index_data(i).map_err(|e| zip_error(e, what))?;
            if entry.encrypted() {
                return Err(FileError::new(
                    ErrorKind::Encrypted,
                    format!("the {what} package has password-protected entries; save an unprotected copy and check that"),
                ));
            }
            names.push(String::from_utf8_lossy(entry.name_raw()).into_owned());
        }
        limits.check_deadline()?;
        Ok(Package {
            archive,
            pos,
            names,
            read_total: 0,
            limits,
            what,
        })
    }

    /// Entry names in archive order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of an entry, matching names case-insensitively (OPC part
    /// names are case-insensitive) and ignoring a leading `/`.
    pub fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.names
            .iter()
            .position(|n| n == name)
            .or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
    }

    /// Reads an entry's bytes, or `None` when the package has no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, FileError> {
        let Some(index) = self.find(name) else {
            return Ok(None);
        };
        self.read_index(index).map(Some)
    }

    /// Reads an entry as text (see [`super::xml::decode`]), or `None` when absent.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, FileError> {
        Ok(self.read(name)?.map(super::xml::decode))
    }

    fn read_index(&mut self, index: usize) -> Result<Vec<u8>, FileError> {
        self.limits.check_deadline()?;
        let what = self.what;
        let remaining_total = self.limits.max_decompressed.saturating_sub(self.read_total);
        let cap = MAX_ENTRY_BYTES.min(remaining_total);
        let mut entry = self
            .archive
            .by_index(index)
            .map_err(|e| zip_error(e, what))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let declared_compressed = entry.compressed_size().max(1);
        let start = self.pos.get();
        let mut out = Vec::with_capacity(entry.size().min(cap).min(1 << 20) as usize);
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(FileError::malformed(format!(
                        "the {what} package is damaged: cannot read {name}: {e}"
                    )))
                }
            };
            out.extend_from_slice(&buf[..n]);
            let len = out.len() as u64;
            if len > cap {
                return Err(FileError::limit(if cap == remaining_total {
                    format!(
                        "the {what} package decompresses to more than {} bytes in total (zip bomb?)",
                        self.limits.max_decompressed
                    )
                } else {
                    format!("{name} in the {what} package decompresses to more than {MAX_ENTRY_BYTES} bytes (zip bomb?)")
                }));
            }
            // Compressed bytes consumed so far (never trusting the declared size).
            let consumed = self
                .pos
                .get()
                .saturating_sub(start)
                .clamp(1, declared_compressed.max(1 << 16));
            if len > RATIO_FLOOR && len / consumed > MAX_RATIO {
                return Err(FileError::limit(format!(
                    "{name} in the {what} package expands more than {MAX_RATIO} times its compressed size (zip bomb?)"
                )));
            }
            self.limits.check_deadline()?;
        }
        self.read_total += out.len() as u64;
        Ok(out)
    }
}

/// The entry count an archive's end-of-central-directory record declares,
/// read before the central directory is parsed (so a million-entry archive
/// is refused before it costs memory).
fn declared_entry_count(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let tail_start = bytes.len().saturating_sub(65_557);
    let tail = &bytes[tail_start..];
    let pos = memmem::rfind(tail, EOCD)?;
    let rec = &tail[pos..];
    if rec.len() < 22 {
        return None;
    }
    let total = u16::from_le_bytes([rec[10], rec[11]]) as u64;
    if total != 0xFFFF {
        return Some(total);
    }
    // Zip64: count central-directory headers instead.
    Some(memmem::find_iter(bytes, b"PK\x01\x02").count() as u64)
}

fn zip_error(e: ZipError, what: &str) -> FileError {
    match e {
        ZipError::UnsupportedArchive(m) if m.to_ascii_lowercase().contains("password") => FileError::new(
            ErrorKind::Encrypted,
            format!("the {what} package is password-protected; save an unprotected copy and check that"),
        ),
        ZipError::InvalidPassword => FileError::new(
            ErrorKind::Encrypted,
            format!("the {what} package is password-protected; save an unprotected copy and check that"),
        ),
        ZipError::UnsupportedArchive(m) => {
            FileError::unsupported(format!("the {what} package uses an unsupported zip feature: {m}"))
        }
        ZipError::CompressionMethodNotSupported(m) => FileError::unsupported(format!(
            "the {what} package uses zip compression method {m}; only stored and deflate are read"
        )),
        other => FileError::malformed(format!(
            "the {what} package is damaged or truncated ({other}); re-save it and try again"
        )),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    /// Builds a zip from (name, bytes) pairs with deflate.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_entries_case_insensitively() {
        let z = zip_of(&[("Word/Document.xml", b"<a/>")]);
        let limits = Limits::default();
        let mut p = Package::open(&z, &limits, "DOCX").unwrap();
        assert_eq!(p.read("word/document.xml").unwrap().unwrap(), b"<a/>");
        assert!(p.read("missing.xml").unwrap().is_none());
    }

    #[test]
    fn compression_ratio_is_capped() {
        let big = vec![b' '; 8 * 1024 * 1024];
        let z = zip_of(&[("word/document.xml", &big)]);
        let limits = Limits::default();
        let mut p = Package::open(&z, &limits, "DOCX").unwrap();
        let e = p.read("word/document.xml").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Limit, "{e}");
    }

    #[test]
    fn total_budget_is_capped() {
        let data: Vec<u8> = (0..200_000u32)
            .flat_map(|i| i.wrapping_mul(2_654_435_761).to_le_bytes())
            .collect();
        let z = zip_of(&[("a.xml", &data), ("b.xml", &data)]);
        let limits = Limits {
            max_decompressed: 1_000_000,
            ..Limits::default()
        };
        let mut p = Package::open(&z, &limits, "DOCX").unwrap();
        assert!(p.read("a.xml").unwrap().is_some());
        assert_eq!(p.read("b.xml").unwrap_err().kind, ErrorKind::Limit);
    }

    #[test]
    fn too_many_entries() {
        let names: Vec<String> = (0..MAX_ENTRIES + 1).map(|i| format!("f{i}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let z = zip_of(&entries);
        let e = Package::open(&z, &Limits::default(), "DOCX").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Limit);
    }

    #[test]
    fn truncated_archive_is_malformed() {
        let z = zip_of(&[("word/document.xml", b"<w:document/>")]);
        let e = Package::open(&z[..z.len() / 2], &Limits::default(), "DOCX").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
    }

    #[test]
    fn encrypted_entries_are_encrypted() {
        let mut z = zip_of(&[("word/document.xml", b"<w:document/>")]);
        // Set the "encrypted" flag (bit 0) in the local and central headers.
        for (sig, flag_at) in [(&b"PK\x03\x04"[..], 6), (&b"PK\x01\x02"[..], 8)] {
            let at = z.windows(4).position(|w| w == sig).unwrap();
            z[at + flag_at] |= 1;
        }
        let e = Package::open(&z, &Limits::default(), "DOCX").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Encrypted, "{e}");
    }

    #[test]
    fn declared_entry_count_is_read_before_parsing() {
        let z = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        assert_eq!(declared_entry_count(&z), Some(3));
        assert_eq!(declared_entry_count(b"not a zip"), None);
    }
}
