//! Where each part of the screen goes: a pure function of the terminal's size and the mode.

use ratatui::layout::Rect;

/// Side by side at this width or more; stacked below it.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 100;
/// Below this many rows for the panes, the detail pane is dropped.
pub const STACKED_MIN_HEIGHT: u16 = 12;
/// Panes get title lines from this many rows for the panes.
pub const TITLES_MIN_HEIGHT: u16 = 16;
/// The timeline strip shows on terminals at least this tall and wide.
pub const TIMELINE_MIN_HEIGHT: u16 = 24;
pub const TIMELINE_MIN_WIDTH: u16 = 40;
/// The strip's rows: the bars, then their labels.
const TIMELINE_HEIGHT: u16 = 2;

/// Two fifths of `length`, without overflowing at any terminal size.
fn two_fifths(length: u16) -> u16 {
    (u32::from(length) * 2 / 5) as u16
}

/// The rectangles of one frame. A part that does not fit is an empty `Rect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScreenLayout {
    pub filter_bar: Rect,
    /// Reading mode's fixed first line (date, headline, item N of M).
    pub header: Rect,
    /// The list's title line, above its rows, when there is room.
    pub list_title: Rect,
    pub list: Rect,
    /// The article's title, on its top line (or in its top border when below).
    pub detail_title: Rect,
    /// The detail pane including its border.
    pub detail: Rect,
    /// Where the article text goes: inside the border, left of the scrollbar.
    pub detail_text: Rect,
    pub status: Rect,
    /// The results per period, above the status line, when there is room.
    pub timeline: Rect,
    pub placement: DetailPlacement,
}

/// How the detail pane is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DetailPlacement {
    Beside,
    Below,
    #[default]
    Hidden,
    FullScreen,
}

/// How the list and the detail pane share the screen: the user's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The list's share of the width, in percent, when the panes are side by side.
    pub list_share: u16,
    /// False when the user hid the detail pane (F3).
    pub detail: bool,
}

impl Panes {
    pub const MIN_SHARE: u16 = 30;
    pub const MAX_SHARE: u16 = 80;
    pub const DEFAULT_SHARE: u16 = 60;
}

impl Default for Panes {
    fn default() -> Self {
        Self {
            list_share: Self::DEFAULT_SHARE,
            detail: true,
        }
    }
}

impl ScreenLayout {
    pub fn new(area: Rect, reading: bool) -> Self {
        Self::with_panes(area, reading, Panes::default())
    }

    pub fn with_panes(area: Rect, reading: bool, panes: Panes) -> Self {
        let mut layout = ScreenLayout::default();
        let mut rest = area;
        if rest.height == 0 || rest.width == 0 {
            return layout;
        }
        if !reading {
            layout.filter_bar = Rect { height: 1, ..rest };
            rest.y += 1;
            rest.height -= 1;
        }
        if rest.height >= 2 {
            layout.status = Rect {
                y: rest.bottom() - 1,
                height: 1,
                ..rest
            };
            rest.height -= 1;
        }
        layout.placement = match Self::placement(rest, reading) {
            DetailPlacement::Beside | DetailPlacement::Below if !panes.detail => {
                DetailPlacement::Hidden
            }
            placement => placement,
        };
        match layout.placement {
            DetailPlacement::FullScreen => {
                if rest.height >= 3 {
                    layout.header = Rect { height: 1, ..rest };
                    rest.y += 1;
                    rest.height -= 1;
                }
                layout.detail = rest;
            }
            DetailPlacement::Hidden => layout.list = rest,
            DetailPlacement::Beside => {
                let share = panes.list_share.clamp(Panes::MIN_SHARE, Panes::MAX_SHARE);
                let list_width = (u32::from(rest.width) * u32::from(share) / 100) as u16;
                layout.list = Rect {
                    width: list_width,
                    ..rest
                };
                layout.detail = Rect {
                    x: rest.x + list_width,
                    width: rest.width - list_width,
                    ..rest
                };
            }
            DetailPlacement::Below => {
                let list_height = two_fifths(rest.height).max(3);
                layout.list = Rect {
                    height: list_height,
                    ..rest
                };
                layout.detail = Rect {
                    y: rest.y + list_height,
                    height: rest.height - list_height,
                    ..rest
                };
            }
        }
        if rest.height >= TITLES_MIN_HEIGHT && !reading {
            layout.add_titles();
        }
        layout.detail_text = Self::text_area(
            layout.detail,
            layout.placement,
            !layout.detail_title.is_empty(),
        );
        layout
    }

    /// A title line for each pane: the first row of the list; the detail
    /// pane's first row inside its border, or its top border when below.
    fn add_titles(&mut self) {
        self.list_title = Rect {
            height: 1,
            ..self.list
        };
        self.list.y += 1;
        self.list.height -= 1;
        match self.placement {
            DetailPlacement::Beside => {
                self.detail_title = Rect {
                    x: self.detail.x + 1,
                    width: self.detail.width.saturating_sub(1),
                    height: 1,
                    ..self.detail
                };
            }
            DetailPlacement::Below => {
                self.detail_title = Rect {
                    x: self.detail.x + 1,
                    width: self.detail.width.saturating_sub(2),
                    height: 1,
                    ..self.detail
                };
            }
            DetailPlacement::FullScreen | DetailPlacement::Hidden => {}
        }
    }

    /// The same layout with the timeline strip above the status line when
    /// `shown` and the terminal is tall and wide enough; the panes give up
    /// the rows. Never in reading mode.
    pub fn with_timeline(mut self, shown: bool) -> Self {
        let height = self.status.bottom().saturating_sub(self.filter_bar.y);
        let fits = height >= TIMELINE_MIN_HEIGHT && self.status.width >= TIMELINE_MIN_WIDTH;
        if !shown || !fits || self.filter_bar.is_empty() || self.list.height <= TIMELINE_HEIGHT {
            return self;
        }
        self.timeline = Rect {
            y: self.status.y - TIMELINE_HEIGHT,
            height: TIMELINE_HEIGHT,
            ..self.status
        };
        let shorten = |rect: &mut Rect, bottom: u16| {
            let over = rect.bottom().saturating_sub(bottom);
            rect.height = rect.height.saturating_sub(over);
        };
        let top_of_strip = self.timeline.y;
        shorten(&mut self.list, top_of_strip);
        shorten(&mut self.detail, top_of_strip);
        shorten(&mut self.detail_text, top_of_strip);
        self
    }

    /// Every rectangle cut to `area`: a frame can be smaller than the size
    /// the app last heard of, for the moment before a resize event.
    pub fn clipped(self, area: Rect) -> Self {
        Self {
            filter_bar: self.filter_bar.intersection(area),
            header: self.header.intersection(area),
            list_title: self.list_title.intersection(area),
            list: self.list.intersection(area),
            detail_title: self.detail_title.intersection(area),
            detail: self.detail.intersection(area),
            detail_text: self.detail_text.intersection(area),
            status: self.status.intersection(area),
            timeline: self.timeline.intersection(area),
            placement: self.placement,
        }
    }

    /// Places the detail pane for the area left to the panes.
    pub fn placement(panes: Rect, reading: bool) -> DetailPlacement {
        if reading {
            DetailPlacement::FullScreen
        } else if panes.width >= SIDE_BY_SIDE_MIN_WIDTH {
            DetailPlacement::Beside
        } else if panes.height >= STACKED_MIN_HEIGHT {
            DetailPlacement::Below
        } else {
            DetailPlacement::Hidden
        }
    }

    /// Inside the detail pane's border (left when beside, top when below)
    /// and below its title, with the rightmost column kept for the scrollbar.
    fn text_area(detail: Rect, placement: DetailPlacement, titled: bool) -> Rect {
        let (left, top) = match placement {
            DetailPlacement::Beside => (2, u16::from(titled)),
            DetailPlacement::Below => (1, 1),
            DetailPlacement::FullScreen => (1, 0),
            DetailPlacement::Hidden => return Rect::default(),
        };
        let width = detail.width.saturating_sub(left + 1);
        let height = detail.height.saturating_sub(top);
        if width == 0 || height == 0 {
            return Rect::default();
        }
        Rect {
            x: detail.x + left,
            y: detail.y + top,
            width,
            height,
        }
    }
}

/// The help and warnings window: centred with a margin when there is room,
/// the whole screen otherwise.
pub fn overlay_window(area: Rect) -> Rect {
    if area.width >= 20 && area.height >= 8 {
        Rect {
            x: area.x + area.width / 12,
            y: area.y + 1,
            width: area.width - area.width / 6,
            height: area.height - 2,
        }
    } else {
        area
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(width: u16, height: u16) -> Rect {
        Rect::new(0, 0, width, height)
    }

    #[test]
    fn wide_terminals_put_the_panes_side_by_side() {
        let layout = ScreenLayout::new(rect(100, 30), false);
        assert_eq!(layout.filter_bar, Rect::new(0, 0, 100, 1));
        assert_eq!(layout.status, Rect::new(0, 29, 100, 1));
        assert_eq!(layout.list_title, Rect::new(0, 1, 60, 1));
        assert_eq!(layout.list, Rect::new(0, 2, 60, 27));
        assert_eq!(layout.detail, Rect::new(60, 1, 40, 28));
        assert_eq!(layout.detail_title, Rect::new(61, 1, 39, 1));
        assert_eq!(layout.detail_text, Rect::new(62, 2, 37, 27));
    }

    #[test]
    fn the_user_resizes_or_hides_the_detail_pane() {
        let narrow_list = Panes {
            list_share: 30,
            detail: true,
        };
        let layout = ScreenLayout::with_panes(rect(100, 30), false, narrow_list);
        assert_eq!(layout.list, Rect::new(0, 2, 30, 27));
        assert_eq!(layout.detail, Rect::new(30, 1, 70, 28));
        let out_of_range = Panes {
            list_share: 95,
            detail: true,
        };
        let layout = ScreenLayout::with_panes(rect(100, 30), false, out_of_range);
        assert_eq!(layout.list.width, 80, "the share is kept within 30-80%");
        let hidden = Panes {
            list_share: 60,
            detail: false,
        };
        for size in [rect(100, 30), rect(60, 24)] {
            let layout = ScreenLayout::with_panes(size, false, hidden);
            assert_eq!(layout.placement, DetailPlacement::Hidden);
            assert_eq!(layout.list.width, size.width);
            assert_eq!(layout.detail, Rect::default());
        }
        let reading = ScreenLayout::with_panes(rect(100, 30), true, hidden);
        assert_eq!(reading.with_timeline(true).timeline, Rect::default());
        assert_eq!(
            reading.placement,
            DetailPlacement::FullScreen,
            "reading ignores F3"
        );
    }

    #[test]
    fn the_timeline_takes_two_rows_above_the_status_when_there_is_room() {
        let wide = ScreenLayout::new(rect(120, 35), false).with_timeline(true);
        assert_eq!(wide.timeline, Rect::new(0, 32, 120, 2));
        assert_eq!(wide.list.bottom(), 32);
        assert_eq!(wide.detail.bottom(), 32);
        assert_eq!(wide.detail_text.bottom(), 32);
        let stacked = ScreenLayout::new(rect(80, 24), false).with_timeline(true);
        assert_eq!(stacked.timeline, Rect::new(0, 21, 80, 2));
        assert_eq!(stacked.detail.bottom(), 21);
        for small in [rect(40, 12), rect(120, 23), rect(39, 30)] {
            let layout = ScreenLayout::new(small, false).with_timeline(true);
            assert_eq!(layout.timeline, Rect::default(), "{small:?}");
        }
        let hidden = ScreenLayout::new(rect(120, 35), false).with_timeline(false);
        assert_eq!(hidden.timeline, Rect::default());
    }

    #[test]
    fn narrow_terminals_stack_and_short_ones_drop_the_detail() {
        let stacked = ScreenLayout::new(rect(60, 24), false);
        assert_eq!(stacked.list_title, Rect::new(0, 1, 60, 1));
        assert_eq!(stacked.list, Rect::new(0, 2, 60, 7));
        assert_eq!(stacked.detail, Rect::new(0, 9, 60, 14));
        assert_eq!(
            stacked.detail_title,
            Rect::new(1, 9, 58, 1),
            "in the border"
        );
        let untitled = ScreenLayout::new(rect(40, 12), false);
        assert_eq!(untitled.list_title, Rect::default());
        assert_eq!(untitled.list, Rect::new(0, 1, 40, 10));
        let short = ScreenLayout::new(rect(60, 8), false);
        assert_eq!(short.list, Rect::new(0, 1, 60, 6));
        assert_eq!(short.detail, Rect::default());
        assert_eq!(short.detail_text, Rect::default());
    }

    #[test]
    fn reading_mode_gives_the_article_the_screen() {
        let layout = ScreenLayout::new(rect(80, 24), true);
        assert_eq!(layout.filter_bar, Rect::default());
        assert_eq!(layout.header, Rect::new(0, 0, 80, 1));
        assert_eq!(layout.detail, Rect::new(0, 1, 80, 22));
        assert_eq!(layout.detail_text, Rect::new(1, 1, 78, 22));
    }

    #[test]
    fn tiny_and_empty_terminals_get_what_fits() {
        assert_eq!(
            ScreenLayout::new(rect(0, 0), false),
            ScreenLayout::default()
        );
        assert_eq!(
            ScreenLayout::new(rect(10, 0), false),
            ScreenLayout::default()
        );
        let one = ScreenLayout::new(rect(1, 1), false);
        assert_eq!(one.filter_bar, Rect::new(0, 0, 1, 1));
        assert_eq!(one.list.height, 0);
        let two = ScreenLayout::new(rect(5, 2), false);
        assert_eq!(two.list, Rect::new(0, 1, 5, 1));
        assert_eq!(two.status, Rect::default());
        let reading = ScreenLayout::new(rect(1, 1), true);
        assert_eq!(reading.detail_text, Rect::default());
    }
}
