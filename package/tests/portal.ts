// A portal's TypeScript, as a team would write it: `tsc --strict` must accept it against the
// package's declarations (`cargo xtask types`, or the package suite of `cargo xtask test`).
import {
  CustomerProfileElement,
  mount,
  preload,
  setBasePath,
  type ErrorDetail,
  type MountOptions,
  type ProfileHandle,
  type States,
  type Theme,
} from 'customer-profile';

setBasePath('/assets/customer-profile/');
setBasePath(new URL('https://cdn.example.com/customer-profile/'));
setBasePath(null);
await preload();

const log: string[] = [];
const container = document.createElement('div');
document.body.append(container);
const options: MountOptions = {
  customerId: '123456789',
  apiBaseUrl: 'https://api.example.com',
  apiKey: 'key',
  locale: 'fr-FR',
  theme: 'dark',
  getToken: async ({ forceRefresh }) => (forceRefresh ? 'fresh-token' : 'token'),
  onLoaded: ({ customerId }) => log.push(customerId.toUpperCase()),
  onDirtyChange: ({ dirty }) => log.push(dirty ? 'dirty' : 'clean'),
  onSaved: (detail) => log.push(detail.fields.join(',')),
  onAuthRequired: () => log.push('sign in again'),
  onError: (detail: ErrorDetail) => log.push(`${detail.status ?? 'offline'} ${detail.code}`),
  onStateChange: (states: States) => log.push(String(states.dirty || states.saving || states.error)),
};
const handle: ProfileHandle = mount(container, options);
await handle.mounted;
handle.update({ locale: 'fr' });
handle.update({ theme: 'light', messages: { save: 'Enregistrer' } });
handle.update({ messages: { fr: { save: 'Enregistrer' } } });
const element = document.createElement('customer-profile');
element.messages = { save: 'Save my details', de: { save: 'Meine Daten speichern' } };
const unsaved: boolean = handle.isDirty();
handle.reload();
handle.unmount();

// A numeric customer id is fine in mount() options (formatted as JavaScript does).
mount(document.createElement('section'), { customerId: 42, apiKey: 'key', getToken: () => 'token' });

const found = document.querySelector('customer-profile');
if (found) {
  found.customerId = '123';
  found.apiBaseUrl = '';
  found.apiKey = 'key';
  found.locale = 'de-DE';
  const theme: Theme = found.theme;
  found.theme = theme === 'dark' ? 'light' : 'auto';
  const dirty: boolean = found.dirty || found.isDirty() || unsaved;
  log.push(String(dirty));
  found.getToken = () => Promise.resolve('token');
  found.reload();
  found.addEventListener('customer-profile-saved', (e) => log.push(e.detail.fields.join()));
  found.addEventListener('customer-profile-dirty-change', (e) => log.push(String(e.detail.dirty)));
  found.addEventListener('customer-profile-loaded', (e) => log.push(e.detail.customerId));
  found.addEventListener('customer-profile-auth-required', (e) => log.push(e.type));
  found.addEventListener('customer-profile-error', (e) => log.push(e.detail.code));
}

// HTMLElementTagNameMap: createElement knows the element's class.
const created = document.createElement('customer-profile');
created.customerId = '200000002';
const isElement: boolean = created instanceof CustomerProfileElement;
log.push(String(isElement));
