// A portal page built with webpack 5, mounting the editor with the package's JavaScript API.
// `window.portal` is what the browser tests read (e2e/tests/bundlers.rs). Runs under the
// sandbox's strict CSP.
import { mount } from 'customer-profile';

// Sandbox-only demo token of customer 123456789.
const TOKEN = 'sandbox-token-123456789';

const portal = { events: [], cspViolations: [], handle: null };
window.portal = portal;
document.addEventListener('securitypolicyviolation', (e) => {
  portal.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
const heard = (type) => (detail) => portal.events.push({ type: `customer-profile-${type}`, detail });

portal.handle = mount(document.getElementById('profile'), {
  customerId: '123456789',
  apiKey: 'sandbox-demo-api-key',
  apiBaseUrl: window.location.origin,
  locale: 'en-GB',
  theme: 'light',
  getToken: () => Promise.resolve(TOKEN),
  onLoaded: heard('loaded'),
  onDirtyChange: heard('dirty-change'),
  onSaved: heard('saved'),
  onError: heard('error'),
});
