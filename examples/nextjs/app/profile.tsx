'use client';
// The editor in a client component, as `<CustomerProfile>` from `customer-profile/react`.
// Next.js renders it on the server too: importing the package there defines nothing and
// fetches nothing, and the server's HTML carries <customer-profile> with its attributes; in
// the browser the import defines the element, which upgrades that tag. The component sets
// the token getter and the listeners once hydrated (React 19 sets no property of a custom
// element while it hydrates). `window.portal` is what the browser tests read
// (e2e/tests/bundlers.rs).
import type { SavedDetail } from 'customer-profile';
import { CustomerProfile } from 'customer-profile/react';
import { useState } from 'react';

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

const getToken = () => Promise.resolve(TOKEN);

function heard(event: CustomEvent) {
  window.portal.events.push({ type: event.type, detail: event.detail });
}

export function Profile({ apiBaseUrl }: { apiBaseUrl: string }) {
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState<string[]>([]);
  return (
    <>
      {dirty && <p id="unsaved">You have unsaved changes.</p>}
      <CustomerProfile
        id="profile"
        customerId={CUSTOMER_ID}
        apiKey={API_KEY}
        apiBaseUrl={apiBaseUrl}
        locale="en-GB"
        theme="light"
        getToken={getToken}
        onLoaded={heard}
        onDirtyChange={(event) => {
          heard(event);
          setDirty(event.detail.dirty);
        }}
        onSaved={(event: CustomEvent<SavedDetail>) => {
          heard(event);
          setSaved(event.detail.fields);
        }}
        onError={heard}
      />
      {saved.length > 0 && <p id="saved">Saved: {saved.join(', ')}</p>}
    </>
  );
}
