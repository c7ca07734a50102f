// A portal page as a React + TypeScript team writes it: the package from npm, built by Vite,
// <customer-profile> in TSX, typed by `customer-profile/react`. `window.portal` is what the
// browser tests read (e2e/tests/bundlers.rs). Runs under the sandbox's strict CSP.
import type {} from 'customer-profile/react';
import { preload, type CustomerProfileElement, type SavedDetail } from 'customer-profile';
import { StrictMode, useCallback, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

// Sandbox-only demo values (the sandbox's published credentials for customer 123456789).
const CUSTOMER_ID = '123456789';
const API_KEY = 'sandbox-demo-api-key';
const TOKEN = 'sandbox-token-123456789';

declare global {
  interface Window {
    portal: { events: { type: string; detail: unknown }[]; cspViolations: string[] };
  }
}
const portal: Window['portal'] = { events: [], cspViolations: [] };
window.portal = portal;
document.addEventListener('securitypolicyviolation', (e) => {
  portal.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

/** The token getter: one stable function, so React never sets the property again. */
const getToken = () => Promise.resolve(TOKEN);

function App() {
  const editor = useRef<CustomerProfileElement>(null);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState<string[]>([]);
  const heard = useCallback((event: CustomEvent) => {
    portal.events.push({ type: event.type, detail: event.detail });
  }, []);
  return (
    <main>
      <h1>Your details {dirty && <span id="unsaved">(unsaved)</span>}</h1>
      <nav>
        <a href="#profile" onPointerEnter={() => void preload()}>My profile</a>
      </nav>
      <customer-profile
        id="profile"
        ref={editor}
        customerId={CUSTOMER_ID}
        apiKey={API_KEY}
        apiBaseUrl={window.location.origin}
        locale="en-GB"
        theme="light"
        getToken={getToken}
        oncustomer-profile-loaded={heard}
        oncustomer-profile-dirty-change={(e) => {
          heard(e);
          setDirty(e.detail.dirty);
        }}
        oncustomer-profile-saved={(e: CustomEvent<SavedDetail>) => {
          heard(e);
          setSaved(e.detail.fields);
        }}
        oncustomer-profile-error={heard}
      />
      {saved.length > 0 && <p id="saved">Saved: {saved.join(', ')}</p>}
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
