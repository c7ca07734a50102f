//! The read-only part of the profile: membership number and loyalty figures. Values carry
//! `data-field` = their JSON path and are text nodes, never HTML.

use leptos::prelude::*;

use crate::i18n::Catalogue;
use crate::intl::format_integer;
use crate::model::LoyaltyProgram;

/// One labelled value; missing values read "Not provided".
fn row(
    words: &'static Catalogue,
    label: &'static str,
    field: &'static str,
    value: Option<String>,
) -> impl IntoView {
    let value = value.filter(|v| !v.trim().is_empty());
    let empty = value.is_none();
    view! {
        <div class="cp-row">
            <dt>{label}</dt>
            <dd data-field=field class:cp-empty=empty>
                {value.unwrap_or_else(|| words.not_provided.to_owned())}
            </dd>
        </div>
    }
}

/// Membership number, loyalty status, previous status, platinum for life and points.
#[component]
pub fn Membership(
    words: &'static Catalogue,
    /// BCP 47 tag for number formatting.
    ui_locale: &'static str,
    gm_number: Option<String>,
    loyalty: Option<LoyaltyProgram>,
) -> impl IntoView {
    let l = loyalty.unwrap_or_default();
    let platinum = l
        .is_platinum_for_life
        .map(|b| if b { words.yes } else { words.no }.to_owned());
    let points = l.points.map(|p| format_integer(ui_locale, p));
    view! {
        <section class="cp-card cp-membership">
            <h2>{words.section_membership}</h2>
            <dl>
                {row(words, words.gm_number, "gm_number", gm_number)}
                {row(words, words.loyalty_status, "loyalty_program.status", l.status)}
                {row(words, words.previous_status, "loyalty_program.previous_status", l.previous_status)}
                {row(words, words.platinum_for_life, "loyalty_program.is_platinum_for_life", platinum)}
                {row(words, words.points, "loyalty_program.points", points)}
            </dl>
        </section>
    }
}
