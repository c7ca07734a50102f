// A portal page as an Angular team writes it: a standalone component, the package from npm,
// built by @angular/build (esbuild). esbuild does not follow `new URL('./…', import.meta.url)`,
// so angular.json copies the package's wasm and worker into `customer-profile/` and the page
// says where they are with `setBasePath` (README "Embedding"). `window.portal` is what the
// browser tests read (e2e/tests/bundlers.rs).
import { setBasePath } from 'customer-profile';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideZonelessChangeDetection } from '@angular/core';
import { AppComponent } from './app/app.component';

declare global {
  interface Window {
    portal: { events: { type: string; detail: unknown }[]; cspViolations: string[] };
  }
}
window.portal = { events: [], cspViolations: [] };
document.addEventListener('securitypolicyviolation', (e) => {
  window.portal.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

// Resolved against the page's <base href>: /portal/customer-profile/.
setBasePath('customer-profile/');

bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch(
  (error) => console.error(error),
);
