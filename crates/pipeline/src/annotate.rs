//! Running a pipeline's stages over one document, turning an annotator's error or panic
//! into a reason that names the stage, so one bad document never stops the others.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::Once;
use std::time::Instant;

use sen_core::Document;

use crate::Pipeline;

thread_local! {
    /// Set while a stage runs on this thread: its panics are reported as document
    /// failures, not printed by the default hook.
    static IN_STAGE: Cell<bool> = const { Cell::new(false) };
    /// Where and why the last stage panic on this thread happened.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Chain a panic hook that keeps stage panics quiet (they become failure reasons) and
/// lets every other panic through to the previous hook.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_STAGE.with(Cell::get) {
                let message = payload_text(info.payload());
                let reason = match info.location() {
                    Some(l) => format!("panicked at {}:{}: {message}", l.file(), l.line()),
                    None => format!("panicked: {message}"),
                };
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(reason));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-text panic payload)".to_string()
    }
}

/// Run every document stage on `doc`, in order. `Err` carries the reason, naming the stage.
pub fn annotate(pipeline: &Pipeline, doc: &mut Document) -> Result<(), String> {
    install_hook();
    for stage in &pipeline.stages {
        IN_STAGE.with(|f| f.set(true));
        let start = Instant::now();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| stage.annotator.annotate(doc)));
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        stage.spent.fetch_add(nanos, Ordering::Relaxed);
        IN_STAGE.with(|f| f.set(false));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                return Err(if e.plugin == stage.name {
                    format!("stage `{}`: {}", stage.name, e.message)
                } else {
                    format!("stage `{}`: {e}", stage.name)
                })
            }
            Err(payload) => {
                let reason = LAST_PANIC
                    .with(|p| p.borrow_mut().take())
                    .unwrap_or_else(|| format!("panicked: {}", payload_text(&*payload)));
                return Err(format!("stage `{}` {reason}", stage.name));
            }
        }
    }
    Ok(())
}
