//! The form's reactive state: one signal per field, so a keystroke notifies only what reads
//! that field; [`FormState::snapshot`] turns it into a plain [`Draft`] for the pure logic.

use leptos::prelude::*;

use crate::domain::draft::{AddressDraft, Draft, PhoneDraft, PHONES};

/// One phone row; `id` is stable across moves, so its DOM node and ids survive reordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhoneRow {
    pub id: u32,
    pub number: RwSignal<String>,
    pub kind: RwSignal<String>,
    /// The type as loaded: offered by the select even when the app has no label for it,
    /// so that a type changed by mistake can be chosen again.
    pub loaded_kind: RwSignal<String>,
}

/// Signals for every address member the customer can edit.
#[derive(Clone, Copy, Debug)]
pub struct AddressSignals {
    pub number: RwSignal<String>,
    pub street: RwSignal<String>,
    pub add_on: RwSignal<String>,
    pub additional_information_1: RwSignal<String>,
    pub zip_code: RwSignal<String>,
    pub city: RwSignal<String>,
    pub state_or_district: RwSignal<String>,
    pub country_code: RwSignal<String>,
}

/// The whole editable form.
#[derive(Clone, Copy, Debug)]
pub struct FormState {
    pub first_name: RwSignal<String>,
    pub second_name: RwSignal<String>,
    pub third_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    pub birth_city: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phones: RwSignal<Vec<PhoneRow>>,
    pub address: AddressSignals,
    pub locale: RwSignal<String>,
    next_phone_id: StoredValue<u32>,
    /// The form's owner: rows are made under it whoever asks (a save task has no owner, a
    /// conflict panel's button has the panel's, which goes when the panel does), so that
    /// their signals live exactly as long as the form.
    owner: StoredValue<Owner>,
}

impl FormState {
    /// A form holding `draft`.
    pub fn new(draft: &Draft) -> Self {
        let text = |s: &String| RwSignal::new(s.clone());
        let a = &draft.address;
        let state = FormState {
            first_name: text(&draft.first_name),
            second_name: text(&draft.second_name),
            third_name: text(&draft.third_name),
            last_name: text(&draft.last_name),
            birth_city: text(&draft.birth_city),
            email: text(&draft.email),
            phones: RwSignal::new(Vec::new()),
            address: AddressSignals {
                number: text(&a.number),
                street: text(&a.street),
                add_on: text(&a.add_on),
                additional_information_1: text(&a.additional_information_1),
                zip_code: text(&a.zip_code),
                city: text(&a.city),
                state_or_district: text(&a.state_or_district),
                country_code: text(&a.country_code),
            },
            locale: text(&draft.locale),
            next_phone_id: StoredValue::new(0),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        state.set_phones(&draft.phones);
        state
    }

    /// Puts `draft` back into every field (Discard, or a new baseline after a save).
    pub fn reset(&self, draft: &Draft) {
        for (signal, value) in [
            (self.first_name, &draft.first_name),
            (self.second_name, &draft.second_name),
            (self.third_name, &draft.third_name),
            (self.last_name, &draft.last_name),
            (self.birth_city, &draft.birth_city),
            (self.email, &draft.email),
            (self.locale, &draft.locale),
        ] {
            signal.set(value.clone());
        }
        let (s, a) = (&self.address, &draft.address);
        for (signal, value) in [
            (s.number, &a.number),
            (s.street, &a.street),
            (s.add_on, &a.add_on),
            (s.additional_information_1, &a.additional_information_1),
            (s.zip_code, &a.zip_code),
            (s.city, &a.city),
            (s.state_or_district, &a.state_or_district),
            (s.country_code, &a.country_code),
        ] {
            signal.set(value.clone());
        }
        self.set_phones(&draft.phones);
    }

    /// Sets one field (a text field's path, or `phones`) to its value in `draft`: a change
    /// saved elsewhere taken into the form, or a conflict resolved as "keep the saved value".
    pub fn apply(&self, path: &str, draft: &Draft) {
        if path == PHONES {
            self.set_phones(&draft.phones);
        } else if let (Some(signal), Some(value)) = (self.text(path), draft.text(path)) {
            signal.set(value.to_owned());
        }
    }

    fn set_phones(&self, phones: &[PhoneDraft]) {
        // The same list, as loaded (a save read back, Discard of other fields): the rows
        // stay — no new signals, no list rendered again. (A row whose type was changed and
        // saved is made anew: the type it offers as loaded must be the saved one.)
        let same = self.phones.try_with_untracked(|rows| {
            let same_as = |r: &PhoneRow, p: &PhoneDraft| {
                let is = |s: RwSignal<String>, v: &str| s.try_with_untracked(|s| s == v);
                is(r.number, &p.number) == Some(true)
                    && is(r.kind, &p.kind) == Some(true)
                    && is(r.loaded_kind, &p.kind) == Some(true)
            };
            rows.len() == phones.len() && rows.iter().zip(phones).all(|(r, p)| same_as(r, p))
        });
        // (`None`: the form is gone; nothing to set.)
        if same != Some(false) {
            return;
        }
        let rows = phones
            .iter()
            .map(|p| self.new_row(p.number.clone(), p.kind.clone()))
            .collect();
        self.phones.set(rows);
    }

    /// A new phone row with a fresh id (not yet in the list).
    pub fn new_row(&self, number: String, kind: String) -> PhoneRow {
        // `try_`: never a panic, even if called after the form was disposed.
        let id = self.next_phone_id.try_get_value().unwrap_or_default();
        self.next_phone_id.try_set_value(id + 1);
        let owner = self.owner.try_get_value().unwrap_or_default();
        owner.with(|| PhoneRow {
            id,
            number: RwSignal::new(number),
            loaded_kind: RwSignal::new(kind.clone()),
            kind: RwSignal::new(kind),
        })
    }

    /// The signal of the text field at `path` (`first_name`, `address.city`, …).
    pub fn text(&self, path: &str) -> Option<RwSignal<String>> {
        let a = &self.address;
        Some(match path {
            "first_name" => self.first_name,
            "second_name" => self.second_name,
            "third_name" => self.third_name,
            "last_name" => self.last_name,
            "birth_city" => self.birth_city,
            "email" => self.email,
            "locale" => self.locale,
            "address.number" => a.number,
            "address.street" => a.street,
            "address.add_on" => a.add_on,
            "address.additional_information_1" => a.additional_information_1,
            "address.zip_code" => a.zip_code,
            "address.city" => a.city,
            "address.state_or_district" => a.state_or_district,
            "address.country_code" => a.country_code,
            _ => return None,
        })
    }

    /// The form as a plain draft; tracked, so a `Memo` over it follows every field.
    pub fn snapshot(&self) -> Draft {
        let a = &self.address;
        Draft {
            first_name: self.first_name.get(),
            second_name: self.second_name.get(),
            third_name: self.third_name.get(),
            last_name: self.last_name.get(),
            birth_city: self.birth_city.get(),
            email: self.email.get(),
            phones: self.phones.with(|rows| {
                rows.iter()
                    .map(|r| PhoneDraft {
                        number: r.number.get(),
                        kind: r.kind.get(),
                    })
                    .collect()
            }),
            address: AddressDraft {
                number: a.number.get(),
                street: a.street.get(),
                add_on: a.add_on.get(),
                additional_information_1: a.additional_information_1.get(),
                zip_code: a.zip_code.get(),
                city: a.city.get(),
                state_or_district: a.state_or_district.get(),
                country_code: a.country_code.get(),
            },
            locale: self.locale.get(),
        }
    }
}
