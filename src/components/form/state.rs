//! The form's reactive state: a `reactive_stores` [`Store`] of [`FormData`], so a keystroke
//! notifies only what reads that field (and the memos over the whole form), and Discard or a
//! new baseline is one `.patch(..)` that notifies only what changed. [`FormData::to_draft`]
//! turns it into the plain [`Draft`] the pure logic works on.

use leptos::prelude::*;
use reactive_stores::{Field, Patch, Store};

use crate::domain::draft::{AddressDraft, Draft, PhoneDraft, PHONES};

/// The editable form: a [`Draft`] whose phones carry a stable row id.
#[derive(Clone, Debug, Default, PartialEq, Store, Patch)]
pub struct FormData {
    pub first_name: String,
    pub second_name: String,
    pub third_name: String,
    pub last_name: String,
    pub birth_city: String,
    pub email: String,
    /// Keyed by row id: a moved row keeps its DOM node and its element ids.
    #[store(key: u32 = |row| row.id)]
    pub phones: Vec<PhoneRow>,
    pub address: AddressData,
    pub locale: String,
    /// The id the next new phone row gets.
    pub next_phone_id: u32,
}

/// One phone row; `id` is stable across moves, so its DOM node and ids survive reordering.
#[derive(Clone, Debug, Default, PartialEq, Store, Patch)]
pub struct PhoneRow {
    pub id: u32,
    pub number: String,
    pub kind: String,
    /// The type as loaded: offered by the select even when the app has no label for it,
    /// so that a type changed by mistake can be chosen again.
    pub loaded_kind: String,
}

/// Every address member the customer can edit.
#[derive(Clone, Debug, Default, PartialEq, Store, Patch)]
pub struct AddressData {
    pub number: String,
    pub street: String,
    pub add_on: String,
    pub additional_information_1: String,
    pub zip_code: String,
    pub city: String,
    pub state_or_district: String,
    pub country_code: String,
}

/// The form's store.
pub type FormStore = Store<FormData>;

impl FormData {
    /// The form holding `draft`; phone rows reuse the ids of `current`'s rows position by
    /// position (so a patch updates rows in place), new rows get fresh ids.
    pub fn from_draft(draft: &Draft, current: Option<&FormData>) -> Self {
        let a = &draft.address;
        let mut next = current.map_or(0, |c| c.next_phone_id);
        let phones = rows(&draft.phones, current.map(|c| &c.phones[..]), &mut next);
        FormData {
            first_name: draft.first_name.clone(),
            second_name: draft.second_name.clone(),
            third_name: draft.third_name.clone(),
            last_name: draft.last_name.clone(),
            birth_city: draft.birth_city.clone(),
            email: draft.email.clone(),
            phones,
            address: AddressData {
                number: a.number.clone(),
                street: a.street.clone(),
                add_on: a.add_on.clone(),
                additional_information_1: a.additional_information_1.clone(),
                zip_code: a.zip_code.clone(),
                city: a.city.clone(),
                state_or_district: a.state_or_district.clone(),
                country_code: a.country_code.clone(),
            },
            locale: draft.locale.clone(),
            next_phone_id: next,
        }
    }

    /// The form as a plain draft, for the pure logic.
    pub fn to_draft(&self) -> Draft {
        let a = &self.address;
        Draft {
            first_name: self.first_name.clone(),
            second_name: self.second_name.clone(),
            third_name: self.third_name.clone(),
            last_name: self.last_name.clone(),
            birth_city: self.birth_city.clone(),
            email: self.email.clone(),
            phones: self
                .phones
                .iter()
                .map(|r| PhoneDraft {
                    number: r.number.clone(),
                    kind: r.kind.clone(),
                })
                .collect(),
            address: AddressDraft {
                number: a.number.clone(),
                street: a.street.clone(),
                add_on: a.add_on.clone(),
                additional_information_1: a.additional_information_1.clone(),
                zip_code: a.zip_code.clone(),
                city: a.city.clone(),
                state_or_district: a.state_or_district.clone(),
                country_code: a.country_code.clone(),
            },
            locale: self.locale.clone(),
        }
    }
}

/// Phone rows for `phones`, reusing `current`'s ids by position.
fn rows(phones: &[PhoneDraft], current: Option<&[PhoneRow]>, next: &mut u32) -> Vec<PhoneRow> {
    phones
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let id = match current.and_then(|c| c.get(i)) {
                Some(row) => row.id,
                None => {
                    *next += 1;
                    *next - 1
                }
            };
            PhoneRow {
                id,
                number: p.number.clone(),
                kind: p.kind.clone(),
                loaded_kind: p.kind.clone(),
            }
        })
        .collect()
}

/// Puts `draft` into the whole form (Discard, or the new baseline after a save): only the
/// fields that differ notify; phone rows are patched in place.
///
/// Field by field rather than `store.patch(new)`: in reactive_stores 0.4.4 the derived
/// `Patch` of a struct with a keyed field looks the keys up under the struct's path and
/// panics ("could not find key for index"; fix proposed in leptos-rs/leptos#4802). The
/// keyed list's own `patch` is correct.
pub fn reset(store: FormStore, draft: &Draft) {
    let Some(new) = store.try_with_untracked(|current| FormData::from_draft(draft, Some(current)))
    else {
        return;
    };
    let FormData {
        first_name,
        second_name,
        third_name,
        last_name,
        birth_city,
        email,
        phones,
        address,
        locale,
        next_phone_id,
    } = new;
    store.first_name().patch(first_name);
    store.second_name().patch(second_name);
    store.third_name().patch(third_name);
    store.last_name().patch(last_name);
    store.birth_city().patch(birth_city);
    store.email().patch(email);
    store.next_phone_id().patch(next_phone_id);
    store.phones().patch(phones);
    store.address().patch(address);
    store.locale().patch(locale);
}

/// Sets one field (a text field's path, or `phones`) to its value in `draft`: a change saved
/// elsewhere taken into the form, or a conflict resolved as "keep the saved value".
pub fn apply(store: FormStore, path: &str, draft: &Draft) {
    if path == PHONES {
        let Some(new) = store.try_with_untracked(|current| {
            let mut next = current.next_phone_id;
            let rows = rows(&draft.phones, Some(&current.phones), &mut next);
            (rows, next)
        }) else {
            return;
        };
        store.next_phone_id().patch(new.1);
        store.phones().patch(new.0);
    } else if let (Some(field), Some(value)) = (text_field(store, path), draft.text(path)) {
        field.patch(value.to_owned());
    }
}

/// What kind of control a field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// `<input type=…>`.
    Input(&'static str),
    /// The country select.
    Country,
    /// The language select.
    Language,
}

/// One fixed field of the form: its JSON path (= the control's `name`), its label, its
/// `autocomplete` token, its control, and where it is in the store.
pub struct FieldSpec {
    /// The JSON path: the control's `name`, the key of its errors and changes.
    pub path: &'static str,
    /// The label, in the form's language.
    pub label: fn(&crate::domain::i18n::Catalogue) -> &'static str,
    /// The `autocomplete` token browsers and password managers fill by.
    pub autocomplete: &'static str,
    /// Input or select.
    pub control: Control,
    /// Where the value lives in the store.
    pub field: fn(FormStore) -> Field<String>,
}

/// The fixed fields, by card, in form order: the one table labels, inputs, the review list
/// and the error summary read (phones are the list in the contact card).
pub const NAME_FIELDS: [FieldSpec; 5] = [
    FieldSpec {
        path: "first_name",
        label: |w| w.first_name,
        autocomplete: "given-name",
        control: Control::Input("text"),
        field: |s| s.first_name().into(),
    },
    FieldSpec {
        path: "second_name",
        label: |w| w.second_name,
        autocomplete: "additional-name",
        control: Control::Input("text"),
        field: |s| s.second_name().into(),
    },
    FieldSpec {
        path: "third_name",
        label: |w| w.third_name,
        autocomplete: "additional-name",
        control: Control::Input("text"),
        field: |s| s.third_name().into(),
    },
    FieldSpec {
        path: "last_name",
        label: |w| w.last_name,
        autocomplete: "family-name",
        control: Control::Input("text"),
        field: |s| s.last_name().into(),
    },
    FieldSpec {
        path: "birth_city",
        label: |w| w.birth_city,
        autocomplete: "off",
        control: Control::Input("text"),
        field: |s| s.birth_city().into(),
    },
];

/// The contact card's fixed fields (the phones follow them).
pub const CONTACT_FIELDS: [FieldSpec; 1] = [FieldSpec {
    path: "email",
    label: |w| w.email,
    autocomplete: "email",
    control: Control::Input("email"),
    field: |s| s.email().into(),
}];

/// The address card.
pub const ADDRESS_FIELDS: [FieldSpec; 8] = [
    FieldSpec {
        path: "address.number",
        label: |w| w.address_number,
        autocomplete: "off",
        control: Control::Input("text"),
        field: |s| s.address().number().into(),
    },
    FieldSpec {
        path: "address.street",
        label: |w| w.street,
        autocomplete: "address-line1",
        control: Control::Input("text"),
        field: |s| s.address().street().into(),
    },
    FieldSpec {
        path: "address.add_on",
        label: |w| w.add_on,
        autocomplete: "address-line2",
        control: Control::Input("text"),
        field: |s| s.address().add_on().into(),
    },
    FieldSpec {
        path: "address.additional_information_1",
        label: |w| w.additional_information_1,
        autocomplete: "address-line3",
        control: Control::Input("text"),
        field: |s| s.address().additional_information_1().into(),
    },
    FieldSpec {
        path: "address.zip_code",
        label: |w| w.zip_code,
        autocomplete: "postal-code",
        control: Control::Input("text"),
        field: |s| s.address().zip_code().into(),
    },
    FieldSpec {
        path: "address.city",
        label: |w| w.city,
        autocomplete: "address-level2",
        control: Control::Input("text"),
        field: |s| s.address().city().into(),
    },
    FieldSpec {
        path: "address.state_or_district",
        label: |w| w.state_or_district,
        autocomplete: "address-level1",
        control: Control::Input("text"),
        field: |s| s.address().state_or_district().into(),
    },
    FieldSpec {
        path: "address.country_code",
        label: |w| w.country_code,
        autocomplete: "country",
        control: Control::Country,
        field: |s| s.address().country_code().into(),
    },
];

/// The preferences card.
pub const PREFERENCE_FIELDS: [FieldSpec; 1] = [FieldSpec {
    path: "locale",
    label: |w| w.locale,
    autocomplete: "language",
    control: Control::Language,
    field: |s| s.locale().into(),
}];

/// Every fixed field, in form order.
pub fn all_fields() -> impl Iterator<Item = &'static FieldSpec> {
    const CARDS: [&[FieldSpec]; 4] = [
        &NAME_FIELDS,
        &CONTACT_FIELDS,
        &ADDRESS_FIELDS,
        &PREFERENCE_FIELDS,
    ];
    CARDS.into_iter().flatten()
}

/// The table's entry for `path`.
pub fn spec(path: &str) -> Option<&'static FieldSpec> {
    all_fields().find(|f| f.path == path)
}

/// The store field of the text field at `path` (`first_name`, `address.city`, …).
pub fn text_field(store: FormStore, path: &str) -> Option<Field<String>> {
    spec(path).map(|f| (f.field)(store))
}
