//! Image files (PNG, JPEG, TIFF): a scanned or photographed resume, read
//! with OCR. The size in the header is checked against the pixel and page
//! caps before the engine sees a byte; the words it reads are laid out as a
//! PDF page's glyphs are (`pdf::scan`).

use crate::error::{FileError, NoTextReason};
use crate::extract::facts::ImagePage;
use crate::extract::ocr::image::{page_sizes, ImageKind};
use crate::extract::ocr::{self, OcrMode, Tally};
use crate::extract::{pdf, Document, Format, Limits};

/// Pixels an image must have on each side to be read: a smaller one is an
/// icon or a thumbnail, not a page of text.
const MIN_SIDE: u32 = 100;

/// Reads an image file with OCR.
pub fn extract(bytes: &[u8], kind: ImageKind, limits: &Limits) -> Result<Document, FileError> {
    let settings = &limits.ocr;
    let sizes = page_sizes(kind, bytes, settings.max_pages).ok_or_else(|| {
        FileError::malformed(format!(
            "a {} image whose header cannot be read",
            kind.as_str()
        ))
    })?;
    for &(w, h) in &sizes {
        if w == 0 || h == 0 {
            return Err(FileError::malformed(format!(
                "a {} image of {w}×{h} pixels",
                kind.as_str()
            )));
        }
        if w < MIN_SIDE || h < MIN_SIDE {
            return Err(FileError::no_text_because(
                NoTextReason::ImageOnly,
                format!(
                    "a {} image of {w}×{h} pixels, too small to hold a resume's text (a photo or an icon?)",
                    kind.as_str()
                ),
            ));
        }
        if u64::from(w) * u64::from(h) > settings.max_pixels {
            return Err(FileError::limit(format!(
                "a {} image of {w}×{h} pixels, more than the {} OCR reads (image bomb?)",
                kind.as_str(),
                settings.max_pixels
            )));
        }
    }
    if sizes.len() > settings.max_pages {
        return Err(FileError::limit(format!(
            "a {} image of more than {} pages, the most OCR reads",
            kind.as_str(),
            settings.max_pages
        )));
    }
    let image_is = |why: &str| {
        FileError::no_text_because(
            NoTextReason::ImageOnly,
            format!("a {} image and {why}", kind.as_str()),
        )
    };
    if settings.mode == OcrMode::Never {
        return Err(image_is(
            "OCR is off (--ocr never); run without `--ocr never` to read it with Tesseract",
        ));
    }
    let engine = ocr::engine().map_err(image_is)?;
    let pages = ocr::recognize(engine, bytes, None, limits.deadline)?;
    let mut tally = Tally::default();
    for page in &pages {
        tally.add(page);
    }
    let raw = pdf::scan::image_lines(&pages);
    let info = tally.info(engine);
    let warnings = info.as_ref().map(ocr::warnings).unwrap_or_default();
    let mut doc = Document::new(Format::Image, raw, warnings);
    doc.pages = doc
        .pages
        .max(u32::try_from(pages.len()).unwrap_or(u32::MAX));
    doc.ocr = info;
    doc.layout.image_pages = (1..=doc.pages)
        .map(|page| ImagePage {
            page,
            cover: 1.0,
            chars: 0,
            outlines: false,
        })
        .collect();
    if doc.is_blank() {
        doc.no_text = Some(FileError::no_text_because(
            NoTextReason::ImageOnly,
            format!(
                "OCR read no text in this {} image (a photo, a logo, or too blurred to read?)",
                kind.as_str()
            ),
        ));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend_from_slice(&width.to_be_bytes());
        png.extend_from_slice(&height.to_be_bytes());
        png
    }

    #[test]
    fn an_image_bomb_is_a_limit_before_any_decoding() {
        let e = extract(&png(100_000, 100_000), ImageKind::Png, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::Limit);
        assert!(e.message.contains("100000×100000"), "{}", e.message);
    }

    #[test]
    fn ocr_off_is_no_text_with_the_way_on() {
        let mut limits = Limits::default();
        limits.ocr.mode = OcrMode::Never;
        let e = extract(&png(1000, 1000), ImageKind::Png, &limits).unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::NoText);
        assert!(e.message.contains("--ocr never"), "{}", e.message);
    }

    #[test]
    fn an_icon_is_not_sent_to_ocr() {
        let e = extract(&png(1, 1), ImageKind::Png, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::NoText);
        assert!(e.message.contains("too small"), "{}", e.message);
    }

    #[test]
    fn a_header_without_a_size_is_malformed() {
        let e = extract(b"\x89PNG\r\n\x1a\n", ImageKind::Png, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::Malformed);
    }
}
