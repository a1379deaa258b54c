//! Writing CSV that is safe to open in a spreadsheet.
//!
//! A cell that starts with `=`, `+`, `-` or `@` is a formula to Excel,
//! LibreOffice and Google Sheets, and a formula can fetch web pages or run
//! commands on the computer of whoever opens the file. Anyone can type
//! such a value into a form, so every cell we write is passed through
//! [`csv_escape_cell`] first, which puts an apostrophe in front: the
//! spreadsheet then shows the text as it is, without running it. Tab and
//! carriage return at the start get the same treatment, since some
//! spreadsheets skip them and then see a formula.
//!
//! The cost is that a negative number or a `+44` phone number gains a
//! visible apostrophe. That is the safer side: our exports hold text typed
//! by the public, phone numbers are kept in national form (`07700 900123`)
//! and the register holds no negative amounts.

/// The characters that make a spreadsheet treat a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell's text made safe from formula injection: an apostrophe is put in
/// front of text that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return; anything else is unchanged. This does not quote the cell:
/// [`write_csv`] (the csv writer) does that.
pub fn csv_escape_cell(value: &str) -> String {
    if value.starts_with(FORMULA_STARTS) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// A whole CSV file: a heading row, then the rows, every cell passed
/// through [`csv_escape_cell`] and quoted where needed.
///
/// The text starts with a UTF-8 byte-order mark, so that Excel shows "£"
/// and "é" as they are (it guesses another encoding without one), and
/// lines end with `\r\n`, as RFC 4180 and Excel expect. [`read_table`]
/// reads it back.
///
/// Rows need not be as long as the headings; cells are written as they
/// are.
///
/// [`read_table`]: super::read_table
pub fn write_csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    // Writing to memory cannot fail, and flexible rows cannot be the wrong
    // length, so the only errors left would be bugs in the csv crate.
    writer
        .write_record(headers.iter().map(|cell| csv_escape_cell(cell)))
        .expect("writing CSV to memory cannot fail");
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| csv_escape_cell(cell)))
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    // Every cell came from a `str`, so this is always valid UTF-8.
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::super::read_table;
    use super::*;

    #[test]
    fn escapes_cells_that_a_spreadsheet_would_run() {
        let cases = [
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            (
                "=HYPERLINK(\"http://example.com\",\"Click\")",
                "'=HYPERLINK(\"http://example.com\",\"Click\")",
            ),
            ("+44 7700 900123", "'+44 7700 900123"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("-5", "'-5"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("==", "'=="),
            ("Jo Bloggs", "Jo Bloggs"),
            ("", ""),
            ("07700 900123", "07700 900123"),
            ("a=b", "a=b"),
            (" =1+1", " =1+1"),
            ("'quoted", "'quoted"),
            ("£25 a session", "£25 a session"),
            ("jo@example.org", "jo@example.org"),
            ("31/01/2025", "31/01/2025"),
            ("Tea; coffee", "Tea; coffee"),
            ("\n=1", "\n=1"),
        ];
        for (input, want) in cases {
            assert_eq!(csv_escape_cell(input), want, "input {input:?}");
        }
    }

    #[test]
    fn writes_quoted_escaped_csv() {
        let csv = write_csv(
            &["Name", "Notes", "=Heading"],
            &[
                vec![
                    "Bloggs, Jo".to_owned(),
                    "She said \"hello\"\non two lines".to_owned(),
                    "=1+1".to_owned(),
                ],
                vec!["Zoë".to_owned(), "£25".to_owned()],
            ],
        );
        assert_eq!(
            csv,
            "\u{feff}Name,Notes,'=Heading\r\n\
             \"Bloggs, Jo\",\"She said \"\"hello\"\"\non two lines\",'=1+1\r\n\
             Zoë,£25\r\n"
        );
    }

    #[test]
    fn writes_only_headings_when_there_are_no_rows() {
        assert_eq!(write_csv(&["Name", "Email"], &[]), "\u{feff}Name,Email\r\n");
    }

    #[test]
    fn what_it_writes_reads_back() {
        let rows = vec![
            vec![
                "Jo Bloggs".to_owned(),
                "Likes tea, not coffee".to_owned(),
                "£25".to_owned(),
            ],
            vec![
                "Zoë".to_owned(),
                "line one\nline two".to_owned(),
                "Café “Central”".to_owned(),
            ],
            vec!["Sam".to_owned(), String::new(), "x".to_owned()],
        ];
        let csv = write_csv(&["Name", "Notes", "Other"], &rows);
        let table = read_table("export.csv", csv.as_bytes()).expect("our own CSV reads back");
        assert_eq!(table.headers, ["Name", "Notes", "Other"]);
        let read: Vec<Vec<String>> = table.rows.iter().map(|row| row.cells.clone()).collect();
        assert_eq!(read, rows);
        let lines: Vec<usize> = table.rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [2, 3, 4]);
    }
}
