// customer-profile — the stable entry module (written by `cargo xtask` after each build; do
// not edit the copy in dist/). Portals load this one URL (short cache); it loads the
// content-hashed files next to it, checks the wasm and the CSS against their SRI hashes,
// defines the <customer-profile> element and exports `mount` for the JavaScript API.
import init, { mount as mountInContainer } from './{{JS}}';

// Resolved against this module, not the page: works from any base path and on any portal.
const asset = (name) => new URL(name, import.meta.url).href;
const CSS = asset('./{{CSS}}');

/** Resolves once the WebAssembly module is ready (its integrity checked). */
export const ready = init({
  module_or_path: fetch(asset('./{{WASM}}'), { integrity: '{{WASM_SRI}}' }),
});

/**
 * Mounts the profile editor in a shadow root of `element`, so the page's CSS cannot restyle
 * it and its CSS does not leak out. `options`: customerId, apiBaseUrl, apiKey, locale and
 * getToken({ forceRefresh }) => Promise<string>. Returns at once a handle with unmount(),
 * isDirty(), reload() and `mounted` (a Promise that rejects on bad options).
 */
export function mount(element, options) {
  if (!(element instanceof HTMLElement)) {
    throw new TypeError('customer-profile: mount(element, options) needs an HTML element');
  }
  if (typeof options?.getToken !== 'function') {
    throw new TypeError('customer-profile: option `getToken` must be a function ({ forceRefresh }) => Promise<string>');
  }
  for (const key of ['customerId', 'apiKey']) {
    if (!String(options[key] ?? '').trim()) {
      throw new TypeError(`customer-profile: option \`${key}\` is required`);
    }
  }
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = CSS;
  link.integrity = '{{CSS_SRI}}';
  link.crossOrigin = 'anonymous';
  const styled = new Promise((done) => { link.onload = link.onerror = done; });
  const container = document.createElement('div');
  container.className = 'cp-host';
  root.replaceChildren(link, container);
  let inner = null;
  let gone = false;
  const handle = {
    mounted: Promise.all([ready, styled]).then(() => {
      if (!gone) inner = mountInContainer(container, options);
    }),
    /** Removes the editor: its DOM, listeners and state. */
    unmount() {
      gone = true;
      if (inner) { inner.unmount(); inner.free(); inner = null; }
      root.replaceChildren();
    },
    /** Whether the customer has unsaved edits. */
    isDirty() { return inner ? inner.isDirty() : false; },
    /** Retries what failed (with a fresh token), or reads the profile again. */
    reload() { inner?.reload(); },
  };
  return handle;
}

/**
 * <customer-profile customer-id api-base-url api-key locale>: set the token getter as a
 * property, `element.getToken = ({ forceRefresh }) => Promise<string>`. The editor mounts
 * once the element is connected and has a token getter, and unmounts when it is removed.
 */
class CustomerProfileElement extends HTMLElement {
  static observedAttributes = ['customer-id', 'api-base-url', 'api-key', 'locale'];
  #getToken = null;
  #handle = null;

  constructor() {
    super();
    // A getToken set on the element before this class was defined would shadow the setter.
    if (Object.prototype.hasOwnProperty.call(this, 'getToken')) {
      const getter = this.getToken;
      delete this.getToken;
      this.#getToken = getter;
    }
  }

  get getToken() { return this.#getToken; }
  set getToken(getter) {
    this.#getToken = getter;
    this.#mount();
  }

  /** Whether the customer has unsaved edits. */
  isDirty() { return this.#handle ? this.#handle.isDirty() : false; }

  /** Retries what failed (with a fresh token), or reads the profile again. */
  reload() { this.#handle?.reload(); }

  connectedCallback() { this.#mount(); }

  disconnectedCallback() { this.#unmount(); }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.#handle) {
      this.#unmount();
      this.#mount();
    }
  }

  #mount() {
    if (this.#handle || !this.isConnected || typeof this.#getToken !== 'function') return;
    try {
      this.#handle = mount(this, {
        customerId: this.getAttribute('customer-id') ?? '',
        apiBaseUrl: this.getAttribute('api-base-url') ?? '',
        apiKey: this.getAttribute('api-key') ?? '',
        locale: this.getAttribute('locale') ?? undefined,
        getToken: (options) => this.#getToken(options),
      });
    } catch (error) {
      console.error(error.message);
    }
  }

  #unmount() {
    this.#handle?.unmount();
    this.#handle = null;
  }
}

if (!customElements.get('customer-profile')) {
  customElements.define('customer-profile', CustomerProfileElement);
}
