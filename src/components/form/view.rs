//! The form's layout: status, notices, the four cards of fields, the membership figures,
//! the sticky action bar and the review list.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::conflicts::{ConflictPanel, TakenNotice};
use super::fields::{SelectField, TextField};
use super::notices::{Notice, NoticeText};
use super::phones::Phones;
use super::review::ReviewList;
use super::state::{
    Control, FieldSpec, ADDRESS_FIELDS, CONTACT_FIELDS, NAME_FIELDS, PREFERENCE_FIELDS,
};
use super::summary::ErrorSummary;
use super::{Form, Outcome};
use crate::browser::intl::Names;
use crate::components::Membership;
use crate::domain::countries;
use crate::domain::draft::{Draft, OFFERED_LOCALES};
use crate::domain::i18n::numbered;
use crate::domain::profile::Profile;

/// A focused control closer than this to the top of the viewport may be under a host page's
/// sticky header: it is scrolled to the middle.
const CLEAR_OF_HOST_HEADER_PX: f64 = 88.0;

/// The options of the two fixed selects.
#[derive(Clone, Copy)]
struct Choices {
    countries: Signal<Vec<(String, String)>>,
    locales: Signal<Vec<(String, String)>>,
}

/// The whole form.
pub(super) fn form_view(form: Form, ui_locale: &'static str, profile: Profile) -> impl IntoView {
    let ctx = form.ctx;
    let words = ctx.words();
    let state = form.save_state;
    let choices = Choices {
        countries: country_choices(form, ui_locale).into(),
        locales: Signal::stored(locale_choices(ui_locale)),
    };
    let status_text = move || {
        if form.saving.get() {
            words.saving
        } else if form.waiting.get() {
            words.offline_waiting
        } else if !form.online.get() {
            words.offline
        } else if form.outcome.with(|o| *o == Outcome::Saved) {
            words.saved
        } else if form.outcome.with(|o| *o == Outcome::Resolved) {
            words.conflicts_resolved
        } else {
            ""
        }
    };
    // A memo: the summary is mounted anew only when it appears, not on every change of
    // the errors it lists (it updates its list itself, and keeps focus).
    let summary_shown = Memo::new(move |_| {
        form.summary_open.get()
            && (ctx.client_errors.with(|e| !e.is_empty())
                || ctx.server_errors.with(|e| !e.is_empty()))
    });
    // Memos, like `<Show when>`: a panel is made anew only when it appears.
    let conflicts_shown = Memo::new(move |_| state.conflicts.with(|c| !c.is_empty()));
    let review_shown = Memo::new(move |_| form.review_open.get());
    let actions_bar = NodeRef::<html::Div>::new();
    let card = move |legend: &'static str, part: &'static str, specs: &'static [FieldSpec]| {
        view! {
            <fieldset class="cp-card" part=part>
                <legend>{legend}</legend>
                {fixed_fields(form, specs, choices)}
            </fieldset>
        }
    };
    view! {
        <form
            class="cp-form"
            part="form"
            data-state="loaded"
            novalidate
            node_ref=ctx.root
            on:submit=move |ev| {
                ev.prevent_default();
                form.submit(false);
            }
            on:focusin=move |ev| keep_focus_visible(ev, actions_bar)
        >
            <h1>{words.page_title}</h1>
            <p
                class="cp-status"
                part="status"
                id=form.id("status")
                role="status"
                tabindex="-1"
                class:cp-saving=move || form.saving.get()
            >
                {status_text}
            </p>
            <TakenNotice ctx taken=state.taken/>
            // `Option` views rather than `<Show>`: each `<Show>` is its own generic
            // instantiation (measured in the README's ledger).
            {move || {
                conflicts_shown.get().then(|| view! {
                    <ConflictPanel
                        ctx
                        id=form.id("conflicts")
                        conflicts=state.conflicts
                        theirs=state.theirs
                        on_resolved=Callback::new(move |()| form.resolved())
                    />
                })
            }}
            {move || summary_shown.get().then(|| view! { <ErrorSummary ctx id=form.id("summary")/> })}
            {move || notice(form, form.outcome.get())}
            <div class="cp-cards">
                {card(words.section_name, "section section-name", &NAME_FIELDS)}
                <fieldset class="cp-card" part="section section-contact">
                    <legend>{words.section_contact}</legend>
                    {fixed_fields(form, &CONTACT_FIELDS, choices)}
                    <Phones ctx ui_locale/>
                </fieldset>
                {card(words.section_address, "section section-address", &ADDRESS_FIELDS)}
                {card(words.section_preferences, "section section-preferences", &PREFERENCE_FIELDS)}
                <Membership words ui_locale profile/>
            </div>
            <ActionBar form node_ref=actions_bar/>
            {move || review_shown.get().then(|| view! { <ReviewList ctx id=form.id("review")/> })}
        </form>
    }
}

/// The sticky bar: the change count, Review changes, Discard and Save.
#[component]
fn ActionBar(form: Form, node_ref: NodeRef<html::Div>) -> impl IntoView {
    let ctx = form.ctx;
    let words = ctx.words();
    let count_text = move || match ctx.changes.with(Vec::len) {
        0 => words.no_changes.to_owned(),
        1 => words.one_change.to_owned(),
        n => numbered(words.many_changes, n),
    };
    let busy = move || !form.dirty.get() || form.saving.get();
    view! {
        <div class="cp-actions" part="actions" node_ref=node_ref>
            <p class="cp-change-count">{count_text}</p>
            <button
                class="cp-button cp-secondary"
                part="button button-secondary"
                type="button"
                aria-expanded=move || form.review_open.get().to_string()
                aria-controls=form.id("review")
                on:click=move |_| form.review_open.update(|open| *open = !*open)
            >
                {words.review_changes}
            </button>
            <button
                class="cp-button cp-secondary"
                part="button button-secondary"
                type="button"
                disabled=busy
                on:click=move |_| form.discard()
            >
                {words.discard}
            </button>
            <button class="cp-button" part="button button-primary" type="submit" disabled=busy>
                {words.save}
            </button>
        </div>
    }
}

/// The controls of one card, from the field table.
fn fixed_fields(form: Form, specs: &'static [FieldSpec], choices: Choices) -> impl IntoView {
    let ctx = form.ctx;
    specs
        .iter()
        .map(|spec| {
            let value = (spec.field)(ctx.store);
            let name = Signal::stored(spec.path.to_owned());
            let id = ctx.id(spec.path);
            let label = (spec.label)(ctx.words());
            let options = match spec.control {
                Control::Input(input_type) => {
                    return view! {
                        <TextField
                            ctx
                            value
                            name
                            id
                            label
                            autocomplete=spec.autocomplete
                            input_type
                            marked=spec.path
                        />
                    }
                    .into_any();
                }
                Control::Country => choices.countries,
                Control::Language => choices.locales,
            };
            // The value as loaded stays offered.
            let path = spec.path;
            let keep = Memo::new(move |_| {
                ctx.baseline
                    .with(|b| Draft::from_profile(b).text(path).map(str::to_owned))
                    .unwrap_or_default()
            });
            view! {
                <SelectField
                    ctx
                    value
                    name
                    id
                    label
                    autocomplete=spec.autocomplete
                    empty_label=ctx.words().not_set
                    keep
                    options
                    marked=spec.path
                />
            }
            .into_any()
        })
        .collect_view()
}

/// What the last command left to say, if anything: the address check, a failure with Retry,
/// saved but not read back.
fn notice(form: Form, outcome: Outcome) -> Option<impl IntoView> {
    let words = form.ctx.words();
    let action = |f: fn(Form)| Callback::new(move |()| f(form));
    let (text, actions) = match outcome {
        Outcome::AddressUnknown => (
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
                (words.keep_address, true, action(Form::keep_address)),
                (words.edit_address, false, action(Form::edit_address)),
            ],
        ),
        Outcome::Failed(error) => {
            let detail = error
                .problem()
                .and_then(|p| p.detail.clone())
                .filter(|d| !d.trim().is_empty());
            (
                NoticeText {
                    class: "cp-failure",
                    problem: error.save_kind(),
                    status: error.status(),
                    title: Some(words.save_failed_title),
                    message: error.save_message(words),
                    detail,
                    kept: true,
                },
                vec![(words.retry, true, action(Form::retry))],
            )
        }
        Outcome::SavedNotReloaded => (
            NoticeText {
                class: "cp-warning",
                problem: "reload-failed",
                status: None,
                title: None,
                message: words.saved_reload_failed.to_owned(),
                detail: None,
                kept: false,
            },
            vec![(words.reload, true, form.on_reload)],
        ),
        Outcome::Idle | Outcome::Saved | Outcome::Resolved => return None,
    };
    Some(view! { <Notice ctx=form.ctx id=form.id("notice") text actions/> })
}

/// Country names take 250 `Intl` lookups (20-30 ms): the select starts with the current
/// country only, and gets the full list once the form is on screen.
fn country_choices(form: Form, ui_locale: &'static str) -> RwSignal<Vec<(String, String)>> {
    let current = form
        .ctx
        .draft
        .with_untracked(|d| d.address.country_code.clone());
    let first = countries::is_code(&current)
        .then(|| (current.clone(), Names::regions(ui_locale).of(&current)));
    let list = RwSignal::new(first.into_iter().collect::<Vec<_>>());
    set_timeout(
        move || {
            let names = Names::regions(ui_locale);
            let mut all: Vec<(String, String)> = countries::codes()
                .map(|c| (c.to_owned(), names.of(c)))
                .collect();
            all.sort_by(|a, b| a.1.cmp(&b.1));
            list.try_set(all);
        },
        std::time::Duration::ZERO,
    );
    list
}

/// The offered languages, named in the UI language.
fn locale_choices(ui_locale: &'static str) -> Vec<(String, String)> {
    let names = Names::languages(ui_locale);
    OFFERED_LOCALES
        .iter()
        .map(|l| ((*l).to_owned(), names.of(l)))
        .collect()
}

/// Focus is never hidden (WCAG 2.4.11): the browser does not scroll a control that is
/// "visible" but under our sticky action bar or a host page's sticky header.
fn keep_focus_visible(ev: web_sys::FocusEvent, actions_bar: NodeRef<html::Div>) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(bar) = actions_bar.try_get_untracked().flatten() else {
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
}
