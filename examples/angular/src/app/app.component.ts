import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { DirtyChangeDetail, GetToken, SavedDetail } from 'customer-profile';

// Sandbox-only demo values (the sandbox's published credentials for customer 123456789).
const TOKEN = 'sandbox-token-123456789';

/** The portal's profile page: <customer-profile> with bound properties and events. */
@Component({
  selector: 'portal-root',
  // <customer-profile> is a custom element: Angular checks no bindings on it.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Your details @if (dirty()) { <span id="unsaved">(unsaved)</span> }</h1>
      <customer-profile
        id="profile"
        [customerId]="customerId"
        [apiKey]="apiKey"
        [apiBaseUrl]="apiBaseUrl"
        locale="en-GB"
        theme="light"
        [getToken]="getToken"
        (customer-profile-loaded)="heard($event)"
        (customer-profile-dirty-change)="onDirtyChange($event)"
        (customer-profile-saved)="onSaved($event)"
        (customer-profile-error)="heard($event)"
      ></customer-profile>
      @if (saved().length) { <p id="saved">Saved: {{ saved().join(', ') }}</p> }
    </main>
  `,
})
export class AppComponent {
  readonly customerId = '123456789';
  readonly apiKey = 'sandbox-demo-api-key';
  readonly apiBaseUrl = window.location.origin;
  readonly getToken: GetToken = () => Promise.resolve(TOKEN);
  readonly dirty = signal(false);
  readonly saved = signal<string[]>([]);

  heard(event: Event) {
    const { type, detail } = event as CustomEvent;
    window.portal.events.push({ type, detail });
  }

  onDirtyChange(event: Event) {
    this.heard(event);
    this.dirty.set((event as CustomEvent<DirtyChangeDetail>).detail.dirty);
  }

  onSaved(event: Event) {
    this.heard(event);
    this.saved.set((event as CustomEvent<SavedDetail>).detail.fields);
  }
}
