//! The profile form: prefilled from the v2 profile, it saves exactly the minimal PATCH of
//! the contract, then reads the profile back as the new baseline. Whatever happens, the
//! customer's edits stay in the form until they are saved or discarded.
//!
//! This module holds the component and what the customer's commands do; the parts live in
//! their own modules: [`state`] (the store and the field table), [`save`] (the save flow),
//! [`fields`], [`phones`], [`summary`], [`notices`], [`conflicts`], [`review`], [`host`].

mod conflicts;
mod context;
mod fields;
mod host;
mod labels;
mod notices;
mod phones;
mod review;
mod save;
mod state;
mod summary;
mod view;

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use reactive_stores::Store;
use wasm_bindgen::{JsCast, JsValue};

use self::context::FormCtx;
use self::save::{SaveOutcome, SaveState};
use self::state::{reset, FormData};
use crate::api::Session;
use crate::components::{report, HostLink};
use crate::domain::api_error::ApiError;
use crate::domain::diff::{changes, patch_body};
use crate::domain::draft::{AddressDraft, Draft};
use crate::domain::i18n::Words;
use crate::domain::merge::Conflict;
use crate::domain::profile::Profile;
use crate::domain::validation::validate;

/// Numbers form instances so element ids stay unique on a page with several.
static INSTANCES: AtomicU32 = AtomicU32::new(0);

/// The User Timing mark set when the form is first usable.
pub const READY_MARK: &str = "customer-profile:ready";

/// What the notices area says after the last command.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Idle,
    Saved,
    SavedNotReloaded,
    /// The address was refused as unknown; keeping it saves again, forced.
    AddressUnknown,
    Failed(ApiError),
    /// Every conflict has been resolved: the next Save sends the choices.
    Resolved,
}

/// Everything the view and the commands share, besides [`FormCtx`].
#[derive(Clone, Copy)]
struct Form {
    ctx: FormCtx,
    save_state: SaveState,
    outcome: RwSignal<Outcome>,
    dirty: Memo<bool>,
    saving: Memo<bool>,
    review_open: RwSignal<bool>,
    summary_open: RwSignal<bool>,
    /// Offline (`navigator.onLine`): announced, and a save waits for the connection.
    online: RwSignal<bool>,
    waiting: RwSignal<bool>,
    save: Action<bool, SaveOutcome>,
    session: StoredValue<Session, LocalStorage>,
    on_reload: Callback<()>,
}

/// The editable profile; `on_reload` reads it again (after a save that was not read back,
/// or the host's `reload()` with nothing to lose).
#[component]
pub fn ProfileForm(session: Session, profile: Profile, on_reload: Callback<()>) -> impl IntoView {
    let locale = session.locale.clone();
    let words = Memo::new(move |_| locale.with(|l| l.words));
    let instance = INSTANCES.fetch_add(1, Ordering::Relaxed) + 1;
    let store = Store::new(FormData::from_draft(&Draft::from_profile(&profile), None));
    let membership = profile.clone();
    let baseline = RwSignal::new(profile);
    let draft = Memo::new(move |_| store.with(FormData::to_draft));
    // Computed once per edit; every field's changed mark reads it (not the whole draft).
    let pending_changes = Memo::new(move |_| baseline.with(|b| draft.with(|d| changes(b, d))));
    let ctx = FormCtx {
        words,
        instance,
        baseline,
        store,
        draft,
        changes: pending_changes,
        client_errors: RwSignal::new(Vec::new()),
        server_errors: RwSignal::new(Vec::new()),
        root: NodeRef::new(),
    };
    let save_state = SaveState {
        ctx,
        taken: RwSignal::new(Vec::<&'static str>::new()),
        conflicts: RwSignal::new(Vec::<Conflict>::new()),
        theirs: StoredValue::new(Draft::default()),
        keep_unverified: StoredValue::new(None::<AddressDraft>),
    };
    let events = session.events.clone();
    let session = StoredValue::new_local(session);
    let save = Action::new_local(move |force: &bool| {
        let session = session.get_value();
        save::run(save_state, session, *force)
    });
    let form = Form {
        ctx,
        save_state,
        outcome: RwSignal::new(Outcome::Idle),
        dirty: Memo::new(move |_| pending_changes.with(|c| !c.is_empty())),
        saving: save.pending(),
        review_open: RwSignal::new(false),
        summary_open: RwSignal::new(false),
        online: RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line())),
        waiting: RwSignal::new(false),
        save,
        session,
        on_reload,
    };

    // What a finished save tells the customer and the host.
    Effect::new(move |_| {
        if let Some(outcome) = save.value().get() {
            untrack(|| form.saved(outcome));
        }
    });
    let link = use_context::<HostLink>().unwrap_or_default();
    host::publish_dirty(&link, events, form.dirty);
    let shows_error = Memo::new(move |_| {
        form.outcome.with(|o| matches!(o, Outcome::Failed(_)))
            || ctx.client_errors.with(|e| !e.is_empty())
            || ctx.server_errors.with(|e| !e.is_empty())
    });
    host::publish_states(&link, form.saving, shows_error);
    host::on_host_reload(&link, move || form.host_reload());
    host::guard_unload(form.dirty);
    host::watch_connection(form.online, move || {
        if form.waiting.try_get_untracked() == Some(true) {
            form.waiting.set(false);
            form.submit(false);
        }
    });
    // The User Timing mark once the form is in the DOM and live (portals and `cargo xtask
    // bench` time it).
    Effect::new(move |_| {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark(READY_MARK);
        }
    });
    // A new language re-translates the browser's messages that are shown.
    Effect::new(move |before: Option<Words>| {
        let now = words.get();
        if before.is_some_and(|b| b != now) {
            let paths: Vec<String> = untrack(|| {
                ctx.client_errors
                    .with(|e| e.iter().map(|(p, _)| p.clone()).collect())
            });
            for path in paths {
                ctx.validate(&path);
            }
        }
        now
    });
    // The view, built anew in the new words when the language changes: the store, the
    // baseline, the notices and the errors live above it, so the customer's edits, what the
    // form says and the focused field stay. Keyed by the language (`<For>` of one item): a
    // new key builds a new view and drops the old one, so no code to patch the whole form
    // in place is compiled (a plain `move ||` would be rebuilt in place: 7 KB more wasm).
    // The focused field, noted before the old view goes.
    let refocus = StoredValue::new(None::<String>);
    view! {
        <For
            each=move || {
                refocus.set_value(focused_id(ctx.root));
                [words.get()]
            }
            key=|words| *words
            children=move |words| untrack(|| {
                let view = view::form_view(form, words.lang.tag(), membership.clone());
                if let Some(id) = refocus.get_value() {
                    ctx.focus(id);
                }
                view
            })
        />
    }
}

/// The id of the focused element inside the form, if any (looked up in the form's own
/// document or shadow root).
fn focused_id(root: NodeRef<leptos::html::Form>) -> Option<String> {
    let form = root.get_untracked()?;
    let node = form.get_root_node();
    let active = match node.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => node.dyn_ref::<web_sys::Document>()?.active_element(),
    }?;
    (form.contains(Some(&active)) && !active.id().is_empty()).then(|| active.id())
}

impl Form {
    /// The element id of one of the form's parts (`status`, `summary`, …).
    fn id(&self, part: &str) -> String {
        self.ctx.id(part)
    }

    /// Every save goes through here (Save, Retry, keep the address, back online): checked,
    /// then sent; `force` keeps an address the API does not know.
    fn submit(self, force: bool) {
        let (ctx, state) = (self.ctx, self.save_state);
        if self.saving.get_untracked() {
            return;
        }
        let Some(current) = ctx.draft.try_get_untracked() else {
            return;
        };
        let force = force
            || state
                .keep_unverified
                .with_value(|kept| kept.as_ref() == Some(&current.address));
        // Nothing is sent while a conflict is open: the customer is shown it again.
        if state.conflicts.with_untracked(|c| !c.is_empty()) {
            ctx.focus(self.id("conflicts"));
            return;
        }
        self.outcome.set(Outcome::Idle);
        state.taken.set(Vec::new());
        // Only what changed is checked (and sent): a bad stored value never blocks a save.
        let issues: Vec<_> = ctx.baseline.with_untracked(|b| {
            validate(b, &current)
                .into_iter()
                .map(|issue| (issue.path, issue.problem.message(ctx.words()).to_owned()))
                .collect()
        });
        let has_issues = !issues.is_empty();
        ctx.client_errors.set(issues);
        if has_issues {
            self.summary_open.set(true);
            ctx.focus(self.id("summary"));
            return;
        }
        if ctx
            .baseline
            .with_untracked(|b| patch_body(b, &current))
            .is_none()
        {
            return;
        }
        ctx.server_errors.set(Vec::new());
        self.summary_open.set(false);
        state.keep_unverified.set_value(None);
        if !self.online.get_untracked() {
            if force {
                state.keep_unverified.set_value(Some(current.address));
            }
            self.waiting.set(true);
            return;
        }
        self.save.dispatch_local(force);
    }

    /// Applies what a save ended with: the notice, the focus, the host's events.
    fn saved(self, outcome: SaveOutcome) {
        let ctx = self.ctx;
        if let Some(error) = outcome.error() {
            self.session.with_value(|s| report(&s.events, error));
        }
        let (notice, focus) = match outcome {
            SaveOutcome::Saved(fields) => {
                let fields: js_sys::Array = fields.into_iter().map(JsValue::from).collect();
                self.session
                    .with_value(|s| s.events.emit("saved", &[("fields", fields.into())]));
                ctx.clear_errors();
                self.summary_open.set(false);
                self.review_open.set(false);
                (Outcome::Saved, "status")
            }
            SaveOutcome::NothingToSend => (Outcome::Saved, "status"),
            SaveOutcome::SavedNotReloaded => (Outcome::SavedNotReloaded, "notice"),
            SaveOutcome::Conflicts => {
                ctx.focus(self.id("conflicts"));
                return;
            }
            SaveOutcome::AddressUnknown(_) => (Outcome::AddressUnknown, "notice"),
            SaveOutcome::FieldErrors(_, fields) => {
                ctx.server_errors.set(fields);
                self.summary_open.set(true);
                ctx.focus(self.id("summary"));
                return;
            }
            SaveOutcome::Failed(error) => (Outcome::Failed(error), "notice"),
            SaveOutcome::Gone => return,
        };
        self.outcome.set(notice);
        ctx.focus(self.id(focus));
    }

    /// Discard: the form as last read, no errors, no notices.
    fn discard(self) {
        let ctx = self.ctx;
        let state = self.save_state;
        if let Some(baseline) = ctx.baseline.try_with_untracked(Draft::from_profile) {
            reset(ctx.store, &baseline);
        }
        ctx.clear_errors();
        self.summary_open.set(false);
        self.outcome.set(Outcome::Idle);
        state.taken.set(Vec::new());
        state.conflicts.set(Vec::new());
        self.waiting.set(false);
        state.keep_unverified.set_value(None);
    }

    /// "Keep this address": saves again, forced.
    fn keep_address(self) {
        if self
            .outcome
            .with_untracked(|o| *o == Outcome::AddressUnknown)
        {
            self.outcome.set(Outcome::Idle);
            self.submit(true);
        }
    }

    /// "Edit the address": back to its first field.
    fn edit_address(self) {
        self.outcome.set(Outcome::Idle);
        self.ctx.focus(self.ctx.id("address.street"));
    }

    /// Retry after a failed save. After a 401 the host may have a new token by now: it is
    /// asked again.
    fn retry(self) {
        if self.expired() {
            self.session.with_value(|s| s.tokens.forget());
        }
        self.submit(false);
    }

    /// Whether the last save was refused for an expired session.
    fn expired(self) -> bool {
        self.outcome
            .with_untracked(|o| matches!(o, Outcome::Failed(ApiError::Unauthorized(_))))
    }

    /// The host's reload(): retry a save refused for an expired session (keeping the
    /// edits), or read the profile again when there is nothing to lose.
    fn host_reload(self) {
        if self.expired() {
            self.retry();
        } else if !self.dirty.get_untracked() && !self.saving.get_untracked() {
            self.on_reload.run(());
        }
    }

    /// All conflicts resolved: said in the status.
    fn resolved(self) {
        self.outcome.set(Outcome::Resolved);
        self.ctx.focus(self.id("status"));
    }
}
