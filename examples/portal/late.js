// late.html's script: a portal that configures <customer-profile> through its properties
// while the element is still undefined (a plain HTMLElement: the properties land on the
// instance), then loads the widget's entry. `window.portal` is what browser tests read.

const ENTRY = '/customer-profile.js'; // the widget's stable entry module, same origin
const EVENTS = ['loaded', 'dirty-change', 'saved', 'auth-required', 'error'];
const TOKEN = 'sandbox-token-123456789'; // sandbox-only demo token of customer 123456789

const $ = (id) => document.getElementById(id);
const profile = $('profile');

const portal = {
  events: [],
  cspViolations: [],
  /** Whether <customer-profile> was defined when this script set the properties. */
  definedFirst: Boolean(customElements.get('customer-profile')),
  /** Resolves once the entry module is loaded (the element defined and upgraded). */
  entry: null,
};
window.portal = portal;

document.addEventListener('securitypolicyviolation', (e) => {
  portal.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
});
for (const name of EVENTS) {
  document.addEventListener(`customer-profile-${name}`, (event) => {
    const entry = { type: event.type, detail: JSON.parse(JSON.stringify(event.detail ?? null)) };
    portal.events.push(entry);
    const item = document.createElement('li');
    item.textContent = `${name} ${JSON.stringify(entry.detail)}`;
    $('event-log').append(item);
  });
}

// Properties only, no attributes: what a framework that sets properties does.
profile.customerId = '123456789';
profile.apiKey = 'sandbox-demo-api-key';
profile.locale = 'fr-FR';
profile.theme = 'dark';
profile.getToken = () => Promise.resolve(TOKEN);

portal.entry = import(ENTRY);
