// A portal page as a Vue 3 team writes it: the package from npm, built by Vite,
// <customer-profile> in a single-file component, typed by `customer-profile/vue`.
// `window.portal` is what the browser tests read (e2e/tests/bundlers.rs).
import 'customer-profile';
import { createApp } from 'vue';
import App from './App.vue';

declare global {
  interface Window {
    portal: { events: { type: string; detail: unknown }[]; cspViolations: string[] };
  }
}
window.portal = { events: [], cspViolations: [] };
document.addEventListener('securitypolicyviolation', (e) => {
  window.portal.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

createApp(App).mount('#app');
