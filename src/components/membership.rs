//! The read-only part of the profile: membership number and loyalty figures. Values carry
//! `data-field` = their JSON path and are text nodes, never HTML.

use leptos::prelude::*;

use crate::browser::intl::format_integer;
use crate::domain::i18n::Catalogue;
use crate::domain::profile::Profile;

/// One labelled value; missing values read "Not provided", values of the wrong type (see
/// [`crate::domain::profile::Profile::unreadable`]) "Could not be read".
fn row(
    words: &'static Catalogue,
    label: &'static str,
    field: &'static str,
    value: Option<String>,
    unreadable: &[&'static str],
) -> impl IntoView {
    let value = value.filter(|v| !v.trim().is_empty());
    let (class, text) = match value {
        Some(value) => (None, value),
        None if unreadable.iter().any(|u| field.starts_with(u)) => {
            (Some("cp-empty"), words.unreadable.to_owned())
        }
        None => (Some("cp-empty"), words.not_provided.to_owned()),
    };
    view! {
        <div class="cp-row">
            <dt>{label}</dt>
            <dd data-field=field class=class>{text}</dd>
        </div>
    }
}

/// Membership number, loyalty status, previous status, platinum for life and points.
/// `ui_locale`: the BCP 47 tag for number formatting.
#[component]
pub fn Membership(
    words: &'static Catalogue,
    ui_locale: &'static str,
    profile: Profile,
) -> impl IntoView {
    let unreadable = profile.unreadable();
    let l = profile.loyalty_program.value().cloned().unwrap_or_default();
    let platinum = l
        .is_platinum_for_life
        .value()
        .map(|b| if *b { words.yes } else { words.no }.to_owned());
    let points = l.points.value().map(|p| format_integer(ui_locale, *p));
    let rows = [
        (
            words.gm_number,
            "gm_number",
            profile.gm_number.value().cloned(),
        ),
        (
            words.loyalty_status,
            "loyalty_program.status",
            l.status.into_value(),
        ),
        (
            words.previous_status,
            "loyalty_program.previous_status",
            l.previous_status.into_value(),
        ),
        (
            words.platinum_for_life,
            "loyalty_program.is_platinum_for_life",
            platinum,
        ),
        (words.points, "loyalty_program.points", points),
    ];
    let rows = rows
        .into_iter()
        .map(|(label, field, value)| row(words, label, field, value, &unreadable))
        .collect_view();
    view! {
        <section class="cp-card cp-membership" part="section section-membership">
            <h2>{words.section_membership}</h2>
            <dl>{rows}</dl>
        </section>
    }
}
