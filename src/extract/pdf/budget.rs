//! The per-document budget: decompressed bytes, content operations and glyphs,
//! plus the deadline, shared by every part of the PDF extractor.

use crate::error::{ErrorKind, FileError};
use crate::extract::Limits;

/// Largest single stream decoded, whatever the document budget says.
pub const MAX_STREAM_BYTES: u64 = 16 * 1024 * 1024;

/// Why decoding a stream gave nothing.
#[derive(Debug)]
pub enum StreamError {
    /// A budget or the deadline ran out: stop the document.
    Fatal(FileError),
    /// The stream is broken; skip it.
    Broken(String),
}

pub struct Budget<'a> {
    pub limits: &'a Limits,
    decompressed: u64,
    ops: u64,
    glyphs: u64,
}

impl<'a> Budget<'a> {
    pub fn new(limits: &'a Limits) -> Self {
        Budget {
            limits,
            decompressed: 0,
            ops: 0,
            glyphs: 0,
        }
    }

    /// Decodes a stream's filters within the budget.
    pub fn decode(&mut self, stream: &lopdf::Stream) -> Result<Vec<u8>, StreamError> {
        self.decode_up_to(stream, MAX_STREAM_BYTES)
    }

    /// [`Budget::decode`] for a stream whose decoded size is known to be up
    /// to `largest` bytes (an image's samples), which may pass
    /// [`MAX_STREAM_BYTES`]; still within the document's budget.
    pub fn decode_up_to(
        &mut self,
        stream: &lopdf::Stream,
        largest: u64,
    ) -> Result<Vec<u8>, StreamError> {
        self.limits.check_deadline().map_err(StreamError::Fatal)?;
        let cap = largest.min(
            self.limits
                .max_decompressed
                .saturating_sub(self.decompressed),
        );
        let out = match stream.get_plain_content_with_limit(cap as usize) {
            Ok(v) => v,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(StreamError::Fatal(FileError::new(
                    ErrorKind::Limit,
                    format!(
                        "a PDF stream decompresses to more than {cap} bytes (decompression bomb?); extraction stopped"
                    ),
                )))
            }
            Err(e) => match partial_flate(stream, cap) {
                Some(v) => v,
                None => return Err(StreamError::Broken(e.to_string())),
            },
        };
        self.decompressed += out.len() as u64;
        if self.decompressed > self.limits.max_decompressed {
            return Err(StreamError::Fatal(FileError::limit(format!(
                "the PDF's streams decompress to more than {} bytes in total",
                self.limits.max_decompressed
            ))));
        }
        Ok(out)
    }

    /// Counts one content operation; checks the deadline now and then.
    pub fn op(&mut self) -> Result<(), FileError> {
        self.ops += 1;
        if self.ops > self.limits.max_operations {
            return Err(FileError::limit(format!(
                "the PDF has more than {} content-stream operations",
                self.limits.max_operations
            )));
        }
        if self.ops.is_multiple_of(512) {
            self.limits.check_deadline()?;
        }
        Ok(())
    }

    /// Counts one glyph.
    pub fn glyph(&mut self) -> Result<(), FileError> {
        self.glyphs += 1;
        if self.glyphs > self.limits.max_glyphs {
            return Err(FileError::limit(format!(
                "the PDF has more than {} glyphs",
                self.limits.max_glyphs
            )));
        }
        Ok(())
    }
}

/// What a damaged Flate stream (truncated, bad checksum) yields before its
/// error, as a reader would show it; `None` for other filters or no output.
fn partial_flate(stream: &lopdf::Stream, cap: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let filter = stream.dict.get(b"Filter").ok()?;
    let is_flate = match filter {
        lopdf::Object::Name(n) => n == b"FlateDecode",
        lopdf::Object::Array(a) => {
            a.len() == 1 && a[0].as_name().ok() == Some(b"FlateDecode".as_slice())
        }
        _ => false,
    };
    if !is_flate || stream.dict.get(b"DecodeParms").is_ok() {
        return None;
    }
    let mut out = Vec::new();
    let mut decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(cap);
    let mut buf = [0u8; 16 * 1024];
    loop {
        match decoder.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;
    use std::io::Write;

    #[test]
    fn truncated_flate_stream_gives_its_beginning() {
        let text = b"BT /F1 12 Tf 72 700 Td (Six Sigma Green Belt) Tj ET ".repeat(200);
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&text).unwrap();
        let mut z = enc.finish().unwrap();
        z.truncate(z.len() * 2 / 3);
        let stream = lopdf::Stream::new(dictionary! { "Filter" => "FlateDecode" }, z);
        let limits = Limits::default();
        let mut budget = Budget::new(&limits);
        let out = budget.decode(&stream).expect("partial output");
        assert!(out.len() > 1000 && text.starts_with(&out), "{}", out.len());
    }
}
