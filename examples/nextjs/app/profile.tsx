'use client';
// The editor in a client component. Next.js renders it on the server too: importing the
// package there defines nothing and fetches nothing, and the server's HTML carries
// <customer-profile> with its attributes; in the browser the import defines the element,
// which upgrades that tag. Typed by `customer-profile/react`. `window.portal` is what the
// browser tests read (e2e/tests/bundlers.rs).
//
// React 19 sets no property and adds no `on…` listener of a custom element while it
// hydrates server-rendered markup (facebook/react#35446): the token getter and the
// listeners are set in a ref callback, which runs in both cases.
import type {} from 'customer-profile/react';
import 'customer-profile';
import type { CustomerProfileElement, DirtyChangeDetail } from 'customer-profile';
import { useCallback, useState } from 'react';

// Sandbox-only demo values (the sandbox's published credentials for customer 123456789).
const CUSTOMER_ID = '123456789';
const API_KEY = 'sandbox-demo-api-key';
const TOKEN = 'sandbox-token-123456789';

type Portal = { events: { type: string; detail: unknown }[]; cspViolations: string[] };
declare global {
  interface Window {
    portal: Portal;
  }
}

// In the browser only: this module is evaluated on the server too.
if (typeof window !== 'undefined') {
  window.portal = { events: [], cspViolations: [] };
  document.addEventListener('securitypolicyviolation', (e) => {
    window.portal.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
}

const EVENTS = ['loaded', 'dirty-change', 'saved', 'error'] as const;

export function Profile({ apiBaseUrl }: { apiBaseUrl: string }) {
  const [dirty, setDirty] = useState(false);
  const attach = useCallback((element: CustomerProfileElement | null) => {
    if (!element) return;
    element.getToken = () => Promise.resolve(TOKEN);
    const heard = (event: Event) => {
      const { type, detail } = event as CustomEvent;
      window.portal.events.push({ type, detail });
      if (type === 'customer-profile-dirty-change') {
        setDirty((detail as DirtyChangeDetail).dirty);
      }
    };
    for (const name of EVENTS) element.addEventListener(`customer-profile-${name}`, heard);
    return () => {
      for (const name of EVENTS) element.removeEventListener(`customer-profile-${name}`, heard);
    };
  }, []);
  return (
    <>
      {dirty && <p id="unsaved">You have unsaved changes.</p>}
      <customer-profile
        id="profile"
        ref={attach}
        customer-id={CUSTOMER_ID}
        api-key={API_KEY}
        api-base-url={apiBaseUrl}
        locale="en-GB"
        theme="light"
      />
    </>
  );
}
