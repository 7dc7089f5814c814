//! Pick mode (`--pick`): the reader as a chooser in a pipeline, fzf's `sel=$(...)` idiom.
//!
//! Enter prints the selected item on standard output and exits 0; Esc or
//! Ctrl-C print nothing and exit 130. The reader draws on the terminal
//! meanwhile, whatever standard output is.

use std::io::{self, Write};

use crate::archive::item::{Item, iso_date};
use crate::archive::json;
use crate::archive::state::ItemState;

/// What is printed of the picked item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PickFormat {
    /// `YYYY-MM-DD<TAB>headline`, as `--list` prints it.
    #[default]
    Line,
    /// The item's link (empty when it has none).
    Link,
    /// One JSON object, as `--export json` writes items.
    Json,
}

/// The exit code when nothing was picked, as fzf has it.
pub const EXIT_CANCELLED: u8 = 130;

/// Prints `item` as `format` asks, with a final newline.
pub fn print(
    item: Item<'_>,
    state: ItemState,
    format: PickFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        PickFormat::Line => {
            out.write_all(iso_date(item.date).as_bytes())?;
            out.write_all(b"\t")?;
            out.write_all(item.headline.as_bytes())?;
        }
        PickFormat::Link => out.write_all(item.link.as_bytes())?,
        PickFormat::Json => json::write_item(item, state, out)?,
    }
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn printed(format: PickFormat) -> String {
        let item = Item {
            date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            headline: "Nuevo corredor",
            body: "Cuerpo.",
            link: "https://iom.int/a",
            source: "OIM",
        };
        let mut out = Vec::new();
        print(item, ItemState::UNREAD, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_format_prints_one_line() {
        assert_eq!(printed(PickFormat::Line), "2026-11-25\tNuevo corredor\n");
        assert_eq!(printed(PickFormat::Link), "https://iom.int/a\n");
        assert_eq!(
            printed(PickFormat::Json),
            "{\"date\":\"2026-11-25\",\"headline\":\"Nuevo corredor\",\"body\":\"Cuerpo.\",\
             \"link\":\"https://iom.int/a\",\"source\":\"OIM\",\"read\":false,\"starred\":false}\n"
        );
    }
}
