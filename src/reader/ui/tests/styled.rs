//! A text form of a frame with its styles, for snapshots: each row, then
//! the runs of cells that are not in the terminal's default style.

use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};

/// Each row quoted, followed by a `·` line of its styled runs, `start-end
/// style` in columns, when it has any.
pub fn styled(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let cells: Vec<&Cell> = (0..buffer.area.width).map(|x| &buffer[(x, y)]).collect();
        let text: String = cells.iter().map(|cell| cell.symbol()).collect();
        let _ = writeln!(out, "{text:?}");
        let mut runs = Vec::new();
        let mut start = 0;
        for x in 1..=cells.len() {
            let ends = x == cells.len() || style_name(cells[x]) != style_name(cells[start]);
            if ends {
                let name = style_name(cells[start]);
                if !name.is_empty() {
                    runs.push(format!("{start}-{} {name}", x - 1));
                }
                start = x;
            }
        }
        if !runs.is_empty() {
            let _ = writeln!(out, "  · {}", runs.join(", "));
        }
    }
    out
}

/// `fg:Cyan bg:Blue bold dim italic underlined reversed`, only what is set.
fn style_name(cell: &Cell) -> String {
    let mut parts = Vec::new();
    if cell.fg != Color::Reset {
        parts.push(format!("fg:{:?}", cell.fg));
    }
    if cell.bg != Color::Reset {
        parts.push(format!("bg:{:?}", cell.bg));
    }
    for (modifier, name) in [
        (Modifier::BOLD, "bold"),
        (Modifier::DIM, "dim"),
        (Modifier::ITALIC, "italic"),
        (Modifier::UNDERLINED, "underlined"),
        (Modifier::REVERSED, "reversed"),
    ] {
        if cell.modifier.contains(modifier) {
            parts.push(name.to_string());
        }
    }
    parts.join(" ")
}
