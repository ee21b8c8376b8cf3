//! Keyboard focus and scrolling that iced does not do by itself, as widget operations:
//! - Tab that goes on from the button last pressed. iced's buttons and pick lists take no focus,
//!   so after a click on one nothing is focused and iced's own Tab starts again at the first
//!   field of the window. A screen names the field just before what was pressed (`after`), and
//!   Tab goes to the field after it, Shift+Tab to that field itself — the order the form reads.
//! - Bringing a widget into view in the scrollable around it (a form opened below the fold).
//!
//! Which field or form is meant is the screens' business; this module only walks the widgets.

use iced::widget::Id;
use iced::{Rectangle, Task, Vector};
use iced_runtime::core::widget::operation::scrollable::AbsoluteOffset;
use iced_runtime::core::widget::operation::{Focusable, Operation, Outcome, Scrollable};

/// Tab (`forward`) or Shift+Tab: from the focused field as usual (round the end to the start);
/// with none focused, from the field `after` if it is shown, else from the start (or the end).
pub fn tab<T: Send + 'static>(after: Option<Id>, forward: bool) -> Task<T> {
    iced_runtime::task::widget(Tab {
        after,
        forward,
        total: 0,
        focused: None,
        anchor: None,
        target: None,
    })
}

#[derive(Clone)]
struct Tab {
    after: Option<Id>,
    forward: bool,
    total: usize,
    focused: Option<usize>,
    anchor: Option<usize>,
    /// The second walk: the field to focus.
    target: Option<usize>,
}

impl Tab {
    fn choose(&self) -> Option<usize> {
        let n = self.total;
        if n == 0 {
            return None;
        }
        Some(match (self.focused, self.anchor, self.forward) {
            (Some(f), _, true) => (f + 1) % n,
            (Some(f), _, false) => (f + n - 1) % n,
            (None, Some(a), true) => (a + 1) % n,
            (None, Some(a), false) => a,
            (None, None, true) => 0,
            (None, None, false) => n - 1,
        })
    }
}

impl<T> Operation<T> for Tab {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<T>)) {
        operate(self);
    }

    fn focusable(&mut self, id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        let i = self.total;
        self.total += 1;
        match self.target {
            None => {
                if state.is_focused() {
                    self.focused = Some(i);
                }
                if id.is_some() && id == self.after.as_ref() {
                    self.anchor = Some(i);
                }
            }
            Some(t) if t == i => state.focus(),
            Some(_) if state.is_focused() => state.unfocus(),
            Some(_) => {}
        }
    }

    fn finish(&self) -> Outcome<T> {
        match (self.target, self.choose()) {
            (None, Some(target)) => Outcome::Chain(Box::new(Tab {
                total: 0,
                target: Some(target),
                ..self.clone()
            })),
            _ => Outcome::None,
        }
    }
}

/// Scrolls the scrollable around the container `id` so that the container's top shows, and as
/// much of it below as fits. Nothing moves when it is in view already.
pub fn reveal<T: Send + 'static>(id: impl Into<Id>) -> Task<T> {
    iced_runtime::task::widget(Reveal {
        target: id.into(),
        seen: 0,
        pending: None,
        stack: Vec::new(),
        found: None,
        apply: false,
    })
}

/// A scrollable met on the walk: its place in the walk's order and its geometry.
#[derive(Clone, Copy)]
struct Scroller {
    index: usize,
    bounds: Rectangle,
    content: Rectangle,
    translation: Vector,
}

struct Reveal {
    target: Id,
    /// How many scrollables the walk has met.
    seen: usize,
    /// The scrollable whose children come next.
    pending: Option<Scroller>,
    /// The scrollables around the widget being walked (`None` for other containers).
    stack: Vec<Option<Scroller>>,
    /// Which scrollable to move, by how much (found on the first walk, done on the second).
    found: Option<(Scroller, f32)>,
    apply: bool,
}

/// How far to scroll (down positive) for `target` to show in the scrollable `s`.
fn scroll_needed(s: &Scroller, target: Rectangle) -> f32 {
    const MARGIN: f32 = 12.0;
    let top = target.y - s.content.y;
    let bottom = top + target.height;
    let now = s.translation.y;
    let view = s.bounds.height;
    let wanted = if top - MARGIN < now {
        top - MARGIN
    } else if bottom + MARGIN > now + view {
        (top - MARGIN).min(bottom + MARGIN - view)
    } else {
        now
    };
    let most = (s.content.height - view).max(0.0);
    wanted.clamp(0.0, most) - now
}

impl<T> Operation<T> for Reveal {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<T>)) {
        let s = self.pending.take();
        self.stack.push(s);
        operate(self);
        self.stack.pop();
    }

    fn container(&mut self, id: Option<&Id>, bounds: Rectangle) {
        if self.apply || self.found.is_some() || id != Some(&self.target) {
            return;
        }
        if let Some(s) = self.stack.iter().rev().flatten().next() {
            let by = scroll_needed(s, bounds);
            if by.abs() >= 0.5 {
                self.found = Some((*s, by));
            }
        }
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        content: Rectangle,
        translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        let index = self.seen;
        self.seen += 1;
        self.pending = Some(Scroller {
            index,
            bounds,
            content,
            translation,
        });
        if let (true, Some((s, by))) = (self.apply, self.found)
            && s.index == index
        {
            state.scroll_by(AbsoluteOffset { x: 0.0, y: by }, bounds, content);
        }
    }

    fn finish(&self) -> Outcome<T> {
        match (self.apply, self.found) {
            (false, Some(found)) => Outcome::Chain(Box::new(Reveal {
                target: self.target.clone(),
                seen: 0,
                pending: None,
                stack: Vec::new(),
                found: Some(found),
                apply: true,
            })),
            _ => Outcome::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::{Point, Size};

    fn scroller(now: f32) -> Scroller {
        Scroller {
            index: 0,
            bounds: Rectangle::new(Point::new(0.0, 100.0), Size::new(800.0, 500.0)),
            content: Rectangle::new(Point::new(0.0, 100.0), Size::new(800.0, 2000.0)),
            translation: Vector::new(0.0, now),
        }
    }

    fn at(y: f32, h: f32) -> Rectangle {
        Rectangle::new(Point::new(0.0, 100.0 + y), Size::new(800.0, h))
    }

    #[test]
    fn a_form_below_the_fold_comes_up_with_its_top_first() {
        // Below the view: scrolled until its bottom shows, or its top if it is taller than that.
        assert_eq!(scroll_needed(&scroller(0.0), at(700.0, 200.0)), 412.0);
        assert_eq!(scroll_needed(&scroller(0.0), at(700.0, 900.0)), 688.0);
        // Above it: back up to its top; in view: nothing moves.
        assert_eq!(scroll_needed(&scroller(600.0), at(300.0, 100.0)), -312.0);
        assert_eq!(scroll_needed(&scroller(0.0), at(100.0, 100.0)), 0.0);
        // Never past the end of the content.
        assert_eq!(scroll_needed(&scroller(0.0), at(1900.0, 100.0)), 1500.0);
    }

    #[test]
    fn tab_goes_on_from_the_field_before_the_button_pressed() {
        let t = |focused, anchor, forward| {
            Tab {
                after: None,
                forward,
                total: 4,
                focused,
                anchor,
                target: None,
            }
            .choose()
        };
        assert_eq!(t(None, Some(1), true), Some(2));
        assert_eq!(t(None, Some(1), false), Some(1));
        assert_eq!(t(None, None, true), Some(0));
        assert_eq!(t(None, None, false), Some(3));
        // A focused field wins over the button's place; round the end to the start.
        assert_eq!(t(Some(0), Some(2), true), Some(1));
        assert_eq!(t(Some(3), None, true), Some(0));
        assert_eq!(t(Some(0), None, false), Some(3));
    }
}
