//! CSV and other delimited text.
//!
//! The text is decoded first:
//!
//! - a byte-order mark decides the encoding (UTF-8, or the UTF-16 that
//!   Excel's "Unicode Text" format writes) and is dropped;
//! - otherwise valid UTF-8 is read as UTF-8;
//! - and anything else as Windows-1252, which is what Excel on Windows
//!   writes when it saves "CSV (Comma delimited)" in the UK, so "£", "é"
//!   and curly quotes come out right.
//!
//! Then the separator is chosen: the one named by an Excel `sep=;` first
//! line if there is one (that line is not a row: Excel hides it too), or
//! else whichever of comma, semicolon, tab or `|` appears most often
//! outside quotes in the first line that is not blank, with commas
//! winning ties.
//!
//! Row numbers are the ones a spreadsheet would show on opening the file:
//! a quoted cell with line breaks in it is still one row, and blank lines
//! are rows too (they are skipped, but counted). The text is split by
//! [`for_each_record`] rather than the `csv` crate's reader, because that
//! reader skips blank lines without saying where, and the row numbers
//! must stay true.

use std::borrow::Cow;

use encoding_rs::{Encoding, WINDOWS_1252};

use super::{ImportError, Table, TableBuilder};

pub(super) fn read(bytes: &[u8]) -> Result<Table, ImportError> {
    let text = decode(bytes);
    if text.contains('\0') {
        return Err(ImportError::Unreadable {
            detail: "the text has NUL characters, so it is probably not CSV".to_owned(),
        });
    }
    let text = one_kind_of_line_break(&text);
    let (delimiter, body) = delimiter_and_body(&text);

    let mut builder = TableBuilder::new();
    for_each_record(body, char::from(delimiter), |row, cells| {
        builder.push(row, cells)
    })?;
    builder.finish()
}

/// Splits delimited text into records, calling `each` with every record's
/// row number and cells.
///
/// The rules are RFC 4180's, read leniently as spreadsheets do: a cell
/// that starts with `"` is quoted, and may then hold separators, line
/// breaks and doubled quotes (`""` for `"`); a quote anywhere else is an
/// ordinary character, as is anything after a closing quote; and a quote
/// left open runs to the end of the file. Each line break outside quotes
/// ends a row, so blank lines are rows (with one empty cell) and a quoted
/// cell with line breaks in it is still one row. `text` must use `\n`
/// line breaks only.
fn for_each_record(
    text: &str,
    delimiter: char,
    mut each: impl FnMut(usize, Vec<String>) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut row = 1;
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut at_cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                each(row, std::mem::take(&mut cells))?;
                row += 1;
                at_cell_start = true;
            }
            c if c == delimiter => {
                cells.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    // The last row, when the file does not end with a line break.
    if !cells.is_empty() || !cell.is_empty() || !at_cell_start {
        cells.push(cell);
        each(row, cells)?;
    }
    Ok(())
}

/// Bytes to text, as the module's documentation describes.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_length..]).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// Turns Windows (`\r\n`) and old Mac (`\r`) line breaks into `\n`, so
/// lines are counted the same way whatever wrote the file.
fn one_kind_of_line_break(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The separator, and the text without any `sep=` line.
fn delimiter_and_body(text: &str) -> (u8, &str) {
    let (first_line, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first_line = first_line.trim_matches(' ');
    if let [s, e, p, b'=', delimiter] = first_line.as_bytes()
        && [s, e, p].map(u8::to_ascii_lowercase) == *b"sep"
        && DELIMITERS.contains(delimiter)
    {
        return (*delimiter, rest);
    }
    let header = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    (sniff_delimiter(header), text)
}

/// The separator used most outside quotes in a line; commas win ties, and
/// a line with none is one column of comma-separated text.
fn sniff_delimiter(line: &str) -> u8 {
    let mut counts = [0_usize; DELIMITERS.len()];
    let mut quoted = false;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = DELIMITERS.iter().position(|d| *d == byte) {
            counts[i] += 1;
        }
    }
    let mut best = 0;
    for i in 1..DELIMITERS.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

#[cfg(test)]
mod tests {
    use super::super::{Row, read_table};
    use super::*;

    #[track_caller]
    fn check(bytes: &[u8], headers: &[&str], rows: &[(usize, &[&str])]) {
        let table = read_table("register.csv", bytes).expect("the test file is readable");
        assert_eq!(table.headers, headers);
        let expected: Vec<Row> = rows
            .iter()
            .map(|(line, cells)| Row {
                line: *line,
                cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect();
        assert_eq!(table.rows, expected);
    }

    #[test]
    fn reads_plain_csv() {
        check(
            b"Name,Email\nJo Bloggs,jo@example.org\nSam Jones,sam@example.org\n",
            &["Name", "Email"],
            &[
                (2, &["Jo Bloggs", "jo@example.org"]),
                (3, &["Sam Jones", "sam@example.org"]),
            ],
        );
        // No line break at the end, and Windows line breaks.
        check(
            b"Name,Email\r\nJo,jo@example.org",
            &["Name", "Email"],
            &[(2, &["Jo", "jo@example.org"])],
        );
        // Old Mac line breaks.
        check(
            b"Name,Email\rJo,jo@example.org\r\rSam,s@example.org\r",
            &["Name", "Email"],
            &[
                (2, &["Jo", "jo@example.org"]),
                (4, &["Sam", "s@example.org"]),
            ],
        );
    }

    #[test]
    fn drops_a_byte_order_mark() {
        check(
            b"\xEF\xBB\xBFName,Email\r\nJo,jo@example.org\r\n",
            &["Name", "Email"],
            &[(2, &["Jo", "jo@example.org"])],
        );
    }

    #[test]
    fn reads_windows_1252_text() {
        check(
            b"Name,Notes\r\nJos\xE9 Garc\xEDa,Paid \xA325 \x93thank you\x94 \x96 caf\xE9\r\n",
            &["Name", "Notes"],
            &[(
                2,
                &[
                    "Jos\u{e9} Garc\u{ed}a",
                    "Paid \u{a3}25 \u{201c}thank you\u{201d} \u{2013} caf\u{e9}",
                ],
            )],
        );
    }

    #[test]
    fn reads_utf8_text_as_utf8() {
        check(
            "Name,Notes\nZoë,Paid £25 “thanks”\n".as_bytes(),
            &["Name", "Notes"],
            &[(2, &["Zoë", "Paid £25 “thanks”"])],
        );
    }

    #[test]
    fn reads_excel_unicode_text() {
        // Excel's "Unicode Text": UTF-16 little-endian, tab-separated.
        let text = "Name\tNotes\r\nZoë\t£25\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        check(&bytes, &["Name", "Notes"], &[(2, &["Zoë", "£25"])]);
    }

    #[test]
    fn finds_the_separator() {
        check(
            b"Name;Town;Notes\nJo;Leeds;tea, coffee\n",
            &["Name", "Town", "Notes"],
            &[(2, &["Jo", "Leeds", "tea, coffee"])],
        );
        check(
            b"Surname, first name;Email;Phone\nBloggs, Jo;jo@example.org;\n",
            &["Surname, first name", "Email", "Phone"],
            &[(2, &["Bloggs, Jo", "jo@example.org", ""])],
        );
        check(
            b"Name\tTown\nJo\tLeeds, West Yorkshire\n",
            &["Name", "Town"],
            &[(2, &["Jo", "Leeds, West Yorkshire"])],
        );
        check(
            b"Name|Town\nJo|Leeds\n",
            &["Name", "Town"],
            &[(2, &["Jo", "Leeds"])],
        );
        // Separators inside quotes do not count.
        check(
            b"\"Name;Town;Area\",Notes\nJo,x\n",
            &["Name;Town;Area", "Notes"],
            &[(2, &["Jo", "x"])],
        );
        // One column.
        check(b"Name\nJo\n", &["Name"], &[(2, &["Jo"])]);
        // Excel's own hint, which is not a row.
        check(
            b"sep=;\nName;Notes\nJo;a, b\n",
            &["Name", "Notes"],
            &[(2, &["Jo", "a, b"])],
        );
        check(
            b"SEP=\t\r\nName\tNotes\r\nJo\ta, b; c\r\n",
            &["Name", "Notes"],
            &[(2, &["Jo", "a, b; c"])],
        );
    }

    #[test]
    fn keeps_row_numbers_true_across_blank_rows() {
        check(
            b"Name,Email\n\nJo,a@example.org\n,\n\n  ,  \nSam,b@example.org\n\n\n",
            &["Name", "Email"],
            &[
                (3, &["Jo", "a@example.org"]),
                (7, &["Sam", "b@example.org"]),
            ],
        );
        // Blank rows above the headings.
        check(b"\n,,\nName\nJo\n", &["Name"], &[(4, &["Jo"])]);
    }

    #[test]
    fn a_quoted_cell_with_line_breaks_is_one_row() {
        check(
            b"Name,Notes\nJo,\"line one\nline two\"\nSam,x\n\n\"Ali\",\"a\r\n\r\nb\"\nKim,y\n",
            &["Name", "Notes"],
            &[
                (2, &["Jo", "line one\nline two"]),
                (3, &["Sam", "x"]),
                (5, &["Ali", "a\n\nb"]),
                (6, &["Kim", "y"]),
            ],
        );
        check(
            b"Name,Notes\nJo \"JJ\" Bloggs,\"She said \"\"hello\"\"\"\n",
            &["Name", "Notes"],
            &[(2, &["Jo \"JJ\" Bloggs", "She said \"hello\""])],
        );
    }

    #[test]
    fn pads_short_rows_and_keeps_long_ones() {
        check(
            b"Name,Email,Phone\nJo\nSam,s@example.org,0161 496 0000,extra\nKim,k@example.org,,,\n",
            &["Name", "Email", "Phone"],
            &[
                (2, &["Jo", "", ""]),
                (3, &["Sam", "s@example.org", "0161 496 0000", "extra"]),
                (4, &["Kim", "k@example.org", ""]),
            ],
        );
    }

    #[test]
    fn trims_headings_and_cells() {
        // A Windows-1252 no-break space.
        check(
            b" Name , Email ,,\n  Jo  ,\t jo@example.org \xA0,,\n",
            &["Name", "Email"],
            &[(2, &["Jo", "jo@example.org"])],
        );
        check(
            " Name , Email ,,\n  Jo  ,\t jo@example.org \u{a0},,\n".as_bytes(),
            &["Name", "Email"],
            &[(2, &["Jo", "jo@example.org"])],
        );
    }

    #[test]
    fn refuses_binary_files() {
        let result = read_table("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert!(
            matches!(result, Err(ImportError::Unreadable { .. })),
            "{result:?}"
        );
    }

    /// Text, and the rows it splits into: each row's number and cells.
    type Split<'a> = (&'a str, &'a [(usize, &'a [&'a str])]);

    #[test]
    fn splits_records_leniently() {
        let cases: &[Split<'_>] = &[
            ("a,b\nc,d", &[(1, &["a", "b"]), (2, &["c", "d"])]),
            ("a,b\n", &[(1, &["a", "b"])]),
            ("", &[]),
            ("\n", &[(1, &[""])]),
            ("\n\nx", &[(1, &[""]), (2, &[""]), (3, &["x"])]),
            ("a,\n", &[(1, &["a", ""])]),
            (",", &[(1, &["", ""])]),
            ("\"a,b\",c", &[(1, &["a,b", "c"])]),
            ("\"\"", &[(1, &[""])]),
            ("\"\",x", &[(1, &["", "x"])]),
            ("\"a\"\"b\"", &[(1, &["a\"b"])]),
            ("a\"b\",c", &[(1, &["a\"b\"", "c"])]),
            ("\"a\"b,c", &[(1, &["ab", "c"])]),
            (" \"a\",b", &[(1, &[" \"a\"", "b"])]),
            ("\"open\nstill open", &[(1, &["open\nstill open"])]),
            ("\"x\ny\"\nz", &[(1, &["x\ny"]), (2, &["z"])]),
            (
                "\"a\nb\nc\",d\n\ne",
                &[(1, &["a\nb\nc", "d"]), (2, &[""]), (3, &["e"])],
            ),
        ];
        for (text, want) in cases {
            let mut got = Vec::new();
            for_each_record(text, ',', |row, cells| {
                got.push((row, cells));
                Ok(())
            })
            .expect("collecting cannot fail");
            let want: Vec<(usize, Vec<String>)> = want
                .iter()
                .map(|(row, cells)| (*row, cells.iter().map(|c| (*c).to_owned()).collect()))
                .collect();
            assert_eq!(got, want, "text {text:?}");
        }
    }

    #[test]
    fn sniffs_separators() {
        let cases = [
            ("a,b,c", b','),
            ("a;b;c", b';'),
            ("a\tb\tc", b'\t'),
            ("a|b", b'|'),
            ("a;b,c", b','),
            ("a, b;c;d", b';'),
            ("\"a,b\";c", b';'),
            ("abc", b','),
            ("", b','),
        ];
        for (line, want) in cases {
            assert_eq!(sniff_delimiter(line), want, "line {line:?}");
        }
    }
}
