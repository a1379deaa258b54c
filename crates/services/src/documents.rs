//! Reading the words out of attached files, so that the library's search
//! finds them: PDF (with `pdf-extract`), Word (`.docx`, read as the zip of
//! XML it is), Excel (`.xlsx`, with the register import's reader) and CSV.

use std::io::{Cursor, Read};

use coproduce_domain::insights::{AttachmentType, FileShape, check_attachment};

/// The most text kept from one file for searching.
const TEXT_MAX_BYTES: usize = 1024 * 1024;

/// Checks a file by its contents and reads its text. The message of an
/// error can be shown to the person as it is.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<(AttachmentType, String), String> {
    let shape = check_attachment(bytes).map_err(|e| e.message)?;
    let (kind, text) = match shape {
        FileShape::Pdf => (AttachmentType::Pdf, pdf_text(bytes)?),
        FileShape::Office => office_text(bytes)?,
        FileShape::Text => {
            let lower = file_name.to_ascii_lowercase();
            if !(lower.ends_with(".csv") || lower.ends_with(".txt")) {
                return Err(
                    "The file must be a PDF, a Word document, or a spreadsheet (Excel or CSV)"
                        .into(),
                );
            }
            let text = String::from_utf8_lossy(bytes).into_owned();
            (AttachmentType::Csv, text)
        }
    };
    Ok((kind, clip(text)))
}

fn clip(mut text: String) -> String {
    if text.len() > TEXT_MAX_BYTES {
        let mut end = TEXT_MAX_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

const UNREADABLE_PDF: &str =
    "Coproduce could not read the words in this PDF. Save it again as a PDF and try once more";

fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    // The PDF reader can panic on damaged files; a panic must not take the
    // request with it.
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(error)) => {
            tracing::info!(%error, "a PDF attachment could not be read");
            Err(UNREADABLE_PDF.into())
        }
        Err(_) => {
            tracing::info!("the PDF reader gave up on an attachment");
            Err(UNREADABLE_PDF.into())
        }
    }
}

const NOT_OFFICE: &str = "The file must be a Word document (.docx) or an Excel spreadsheet (.xlsx). Older .doc and .xls files can be saved again in the newer form";

fn office_text(bytes: &[u8]) -> Result<(AttachmentType, String), String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| NOT_OFFICE.to_owned())?;
    if archive.index_for_name("word/document.xml").is_some() {
        let mut xml = String::new();
        archive
            .by_name("word/document.xml")
            .map_err(|_| NOT_OFFICE.to_owned())?
            .take(TEXT_MAX_BYTES as u64 * 8)
            .read_to_string(&mut xml)
            .map_err(|_| NOT_OFFICE.to_owned())?;
        return Ok((AttachmentType::Word, word_text(&xml)?));
    }
    if archive.index_for_name("xl/workbook.xml").is_some() {
        let table = crate::import::read_table("file.xlsx", bytes).map_err(|e| e.to_string())?;
        let mut text = table.headers.join(" ");
        for row in &table.rows {
            text.push('\n');
            text.push_str(&row.cells.join(" "));
        }
        return Ok((AttachmentType::Spreadsheet, text));
    }
    Err(NOT_OFFICE.into())
}

/// The text of a Word document's body: each `w:t` run, a line a paragraph.
fn word_text(xml: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut text = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().0 == "w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().0 == "w:t" => in_text = false,
            Ok(Event::End(e)) if e.name().0 == "w:p" => text.push('\n'),
            Ok(Event::Empty(e)) if e.name().0 == "w:tab" => text.push(' '),
            Ok(Event::Text(t)) if in_text => text.push_str(&t),
            Ok(Event::GeneralRef(r)) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let entity = format!("&{};", &*r);
                    text.push_str(&quick_xml::escape::unescape(&entity).unwrap_or_default());
                }
            }
            Ok(Event::Eof) => break,
            Err(_) => return Err(NOT_OFFICE.into()),
            _ => {}
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_paragraphs_become_lines() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>Bus &amp; train</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">times </w:t></w:r><w:r><w:t>matter</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(word_text(xml).expect("read"), "Bus & train\ntimes matter\n");
    }

    /// A real Word file: a zip holding `word/document.xml`, deflated as
    /// Word saves it.
    fn docx(body: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", options)
            .expect("start a part");
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>")
            .expect("write a part");
        zip.start_file("word/document.xml", options)
            .expect("start the body");
        zip.write_all(
            format!(
                "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body><w:p><w:r>\
                 <w:t>{body}</w:t></w:r></w:p></w:body></w:document>"
            )
            .as_bytes(),
        )
        .expect("write the body");
        zip.finish().expect("finish the zip").into_inner()
    }

    #[test]
    fn word_and_excel_files_give_their_words() {
        let (kind, text) =
            read("report.docx", &docx("Respite &amp; sitting service")).expect("read");
        assert_eq!(kind, AttachmentType::Word);
        assert!(text.contains("Respite & sitting service"), "{text:?}");

        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "Place").expect("cell");
        sheet
            .write_string(1, 0, "Brindlemoor library")
            .expect("cell");
        let bytes = workbook.save_to_buffer().expect("workbook");
        let (kind, text) = read("figures.xlsx", &bytes).expect("read");
        assert_eq!(kind, AttachmentType::Spreadsheet);
        assert!(text.contains("Brindlemoor library"), "{text:?}");

        // A zip that is neither is refused with a message.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .expect("start");
        let other = zip.finish().expect("finish").into_inner();
        assert!(read("notes.zip", &other).is_err());
    }

    #[test]
    fn a_csv_is_kept_as_text_and_other_text_is_refused() {
        let (kind, text) = read("figures.csv", b"area,count\nnorth,4\n").expect("read");
        assert_eq!(kind, AttachmentType::Csv);
        assert!(text.contains("north"));
        assert!(read("notes.exe", b"hello").is_err());
        assert!(read("fake.docx", b"PK\x03\x04not a zip").is_err());
    }
}
