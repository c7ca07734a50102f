//! What needs a browser but is no view: the host's token and event target ([`host`]), the
//! browser's `Intl` ([`intl`]) and the panic alert ([`crash`]).

pub mod crash;
pub mod host;
pub mod intl;
