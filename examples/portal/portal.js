// The portal's own script: a fake in-memory sign-in, the widget's token getter, an event log
// and a second widget mounted with the JavaScript API. `window.portal` is what browser tests
// drive (see README.md). Runs under the sandbox's strict CSP: DOM APIs and textContent only.

const SIGNED_IN = 'sandbox-token-123456789'; // sandbox-only demo token of customer 123456789
const EXPIRED = 'sandbox-token-expired'; // the sandbox answers 401 TOKEN_EXPIRED for it
const ENTRY = '/customer-profile.js'; // the widget's stable entry module, same origin
const EVENTS = ['loaded', 'dirty-change', 'saved', 'auth-required', 'error'];

const $ = (id) => document.getElementById(id);
const profile = $('profile');

const portal = {
  token: SIGNED_IN,
  tokenRequests: [],
  events: [],
  cspViolations: [],
  callbacks: [],
  second: null,
  setToken(token) {
    portal.token = token;
    $('session-status').textContent = token === EXPIRED ? 'Session expired' : 'Signed in';
  },
  signIn() {
    portal.setToken(SIGNED_IN);
    $('session-banner').hidden = true;
  },
  expire() {
    portal.setToken(EXPIRED);
  },
  /** Mounts a second editor (agent view, French) with the JS API; resolves to its handle. */
  async mountSecond(customerId = '200000002') {
    const { mount } = await import(ENTRY);
    portal.unmountSecond();
    const container = document.createElement('div');
    container.id = 'second';
    $('agent-view').append(container);
    portal.second = mount(container, {
      customerId,
      apiKey: 'sandbox-demo-api-key',
      locale: 'fr-FR',
      getToken: () => Promise.resolve('sandbox-agent-token'),
      // The JS API's callbacks, the same details as the events.
      onLoaded: (detail) => called('onLoaded', detail),
      onDirtyChange: (detail) => called('onDirtyChange', detail),
      onSaved: (detail) => called('onSaved', detail),
      onAuthRequired: (detail) => called('onAuthRequired', detail),
      onError: (detail) => called('onError', detail),
      onStateChange: (states) => called('onStateChange', states),
    });
    return portal.second;
  },
  unmountSecond() {
    if (!portal.second) return;
    portal.second.unmount();
    portal.second.free?.(); // release the wasm-side handle, as the element does
    $('second')?.remove();
    portal.second = null;
  },
};
window.portal = portal;

/** Records one call of a `mount()` callback of the second editor. */
function called(name, detail) {
  portal.callbacks.push({ name, detail: JSON.parse(JSON.stringify(detail ?? null)) });
}

// First thing: the token getter (the element mounts once it has one). A real portal would
// refresh its session on forceRefresh; this one answers with its current token after 50 ms.
profile.getToken = ({ forceRefresh = false } = {}) => {
  portal.tokenRequests.push({ forceRefresh: Boolean(forceRefresh) });
  const token = portal.token;
  return new Promise((resolve) => setTimeout(resolve, 50, token));
};

document.addEventListener('securitypolicyviolation', (e) => {
  portal.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
});

for (const name of EVENTS) {
  document.addEventListener(`customer-profile-${name}`, (event) => {
    const entry = {
      type: event.type,
      detail: JSON.parse(JSON.stringify(event.detail ?? null)),
      target: event.target.id || event.target.tagName,
    };
    portal.events.push(entry);
    const item = document.createElement('li');
    item.textContent = `${entry.target}: ${name} ${JSON.stringify(entry.detail)}`;
    $('event-log').append(item);
    if (name === 'auth-required') $('session-banner').hidden = false;
  });
}

/** Wires a link styled as a button: click or Space runs `action` (Enter clicks natively). */
function action(id, run) {
  const link = $(id);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    run();
  });
  link.addEventListener('keydown', (e) => {
    if (e.key !== ' ') return;
    e.preventDefault();
    run();
  });
}

action('expire-link', () => portal.expire());
action('sign-in-link', () => portal.signIn());
action('banner-sign-in', () => {
  portal.signIn();
  profile.reload?.();
});
action('mount-second', () => portal.mountSecond());
action('unmount-second', () => portal.unmountSecond());
