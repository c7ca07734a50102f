//! Stand-in for `wasm-streams` 0.5 (see README.md): the API server_fn uses, without the
//! JavaScript exports. Nothing here is called by customer-profile.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::stream::Stream;
use wasm_bindgen::JsValue;

/// The raw types, as in the real crate.
pub mod readable {
    pub use super::{IntoStream, ReadableStream};

    /// The JavaScript side.
    pub mod sys {
        pub use web_sys::ReadableStream;
    }
}

/// A JavaScript `ReadableStream` seen from Rust.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    /// Wraps a JavaScript stream.
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// Would turn a Rust stream into a JavaScript one: here an empty JavaScript stream
    /// (the exports that do it are what this stand-in leaves out).
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        let raw = web_sys::ReadableStream::new().unwrap_or_else(|_| JsValue::NULL.into());
        Self { raw }
    }

    /// The JavaScript stream.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Would read the JavaScript stream from Rust: here one error, then the end — never a
    /// silently empty body.
    pub fn into_stream(self) -> IntoStream<'static> {
        IntoStream {
            failed: false,
            _lifetime: PhantomData,
        }
    }
}

/// What [`ReadableStream::into_stream`] returns: one error, then the end.
pub struct IntoStream<'a> {
    failed: bool,
    _lifetime: PhantomData<&'a ()>,
}

impl Stream for IntoStream<'_> {
    type Item = Result<JsValue, JsValue>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.failed {
            return Poll::Ready(None);
        }
        self.failed = true;
        let error = JsValue::from_str("customer-profile: streamed bodies are not built in");
        Poll::Ready(Some(Err(error)))
    }
}
