//! The program's one clock: a thread that sleeps until the next moment the app has something to
//! do by itself — the idle lock's deadline or the hourly look at the daily backup — and then
//! sends one `Tick`. Input moves the deadline on; nothing wakes the program (and nothing is
//! drawn again) while nobody touches it before then. It does not decide what is due: the app
//! sets the deadline and, on the tick, looks at the clock itself.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use iced::futures::Stream;

/// The deadline shared between the app (which sets it) and the clock thread (which waits for
/// it). `None`: nothing to wait for.
#[derive(Clone, Default)]
pub struct Alarm(Arc<(Mutex<Option<Instant>>, Condvar)>);

impl Alarm {
    /// Waits for `at` from now on (replacing the deadline waited for).
    pub fn set(&self, at: Option<Instant>) {
        let (lock, changed) = &*self.0;
        let mut deadline = lock.lock().unwrap_or_else(|e| e.into_inner());
        if *deadline != at {
            *deadline = at;
            changed.notify_all();
        }
    }

    /// Blocks until the deadline is reached (returning the moment), however often it moves.
    fn wait(&self) -> Instant {
        let (lock, changed) = &*self.0;
        let mut deadline = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let now = Instant::now();
            match *deadline {
                Some(at) if at <= now => {
                    *deadline = None;
                    return now;
                }
                Some(at) => {
                    deadline = changed
                        .wait_timeout(deadline, at - now)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                }
                None => deadline = changed.wait(deadline).unwrap_or_else(|e| e.into_inner()),
            }
        }
    }

    /// The ticks, one per deadline reached, from a thread that ends with the subscription.
    pub fn ticks(&self) -> impl Stream<Item = Instant> + use<> {
        let (mut tx, rx) = iced::futures::channel::mpsc::channel(1);
        let alarm = self.clone();
        let _ = std::thread::Builder::new()
            .name("zhurnal-clock".into())
            .spawn(move || {
                loop {
                    let now = alarm.wait();
                    if iced::futures::executor::block_on(iced::futures::SinkExt::send(&mut tx, now))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        rx
    }
}

/// One alarm is one subscription, however its deadline moves.
impl Hash for Alarm {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (Arc::as_ptr(&self.0) as usize).hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_clock_ticks_once_at_the_deadline_and_not_before() {
        use iced::futures::StreamExt;
        let alarm = Alarm::default();
        let mut ticks = alarm.ticks();
        let start = Instant::now();
        alarm.set(Some(start + Duration::from_millis(300)));
        // Input moves it on before it is reached.
        std::thread::sleep(Duration::from_millis(100));
        alarm.set(Some(start + Duration::from_millis(600)));
        let at = iced::futures::executor::block_on(ticks.next()).unwrap();
        assert!(at >= start + Duration::from_millis(600), "ticked early");
        // Nothing more until another deadline is set.
        std::thread::sleep(Duration::from_millis(200));
        assert!(
            iced::futures::FutureExt::now_or_never(ticks.next()).is_none(),
            "ticked with no deadline"
        );
        alarm.set(Some(Instant::now()));
        assert!(iced::futures::executor::block_on(ticks.next()).is_some());
    }
}
