//! PDF extraction: rolefit's own text layer on top of lopdf. Until it lands,
//! PDF files are reported as unsupported.

use crate::document::Document;
use crate::error::FileError;
use crate::extract::Limits;

/// Extracts the text of a PDF.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, FileError> {
    Err(FileError::unsupported("PDF input is not supported yet"))
}
