'use client';
// customer-profile/react — <CustomerProfile>, the editor as a React 19 component, for pages
// that React renders on the server and hydrates (Next.js, Remix): React sets no property and
// adds no listener of a custom element while it hydrates server-rendered markup
// (facebook/react#35446), so a `getToken` or `oncustomer-profile-*` prop on
// <customer-profile> itself would never arrive there. This component renders the element
// with its attributes (which the server's HTML carries), and sets the token getter and the
// wording overrides as properties and the event listeners in effects, which run after
// hydration as after a client render — what `@lit/react`'s createComponent does for Lit
// elements; written here because that package wraps Lit classes and this element is none.
import { createElement, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import './customer-profile.js';

/** Each event prop and the event it listens to. */
const EVENTS = {
  onLoaded: 'customer-profile-loaded',
  onDirtyChange: 'customer-profile-dirty-change',
  onSaved: 'customer-profile-saved',
  onAuthRequired: 'customer-profile-auth-required',
  onError: 'customer-profile-error',
};

/** Each property prop and the attribute it is rendered as (on the server too). */
const ATTRIBUTES = {
  customerId: 'customer-id',
  apiBaseUrl: 'api-base-url',
  apiKey: 'api-key',
  locale: 'locale',
  theme: 'theme',
};

/** useLayoutEffect in the browser (set before the first paint); nothing runs on a server. */
const useBrowserLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

/**
 * <CustomerProfile customerId apiKey getToken …/>: the props of <customer-profile> (its
 * attributes as camelCase props, `getToken`, `messages`), the events as `onLoaded`,
 * `onDirtyChange`, `onSaved`, `onAuthRequired`, `onError` (each gets the CustomEvent), `ref`
 * (the element) and any other prop of an HTML element (`id`, `className`, …).
 */
export function CustomerProfile({ getToken, messages, ref, ...props }) {
  const element = useRef(null);
  const handlers = useRef({});
  const events = {};
  const rendered = {};
  for (const [name, value] of Object.entries(props)) {
    if (name in EVENTS) events[name] = value;
    else if (name in ATTRIBUTES) rendered[ATTRIBUTES[name]] = value;
    else rendered[name] = value;
  }
  // The listeners call the handlers of the last render.
  useBrowserLayoutEffect(() => {
    handlers.current = events;
  });
  useBrowserLayoutEffect(() => {
    element.current.getToken = getToken ?? null;
  }, [getToken]);
  useBrowserLayoutEffect(() => {
    element.current.messages = messages;
  }, [messages]);
  useEffect(() => {
    const target = element.current;
    const listeners = Object.entries(EVENTS).map(([name, type]) => {
      const listener = (event) => handlers.current[name]?.(event);
      target.addEventListener(type, listener);
      return [type, listener];
    });
    return () => {
      for (const [type, listener] of listeners) target.removeEventListener(type, listener);
    };
  }, []);
  const attach = useCallback((node) => {
    element.current = node;
    if (typeof ref === 'function') return ref(node);
    if (ref) ref.current = node;
    return undefined;
  }, [ref]);
  return createElement('customer-profile', { ...rendered, ref: attach });
}
