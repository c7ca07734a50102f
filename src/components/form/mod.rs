//! The profile form: prefilled from the v2 profile, it saves exactly the minimal PATCH of
//! the contract, then reads the profile back as the new baseline. Whatever happens, the
//! customer's edits stay in the form until they are saved or discarded.

mod conflicts;
mod context;
mod feedback;
mod fields;
mod labels;
mod phones;
mod review;
mod state;

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use self::conflicts::{conflict_panel, taken_notice};
use self::context::FormCtx;
use self::feedback::{error_summary, notice, NoticeText};
use self::fields::{select_field, text_field, Field};
use self::labels::fixed_label;
use self::phones::phones;
use self::review::review_list;
use self::state::FormState;
use crate::api::{self, Session};
use crate::browser::intl::Names;
use crate::components::dom::{
    effect, el, elc, listen_until_cleanup, shown_when, slot, El, OneThread,
};
use crate::components::{membership, report, HostLink};
use crate::domain::api_error::ApiError;
use crate::domain::countries;
use crate::domain::diff::{changes, patch_body, sent_members};
use crate::domain::draft::{AddressDraft, Draft, OFFERED_LOCALES};
use crate::domain::i18n::numbered;
use crate::domain::merge::{three_way, untouched_since, Conflict};
use crate::domain::profile::Profile;
use crate::domain::validation::validate;

/// Numbers form instances so element ids stay unique on a page with several.
static INSTANCES: AtomicU32 = AtomicU32::new(0);

/// A focused control closer than this to the top of the viewport may be under a host page's
/// sticky header: it is scrolled to the middle.
const CLEAR_OF_HOST_HEADER_PX: f64 = 88.0;

/// The User Timing mark set when the form is first usable.
pub const READY_MARK: &str = "customer-profile:ready";

/// The error code with which the API refuses an address it cannot verify.
const ADDRESS_UNKNOWN: &str = "ADDRESS_UNKNOWN";

/// What the last save attempt left to say.
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

/// The editable profile; `on_reload` reads it again (after a save that was not read back).
pub fn profile_form(session: Session, profile: Profile, on_reload: Callback<()>) -> El {
    let words = session.lang.words();
    let ui_locale = session.lang.tag();
    let instance = INSTANCES.fetch_add(1, Ordering::Relaxed) + 1;
    let form = FormState::new(&Draft::from_profile(&profile));
    let baseline = RwSignal::new(profile);
    let draft = Memo::new(move |_| form.snapshot());
    // Computed once per edit; every field's changed mark reads it (not the whole draft).
    let pending_changes = Memo::new(move |_| baseline.with(|b| draft.with(|d| changes(b, d))));
    let ctx = FormCtx {
        words,
        instance,
        baseline,
        draft,
        changes: pending_changes,
        form,
        client_errors: RwSignal::new(Vec::new()),
        server_errors: RwSignal::new(Vec::new()),
        root: StoredValue::new(OneThread(None)),
        link: StoredValue::new(use_context::<HostLink>().unwrap_or_default()),
    };
    provide_context(ctx);

    let dirty = Memo::new(move |_| pending_changes.with(|c| !c.is_empty()));
    let outcome = RwSignal::new(Outcome::Idle);
    let review_open = RwSignal::new(false);
    let summary_open = RwSignal::new(false);
    let id = move |name: &str| format!("cp{instance}-{name}");
    let (status_id, summary_id, notice_id, review_id) =
        (id("status"), id("summary"), id("notice"), id("review"));

    let events = session.events.clone();
    let session = StoredValue::new(OneThread(session));
    // Whether a save is in flight: Save and Discard are disabled meanwhile.
    let saving = RwSignal::new(false);
    // Lost-update protection (crate::domain::merge): fields changed elsewhere since the form was
    // loaded, and conflicts to resolve before anything is sent.
    let taken = RwSignal::new(Vec::<&'static str>::new());
    let conflicts = RwSignal::new(Vec::<Conflict>::new());
    let theirs = StoredValue::new(Draft::default());
    // Offline (`navigator.onLine`): announced, and a save waits for the connection.
    let online = RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line()));
    let waiting = RwSignal::new(false);
    // The address the customer chose to keep although the API does not know it, when that
    // save did not go out (a conflict stopped it, or it waits for the connection): a later
    // save of that same address keeps it too; one of another address asks again.
    let keep_unverified = StoredValue::new(None::<AddressDraft>);
    // A plain task rather than an `Action`: the same behaviour for less code (issue 6).
    let save = move |force: bool| {
        if !online.get_untracked() {
            if force {
                keep_unverified.set_value(Some(draft.get_untracked().address));
            }
            waiting.set(true);
            return;
        }
        let session = session.get_value().0;
        let (status_id, summary_id, notice_id) = (id("status"), id("summary"), id("notice"));
        saving.set(true);
        leptos::task::spawn_local(async move {
            // Just before the PATCH: the profile as it is now, merged three ways.
            let fresh = api::get_profile(&session).await;
            if !ctx.active() {
                return;
            }
            let fresh = match fresh {
                Ok(fresh) => fresh,
                Err(error) => {
                    report(&session.events, &error);
                    outcome.set(Outcome::Failed(error));
                    ctx.focus(notice_id);
                    saving.try_set(false);
                    return;
                }
            };
            let mine = form.snapshot();
            let merge = baseline.with_untracked(|b| three_way(b, &mine, &fresh));
            for path in &merge.taken {
                form.apply(path, &merge.draft);
            }
            if !merge.taken.is_empty() {
                taken.update(|t| {
                    for path in &merge.taken {
                        if !t.contains(path) {
                            t.push(path);
                        }
                    }
                });
            }
            theirs.set_value(Draft::from_profile(&fresh));
            baseline.set(fresh);
            if !merge.conflicts.is_empty() {
                // The address as the customer chose to keep it (not with fields just taken
                // from elsewhere: those make it another address).
                keep_unverified.set_value(force.then_some(mine.address));
                conflicts.set(merge.conflicts);
                ctx.focus(id("conflicts"));
                saving.try_set(false);
                return;
            }
            let Some(body) = baseline.with_untracked(|b| patch_body(b, &merge.draft)) else {
                // The profile already holds what the form says.
                outcome.set(Outcome::Saved);
                ctx.focus(status_id);
                saving.try_set(false);
                return;
            };
            let result = api::patch_profile(&session, &body, force).await;
            if let Err(error) = &result {
                report(&session.events, error);
            }
            // The host may have unmounted the form meanwhile: its state is gone.
            if !ctx.active() {
                return;
            }
            match result {
                Ok(()) => match api::get_profile(&session).await {
                    _ if !ctx.active() => {}
                    Ok(profile) => {
                        let fields = sent_members(&body).into_iter().map(JsValue::from);
                        let fields: js_sys::Array = fields.collect();
                        session.events.emit("saved", &[("fields", fields.into())]);
                        // Fields typed into while the save travelled keep what was typed;
                        // the others show the profile as read back.
                        let fresh = Draft::from_profile(&profile);
                        for path in untouched_since(&merge.draft, &form.snapshot()) {
                            form.apply(path, &fresh);
                        }
                        baseline.set(profile);
                        ctx.client_errors.set(Vec::new());
                        ctx.server_errors.set(Vec::new());
                        summary_open.set(false);
                        review_open.set(false);
                        outcome.set(Outcome::Saved);
                        ctx.focus(status_id);
                    }
                    Err(_) => {
                        outcome.set(Outcome::SavedNotReloaded);
                        ctx.focus(notice_id);
                    }
                },
                Err(ApiError::BadRequest(Some(problem)))
                    if problem
                        .errors
                        .iter()
                        .any(|e| e.code.as_deref() == Some(ADDRESS_UNKNOWN)) =>
                {
                    outcome.set(Outcome::AddressUnknown);
                    ctx.focus(notice_id);
                }
                Err(ApiError::BadRequest(Some(problem)))
                    if problem.errors.iter().any(|e| e.field.is_some()) =>
                {
                    let fields = problem
                        .errors
                        .iter()
                        .filter_map(|e| {
                            let message = e
                                .message
                                .clone()
                                .unwrap_or_else(|| words.error_bad_request.to_owned());
                            e.field.clone().map(|f| (f, message))
                        })
                        .collect();
                    ctx.server_errors.set(fields);
                    summary_open.set(true);
                    ctx.focus(summary_id);
                }
                Err(error) => {
                    outcome.set(Outcome::Failed(error));
                    ctx.focus(notice_id);
                }
            }
            saving.try_set(false);
        });
    };

    // Every save goes through here (Save, Retry, keep the address, back online): checked,
    // then sent; `force` keeps an address the API does not know.
    let submit = move |force: bool| {
        if saving.get_untracked() {
            return;
        }
        let force = force
            || keep_unverified
                .with_value(|kept| kept.as_ref() == Some(&draft.get_untracked().address));
        // Nothing is sent while a conflict is open: the customer is shown it again.
        if conflicts.with_untracked(|c| !c.is_empty()) {
            ctx.focus(id("conflicts"));
            return;
        }
        outcome.set(Outcome::Idle);
        taken.set(Vec::new());
        let current = draft.get_untracked();
        // Only what changed is checked (and sent): a bad stored value never blocks a save.
        let issues: Vec<_> = baseline.with_untracked(|b| {
            validate(b, &current)
                .into_iter()
                .map(|issue| (issue.path, issue.problem.message(words).to_owned()))
                .collect()
        });
        let has_issues = !issues.is_empty();
        ctx.client_errors.set(issues);
        if has_issues {
            summary_open.set(true);
            ctx.focus(id("summary"));
            return;
        }
        if baseline
            .with_untracked(|b| patch_body(b, &current))
            .is_some()
        {
            ctx.server_errors.set(Vec::new());
            summary_open.set(false);
            keep_unverified.set_value(None);
            save(force);
        }
    };
    let on_submit = move |ev: web_sys::Event| {
        ev.prevent_default();
        if ctx.active() {
            submit(false);
        }
    };
    let discard = move |_| {
        if !ctx.active() {
            return;
        }
        form.reset(&baseline.with_untracked(Draft::from_profile));
        ctx.client_errors.set(Vec::new());
        ctx.server_errors.set(Vec::new());
        summary_open.set(false);
        outcome.set(Outcome::Idle);
        taken.set(Vec::new());
        conflicts.set(Vec::new());
        waiting.set(false);
        keep_unverified.set_value(None);
    };
    let keep_address = Callback::new(move |()| {
        if outcome.with_untracked(|o| *o == Outcome::AddressUnknown) {
            outcome.set(Outcome::Idle);
            submit(true);
        }
    });
    let edit_address = Callback::new(move |()| {
        outcome.set(Outcome::Idle);
        ctx.focus(ctx.id("address.street"));
    });
    let retry = Callback::new(move |()| {
        // After a 401 the host may have a new token by now: ask for it again.
        if outcome.with_untracked(|o| matches!(o, Outcome::Failed(ApiError::Unauthorized(_)))) {
            session.with_value(|s| s.0.tokens.forget());
        }
        submit(false);
    });

    // The host sees the dirty flag (handle.isDirty(), customer-profile:dirty-change).
    let link = use_context::<HostLink>().unwrap_or_default();
    let dirty_flag = link.dirty.clone();
    let mut before = None;
    effect(Box::new(move || {
        let now = dirty.get();
        dirty_flag.set(now);
        if before.is_some_and(|b| b != now) {
            events.emit("dirty-change", &[("dirty", JsValue::from(now))]);
        }
        before = Some(now);
    }));
    // The host's reload(): retry a save refused for an expired session (keeping the edits),
    // or read the profile again when there is nothing to lose.
    let mut first_run_done = false;
    effect(Box::new(move || {
        link.reload.track();
        if first_run_done {
            untrack(|| {
                if outcome.with(|o| matches!(o, Outcome::Failed(ApiError::Unauthorized(_)))) {
                    retry.run(());
                } else if !dirty.get() && !saving.get() {
                    on_reload.run(());
                }
            });
        }
        first_run_done = true;
    }));

    // Leaving with unsaved changes asks first.
    if let Some(window) = web_sys::window() {
        let handler = Box::new(move |ev: web_sys::Event| {
            if dirty.try_get_untracked() == Some(true) {
                ev.prevent_default();
                if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    ev.set_return_value("");
                }
            }
        });
        listen_until_cleanup(&window, "beforeunload", handler);
        listen_until_cleanup(
            &window,
            "offline",
            Box::new(move |_| {
                online.try_set(false);
            }),
        );
        listen_until_cleanup(
            &window,
            "online",
            Box::new(move |_| {
                online.try_set(true);
                if waiting.try_get_untracked() == Some(true) {
                    waiting.set(false);
                    if ctx.active() {
                        submit(false);
                    }
                }
            }),
        );
    }

    // Country names take 250 `Intl` lookups (20-30 ms): the select starts with the current
    // country only, and gets the full list once the form is on screen.
    let country_names = move || {
        let names = Names::regions(ui_locale);
        let list = countries::codes().map(|c| (c.to_owned(), names.of(c)));
        sorted_by_name(list)
    };
    let countries = {
        let current = form.address.country_code.get_untracked();
        let first = countries::is_code(&current)
            .then(|| (current.clone(), Names::regions(ui_locale).of(&current)));
        RwSignal::new(first.into_iter().collect::<Vec<_>>())
    };
    let locales = {
        let names = Names::languages(ui_locale);
        OFFERED_LOCALES
            .iter()
            .map(|l| ((*l).to_owned(), names.of(l)))
            .collect::<Vec<_>>()
    };
    let status_text = move || {
        if saving.get() {
            words.saving
        } else if waiting.get() {
            words.offline_waiting
        } else if !online.get() {
            words.offline
        } else if outcome.with(|o| *o == Outcome::Saved) {
            words.saved
        } else if outcome.with(|o| *o == Outcome::Resolved) {
            words.conflicts_resolved
        } else {
            ""
        }
    };
    let count_text = move || match pending_changes.with(Vec::len) {
        0 => words.no_changes.to_owned(),
        1 => words.one_change.to_owned(),
        n => numbered(words.many_changes, n),
    };
    // Focus is never hidden (WCAG 2.4.11): the browser does not scroll a control that is
    // "visible" but under our sticky action bar or a host page's sticky header.
    let actions_bar = StoredValue::new(OneThread(None::<web_sys::Element>));
    let on_focusin = move |ev: web_sys::Event| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(bar) = actions_bar.try_get_value().and_then(|b| b.0) else {
            return;
        };
        if bar.contains(Some(&target)) {
            return;
        }
        let rect = target.get_bounding_client_rect();
        let bar_top = bar.get_bounding_client_rect().top();
        if rect.bottom() > bar_top || rect.top() < CLEAR_OF_HOST_HEADER_PX {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            target.scroll_into_view_with_scroll_into_view_options(&options);
        }
    };
    // A memo: the summary is mounted anew only when it appears, not on every change of
    // the errors it lists (it updates its list itself, and keeps focus).
    let summary_shown = Memo::new(move |_| {
        summary_open.get()
            && (ctx.client_errors.with(|e| !e.is_empty())
                || ctx.server_errors.with(|e| !e.is_empty()))
    });
    let a = form.address;

    let summary = shown_when(
        move || summary_shown.get(),
        move || error_summary(ctx, &summary_id),
    );
    let notices = elc("div", "cp-slot");
    slot(
        &notices,
        move || outcome.get(),
        move |outcome| {
            let words = ctx.words;
            let id = &notice_id;
            let shown = match outcome {
                Outcome::AddressUnknown => Some(notice(
                    ctx,
                    id,
                    NoticeText {
                        class: "cp-warning",
                        problem: "address-unknown",
                        status: None,
                        title: Some(words.address_unknown_title),
                        message: words.address_unknown_text.to_owned(),
                        detail: None,
                        kept: false,
                    },
                    vec![
                        (words.keep_address, true, keep_address),
                        (words.edit_address, false, edit_address),
                    ],
                )),
                Outcome::Failed(error) => {
                    let detail = error
                        .problem()
                        .and_then(|p| p.detail.clone())
                        .filter(|d| !d.trim().is_empty());
                    let text = NoticeText {
                        class: "cp-failure",
                        problem: error.save_kind(),
                        status: error.status(),
                        title: Some(words.save_failed_title),
                        message: error.save_message(words),
                        detail,
                        kept: true,
                    };
                    Some(notice(ctx, id, text, vec![(words.retry, true, retry)]))
                }
                Outcome::SavedNotReloaded => Some(notice(
                    ctx,
                    id,
                    NoticeText {
                        class: "cp-warning",
                        problem: "reload-failed",
                        status: None,
                        title: None,
                        message: words.saved_reload_failed.to_owned(),
                        detail: None,
                        kept: false,
                    },
                    vec![(words.reload, true, on_reload)],
                )),
                Outcome::Idle | Outcome::Saved | Outcome::Resolved => None,
            };
            shown.into_iter().collect()
        },
    );
    let resolved = move || {
        outcome.set(Outcome::Resolved);
        ctx.focus(id("status"));
    };
    let conflict_slot = shown_when(
        move || conflicts.with(|c| !c.is_empty()),
        move || conflict_panel(ctx, &id("conflicts"), conflicts, theirs, resolved),
    );
    let review = shown_when(
        move || review_open.get(),
        move || review_list(ctx, &review_id),
    );
    let card = |legend: &str| elc("fieldset", "cp-card").child(el("legend").text(legend));
    let not_set = Some(words.not_set);
    let country = Field {
        path: "address.country_code".into(),
        id: None,
        label: words.country_code,
        value: a.country_code,
    };
    let locale = Field {
        path: "locale".into(),
        id: None,
        label: words.locale,
        value: form.locale,
    };
    let busy = move || !dirty.get() || saving.get();
    let actions = elc("div", "cp-actions")
        .child(elc("p", "cp-change-count").text_with(count_text))
        .child(
            elc("button", "cp-button cp-secondary")
                .attr("type", "button")
                .attr_with("aria-expanded", move || Some(review_open.get().to_string()))
                .attr("aria-controls", &ctx.id("review"))
                .on("click", move |_| {
                    if ctx.active() {
                        review_open.update(|open| *open = !*open);
                    }
                })
                .text(words.review_changes),
        )
        .child(
            elc("button", "cp-button cp-secondary")
                .attr("type", "button")
                .flag_with("disabled", busy)
                .on("click", discard)
                .text(words.discard),
        )
        .child(
            elc("button", "cp-button")
                .attr("type", "submit")
                .flag_with("disabled", busy)
                .text(words.save),
        );
    actions_bar.set_value(OneThread(Some(actions.element().clone())));
    let view = elc("form", "cp-form")
        .attr("data-state", "loaded")
        .flag("novalidate", true)
        .on("submit", on_submit)
        .on("focusin", on_focusin)
        .child(el("h1").text(words.page_title))
        .child(
            elc("p", "cp-status")
                .attr("id", &status_id)
                .attr("role", "status")
                .attr("tabindex", "-1")
                .class_with("cp-saving", move || saving.get())
                .text_with(move || status_text().to_owned()),
        )
        .child(taken_notice(ctx, taken))
        .child(conflict_slot)
        .child(summary)
        .child(notices)
        .child(
            elc("div", "cp-cards")
                .child(card(words.section_name).children(text_fields(ctx, &NAME_FIELDS)))
                .child(
                    card(words.section_contact)
                        .children(text_fields(ctx, &CONTACT_FIELDS))
                        .child(phones(ctx, ui_locale)),
                )
                .child(
                    card(words.section_address)
                        .children(text_fields(ctx, &ADDRESS_FIELDS))
                        .child(select_field(
                            ctx,
                            country,
                            Some("country"),
                            not_set,
                            None,
                            countries.into(),
                        )),
                )
                .child(card(words.section_preferences).child(select_field(
                    ctx,
                    locale,
                    Some("language"),
                    not_set,
                    None,
                    Signal::stored(locales),
                )))
                .child(baseline.with_untracked(|p| membership(words, ui_locale, p))),
        )
        .child(actions)
        .child(review);
    ctx.root.set_value(OneThread(Some(view.element().clone())));
    // The User Timing mark once the form is in the DOM and live (portals and `cargo xtask
    // bench` time it): a microtask, so after the slot that holds the form has inserted it
    // and before a frame is painted. Then the full country list.
    leptos::task::spawn_local(async {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark(READY_MARK);
        }
    });
    set_timeout(
        move || {
            if ctx.active() {
                countries.try_set(country_names());
            }
        },
        std::time::Duration::ZERO,
    );
    view
}

/// A card's text inputs: (JSON path, `autocomplete` token, input type). One loop over
/// data, not one view per field: each field written out in the view was code of its own.
type TextInputs = [(&'static str, &'static str, &'static str)];

const NAME_FIELDS: [(&str, &str, &str); 5] = [
    ("first_name", "given-name", "text"),
    ("second_name", "additional-name", "text"),
    ("third_name", "additional-name", "text"),
    ("last_name", "family-name", "text"),
    ("birth_city", "off", "text"),
];

const CONTACT_FIELDS: [(&str, &str, &str); 1] = [("email", "email", "email")];

const ADDRESS_FIELDS: [(&str, &str, &str); 7] = [
    ("address.number", "off", "text"),
    ("address.street", "address-line1", "text"),
    ("address.add_on", "address-line2", "text"),
    ("address.additional_information_1", "address-line3", "text"),
    ("address.zip_code", "postal-code", "text"),
    ("address.city", "address-level2", "text"),
    ("address.state_or_district", "address-level1", "text"),
];

/// The [`TextField`]s of `fields`.
fn text_fields(ctx: FormCtx, fields: &'static TextInputs) -> impl Iterator<Item = El> {
    fields
        .iter()
        .filter_map(move |&(path, autocomplete, input_type)| {
            let field = Field {
                path: path.into(),
                id: None,
                label: fixed_label(ctx.words, path),
                value: ctx.form.text(path)?,
            };
            Some(text_field(ctx, field, autocomplete, input_type))
        })
}

/// Sorts (code, name) pairs by name. An insertion sort: 250 short names, and no 3 KB of
/// std's sort in the wasm.
fn sorted_by_name(items: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = Vec::new();
    for item in items {
        let at = list.partition_point(|(_, name)| *name <= item.1);
        list.insert(at, item);
    }
    list
}
