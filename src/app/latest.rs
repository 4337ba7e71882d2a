//! [`use_latest`]: the value a component last rendered with, kept where callbacks made once can
//! read it when they run (so they need not be made again, and components given them can skip
//! re-rendering).

use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A cell holding `value` as of the latest render.
#[hook]
pub fn use_latest<T: Clone + 'static>(value: &T) -> Rc<RefCell<T>> {
    let latest = use_mut_ref(|| value.clone());
    latest.borrow_mut().clone_from(value);
    latest
}
