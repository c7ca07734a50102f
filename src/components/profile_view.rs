//! The read-only profile. Every value element carries `data-field` = its JSON path, the hook
//! tests and embedders rely on. Values are text nodes, never HTML.

use leptos::prelude::*;

use crate::i18n::Catalogue;
use crate::model::{Address, LoyaltyProgram, Phone, Profile};

/// One labelled value; empty or missing values read "Not provided".
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

/// A titled card of rows.
fn card(title: &'static str, rows: impl IntoView) -> impl IntoView {
    view! {
        <section class="cp-card">
            <h2>{title}</h2>
            <dl>{rows}</dl>
        </section>
    }
}

fn phones_row(words: &'static Catalogue, phones: Option<Vec<Phone>>) -> impl IntoView {
    let phones = phones.unwrap_or_default();
    let list = if phones.is_empty() {
        view! { <p class="cp-empty">{words.no_phones}</p> }.into_any()
    } else {
        let items = phones
            .into_iter()
            .enumerate()
            .map(|(i, phone)| {
                let kind = phone.kind.unwrap_or_default();
                let label = words.phone_type(&kind).map(str::to_owned).unwrap_or(kind);
                view! {
                    <li data-field=format!("phones.{i}")>
                        <span class="cp-phone-type" data-field=format!("phones.{i}.type")>
                            {label}
                        </span>
                        " "
                        <span data-field=format!("phones.{i}.number")>
                            {phone.number.unwrap_or_default()}
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="cp-phones">{items}</ul> }.into_any()
    };
    view! {
        <div class="cp-row">
            <dt>{words.phones}</dt>
            <dd data-field="phones">{list}</dd>
        </div>
    }
}

fn address_rows(words: &'static Catalogue, a: Option<Address>) -> impl IntoView {
    let a = a.unwrap_or_default();
    view! {
        {row(words, words.address_number, "address.number", a.number)}
        {row(words, words.street, "address.street", a.street)}
        {row(words, words.add_on, "address.add_on", a.add_on)}
        {row(words, words.additional_information_1, "address.additional_information_1",
            a.additional_information_1)}
        {a.additional_information_2.map(|v| row(words, words.additional_information_2,
            "address.additional_information_2", Some(v)))}
        {row(words, words.zip_code, "address.zip_code", a.zip_code)}
        {row(words, words.city, "address.city", a.city)}
        {a.town.map(|v| row(words, words.town, "address.town", Some(v)))}
        {row(words, words.state_or_district, "address.state_or_district", a.state_or_district)}
        {row(words, words.country_code, "address.country_code", a.country_code)}
    }
}

fn membership_rows(
    words: &'static Catalogue,
    gm_number: Option<String>,
    l: Option<LoyaltyProgram>,
) -> impl IntoView {
    let l = l.unwrap_or_default();
    let platinum = l
        .is_platinum_for_life
        .map(|b| if b { words.yes } else { words.no }.to_owned());
    view! {
        {row(words, words.gm_number, "gm_number", gm_number)}
        {row(words, words.loyalty_status, "loyalty_program.status", l.status)}
        {row(words, words.previous_status, "loyalty_program.previous_status", l.previous_status)}
        {row(words, words.platinum_for_life, "loyalty_program.is_platinum_for_life", platinum)}
        {row(words, words.points, "loyalty_program.points", l.points.map(|p| p.to_string()))}
    }
}

/// The whole profile, read-only, in cards.
#[component]
pub fn ProfileView(profile: Profile, words: &'static Catalogue) -> impl IntoView {
    let p = profile;
    view! {
        <div class="cp-profile" data-state="loaded">
            <h1>{words.page_title}</h1>
            <div class="cp-cards">
                {card(words.section_name, view! {
                    {row(words, words.first_name, "first_name", p.first_name)}
                    {row(words, words.second_name, "second_name", p.second_name)}
                    {row(words, words.third_name, "third_name", p.third_name)}
                    {row(words, words.last_name, "last_name", p.last_name)}
                    {row(words, words.birth_city, "birth_city", p.birth_city)}
                })}
                {card(words.section_contact, view! {
                    {row(words, words.email, "email", p.email)}
                    {phones_row(words, p.phones)}
                })}
                {card(words.section_address, address_rows(words, p.address))}
                {card(words.section_membership, membership_rows(words, p.gm_number, p.loyalty_program))}
                {card(words.section_preferences, row(words, words.locale, "locale", p.locale))}
            </div>
        </div>
    }
}
