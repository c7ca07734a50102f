//! Lost-update protection without server support (the API has no ETag): just before each
//! PATCH the app reads the profile again and compares three ways, field by field —
//! `original` (the baseline the form was loaded from), `mine` (the form) and `theirs` (the
//! profile as it is now):
//!
//! - changed only on the server: taken into the form (and the new baseline is `theirs`);
//! - changed on both sides to the same value: nothing to do;
//! - changed on both sides to different values: a [`Conflict`] the customer resolves;
//! - changed only in the form: sent, as `diff::patch_body(theirs, merged)`.
//!
//! Fields are compared as the PATCH sends them ([`normalise`]d texts; the phone list as a
//! whole, since the API replaces it whole).

use crate::domain::diff::{phones, render_phones};
use crate::domain::draft::{normalise, Draft, PHONES, TEXT_FIELDS};
use crate::domain::profile::Profile;

/// A field changed both in the form and on the server, to different values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// `"email"`, `"address.city"`, … or `"phones"`.
    pub path: &'static str,
    /// The value as loaded (normalised; `None` when empty).
    pub original: Option<String>,
    /// The value on the server now.
    pub theirs: Option<String>,
    /// The value in the form.
    pub mine: Option<String>,
}

/// The outcome of [`three_way`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    /// The form with every server-only change taken in; conflicting fields keep the form's
    /// value until resolved.
    pub draft: Draft,
    /// Paths of the fields taken from the server, in form order.
    pub taken: Vec<&'static str>,
    /// Fields to resolve before anything is sent, in form order.
    pub conflicts: Vec<Conflict>,
}

/// Merges the server's changes since `original` into `mine`.
pub fn three_way(original: &Profile, mine: &Draft, theirs: &Profile) -> Merge {
    let base = Draft::from_profile(original);
    let fresh = Draft::from_profile(theirs);
    let mut merge = Merge {
        draft: mine.clone(),
        taken: Vec::new(),
        conflicts: Vec::new(),
    };
    for (path, get) in TEXT_FIELDS {
        let o = normalise(get(&base));
        let (m, t) = (normalise(get(mine)), normalise(get(&fresh)));
        let owned = |v: Option<&str>| v.map(str::to_owned);
        match classify(o == t, o == m, m == t) {
            Side::Mine | Side::Same => {}
            Side::Theirs => {
                take(&mut merge.draft, &fresh, path);
                merge.taken.push(path);
            }
            Side::Conflict => merge.conflicts.push(Conflict {
                path,
                original: owned(o),
                theirs: owned(t),
                mine: owned(m),
            }),
        }
        if path == "email" {
            let (o, m, t) = (phones(&base), phones(mine), phones(&fresh));
            match classify(o == t, o == m, m == t) {
                Side::Mine | Side::Same => {}
                Side::Theirs => {
                    take(&mut merge.draft, &fresh, PHONES);
                    merge.taken.push(PHONES);
                }
                Side::Conflict => merge.conflicts.push(Conflict {
                    path: PHONES,
                    original: render_phones(&o),
                    theirs: render_phones(&t),
                    mine: render_phones(&m),
                }),
            }
        }
    }
    merge
}

/// Which side a field's value comes from.
enum Side {
    /// Unchanged on the server: the form's value (changed or not) stands.
    Mine,
    /// Changed only on the server.
    Theirs,
    /// Changed on both sides, to the same value.
    Same,
    Conflict,
}

fn classify(server_unchanged: bool, form_unchanged: bool, agree: bool) -> Side {
    match (server_unchanged, form_unchanged, agree) {
        (true, _, _) => Side::Mine,
        (false, true, _) => Side::Theirs,
        (false, false, true) => Side::Same,
        (false, false, false) => Side::Conflict,
    }
}

/// The fields (paths as in [`crate::domain::draft::form_paths`]) of `now` that are exactly as they
/// were `sent`: after a save, these show the profile read back, and fields typed into while
/// the save travelled keep what was typed.
pub fn untouched_since(sent: &Draft, now: &Draft) -> Vec<&'static str> {
    crate::domain::draft::form_paths()
        .filter(|path| match *path {
            PHONES => sent.phones == now.phones,
            _ => sent.text(path) == now.text(path),
        })
        .collect()
}

/// Sets the field at `path` (a [`TEXT_FIELDS`] path or [`PHONES`]) of `draft` to its value in
/// `theirs`: how a conflict is resolved as "keep theirs".
pub fn take(draft: &mut Draft, theirs: &Draft, path: &str) {
    if path == PHONES {
        draft.phones = theirs.phones.clone();
    } else if let (Some(field), Some(value)) = (draft.text_mut(path), theirs.text(path)) {
        value.clone_into(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::diff::patch_body;
    use crate::domain::draft::{example, PhoneDraft};
    use serde_json::{json, Value};

    fn with(profile: &Profile, edit: impl FnOnce(&mut Profile)) -> Profile {
        let mut p = profile.clone();
        edit(&mut p);
        p
    }

    #[test]
    fn nothing_changed_on_the_server_keeps_the_form_as_it_is() {
        let original = example();
        let mut mine = Draft::from_profile(&original);
        mine.first_name = "  Thomas ".into();
        let merge = three_way(&original, &mine, &original);
        assert_eq!(merge.draft, mine, "untrimmed, as typed");
        assert!(merge.taken.is_empty() && merge.conflicts.is_empty());
    }

    #[test]
    fn a_server_only_change_is_taken_and_not_sent() {
        let original = example();
        let theirs = with(&original, |p| {
            p.address.get_or_insert_with(Default::default).city = Some("Lyon".into());
        });
        let mut mine = Draft::from_profile(&original);
        mine.first_name = "Thomas".into();
        let merge = three_way(&original, &mine, &theirs);
        assert_eq!(merge.taken, ["address.city"]);
        assert!(merge.conflicts.is_empty());
        assert_eq!(merge.draft.address.city, "Lyon");
        assert_eq!(merge.draft.first_name, "Thomas");
        let body = Value::Object(patch_body(&theirs, &merge.draft).expect("a change is left"));
        assert_eq!(
            body,
            json!({"first_name": "Thomas"}),
            "only what the customer changed"
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict_and_nothing_is_sent() {
        let original = example();
        let theirs = with(&original, |p| p.email = Some("t@example.org".into()));
        let mut mine = Draft::from_profile(&original);
        mine.email = " t@example.org ".into();
        let merge = three_way(&original, &mine, &theirs);
        assert!(merge.taken.is_empty() && merge.conflicts.is_empty());
        assert_eq!(patch_body(&theirs, &merge.draft), None);
    }

    #[test]
    fn different_changes_on_both_sides_conflict_until_resolved() {
        let original = example();
        let theirs = with(&original, |p| {
            p.last_name = Some("Smyth".into());
            p.second_name = None;
        });
        let mut mine = Draft::from_profile(&original);
        mine.last_name = "Smithe".into();
        mine.second_name = "Jim".into();
        let merge = three_way(&original, &mine, &theirs);
        assert!(merge.taken.is_empty());
        assert_eq!(
            merge.conflicts,
            vec![
                Conflict {
                    path: "second_name",
                    original: Some("James".into()),
                    theirs: None,
                    mine: Some("Jim".into()),
                },
                Conflict {
                    path: "last_name",
                    original: Some("Smith".into()),
                    theirs: Some("Smyth".into()),
                    mine: Some("Smithe".into()),
                },
            ],
            "in form order, cleared values as None"
        );
        // Keep theirs for one, mine for the other: only mine is sent.
        let mut draft = merge.draft.clone();
        take(&mut draft, &Draft::from_profile(&theirs), "last_name");
        assert_eq!(draft.last_name, "Smyth");
        let body = Value::Object(patch_body(&theirs, &draft).expect("mine is sent"));
        assert_eq!(body, json!({"second_name": "Jim"}));
    }

    #[test]
    fn the_phone_list_merges_as_a_whole() {
        let original = example();
        let phone = |n: &str, kind: &str| crate::domain::profile::Phone {
            number: Some(n.into()),
            kind: Some(kind.into()),
        };
        let theirs = with(&original, |p| {
            p.phones
                .get_or_insert_with(Vec::new)
                .push(phone("0145678900", "HOME"));
        });
        // Unchanged in the form: taken.
        let mine = Draft::from_profile(&original);
        let merge = three_way(&original, &mine, &theirs);
        assert_eq!(merge.taken, [PHONES]);
        assert_eq!(merge.draft.phones.len(), 2);
        // Changed in the form too: a conflict showing both lists.
        let mut mine = Draft::from_profile(&original);
        mine.phones.push(PhoneDraft {
            number: "0700000000".into(),
            kind: "WORK".into(),
        });
        let merge = three_way(&original, &mine, &theirs);
        assert_eq!(merge.conflicts.len(), 1);
        let conflict = &merge.conflicts[0];
        assert_eq!(conflict.path, PHONES);
        assert_eq!(
            conflict.theirs.as_deref(),
            Some("0623456789 (MOBILE), 0145678900 (HOME)")
        );
        assert_eq!(
            conflict.mine.as_deref(),
            Some("0623456789 (MOBILE), 0700000000 (WORK)")
        );
        let mut draft = merge.draft.clone();
        take(&mut draft, &Draft::from_profile(&theirs), PHONES);
        assert_eq!(
            patch_body(&theirs, &draft),
            None,
            "keeping theirs sends nothing"
        );
    }

    #[test]
    fn fields_typed_into_during_a_save_are_not_untouched() {
        let sent = Draft::from_profile(&example());
        let mut now = sent.clone();
        now.address.city = "Lyon".into();
        now.phones[0].kind = "HOME".into();
        let untouched = untouched_since(&sent, &now);
        assert!(!untouched.contains(&"address.city") && !untouched.contains(&PHONES));
        assert!(untouched.contains(&"first_name") && untouched.contains(&"address.street"));
        assert_eq!(untouched.len(), TEXT_FIELDS.len() - 1);
    }

    #[test]
    fn whitespace_only_differences_are_not_changes() {
        let original = example();
        let theirs = with(&original, |p| p.first_name = Some(" Tom ".into()));
        let mut mine = Draft::from_profile(&original);
        mine.first_name = "Tom  ".into();
        let merge = three_way(&original, &mine, &theirs);
        assert!(merge.taken.is_empty() && merge.conflicts.is_empty());
    }

    // --- fuzzing (`cargo xtask fuzz` runs every `fuzz_` property for longer) ---
    // (Natively only: proptest is not built for wasm32.)
    #[cfg(not(target_arch = "wasm32"))]
    mod fuzz {
        use super::*;

        use proptest::prelude::*;
        use serde_json::Map;

        /// A draft whose fields each take one of a few values (so that sides often agree).
        fn small_draft() -> impl Strategy<Value = Draft> {
            let text = prop::sample::select(vec!["", "a", " a ", "b", "Lyon"]);
            let phones = prop::sample::select(vec![
                vec![],
                vec![("0623456789", "MOBILE")],
                vec![("0623456789 ", "MOBILE")],
                vec![("0623456789", "MOBILE"), ("0145678900", "HOME")],
            ]);
            (prop::collection::vec(text, TEXT_FIELDS.len()), phones).prop_map(|(texts, phones)| {
                let mut draft = Draft::default();
                for ((path, _), value) in TEXT_FIELDS.iter().zip(texts) {
                    if let Some(field) = draft.text_mut(path) {
                        *field = value.to_owned();
                    }
                }
                draft.phones = phones
                    .into_iter()
                    .map(|(number, kind)| PhoneDraft {
                        number: number.into(),
                        kind: kind.into(),
                    })
                    .collect();
                draft
            })
        }

        /// The profile the API would send for `draft` (empty texts as null).
        fn profile(draft: &Draft) -> Profile {
            let mut top = Map::new();
            let mut address = Map::new();
            for (path, get) in TEXT_FIELDS {
                let value = normalise(get(draft)).map_or(Value::Null, Value::from);
                match path.strip_prefix("address.") {
                    Some(member) => address.insert(member.to_owned(), value),
                    None => top.insert(path.to_owned(), value),
                };
            }
            let phones: Vec<Value> = draft
                .phones
                .iter()
                .map(|p| json!({"number": p.number.trim(), "type": p.kind}))
                .collect();
            top.insert("address".into(), Value::Object(address));
            top.insert("phones".into(), Value::from(phones));
            Profile::decode(&Value::Object(top).to_string()).expect("a generated profile decodes")
        }

        /// Every field path the merge compares.
        fn paths() -> impl Iterator<Item = &'static str> {
            crate::domain::draft::form_paths()
        }

        fn value(draft: &Draft, path: &str) -> Vec<String> {
            match path {
                PHONES => phones(draft)
                    .iter()
                    .map(|(n, k)| format!("{n} {k}"))
                    .collect(),
                _ => draft
                    .text(path)
                    .and_then(normalise)
                    .map(str::to_owned)
                    .into_iter()
                    .collect(),
            }
        }

        proptest! {
            #![proptest_config(crate::domain::fuzzing::config())]

            /// Field by field: taken exactly when changed only elsewhere, a conflict exactly when
            /// changed differently on both sides; and whatever the customer then chooses, the
            /// PATCH never carries a field the customer did not change — no lost update.
            #[test]
            fn fuzz_the_merge_never_overwrites_a_change_made_elsewhere(
                (o, m, t, keep_theirs) in (small_draft(), small_draft(), small_draft(), any::<bool>())
            ) {
                let (original, theirs) = (profile(&o), profile(&t));
                let (o, t) = (Draft::from_profile(&original), Draft::from_profile(&theirs));
                let merge = three_way(&original, &m, &theirs);
                for path in paths() {
                    let (vo, vm, vt) = (value(&o, path), value(&m, path), value(&t, path));
                    let taken = merge.taken.contains(&path);
                    let conflict = merge.conflicts.iter().any(|c| c.path == path);
                    prop_assert_eq!(taken, vo != vt && vo == vm, "{} taken", path);
                    prop_assert_eq!(conflict, vo != vt && vo != vm && vm != vt, "{} conflict", path);
                    let merged = value(&merge.draft, path);
                    prop_assert_eq!(&merged, if taken { &vt } else { &vm }, "{} merged", path);
                }
                let mut draft = merge.draft.clone();
                for c in &merge.conflicts {
                    if keep_theirs {
                        take(&mut draft, &t, c.path);
                    }
                }
                if let Some(body) = patch_body(&theirs, &draft) {
                    for (key, _) in &body {
                        let changed_by_customer = paths()
                            .filter(|p| p.split('.').next() == Some(key.as_str()))
                            .any(|p| value(&m, p) != value(&o, p));
                        prop_assert!(changed_by_customer, "{} sent but not changed", key);
                    }
                }
            }

            #[test]
            fn fuzz_nothing_changed_elsewhere_means_nothing_to_merge(
                (o, m) in (small_draft(), small_draft())
            ) {
                let original = profile(&o);
                let merge = three_way(&original, &m, &original);
                prop_assert_eq!(merge.draft, m);
                prop_assert!(merge.taken.is_empty() && merge.conflicts.is_empty());
            }
        }
    }
}
