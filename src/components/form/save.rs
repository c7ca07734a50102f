//! The save flow, top to bottom: read the profile as it is now, merge it three ways into the
//! form (changes saved elsewhere are taken, conflicts stop here), send the minimal PATCH,
//! read the profile back as the new baseline. A plain `async fn` run by the form's
//! `Action`; what the customer is told is decided from the [`SaveOutcome`] it returns.

use leptos::prelude::*;

use super::context::FormCtx;
use super::state::{apply, FormData};
use crate::api::{self, Session};
use crate::domain::api_error::ApiError;
use crate::domain::diff::{patch_body, sent_members};
use crate::domain::draft::{AddressDraft, Draft};
use crate::domain::merge::{three_way, untouched_since, Conflict};
use crate::domain::validation::Problem;

/// The error code with which the API refuses an address it cannot verify.
const ADDRESS_UNKNOWN: &str = "ADDRESS_UNKNOWN";

/// What the save flow updates on its way, besides the form and its baseline.
#[derive(Clone, Copy)]
pub struct SaveState {
    pub ctx: FormCtx,
    /// Fields taken from changes saved elsewhere (announced).
    pub taken: RwSignal<Vec<&'static str>>,
    /// Conflicts to resolve before anything is sent.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// The server's values, for "keep the saved value".
    pub theirs: StoredValue<Draft>,
    /// The address the customer chose to keep although the API does not know it, when that
    /// save did not go out: a later save of that same address keeps it too.
    pub keep_unverified: StoredValue<Option<AddressDraft>>,
}

/// How one save ended.
#[derive(Clone, Debug)]
pub enum SaveOutcome {
    /// Sent and read back; the members sent (for `customer-profile-saved`).
    Saved(Vec<&'static str>),
    /// The profile already held what the form says: nothing was sent.
    NothingToSend,
    /// Sent, but the profile could not be read back.
    SavedNotReloaded,
    /// Changed both here and elsewhere: nothing was sent.
    Conflicts,
    /// The API does not know the address; keeping it saves again, forced.
    AddressUnknown(ApiError),
    /// The API refused fields: (JSON path, message).
    FieldErrors(ApiError, Vec<(String, String)>),
    /// The save failed; the edits are still in the form.
    Failed(ApiError),
    /// The form was removed while the save travelled.
    Gone,
}

impl SaveOutcome {
    /// The failed call to tell the host about, if any.
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            SaveOutcome::AddressUnknown(e)
            | SaveOutcome::FieldErrors(e, _)
            | SaveOutcome::Failed(e) => Some(e),
            _ => None,
        }
    }
}

/// Saves the form; `force` keeps an address the API does not know.
pub async fn run(state: SaveState, session: Session, force: bool) -> SaveOutcome {
    let ctx = state.ctx;
    // 1. The profile as it is now.
    let fresh = match api::get_profile(&session).await {
        Ok(fresh) => fresh,
        Err(error) => return SaveOutcome::Failed(error),
    };
    // 2. Merged three ways: what was loaded, the form, the profile now.
    let Some(mine) = ctx.store.try_with_untracked(FormData::to_draft) else {
        return SaveOutcome::Gone;
    };
    let Some(merge) = ctx
        .baseline
        .try_with_untracked(|b| three_way(b, &mine, &fresh))
    else {
        return SaveOutcome::Gone;
    };
    for path in &merge.taken {
        apply(ctx.store, path, &merge.draft);
    }
    if !merge.taken.is_empty() {
        state.taken.try_update(|t| {
            for path in &merge.taken {
                if !t.contains(path) {
                    t.push(path);
                }
            }
        });
    }
    state.theirs.try_set_value(Draft::from_profile(&fresh));
    let body = patch_body(&fresh, &merge.draft);
    ctx.baseline.try_set(fresh);
    if !merge.conflicts.is_empty() {
        // The address as the customer chose to keep it (not with fields just taken from
        // elsewhere: those make it another address).
        state
            .keep_unverified
            .try_set_value(force.then_some(mine.address));
        state.conflicts.try_set(merge.conflicts);
        return SaveOutcome::Conflicts;
    }
    let Some(body) = body else {
        return SaveOutcome::NothingToSend;
    };
    // 3. The minimal PATCH.
    if let Err(error) = api::patch_profile(&session, &body, force).await {
        return refusal(error, ctx);
    }
    // 4. The profile read back is the new baseline. Fields typed into while the save
    // travelled keep what was typed; the others show the profile as read back.
    let Ok(profile) = api::get_profile(&session).await else {
        return SaveOutcome::SavedNotReloaded;
    };
    let Some(now) = ctx.store.try_with_untracked(FormData::to_draft) else {
        return SaveOutcome::Gone;
    };
    let read_back = Draft::from_profile(&profile);
    for path in untouched_since(&merge.draft, &now) {
        apply(ctx.store, path, &read_back);
    }
    ctx.baseline.try_set(profile);
    SaveOutcome::Saved(sent_members(&body))
}

/// What a refused PATCH means for the form.
fn refusal(error: ApiError, ctx: FormCtx) -> SaveOutcome {
    let errors = match &error {
        ApiError::BadRequest(Some(problem)) => &problem.errors[..],
        _ => &[],
    };
    if errors
        .iter()
        .any(|e| e.code.as_deref() == Some(ADDRESS_UNKNOWN))
    {
        return SaveOutcome::AddressUnknown(error);
    }
    // The API's own words when it speaks the UI's language; otherwise the app's message
    // for what the code means (or its general one).
    let lang = ctx.lang();
    let api_speaks_ui = lang.api_language() == lang;
    let words = ctx.words();
    let fields: Vec<(String, String)> = errors
        .iter()
        .filter_map(|e| {
            let own = e.code.as_deref().and_then(Problem::from_code);
            let message = match (&e.message, own) {
                (Some(theirs), _) if api_speaks_ui => theirs.clone(),
                (_, Some(problem)) => problem.message(words).to_owned(),
                _ => words.error_bad_request.to_owned(),
            };
            e.field.clone().map(|f| (f, message))
        })
        .collect();
    if fields.is_empty() {
        SaveOutcome::Failed(error)
    } else {
        SaveOutcome::FieldErrors(error, fields)
    }
}
