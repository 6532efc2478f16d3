//! json_resume extraction (see the issue for this format). Until it lands, files of
//! this format are reported as unsupported.

use crate::document::Document;
use crate::error::FileError;
use crate::extract::Limits;

/// Extracts a document of this format.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, FileError> {
    Err(FileError::unsupported(
        "json_resume input is not supported yet",
    ))
}
