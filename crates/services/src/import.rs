//! Reading a spreadsheet someone uploaded, before any domain rules.
//!
//! Councils keep their registers in spreadsheets. Importing one has three
//! steps, and this module does the first two:
//!
//! 1. [`read_table`] turns the uploaded bytes (CSV or Excel `.xlsx`) into a
//!    [`Table`]: column headings and rows of trimmed text, each row with the
//!    number the person sees in their spreadsheet, so a message can say
//!    "row 14" and mean the row they will find.
//! 2. [`guess_mapping`] suggests which [`Field`] each column holds, for the
//!    person to check, and [`apply_mapping`] turns each row into a
//!    [`MappedRow`] of field values.
//! 3. The importer then parses each value into domain types (`Phone`,
//!    dates, `Email`) and reports the rows it could not accept.
//!
//! [`write_csv`] goes the other way, for exports and for the file of
//! rejected rows, and protects spreadsheet users from formula injection.
//!
//! Nothing here does I/O or touches the store: it works on bytes in
//! memory, so the web layer can call it on an upload it has already read.

mod export;
mod mapping;
mod text;
mod xlsx;

pub use export::{csv_escape_cell, write_csv};
pub use mapping::{Field, MappedRow, apply_mapping, guess_mapping};

/// The largest file we read: 5 MB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The most rows of people (not counting the headings) in one file.
pub const MAX_ROWS: usize = 10_000;
/// The most columns a file may use.
pub const MAX_COLUMNS: usize = 500;

/// A spreadsheet's contents as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// The column headings from the first row that is not blank, trimmed.
    /// Blank headings at the end of the row are left off.
    pub headers: Vec<String>,
    /// The rows under the headings that have something in them.
    pub rows: Vec<Row>,
}

impl Table {
    /// A column's heading, or "Column C" (its spreadsheet letter) when the
    /// heading is blank or missing, so every column can be named on a page.
    pub fn header_label(&self, index: usize) -> String {
        match self.headers.get(index) {
            Some(header) if !header.is_empty() => header.clone(),
            _ => format!("Column {}", column_letters(index)),
        }
    }
}

/// One row of a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// The row's number as the person sees it in their spreadsheet, where
    /// the first row (usually the headings) is 1. Blank rows are left out
    /// of [`Table::rows`] but still counted, so this stays true.
    pub line: usize,
    /// Each cell's text, trimmed. There is at least one cell per heading
    /// (padded with empty text); cells past the last heading that have
    /// something in them are kept.
    pub cells: Vec<String>,
}

/// Why a file could not be read. Each message is written for the person
/// who uploaded it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error(
        "The file is bigger than 5 MB. Split it into smaller files, or remove columns you do not need, and upload each one."
    )]
    TooLarge,
    #[error(
        "The file has more than 10,000 rows. Split it into files of 10,000 rows or fewer and upload each one."
    )]
    TooManyRows,
    #[error(
        "The file has more than 500 columns. Remove the columns you do not need and try again."
    )]
    TooManyColumns,
    #[error("The file is empty. Check you chose the right file.")]
    Empty,
    #[error("The file has column headings but no rows of people under them.")]
    NoRows,
    #[error("The file must be a CSV file or an Excel spreadsheet (.xlsx).")]
    NotSupported,
    #[error(
        "This is an older kind of Excel file (.xls). Open it in Excel, save it as an Excel Workbook (.xlsx) or CSV, and upload that."
    )]
    OldExcel,
    #[error(
        "The spreadsheet is protected with a password. Open it in Excel, remove the password, save it and upload it again."
    )]
    PasswordProtected,
    /// The file looked like a spreadsheet but could not be read. `detail`
    /// says why, for the logs; it is never shown to the person.
    #[error(
        "Coproduce could not read the file. Check it is a CSV file or an Excel spreadsheet (.xlsx) and try again."
    )]
    Unreadable { detail: String },
}

/// Reads an uploaded spreadsheet into a [`Table`].
///
/// The kind of file is decided by its name's extension and by its first
/// bytes: an `.xlsx` file is a zip archive, which starts with `PK`, so a
/// workbook renamed `.csv` is still read as one. CSV (and `.txt`, `.tsv`)
/// text may be UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark, or Windows-1252, and its columns may be separated by
/// commas, semicolons or tabs. See the `text` and `xlsx` submodules for
/// the details of each.
///
/// # Errors
///
/// An [`ImportError`] whose message can be shown to the person as it is.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Table, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    match kind_of_file(file_name, bytes) {
        Kind::Text => text::read(bytes),
        Kind::Xlsx => xlsx::read(bytes),
        Kind::OldOrLocked => Err(xlsx::old_or_locked(bytes)),
        Kind::Other => Err(ImportError::NotSupported),
    }
}

enum Kind {
    Text,
    Xlsx,
    /// An OLE compound file: an `.xls` workbook, or an `.xlsx` encrypted
    /// with a password.
    OldOrLocked,
    Other,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn kind_of_file(file_name: &str, bytes: &[u8]) -> Kind {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let sniffed = if bytes.starts_with(ZIP_MAGIC) {
        Some(Kind::Xlsx)
    } else if bytes.starts_with(OLE_MAGIC) {
        Some(Kind::OldOrLocked)
    } else {
        None
    };
    match extension.as_str() {
        "xlsx" | "xlsm" => sniffed.unwrap_or(Kind::Xlsx),
        // Some older systems export tab-separated text named `.xls`.
        "csv" | "txt" | "tsv" | "xls" | "" => sniffed.unwrap_or(Kind::Text),
        _ => Kind::Other,
    }
}

/// Collects rows as they are read, whatever the file's kind, and applies
/// the rules both kinds share: trimming, skipping blank rows, padding,
/// and the limits.
struct TableBuilder {
    headers: Option<Vec<String>>,
    rows: Vec<Row>,
}

impl TableBuilder {
    fn new() -> Self {
        Self {
            headers: None,
            rows: Vec::new(),
        }
    }

    /// Adds the row the person sees as number `line`.
    fn push(&mut self, line: usize, cells: Vec<String>) -> Result<(), ImportError> {
        let mut cells: Vec<String> = cells.iter().map(|cell| cell.trim().to_owned()).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            return Ok(());
        }
        if cells.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns);
        }
        match &self.headers {
            None => self.headers = Some(cells),
            Some(headers) => {
                if self.rows.len() == MAX_ROWS {
                    return Err(ImportError::TooManyRows);
                }
                if cells.len() < headers.len() {
                    cells.resize(headers.len(), String::new());
                }
                self.rows.push(Row { line, cells });
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Table, ImportError> {
        let headers = self.headers.ok_or(ImportError::Empty)?;
        if self.rows.is_empty() {
            return Err(ImportError::NoRows);
        }
        Ok(Table {
            headers,
            rows: self.rows,
        })
    }
}

/// A column's letters as a spreadsheet shows them: 0 is A, 25 is Z, 26 is
/// AA.
fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_columns_by_letter_when_the_heading_is_blank() {
        let table = Table {
            headers: vec!["Name".to_owned(), String::new()],
            rows: Vec::new(),
        };
        assert_eq!(table.header_label(0), "Name");
        assert_eq!(table.header_label(1), "Column B");
        assert_eq!(table.header_label(2), "Column C");
        assert_eq!(table.header_label(25), "Column Z");
        assert_eq!(table.header_label(26), "Column AA");
        assert_eq!(table.header_label(27), "Column AB");
        assert_eq!(table.header_label(701), "Column ZZ");
        assert_eq!(table.header_label(702), "Column AAA");
    }

    #[test]
    fn refuses_files_over_the_size_limit() {
        let mut bytes = b"Name\n".to_vec();
        bytes.resize(MAX_FILE_BYTES + 1, b'a');
        assert_eq!(read_table("big.csv", &bytes), Err(ImportError::TooLarge));
    }

    #[test]
    fn refuses_empty_files_and_other_kinds() {
        assert_eq!(read_table("empty.csv", b""), Err(ImportError::Empty));
        assert_eq!(read_table("blank.csv", b" \r\n\n"), Err(ImportError::Empty));
        assert_eq!(
            read_table("commas.csv", b",,,\n,,\n"),
            Err(ImportError::Empty)
        );
        assert_eq!(
            read_table("only-headings.csv", b"Name,Email\n,\n"),
            Err(ImportError::NoRows)
        );
        assert_eq!(
            read_table("register.pdf", b"%PDF-1.4"),
            Err(ImportError::NotSupported)
        );
        assert_eq!(
            read_table("register.docx", b"PK\x03\x04"),
            Err(ImportError::NotSupported)
        );
        assert_eq!(
            read_table("register.ods", b"PK\x03\x04"),
            Err(ImportError::NotSupported)
        );
    }

    #[test]
    fn counts_rows_up_to_the_limit() {
        let mut text = String::from("Name\n");
        for i in 0..MAX_ROWS {
            text.push_str(&format!("Person {i}\n"));
        }
        let table = read_table("full.csv", text.as_bytes()).expect("exactly the limit is allowed");
        assert_eq!(table.rows.len(), MAX_ROWS);
        assert_eq!(table.rows[MAX_ROWS - 1].line, MAX_ROWS + 1);

        // Blank rows do not count towards the limit.
        text.push_str("\n,,\n");
        assert!(read_table("full.csv", text.as_bytes()).is_ok());

        text.push_str("One too many\n");
        assert_eq!(
            read_table("full.csv", text.as_bytes()),
            Err(ImportError::TooManyRows)
        );
    }

    #[test]
    fn refuses_too_many_columns() {
        let header = vec!["x"; MAX_COLUMNS + 1].join(",");
        let text = format!("{header}\n1\n");
        assert_eq!(
            read_table("wide.csv", text.as_bytes()),
            Err(ImportError::TooManyColumns)
        );
        let header = vec!["x"; MAX_COLUMNS].join(",");
        let text = format!("{header}\n1\n");
        assert!(read_table("wide.csv", text.as_bytes()).is_ok());
    }

    #[test]
    fn messages_are_plain_sentences() {
        let errors = [
            ImportError::TooLarge,
            ImportError::TooManyRows,
            ImportError::TooManyColumns,
            ImportError::Empty,
            ImportError::NoRows,
            ImportError::NotSupported,
            ImportError::OldExcel,
            ImportError::PasswordProtected,
            ImportError::Unreadable {
                detail: "zip: bad header".to_owned(),
            },
        ];
        for error in errors {
            let message = error.to_string();
            assert!(message.ends_with('.'), "{message}");
            assert!(!message.contains("zip"), "{message}");
            assert!(
                message.chars().next().is_some_and(char::is_uppercase),
                "{message}"
            );
        }
    }
}
