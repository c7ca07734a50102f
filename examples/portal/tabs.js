// tabs.html's script: the editor is created when the customer opens the "Personal details"
// tab; with `?preload` the page preloads its code at once. `window.portal` is what
// `cargo xtask bench` drives and reads (`open()`, `openedAt`, `preloaded`).
import { preload } from '/customer-profile.js';

const TOKEN = 'sandbox-token-123456789'; // sandbox-only demo token of customer 123456789

const portal = {
  /** Settles once preload() has (with `?preload`); null without. */
  preloaded: new URLSearchParams(window.location.search).has('preload') ? preload() : null,
  /** When preload() resolved (performance.now()), if it was called. */
  preloadedAt: null,
  /** When the editor was created (performance.now()). */
  openedAt: null,
  /** Opens the tab: creates the editor. */
  open() {
    if (portal.openedAt !== null) return;
    const editor = document.createElement('customer-profile');
    editor.customerId = '123456789';
    editor.apiKey = 'sandbox-demo-api-key';
    editor.locale = 'en-GB';
    editor.getToken = () => Promise.resolve(TOKEN);
    portal.openedAt = performance.now();
    document.getElementById('details-tab').append(editor);
  },
};
window.portal = portal;
portal.preloaded?.then(() => { portal.preloadedAt = performance.now(); });

document.getElementById('open-details').addEventListener('click', (event) => {
  event.preventDefault();
  portal.open();
});
