//! A backend that reports at most 1000x500 cells, however large the terminal says it is.
//!
//! ratatui allocates two buffers of the terminal's size; a terminal that
//! reports 65535x65535 (a broken pty, a hostile one) would make each of
//! them 4 billion cells and abort the reader. The reader draws in the top
//! left 1000x500 cells of such a terminal: more than any screen shows.

use std::io;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// The most columns the reader draws.
pub const MAX_WIDTH: u16 = 1000;
/// The most rows the reader draws.
pub const MAX_HEIGHT: u16 = 500;

/// A terminal size as the reader uses it: at most [`MAX_WIDTH`] x [`MAX_HEIGHT`].
pub fn bounded_size(width: u16, height: u16) -> Size {
    Size {
        width: width.min(MAX_WIDTH),
        height: height.min(MAX_HEIGHT),
    }
}

/// `B`, reporting its size bounded by [`bounded_size`].
#[derive(Debug)]
pub struct Bounded<B>(pub B);

impl<B: Backend<Error = io::Error>> Backend for Bounded<B> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        let Size { width, height } = self.0.size()?;
        Ok(bounded_size(width, height))
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let WindowSize {
            columns_rows,
            pixels,
        } = self.0.window_size()?;
        Ok(WindowSize {
            columns_rows: bounded_size(columns_rows.width, columns_rows.height),
            pixels,
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ratatui::Terminal;

    use super::*;
    use crate::archive::source::load_embedded;
    use crate::reader::action::Action;
    use crate::reader::app::App;
    use crate::reader::ui::{self, Theme};

    /// A terminal that says it is 65535x65535 and counts the cells drawn.
    #[derive(Default)]
    struct Huge {
        cells_drawn: usize,
    }

    impl Backend for Huge {
        type Error = io::Error;

        fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            self.cells_drawn += content.count();
            Ok(())
        }

        fn hide_cursor(&mut self) -> io::Result<()> {
            Ok(())
        }

        fn show_cursor(&mut self) -> io::Result<()> {
            Ok(())
        }

        fn get_cursor_position(&mut self) -> io::Result<Position> {
            Ok(Position::ORIGIN)
        }

        fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> io::Result<()> {
            Ok(())
        }

        fn clear(&mut self) -> io::Result<()> {
            Ok(())
        }

        fn clear_region(&mut self, _: ClearType) -> io::Result<()> {
            Ok(())
        }

        fn size(&self) -> io::Result<Size> {
            Ok(Size::new(u16::MAX, u16::MAX))
        }

        fn window_size(&mut self) -> io::Result<WindowSize> {
            Ok(WindowSize {
                columns_rows: Size::new(u16::MAX, u16::MAX),
                pixels: Size::new(u16::MAX, u16::MAX),
            })
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_huge_terminal_is_drawn_in_a_bounded_area() {
        let mut terminal = Terminal::new(Bounded(Huge::default())).unwrap();
        let size = terminal.size().unwrap();
        assert_eq!((size.width, size.height), (MAX_WIDTH, MAX_HEIGHT));
        let mut app = App::new(Arc::new(load_embedded()));
        app.update(Action::Resize {
            width: size.width,
            height: size.height,
        });
        let frame = terminal
            .draw(|frame| ui::render(&app, &Theme::DARK, frame))
            .unwrap();
        assert_eq!(frame.area.width, MAX_WIDTH);
        assert_eq!(frame.area.height, MAX_HEIGHT);
        let drawn = terminal.backend().0.cells_drawn;
        assert!(drawn <= 1000 * 500, "{drawn} cells");
        assert!(drawn > 0);
    }

    #[test]
    fn sizes_are_bounded_each_way_on_their_own() {
        assert_eq!(bounded_size(80, 24), Size::new(80, 24));
        assert_eq!(bounded_size(u16::MAX, 24), Size::new(MAX_WIDTH, 24));
        assert_eq!(bounded_size(80, u16::MAX), Size::new(80, MAX_HEIGHT));
        assert_eq!(bounded_size(0, 0), Size::new(0, 0));
    }
}
