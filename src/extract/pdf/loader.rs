//! Safe loading: the `%PDF-` magic, lopdf with a per-stream decompression
//! cap, typed errors (malformed, encrypted, limit), a `repaired` warning when
//! the cross-reference table was rebuilt, and an iterative page-tree walk.

use rustc_hash::FxHashSet as HashSet;
use std::cell::Cell;
use std::sync::Arc;

use lopdf::encryption::crypt_filters::{
    Aes128CryptFilter, Aes256CryptFilter, CryptFilter, IdentityCryptFilter, Rc4CryptFilter,
};
use lopdf::xref::XrefRecovery;
use lopdf::{Document, LoadOptions, Object, ObjectId};

use super::budget::MAX_STREAM_BYTES;
use crate::error::{ErrorKind, FileError};
use crate::extract::Limits;

/// The remedy for a password-protected PDF whose password the user knows.
const UNLOCK: &str = "if you know the password, save an unprotected copy with `qpdf --password=PASSWORD --decrypt resume.pdf unlocked.pdf` (or print it to PDF) and check that";

/// Pages processed per document; the rest are skipped with a warning.
pub const MAX_PAGES: usize = 200;
/// Page-tree nodes visited.
const MAX_TREE_NODES: usize = 100_000;
/// Decompressed bytes of all object streams of a document, together. lopdf
/// turns every object packed in them into its own dictionaries and arrays,
/// about 40 bytes of memory per byte, so a 1 MB file of tiny packed objects
/// would otherwise take over 600 MiB; at this cap, at most about 40 MiB. A
/// resume's object streams hold tens of kilobytes.
const MAX_PACKED_BYTES: usize = 1024 * 1024;

/// Objects per document (top-level and packed). lopdf parses every object
/// up front, a few kilobytes of memory each for small dictionaries; a resume
/// has a few hundred to a few thousand.
const MAX_OBJECTS: usize = 20_000;

/// Bytes searched for the `endstream` of streams without a `/Length`, per
/// document.
const MAX_UNBOUNDED_SCAN: usize = 64 * 1024 * 1024;

thread_local! {
    /// Object-stream bytes seen so far by the load running on this thread
    /// (lopdf loads on the calling thread and its filter is a plain `fn`).
    static PACKED_BYTES: Cell<usize> = const { Cell::new(0) };
    /// Objects seen so far by the load running on this thread.
    static OBJECTS: Cell<usize> = const { Cell::new(0) };
}

/// Starts the budgets of [`budget_object_streams`] for a new load.
fn reset_load_budget() {
    PACKED_BYTES.set(0);
    OBJECTS.set(0);
}

/// lopdf's load filter: counts objects, and the decompressed bytes of each
/// object stream before lopdf expands it, and drops what is past
/// [`MAX_OBJECTS`] or [`MAX_PACKED_BYTES`] (the load then fails with a
/// `limit` error, see [`load_once`]).
///
/// lopdf keeps a top-level object as the filter left it and ignores what the
/// filter returns, but takes the returned object for those unpacked from an
/// object stream (never streams themselves): hence the placeholder for
/// streams and the copy for everything else.
fn budget_object_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    OBJECTS.set(OBJECTS.get() + 1);
    if OBJECTS.get() > MAX_OBJECTS {
        return None;
    }
    let Object::Stream(stream) = object else {
        return Some((id, object.clone()));
    };
    if stream.dict.has_type(b"ObjStm") {
        let left = MAX_PACKED_BYTES.saturating_sub(PACKED_BYTES.get());
        let size = match stream.get_plain_content_with_limit(left) {
            Ok(plain) => plain.len(),
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => left + 1,
            // Undecodable here (encrypted, damaged): lopdf decides.
            Err(_) => 0,
        };
        PACKED_BYTES.set(PACKED_BYTES.get().saturating_add(size));
        if PACKED_BYTES.get() > MAX_PACKED_BYTES {
            return None;
        }
    }
    Some((id, Object::Null))
}

pub struct Loaded {
    pub doc: Document,
    pub pages: Vec<ObjectId>,
    pub warnings: Vec<String>,
}

fn has_magic(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

pub fn load(bytes: &[u8], limits: &Limits) -> Result<Loaded, FileError> {
    match load_once(bytes, limits) {
        Err(e) if e.kind == ErrorKind::Malformed => {
            // Objects nested deeper than lopdf parses are lost with their page:
            // blank the over-deep parts and try again.
            let Some(patched) = defuse_nesting(bytes) else {
                return Err(e);
            };
            limits.check_deadline()?;
            let mut loaded = load_once(&patched, limits).map_err(|_| e)?;
            loaded.warnings.push(format!(
                "repaired: structures nested deeper than {MAX_NESTING} levels were dropped"
            ));
            Ok(loaded)
        }
        other => other,
    }
}

fn load_once(bytes: &[u8], limits: &Limits) -> Result<Loaded, FileError> {
    load_inner(bytes, limits, false, false)
}

/// [`load`], with the cross-reference table rebuilt by scanning the file
/// even when it parses: for a file whose table points at wrong or missing
/// objects (qpdf's bad-xref-entry, incremental-3), read as if no page or
/// no text were there.
pub fn load_rebuilt(bytes: &[u8], limits: &Limits) -> Result<Loaded, FileError> {
    if !has_magic(bytes) {
        return Err(FileError::malformed("not a PDF"));
    }
    load_inner(bytes, limits, false, true)
}

/// [`load_once`]; `lenient`: the bytes are already a copy with bad
/// dictionary keys blanked (see [`blank_bad_keys`]); `rebuild`: rebuild the
/// cross-reference table whatever it holds.
fn load_inner(
    bytes: &[u8],
    limits: &Limits,
    lenient: bool,
    rebuild: bool,
) -> Result<Loaded, FileError> {
    if bytes.is_empty() {
        return Err(FileError::malformed("the file is empty"));
    }
    if !has_magic(bytes) {
        // A header past the first KiB is left malformed, as strict readers do.
        if !bytes.windows(5).any(|w| w == b"%PDF-")
            && crate::extract::detect::looks_like_pdf_syntax(bytes)
        {
            return headerless(bytes, limits);
        }
        return Err(FileError::malformed(
            "not a PDF: no %PDF- header in the first 1 KiB",
        ));
    }
    limits.check_deadline()?;
    let cap = MAX_STREAM_BYTES.min(limits.max_decompressed) as usize;
    let options = LoadOptions {
        max_decompressed_size: Some(cap),
        filter: Some(budget_object_streams),
        ..LoadOptions::default()
    };
    reset_load_budget();
    let mut rebuilt = rebuild;
    let first = if rebuild {
        let forced = LoadOptions {
            force_reconstruct: true,
            ..options.clone()
        };
        Document::load_mem_with_options(bytes, forced)
    } else {
        Document::load_mem_with_options(bytes, options.clone())
    };
    let first = match first {
        Err(lopdf::Error::Decompress(_)) | Err(lopdf::Error::Decryption(_)) | Ok(_) => first,
        Err(e) => {
            // A damaged or truncated file: rebuild the cross-reference table by scanning.
            limits.check_deadline()?;
            let retry = LoadOptions {
                force_reconstruct: true,
                ..options
            };
            reset_load_budget();
            match Document::load_mem_with_options(bytes, retry) {
                Ok(doc) => {
                    rebuilt = true;
                    Ok(doc)
                }
                Err(_) => Err(e),
            }
        }
    };
    let doc = match first {
        Ok(doc) => doc,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit })) => {
            return Err(FileError::limit(format!(
                "a PDF object stream decompresses to more than {limit} bytes (decompression bomb?)"
            )))
        }
        Err(lopdf::Error::Decryption(e)) => {
            return Err(FileError::new(
                ErrorKind::Encrypted,
                format!("the PDF cannot be decrypted: {e}; {UNLOCK}"),
            ))
        }
        Err(e) => {
            return Err(FileError::malformed(format!(
                "the PDF cannot be parsed: {e}"
            )))
        }
    };
    if OBJECTS.get() > MAX_OBJECTS {
        return Err(FileError::limit(format!(
            "the PDF has more than {MAX_OBJECTS} objects (a resume has a few thousand at most)"
        )));
    }
    if PACKED_BYTES.get() > MAX_PACKED_BYTES {
        return Err(FileError::limit(format!(
            "the PDF's object streams unpack to more than {} KiB of objects (amplification bomb?)",
            MAX_PACKED_BYTES >> 10
        )));
    }
    limits.check_deadline()?;
    let mut warnings = Vec::new();
    if still_encrypted(&doc) {
        if !lenient && !has_file_id(&doc) {
            if let Some(patched) = with_empty_file_id(bytes) {
                if let Ok(mut loaded) = load_inner(&patched, limits, lenient, rebuild) {
                    loaded.warnings.push(
                        "repaired: the encrypted PDF has no file ID (/ID); it was decrypted with an empty one, as readers do"
                            .to_string(),
                    );
                    return Ok(loaded);
                }
            }
        }
        if only_attachments_encrypted(&doc) {
            if let Some(clear) = without_encrypt_entry(bytes) {
                let mut loaded = load_once(&clear, limits)?;
                loaded.warnings.push(
                    "the PDF's attachments are password-protected and were not read".to_string(),
                );
                return Ok(loaded);
            }
        }
        return Err(FileError::new(
            ErrorKind::Encrypted,
            format!("the PDF is password-protected (it needs a user password to open); {UNLOCK}"),
        ));
    }
    if !lenient {
        if let Some((patched, objects)) = blank_bad_keys(bytes, &doc) {
            if let Ok(mut loaded) = load_inner(&patched, limits, true, rebuild) {
                loaded.warnings.push(format!(
                    "repaired: {objects} damaged object{} read without {} bad dictionary keys",
                    if objects == 1 { " was" } else { "s were" },
                    if objects == 1 { "its" } else { "their" },
                ));
                return Ok(loaded);
            }
        }
    }
    let mut doc = doc;
    if let Some(Err(why)) = crypt_filters_by_reference(&mut doc) {
        return Err(FileError::new(
            ErrorKind::Encrypted,
            format!("the PDF cannot be decrypted: {why}; {UNLOCK}"),
        ));
    }
    match doc.xref_recovery {
        _ if rebuilt => warnings.push(
            "repaired: the PDF is damaged; its cross-reference table was rebuilt".to_string(),
        ),
        Some(XrefRecovery::Reconstructed) => warnings.push(
            "repaired: the PDF's cross-reference table was broken and has been rebuilt".to_string(),
        ),
        Some(XrefRecovery::OffsetCorrected) => warnings.push(
            "repaired: the PDF's cross-reference offsets were wrong and have been corrected"
                .to_string(),
        ),
        Some(_) => {
            warnings.push("repaired: the PDF's cross-reference data was repaired".to_string())
        }
        None => {}
    }
    let unbounded = streams_without_length(&mut doc, bytes);
    if unbounded > 0 {
        warnings.push(format!(
            "repaired: {unbounded} stream{} without a /Length {} read up to `endstream`",
            if unbounded == 1 { "" } else { "s" },
            if unbounded == 1 { "was" } else { "were" },
        ));
    }
    inline_stream_filters(&mut doc);
    let (mut pages, tree_warning) = walk_pages(&doc);
    warnings.extend(tree_warning);
    if pages.is_empty() {
        pages = scan_pages(&doc);
        if !pages.is_empty() {
            warnings.push(
                "repaired: the page tree is broken; pages were found by scanning the file"
                    .to_string(),
            );
        }
    }
    if pages.is_empty() {
        return Err(FileError::malformed("the PDF has no pages"));
    }
    if pages.len() > MAX_PAGES {
        warnings.push(format!(
            "only the first {MAX_PAGES} of {} pages were read (resource limit)",
            pages.len()
        ));
        pages.truncate(MAX_PAGES);
    }
    Ok(Loaded {
        doc,
        pages,
        warnings,
    })
}

/// A file of PDF objects without the `%PDF-` header (pdf.js bug1606566):
/// read with a header put in front, with a `repaired` warning; malformed
/// when even so it gives no pages.
fn headerless(bytes: &[u8], limits: &Limits) -> Result<Loaded, FileError> {
    let mut patched = b"%PDF-1.7\n".to_vec();
    patched.extend_from_slice(bytes);
    match load_once(&patched, limits) {
        Ok(mut loaded) => {
            loaded.warnings.push(
                "repaired: the file has no %PDF- header; it was read as the PDF its objects make"
                    .to_string(),
            );
            Ok(loaded)
        }
        Err(e) if e.kind == ErrorKind::Malformed => Err(FileError::malformed(
            "PDF source without a %PDF- header (obj, endobj, stream, xref lines) that does not read as a PDF either: not resume text",
        )),
        Err(e) => Err(e),
    }
}

/// Reads the data of streams whose dictionary has no usable `/Length`
/// (missing, or not a number): lopdf leaves them empty with the offset of
/// their data, which runs to the next `endstream`, at most
/// [`MAX_STREAM_BYTES`]; all the searches together cover at most
/// [`MAX_UNBOUNDED_SCAN`] bytes. Returns how many were read.
fn streams_without_length(doc: &mut Document, bytes: &[u8]) -> usize {
    let mut read = 0;
    let mut scanned = 0usize;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let Some(start) = stream.start_position else {
            continue;
        };
        if !stream.content.is_empty() || start >= bytes.len() {
            continue;
        }
        if matches!(
            stream.dict.get(b"Length"),
            Ok(Object::Integer(_) | Object::Real(_) | Object::Reference(_))
        ) {
            continue;
        }
        let cap = (MAX_STREAM_BYTES as usize).min(MAX_UNBOUNDED_SCAN.saturating_sub(scanned));
        let rest = &bytes[start..bytes.len().min(start.saturating_add(cap))];
        let found = memchr::memmem::find(rest, b"endstream");
        scanned += found.map_or(rest.len(), |end| end + 9);
        let Some(end) = found else {
            continue;
        };
        let mut data = &rest[..end];
        if let Some(d) = data.strip_suffix(b"\n") {
            data = d.strip_suffix(b"\r").unwrap_or(d);
        } else if let Some(d) = data.strip_suffix(b"\r") {
            data = d;
        }
        stream.set_content(data.to_vec());
        read += 1;
    }
    read
}

/// Writes a stream's `/Filter` and `/DecodeParms` given by reference
/// (`/Filter 3 0 R`, as some SAP output does) in place, so the stream decodes
/// like any other: lopdf reads only direct values there.
fn inline_stream_filters(doc: &mut Document) {
    let mut found: Vec<(ObjectId, &'static [u8], Object)> = Vec::new();
    for (&id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        for key in [b"Filter".as_slice(), b"DecodeParms".as_slice()] {
            if let Ok(Object::Reference(r)) = stream.dict.get(key) {
                // One level: a filter that points at a reference is broken.
                if let Ok(target) = doc.get_object(*r) {
                    if !matches!(target, Object::Reference(_) | Object::Stream(_)) {
                        found.push((id, key, target.clone()));
                    }
                }
            }
        }
    }
    for (id, key, value) in found {
        if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
            stream.dict.set(key, value);
        }
    }
}

/// Whether the document still has an `/Encrypt` entry that lopdf could not
/// open with the empty password: by reference, or written inline in the
/// trailer (which lopdf's own check misses).
/// Whether the trailer has the `/ID` an encryption key is derived from.
fn has_file_id(doc: &Document) -> bool {
    doc.trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .is_ok_and(|ids| ids.first().is_some_and(|id| id.as_str().is_ok()))
}

/// An encrypted file whose trailer has no `/ID` (qpdf's invalid-id-xref):
/// poppler and qpdf derive its key from an empty ID, lopdf refuses it. A
/// copy with `/ID [<> <>]` put at the start of the last `trailer`
/// dictionary (after the cross-reference table, so no offset moves);
/// `None` without a `trailer` keyword.
fn with_empty_file_id(bytes: &[u8]) -> Option<Vec<u8>> {
    let at = memchr::memmem::rfind(bytes, b"trailer")?;
    let open = at + memchr::memmem::find(&bytes[at..], b"<<")? + 2;
    let mut out = Vec::with_capacity(bytes.len() + 16);
    out.extend_from_slice(&bytes[..open]);
    out.extend_from_slice(b" /ID [<> <>] ");
    out.extend_from_slice(&bytes[open..]);
    Some(out)
}

fn still_encrypted(doc: &Document) -> bool {
    doc.is_encrypted()
        || (!doc.was_encrypted()
            && matches!(
                doc.trailer.get(b"Encrypt"),
                Ok(Object::Dictionary(_) | Object::Reference(_))
            ))
}

/// Objects whose dictionary lopdf could not parse are left out of the
/// document; most often a bad key, such as a name with a space in it
/// (`/BaseFont /AASGAA+Arial,Unicode MS`, pdf.js issue11549), where readers
/// skip the stray token and read the rest. A copy of the file with every
/// such token in a key position of those objects blanked (same length, so
/// the offsets hold), and how many objects changed; `None` when there is
/// nothing to blank.
fn blank_bad_keys(bytes: &[u8], doc: &Document) -> Option<(Vec<u8>, usize)> {
    let mut patched: Option<Vec<u8>> = None;
    let mut objects = 0;
    // Tokens read, over all the objects (see `KeyScanner::token`).
    let mut tokens = 0;
    let missing = doc
        .reference_table
        .entries
        .iter()
        .filter_map(|(&id, entry)| match *entry {
            lopdf::xref::XrefEntry::Normal { offset, generation }
                if !doc.objects.contains_key(&(id, generation)) =>
            {
                Some(offset as usize)
            }
            _ => None,
        })
        .take(MAX_REPAIRED_OBJECTS);
    for offset in missing {
        if offset >= bytes.len() {
            continue;
        }
        let head = &bytes[offset..bytes.len().min(offset + 40)];
        let Some(obj) = head.windows(3).position(|w| w == b"obj") else {
            continue;
        };
        let mut scanner = KeyScanner {
            bytes,
            at: offset + obj + 3,
            bad: Vec::new(),
            tokens,
        };
        if !matches!(scanner.token(), Some(Token::DictOpen)) {
            tokens = scanner.tokens;
            continue;
        }
        scanner.dict(0);
        tokens = scanner.tokens;
        if scanner.bad.is_empty() {
            continue;
        }
        objects += 1;
        let out = patched.get_or_insert_with(|| bytes.to_vec());
        for (start, end) in scanner.bad {
            out[start..end].fill(b' ');
        }
    }
    patched.map(|p| (p, objects))
}

/// Objects repaired by [`blank_bad_keys`] per document.
const MAX_REPAIRED_OBJECTS: usize = 1_000;

#[derive(Debug, PartialEq)]
enum Token {
    DictOpen,
    DictClose,
    ArrayOpen,
    ArrayClose,
    Name,
    /// A string, number, keyword or stray word: its bytes.
    Other(usize, usize),
}

/// Reads one object's dictionary token by token and notes the tokens that
/// stand where a key should.
struct KeyScanner<'a> {
    bytes: &'a [u8],
    at: usize,
    bad: Vec<(usize, usize)>,
    tokens: usize,
}

impl KeyScanner<'_> {
    fn delimiter(b: u8) -> bool {
        b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0
    }

    fn token(&mut self) -> Option<Token> {
        let b = self.bytes;
        // At most a million tokens per document, whatever the objects.
        self.tokens += 1;
        if self.tokens > 1_000_000 {
            return None;
        }
        loop {
            while self.at < b.len() && (b[self.at].is_ascii_whitespace() || b[self.at] == 0) {
                self.at += 1;
            }
            if b.get(self.at) == Some(&b'%') {
                while self.at < b.len() && !matches!(b[self.at], b'\r' | b'\n') {
                    self.at += 1;
                }
                continue;
            }
            break;
        }
        let start = self.at;
        let c = *b.get(start)?;
        self.at += 1;
        Some(match c {
            b'<' if b.get(self.at) == Some(&b'<') => {
                self.at += 1;
                Token::DictOpen
            }
            b'>' if b.get(self.at) == Some(&b'>') => {
                self.at += 1;
                Token::DictClose
            }
            b'[' => Token::ArrayOpen,
            b']' => Token::ArrayClose,
            b'<' => {
                while self.at < b.len() && b[self.at] != b'>' {
                    self.at += 1;
                }
                self.at = (self.at + 1).min(b.len());
                Token::Other(start, self.at)
            }
            b'(' => {
                let mut depth = 1;
                while self.at < b.len() && depth > 0 {
                    match b[self.at] {
                        b'\\' => self.at += 1,
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    self.at += 1;
                }
                self.at = self.at.min(b.len());
                Token::Other(start, self.at)
            }
            b'/' => {
                while self.at < b.len() && !Self::delimiter(b[self.at]) {
                    self.at += 1;
                }
                Token::Name
            }
            _ => {
                while self.at < b.len() && !Self::delimiter(b[self.at]) {
                    self.at += 1;
                }
                Token::Other(start, self.at.max(start + 1))
            }
        })
    }

    fn is(&self, token: &Token, word: &[u8]) -> bool {
        matches!(*token, Token::Other(s, e) if &self.bytes[s..e] == word)
    }

    fn number(&self, token: &Token) -> bool {
        matches!(*token, Token::Other(s, e) if self.bytes[s..e].iter().all(u8::is_ascii_digit))
    }

    /// After `<<`: keys and values up to `>>`; false at the object's end.
    fn dict(&mut self, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        loop {
            let key_at = self.at;
            let Some(token) = self.token() else {
                return false;
            };
            match token {
                Token::DictClose => return true,
                Token::Name => {
                    if !self.value(depth) {
                        return false;
                    }
                }
                t if self.is(&t, b"endobj") || self.is(&t, b"stream") => return false,
                Token::Other(s, e) => self.bad.push((s, e)),
                Token::ArrayClose => self.bad.push((key_at, self.at)),
                Token::ArrayOpen | Token::DictOpen => {
                    // A value without a key: blanked whole.
                    let closed = if token == Token::DictOpen {
                        self.dict(depth + 1)
                    } else {
                        self.array(depth + 1)
                    };
                    if !closed {
                        return false;
                    }
                    let start = self.bytes[key_at..self.at]
                        .iter()
                        .position(|b| !b.is_ascii_whitespace())
                        .map_or(key_at, |p| key_at + p);
                    self.bad.push((start, self.at));
                }
            }
        }
    }

    /// After `[`: items up to `]`; false at the object's end.
    fn array(&mut self, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        loop {
            let Some(token) = self.token() else {
                return false;
            };
            let inner = match token {
                Token::ArrayClose => return true,
                Token::DictOpen => self.dict(depth + 1),
                Token::ArrayOpen => self.array(depth + 1),
                t => !(self.is(&t, b"endobj") || self.is(&t, b"stream")),
            };
            if !inner {
                return false;
            }
        }
    }

    /// One value after a key (a reference `n g R` whole).
    fn value(&mut self, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        let before = self.at;
        let Some(token) = self.token() else {
            return false;
        };
        match token {
            Token::DictOpen => self.dict(depth + 1),
            Token::ArrayOpen => self.array(depth + 1),
            // `/Key >>`: no value; the dictionary ends.
            Token::DictClose | Token::ArrayClose => {
                self.at = before;
                true
            }
            t if self.is(&t, b"endobj") || self.is(&t, b"stream") => false,
            t => {
                if self.number(&t) {
                    let back = self.at;
                    let generation = self.token();
                    let r = self.token();
                    let reference = generation.as_ref().is_some_and(|g| self.number(g))
                        && r.as_ref().is_some_and(|r| self.is(r, b"R"));
                    if !reference {
                        self.at = back;
                    }
                }
                true
            }
        }
    }
}

/// The crypt filter a `/CFM` name selects (ISO 32000-2, 7.6.5).
fn crypt_filter_for(method: &[u8]) -> Option<Arc<dyn CryptFilter>> {
    Some(match method {
        b"V2" => Arc::new(Rc4CryptFilter),
        b"AESV2" => Arc::new(Aes128CryptFilter),
        b"AESV3" => Arc::new(Aes256CryptFilter),
        b"None" | b"Identity" => Arc::new(IdentityCryptFilter),
        _ => return None,
    })
}

/// The `/CFM` of the crypt filter `name`, looked up in the document's
/// objects: a dictionary with the key `name` (the `/CF` dictionary, written
/// as an object of its own), else the one method all crypt filter
/// dictionaries agree on.
fn crypt_method(doc: &Document, name: &[u8]) -> Option<Vec<u8>> {
    fn cfm(d: &lopdf::Dictionary) -> Option<&[u8]> {
        d.get(b"CFM").and_then(Object::as_name).ok()
    }
    fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a lopdf::Dictionary> {
        match o {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        }
    }
    let dicts = || {
        doc.objects.values().filter_map(|o| match o {
            Object::Dictionary(d) => Some(d),
            _ => None,
        })
    };
    if let Some(m) = dicts()
        .filter_map(|d| d.get(name).ok().and_then(|o| resolve(doc, o)).and_then(cfm))
        .next()
    {
        return Some(m.to_vec());
    }
    let mut methods = dicts().filter_map(cfm);
    let first = methods.next()?;
    methods.all(|m| m == first).then(|| first.to_vec())
}

/// lopdf reads crypt filters only from a `/CF` dictionary written inline in
/// `/Encrypt` with each filter inline; one written by reference (pdf.js
/// issue7665: `/CF 7 0 R`) leaves the filter unknown, and lopdf then
/// "decrypts" with RC4, which turns the content into noise. This undoes that
/// (RC4 is its own inverse) and decrypts with the filter the file names.
/// `None` when there was nothing to repair; an error when the filter cannot
/// be found, so the file is `encrypted` rather than read as blank.
fn crypt_filters_by_reference(doc: &mut Document) -> Option<Result<(), String>> {
    let state = doc.encryption_state.as_ref()?;
    if state.version() < 4 {
        return None;
    }
    let missing = |name: &[u8]| {
        !name.is_empty() && name != b"Identity" && !state.crypt_filters().contains_key(name)
    };
    let (stm, str) = (
        state.default_stream_filter().to_vec(),
        state.default_string_filter().to_vec(),
    );
    let (stm_missing, str_missing) = (missing(&stm), missing(&str));
    if !stm_missing && !str_missing {
        return None;
    }
    let wrong = (state.get_stream_filter(), state.get_string_filter());
    let key = state.file_encryption_key().to_vec();
    let encrypt_metadata = state.encrypt_metadata();
    let version = state.version();
    let find = |name: &[u8]| -> Result<Arc<dyn CryptFilter>, String> {
        let method = crypt_method(doc, name)
            .or_else(|| (version == 5).then(|| b"AESV3".to_vec()))
            .ok_or_else(|| {
                format!(
                    "its crypt filter /{} is not found",
                    String::from_utf8_lossy(name)
                )
            })?;
        crypt_filter_for(&method).ok_or_else(|| {
            format!(
                "its crypt filter method /{} is unknown",
                String::from_utf8_lossy(&method)
            )
        })
    };
    let stream_fix = match stm_missing.then(|| find(&stm)).transpose() {
        Ok(f) => f.map(|right| (wrong.0.clone(), right)),
        Err(e) => return Some(Err(e)),
    };
    let string_fix = match str_missing.then(|| find(&str)).transpose() {
        Ok(f) => f.map(|right| (wrong.1.clone(), right)),
        Err(e) => return Some(Err(e)),
    };
    let fix = Refilter {
        key,
        encrypt_metadata,
        stream: stream_fix,
        string: string_fix,
    };
    for (&id, obj) in doc.objects.iter_mut() {
        fix.object(id, obj, 0);
    }
    // Object streams decrypted only now: their objects were not loaded.
    let mut packed = Vec::new();
    let mut left = MAX_PACKED_BYTES;
    for obj in doc.objects.values() {
        let Object::Stream(stream) = obj else {
            continue;
        };
        if !stream.dict.has_type(b"ObjStm") {
            continue;
        }
        // Within the same budget of unpacked bytes as the first load.
        let Ok(plain) = stream.get_plain_content_with_limit(left) else {
            continue;
        };
        left = left.saturating_sub(plain.len());
        let mut dict = stream.dict.clone();
        dict.remove(b"Filter");
        dict.remove(b"DecodeParms");
        if let Ok(objects) = lopdf::ObjectStream::new(&lopdf::Stream::new(dict, plain)) {
            packed.extend(objects.objects);
        }
        if packed.len() > MAX_OBJECTS || left == 0 {
            break;
        }
    }
    for (id, obj) in packed.into_iter().take(MAX_OBJECTS) {
        doc.objects.entry(id).or_insert(obj);
    }
    Some(Ok(()))
}

/// Streams' and strings' payloads taken back through the filter lopdf used
/// by mistake, then through the right one.
struct Refilter {
    key: Vec<u8>,
    encrypt_metadata: bool,
    /// (lopdf's, the right one), when streams need it.
    stream: Option<(Arc<dyn CryptFilter>, Arc<dyn CryptFilter>)>,
    string: Option<(Arc<dyn CryptFilter>, Arc<dyn CryptFilter>)>,
}

impl Refilter {
    fn bytes(
        &self,
        pair: &(Arc<dyn CryptFilter>, Arc<dyn CryptFilter>),
        id: ObjectId,
        data: &[u8],
    ) -> Option<Vec<u8>> {
        let (wrong, right) = pair;
        let original = wrong
            .encrypt(&wrong.compute_key(&self.key, id).ok()?, data)
            .ok()?;
        right
            .decrypt(&right.compute_key(&self.key, id).ok()?, &original)
            .ok()
    }

    /// The same objects and exemptions as lopdf's decryption (ISO 32000-1, 7.6).
    fn object(&self, id: ObjectId, obj: &mut Object, depth: usize) {
        if depth > 64 {
            return;
        }
        match obj {
            Object::Stream(stream) => {
                if stream.dict.has_type(b"XRef")
                    || (stream.dict.has_type(b"Metadata") && !self.encrypt_metadata)
                {
                    return;
                }
                self.dictionary(id, &mut stream.dict, depth);
                let crypt = stream.filters().is_ok_and(|f| f.contains(&&b"Crypt"[..]));
                if let (Some(pair), false) = (&self.stream, crypt) {
                    if let Some(clear) = self.bytes(pair, id, &stream.content) {
                        stream.set_content(clear);
                    }
                }
            }
            Object::Dictionary(dict) => {
                if dict.has_type(b"Metadata") && !self.encrypt_metadata {
                    return;
                }
                self.dictionary(id, dict, depth)
            }
            Object::Array(items) => {
                for item in items {
                    self.object(id, item, depth + 1);
                }
            }
            Object::String(content, _) => {
                if let Some(pair) = &self.string {
                    if let Some(clear) = self.bytes(pair, id, content) {
                        *content = clear;
                    }
                }
            }
            _ => {}
        }
    }

    fn dictionary(&self, id: ObjectId, dict: &mut lopdf::Dictionary, depth: usize) {
        let signature = dict.has_type(b"Sig")
            || dict.has_type(b"DocTimeStamp")
            || (dict.has(b"ByteRange") && dict.has(b"Contents"));
        for (key, value) in dict.iter_mut() {
            if !(signature && key == b"Contents") {
                self.object(id, value, depth + 1);
            }
        }
    }
}

/// The `/Encrypt` dictionary, inline or by reference.
fn encrypt_dict(doc: &Document) -> Option<&lopdf::Dictionary> {
    match doc.trailer.get(b"Encrypt").ok()? {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }
}

/// A security handler that encrypts only embedded files (`/EFF`), its
/// streams and strings filtered by `/Identity`: the pages are in the clear.
fn only_attachments_encrypted(doc: &Document) -> bool {
    let Some(dict) = encrypt_dict(doc) else {
        return false;
    };
    let identity = |key: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Identity")
    };
    dict.get(b"V")
        .and_then(Object::as_i64)
        .is_ok_and(|v| v >= 4)
        && dict.has(b"EFF")
        && identity(b"StmF")
        && identity(b"StrF")
}

/// The file with every `/Encrypt` key renamed (same length, so offsets hold),
/// for lopdf to read it as the unencrypted file it is; `None` when there is
/// no such key. `/EncryptMetadata` and other longer names are left alone.
fn without_encrypt_entry(bytes: &[u8]) -> Option<Vec<u8>> {
    const KEY: &[u8] = b"/Encrypt";
    let mut out: Option<Vec<u8>> = None;
    for at in memchr::memmem::find_iter(bytes, KEY) {
        let next = bytes.get(at + KEY.len()).copied().unwrap_or(b' ');
        if next.is_ascii_alphanumeric() || next == b'#' || next == b'_' {
            continue;
        }
        let buf = out.get_or_insert_with(|| bytes.to_vec());
        buf[at + KEY.len() - 1] = b'X';
    }
    out
}

/// Nesting depth of arrays and dictionaries kept by [`defuse_nesting`]
/// (lopdf itself stops at 100).
const MAX_NESTING: usize = 32;

/// The file with every array or dictionary nested deeper than
/// [`MAX_NESTING`] replaced by `null` and spaces (lengths, and so xref
/// offsets, are unchanged); `None` when nothing is that deep. Strings,
/// comments and stream data are skipped, not interpreted. One linear pass.
pub fn defuse_nesting(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut depth = 0usize;
    let mut blank_from: Option<usize> = None;
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        match bytes[i] {
            b'%' => {
                while i < n && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'(' => {
                // Literal string: balanced parentheses, backslash escapes.
                let mut level = 0usize;
                while i < n {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                if depth == MAX_NESTING + 1 {
                    blank_from = Some(i);
                }
                i += 1;
            }
            b'<' => {
                while i < n && bytes[i] != b'>' {
                    i += 1;
                }
            }
            b'[' => {
                depth += 1;
                if depth == MAX_NESTING + 1 {
                    blank_from = Some(i);
                }
            }
            b'>' | b']' => {
                let width = if bytes[i] == b'>' && bytes.get(i + 1) == Some(&b'>') {
                    2
                } else {
                    1
                };
                if depth == MAX_NESTING + 1 {
                    if let Some(start) = blank_from.take() {
                        let end = i + width;
                        let buf = out.get_or_insert_with(|| bytes.to_vec());
                        let region = &mut buf[start..end];
                        region.fill(b' ');
                        if region.len() >= 4 {
                            region[..4].copy_from_slice(b"null");
                        }
                    }
                }
                depth = depth.saturating_sub(1);
                i += width;
                continue;
            }
            b's' if bytes[i..].starts_with(b"stream") && depth == 0 => {
                // Stream data: skip to `endstream`.
                let rest = &bytes[i + 6..];
                match rest.windows(9).position(|w| w == b"endstream") {
                    Some(p) => i += 6 + p + 9,
                    None => i = n,
                }
                continue;
            }
            b'o' if bytes[i..].starts_with(b"obj") || bytes[i..].starts_with(b"endobj") => {
                // Objects never span `obj`/`endobj`: resynchronise.
                if depth > MAX_NESTING {
                    if let Some(start) = blank_from.take() {
                        let buf = out.get_or_insert_with(|| bytes.to_vec());
                        buf[start..i].fill(b' ');
                    }
                }
                depth = 0;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn type_of(dict: &lopdf::Dictionary) -> Option<&[u8]> {
    dict.get(b"Type").and_then(Object::as_name).ok()
}

/// Walks `/Root /Pages` depth-first with an explicit stack and a visited set.
fn walk_pages(doc: &Document) -> (Vec<ObjectId>, Option<String>) {
    let mut pages = Vec::new();
    let root = super::font::catalog(doc)
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok());
    let Some(root) = root else {
        return (pages, None);
    };
    let mut visited: HashSet<ObjectId> = HashSet::default();
    let mut stack = vec![root];
    let mut warning = None;
    while let Some(id) = stack.pop() {
        if visited.len() > MAX_TREE_NODES || pages.len() > MAX_PAGES * 50 {
            break;
        }
        let Ok(dict) = doc.get_dictionary(id) else {
            continue;
        };
        let kids = dict
            .get(b"Kids")
            .ok()
            .and_then(|k| doc.dereference(k).ok())
            .map(|(_, k)| k);
        let leaf = matches!((type_of(dict), kids), (Some(b"Page"), _) | (None, None));
        if !visited.insert(id) {
            if leaf {
                // One page listed twice is shown twice by viewers.
                pages.push(id);
            } else {
                warning = Some(
                    "repaired: the page tree has a cycle; repeated pages were skipped".to_string(),
                );
            }
            continue;
        }
        match (type_of(dict), kids) {
            (Some(b"Page"), _) | (None, None) => pages.push(id),
            (_, Some(Object::Array(kids))) => {
                // Reverse so the first kid is processed first.
                for kid in kids.iter().rev() {
                    if let Ok(kid) = kid.as_reference() {
                        stack.push(kid);
                    }
                }
            }
            _ => {}
        }
    }
    (pages, warning)
}

/// Fallback for a broken page tree: every `/Type /Page` object, by object number.
fn scan_pages(doc: &Document) -> Vec<ObjectId> {
    let mut ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().ok().and_then(type_of) == Some(b"Page".as_slice()))
        .map(|(id, _)| *id)
        .collect();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_blanked_in_place() {
        let deep = format!(
            "1 0 obj << /A 1 /Junk {}{} /B 2 >> endobj",
            "[".repeat(40),
            "]".repeat(40)
        );
        let out = defuse_nesting(deep.as_bytes()).unwrap();
        assert_eq!(out.len(), deep.len());
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("/B 2 >>"), "{text}");
        // The dictionary is one level: arrays keep levels 2 to MAX_NESTING.
        assert_eq!(text.matches('[').count(), MAX_NESTING - 1);
        assert!(text.contains("null"));
        // Shallow files are left alone; brackets in strings and streams do not count.
        let shallow = format!(
            "1 0 obj << /A [[1]] /S ({}) >> stream\n{}\nendstream endobj",
            "[".repeat(50),
            "<<".repeat(50)
        );
        assert!(defuse_nesting(shallow.as_bytes()).is_none());
    }

    fn scan(text: &[u8]) -> (bool, Vec<String>) {
        let mut scanner = KeyScanner {
            bytes: text,
            at: 0,
            bad: Vec::new(),
            tokens: 0,
        };
        assert_eq!(scanner.token(), Some(Token::DictOpen));
        let closed = scanner.dict(0);
        let bad = scanner
            .bad
            .iter()
            .map(|&(s, e)| String::from_utf8_lossy(&text[s..e]).into_owned())
            .collect();
        (closed, bad)
    }

    #[test]
    fn stray_words_where_keys_should_be_are_found() {
        let (closed, bad) = scan(
            b"<< /BaseFont /AASGAA+Arial,Unicode MS /W [1 [556] 2 [556]] \
              /Parent 3 0 R 12 (x) /S (a \\) b) /D << /K 1 >> >> endobj",
        );
        assert!(closed);
        assert_eq!(bad, ["MS", "12", "(x)"]);
        // A sound dictionary has none.
        let (closed, bad) = scan(b"<< /Type /Font /Widths [1 2 3] /FontFile 7 0 R /Empty >>");
        assert!(closed);
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn deep_or_endless_dictionaries_stop_the_scan() {
        let deep = format!("<< {}", "x << ".repeat(100_000));
        let (closed, _) = scan(deep.as_bytes());
        assert!(!closed);
        let endless = "<< /A ".to_string() + &"[ ".repeat(100_000);
        let (closed, _) = scan(endless.as_bytes());
        assert!(!closed);
    }
}
