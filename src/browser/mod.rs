//! What needs a browser but is no view: the host's token and event target ([`host`]), the
//! browser's `Intl` ([`intl`]), the catalogues of the UI's languages ([`catalogues`]) and
//! the panic alert ([`crash`]).

pub mod catalogues;
pub mod crash;
pub mod host;
pub mod intl;
