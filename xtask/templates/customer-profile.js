// customer-profile — the stable entry module (written by `cargo xtask` after each build; do
// not edit the copy in dist/). Portals load this one URL (short cache); it loads the
// content-hashed files next to it, checks the wasm and the CSS against their SRI hashes,
// defines the <customer-profile> element and exports `mount` for the JavaScript API.
// Types: customer-profile.d.ts; element manifest: custom-elements.json.

/**
 * The wasm's glue (`init`, `mount`, `registerCatalogue`, `startStandalone`), imported at once
 * but not waited for: a static import would hold this module's evaluation — and with it the
 * wasm's download, the profile GET and the element's definition — until the glue had come,
 * a round trip later on a portal's page (the standalone page preloads it).
 */
const glue = import('./{{JS}}');

// Resolved against this module, not the page: works from any base path and on any portal.
const asset = (name) => new URL(name, import.meta.url).href;
const CSS = asset('./{{CSS}}');
const THEMES = ['light', 'dark', 'auto'];
/** The events the editor dispatches (`customer-profile-…`) and the mount() callback of each. */
const CALLBACKS = {
  loaded: 'onLoaded',
  'dirty-change': 'onDirtyChange',
  saved: 'onSaved',
  'auth-required': 'onAuthRequired',
  error: 'onError',
};
const STATES = ['dirty', 'saving', 'error'];

/** The UI's languages but English (built in): content-hashed catalogues next to this module. */
const CATALOGUES = {{CATALOGUES}};
const LANGUAGES = ['en', ...Object.keys(CATALOGUES)];
/** The start failure's message per UI language (xtask/templates/start-failed.json). */
const START_FAILED = {{START_FAILED}};

/**
 * The `accept-language` the app will send: the first of the configured locale and
 * `navigator.languages` whose language the UI speaks, else 'en' (src/domain/i18n.rs,
 * `negotiate`, decides; this only predicts it for the early GET, which the app ignores if the
 * prediction was wrong).
 */
function acceptLanguage(locale) {
  for (const given of [locale, ...(navigator.languages ?? [])]) {
    const tag = String(given ?? '').trim();
    if (/^[A-Za-z0-9-]{1,35}$/.test(tag) && LANGUAGES.includes(tag.split('-')[0].toLowerCase())) {
      return tag;
    }
  }
  return 'en';
}

/**
 * The app's own rule (src/api.rs): a body announced longer than 3 bytes per unit of its
 * `MAX_ANSWER` (4 Mi UTF-16 units) is refused without being downloaded.
 */
const TOO_LONG = 3 * (4 << 20);

/**
 * Sends the profile GET at once, as src/api.rs would, so that its round trip overlaps the
 * wasm's download. The app takes the answer only if it is the very request it would send
 * (same URL, same headers), and reads it as its own; otherwise it aborts it and sends its own.
 * Its body is read as soon as it arrives (`text`), so the app finds the text there when it
 * starts: reading a body takes a task of its own, and the browser would lay out and paint a
 * frame of the loading view in between. A body the app would refuse unread is not read
 * here either: `TOO_LONG`.
 */
function earlyGet({ apiBaseUrl, apiKey, customerId, locale }, token) {
  const base = String(apiBaseUrl ?? '').trim().replace(/\/+$/, '');
  const id = String(customerId ?? '').trim();
  if (!id || !/^(https?:\/\/|\/|$)/.test(base)) return undefined;
  const url = `${base}/v2/customers/${encodeURIComponent(id)}/profile`;
  const controller = new AbortController();
  const headers = {
    accept: 'application/json',
    'accept-language': acceptLanguage(locale),
    'x-api-key': String(apiKey ?? ''),
  };
  const response = Promise.resolve(token).then((t) => {
    if (typeof t === 'string' && t.trim()) headers.authorization = `Bearer ${t}`;
    return fetch(url, { headers, cache: 'no-store', signal: controller.signal });
  });
  response.catch(() => {}); // the app reads a failure as its own, or drops the request
  const text = response.then((r) =>
    Number(r.headers.get('content-length')) > TOO_LONG ? undefined : r.text());
  text.catch(() => {});
  return { url, headers, response, text, controller };
}

/**
 * Preloads the catalogue of the language the UI will speak (if not English, built in), so
 * that it arrives with the wasm: the app's own fetch of it (same URL and integrity) takes
 * the preloaded answer.
 */
function preloadCatalogue(locale) {
  const file = CATALOGUES[acceptLanguage(locale).split('-')[0].toLowerCase()];
  if (!file || document.querySelector(`link[rel="preload"][href="${asset(file[0])}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.href = asset(file[0]);
  link.integrity = file[1];
  link.crossOrigin = 'anonymous';
  document.head.append(link);
}

/** Whether warmIntl() has run on this page (once is enough). */
let intlWarmed = false;

/**
 * Loads the browser's locale data before the app needs it: a page's first
 * `Intl.DisplayNames` costs 20–70 ms, 130–230 ms at a phone's CPU, then names and number
 * formats in any language almost nothing (README "Performance"), and the form needs
 * country and language names and a number format. ICU keeps that data for the whole
 * renderer process, so a worker loads it, beside the main thread (which on loopback would
 * otherwise pay it in the app's first render, and on a phone's repeat visit while
 * config.json travels). Where the page may not start this origin's worker (a portal on
 * another origin, or its CSP), it is loaded when the main thread is idle, which on a
 * phone's link it is while the wasm downloads.
 */
function warmIntl() {
  if (intlWarmed) return;
  intlWarmed = true;
  const lang = acceptLanguage();
  const onMainThread = () => {
    const whenIdle = window.requestIdleCallback ?? ((task) => setTimeout(task, 0));
    whenIdle(() => {
      try {
        new Intl.DisplayNames(lang, { type: 'region', fallback: 'code' }).of('FR');
        new Intl.NumberFormat(lang).format(1);
      } catch {
        // No Intl: the app shows codes and plain numbers itself.
      }
    });
  };
  try {
    const worker = new Worker(asset('./{{INTL_WORKER}}'));
    worker.onmessage = () => worker.terminate();
    worker.onerror = () => {
      worker.terminate();
      onMainThread();
    };
    worker.postMessage(lang);
  } catch {
    onMainThread();
  }
}

/** The standalone page's configured locale, once config.json is read. */
let standaloneLocale;

/** The standalone page: config.json (preloaded by index.html) and the profile GET, at once. */
const standalone = document.body?.hasAttribute('data-customer-profile-standalone')
  ? fetch('config.json')
    .then(async (answer) => {
      if (!answer.ok) return {};
      const config = await answer.text();
      const c = JSON.parse(config);
      standaloneLocale = c.locale;
      preloadCatalogue(c.locale);
      return {
        config,
        get: earlyGet(
          { apiBaseUrl: c.api_base_url, apiKey: c.api_key, customerId: c.customer_id, locale: c.locale },
          c.token ?? null,
        ),
      };
    })
    // The app fetches config.json itself and reports what is wrong with it.
    .catch(() => ({}))
  : null;

if (standalone) warmIntl();

/** The wasm's download: started at once (it takes index.html's preload when there is one). */
const wasm = fetch(asset('./{{WASM}}'), { integrity: '{{WASM_SRI}}' });
wasm.catch(() => {}); // the glue's init() below reads a failed download

/**
 * Resolves once the WebAssembly module is ready (its integrity checked). The standalone page
 * instantiates it once the early GET is on its way: instantiating is a long task (longest when
 * the compiled code comes from the cache, on a repeat visit) and would hold the GET back by as
 * much; the download itself is not held back, only its compilation starts later.
 */
const instantiated = Promise.resolve(standalone)
  .then(() => glue)
  .then(async (app) => {
    await app.default({ module_or_path: wasm });
    return app;
  });
/** The glue, once the wasm is instantiated. */
let app;
export const ready = instantiated.then((instance) => {
  app = instance;
  for (const [lang, [name, integrity]] of Object.entries(CATALOGUES)) {
    app.registerCatalogue(lang, asset(name), integrity);
  }
  if (standalone) {
    app.startStandalone(standalone, takePlaceholder(document.querySelector('[data-placeholder]')));
  }
});
if (standalone) {
  instantiated.catch((error) => {
    const main = document.getElementById('customer-profile') ?? document.body;
    cannotStart(main, document.body, standaloneLocale, error);
  });
}

/**
 * Removes a placeholder (index.html's, or the one mount() shows) as the app starts, in the
 * same task, so no frame falls between them; says whether it was showing (after its 300 ms
 * delay), so that the app's loading view, if the profile is not in yet, takes over at once.
 */
function takePlaceholder(placeholder) {
  if (!placeholder?.parentNode) return false;
  // A container not in the page (yet) shows nothing.
  const shown = placeholder.isConnected && getComputedStyle(placeholder).opacity !== '0';
  placeholder.remove();
  return shown;
}

/** A new `tag` element with `attributes` and `children`. */
function element(tag, attributes, ...children) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.append(...children);
  return made;
}

/**
 * The loading view's cards while the code downloads, shown after 300 ms like it (the
 * standalone page has the same in index.html, so that it shows before any script runs).
 */
function placeholder() {
  const card = () => element('div', { class: 'cp-skeleton-card' });
  return element(
    'div',
    { class: 'cp-page cp-placeholder', 'data-placeholder': '', 'aria-hidden': 'true' },
    element('div', { class: 'cp-skeleton' }, card(), card(), card()),
  );
}

/**
 * The app could not start (its wasm not downloaded or refused, the options refused): `within`
 * shows a message in the language the UI would have spoken instead of its placeholder, and
 * `customer-profile-error` (`code: 'start-failed'`) is dispatched on `target`.
 */
function cannotStart(within, target, locale, error) {
  console.error(`customer-profile: cannot start: ${error?.message ?? error}`);
  let lang = acceptLanguage(locale).split('-')[0].toLowerCase();
  if (!START_FAILED[lang]) lang = 'en';
  const message = element('p', { class: 'cp-error-message', lang }, START_FAILED[lang]);
  const panel = element('div', {
    class: 'cp-error',
    part: 'error-panel',
    role: 'alert',
    'data-state': 'error',
    'data-error': 'start-failed',
  }, message);
  const page = element('div', { class: 'cp-page' }, panel);
  within.querySelector('[data-placeholder]')?.remove();
  within.append(page);
  target.dispatchEvent(new CustomEvent('customer-profile-error', {
    detail: { status: null, code: 'start-failed' }, bubbles: true, composed: true,
  }));
}

function checkTheme(theme) {
  if (theme !== undefined && !THEMES.includes(theme)) {
    throw new TypeError('customer-profile: option `theme` must be "light", "dark" or "auto"');
  }
}

/** The live options of `changes` (locale, theme, messages), checked; absent keys left out. */
function liveOptions(changes) {
  if (typeof changes !== 'object' || changes === null) {
    throw new TypeError('customer-profile: update(options) needs an options object');
  }
  checkTheme(changes.theme);
  const picked = {};
  for (const key of ['locale', 'theme', 'messages']) {
    if (changes[key] !== undefined) picked[key] = changes[key];
  }
  return picked;
}

/**
 * Mounts the profile editor in a shadow root of `element`, so the page's CSS cannot restyle
 * it and its CSS does not leak out. `options`: customerId, apiBaseUrl, apiKey, locale, theme,
 * getToken({ forceRefresh }) => Promise<string>, and the callbacks onLoaded, onDirtyChange,
 * onSaved, onAuthRequired, onError (each gets its event's `detail`) and
 * onStateChange({ dirty, saving, error }). Returns at once a handle with unmount(),
 * isDirty(), reload(), update({ locale, theme, messages }) and `mounted` (a Promise that
 * rejects on bad options).
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
  checkTheme(options.theme);
  const listeners = [];
  for (const [event, key] of Object.entries(CALLBACKS)) {
    const callback = options[key];
    if (callback === undefined || callback === null) continue;
    if (typeof callback !== 'function') {
      throw new TypeError(`customer-profile: option \`${key}\` must be a function`);
    }
    listeners.push([`customer-profile-${event}`, (e) => callback(e.detail)]);
  }
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = CSS;
  link.integrity = '{{CSS_SRI}}';
  link.crossOrigin = 'anonymous';
  const styled = new Promise((done) => { link.onload = link.onerror = done; });
  // The wasm dispatches its events on this container; they bubble out of the shadow root.
  const container = document.createElement('div');
  container.className = 'cp-host';
  root.replaceChildren(link, container);
  for (const [type, listener] of listeners) container.addEventListener(type, listener);
  let inner = null;
  let gone = false;
  // The placeholder, once styled (unstyled, it would skip its 300 ms delay, unseen), until
  // the editor mounts or cannot start.
  const waiting = placeholder();
  let settled = false;
  styled.then(() => {
    if (!gone && !settled) container.append(waiting);
  });
  // update() calls made before the wasm mounted, applied when it does.
  const early = {};
  // The host's first token and the profile GET, asked now, while the wasm downloads.
  let token;
  try {
    token = Promise.resolve(options.getToken({ forceRefresh: false }));
  } catch (error) {
    token = Promise.reject(error);
  }
  token.catch(() => {}); // the app reports a failed getToken
  const get = earlyGet(options, token);
  preloadCatalogue(options.locale);
  warmIntl();
  const handle = {
    mounted: Promise.all([ready, styled]).then(() => {
      if (gone) return;
      settled = true;
      const placeholderShown = takePlaceholder(waiting);
      try {
        inner = app.mount(container, {
          ...options, ...early, early: { ...get, token, placeholderShown },
        });
      } catch (error) {
        get?.controller.abort();
        throw error;
      }
    }),
    /** Removes the editor: its DOM, listeners and state. */
    unmount() {
      gone = true;
      get?.controller.abort();
      for (const [type, listener] of listeners) container.removeEventListener(type, listener);
      if (inner) { inner.unmount(); inner.free(); inner = null; }
      root.replaceChildren();
    },
    /** Whether the customer has unsaved edits. */
    isDirty() { return inner ? inner.isDirty() : false; },
    /** Retries what failed (with a fresh token), or reads the profile again. */
    reload() { inner?.reload(); },
    /** Changes the language, theme or wording in place: the customer's edits stay. */
    update(changes) {
      const live = liveOptions(changes);
      if (inner) inner.update(live);
      else Object.assign(early, live);
    },
  };
  handle.mounted.catch((error) => {
    settled = true;
    if (gone) return;
    cannotStart(container, container, options.locale, error);
    options.onStateChange?.({ dirty: false, saving: false, error: true });
  });
  return handle;
}

/**
 * <customer-profile customer-id api-base-url api-key locale theme>: each attribute is also a
 * property (customerId, apiBaseUrl, apiKey, locale, theme). Set the token getter as a
 * property, `element.getToken = ({ forceRefresh }) => Promise<string>`. The editor mounts
 * once the element is connected and has a token getter, and unmounts when it is removed.
 * A new locale or theme applies in place; a new customer-id, api-base-url or api-key mounts
 * a new editor (the previous draft is dropped, never sent). States: :state(dirty),
 * :state(saving), :state(error).
 */
export class CustomerProfileElement extends HTMLElement {
  static observedAttributes = ['customer-id', 'api-base-url', 'api-key', 'locale', 'theme'];
  #getToken = null;
  #messages = undefined;
  #handle = null;
  /** The options #handle was mounted or last updated with. */
  #current = null;
  #internals = this.attachInternals?.();

  constructor() {
    super();
    // A property set on the element before this class was defined is an own property that
    // shadows the accessor: take it off and set it again through the accessor.
    for (const name of ['customerId', 'apiBaseUrl', 'apiKey', 'locale', 'theme', 'messages', 'getToken']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        if (name === 'getToken') this.#getToken = value;
        else if (name === 'messages') this.#messages = value;
        else this[name] = value;
      }
    }
  }

  get customerId() { return this.getAttribute('customer-id') ?? ''; }
  set customerId(value) { this.#reflect('customer-id', value); }
  get apiBaseUrl() { return this.getAttribute('api-base-url') ?? ''; }
  set apiBaseUrl(value) { this.#reflect('api-base-url', value); }
  get apiKey() { return this.getAttribute('api-key') ?? ''; }
  set apiKey(value) { this.#reflect('api-key', value); }
  /** The UI language (BCP 47); '' for the browser's. */
  get locale() { return this.getAttribute('locale') ?? ''; }
  set locale(value) { this.#reflect('locale', value); }
  /** 'light', 'dark' or 'auto' (the OS preference): a missing or invalid attribute is 'auto'. */
  get theme() {
    const theme = this.getAttribute('theme');
    return THEMES.includes(theme) ? theme : 'auto';
  }
  set theme(value) { this.#reflect('theme', value); }

  /**
   * Wording overrides, `{ key: text }` for every language or `{ fr: { key: text } }` for one
   * (the keys of i18n/en.json); a property only. A new value applies in place; overrides
   * that drop a placeholder such as {n} are refused (an error on the console).
   */
  get messages() { return this.#messages; }
  set messages(value) {
    this.#messages = value;
    if (!this.#handle) return;
    try {
      this.#handle.update({ messages: value ?? {} });
    } catch (error) {
      console.error(error.message ?? error);
    }
  }

  /** Whether the customer has unsaved edits. */
  get dirty() { return this.isDirty(); }

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

  attributeChangedCallback(name, _before, after) {
    if (name === 'theme' && after !== null && !THEMES.includes(after)) {
      console.warn(`customer-profile: theme="${after}" is not "light", "dark" or "auto": using "auto"`);
    }
    if (!this.#handle) {
      this.#mount();
      return;
    }
    const now = this.#options();
    const was = this.#current;
    if (['customerId', 'apiBaseUrl', 'apiKey'].some((key) => now[key] !== was[key])) {
      // Another customer or API: a new editor. The draft is dropped, never sent.
      const wasDirty = this.isDirty();
      this.#unmount();
      if (wasDirty) {
        this.dispatchEvent(new CustomEvent('customer-profile-dirty-change', {
          detail: { dirty: false }, bubbles: true, composed: true,
        }));
      }
      this.#mount();
      return;
    }
    const changes = {};
    for (const key of ['locale', 'theme']) {
      if (now[key] !== was[key]) changes[key] = now[key];
    }
    if (Object.keys(changes).length) {
      this.#current = now;
      this.#handle.update(changes);
    }
  }

  #reflect(attribute, value) {
    if (value === null || value === undefined) this.removeAttribute(attribute);
    else this.setAttribute(attribute, value);
  }

  #options() {
    return {
      customerId: this.customerId,
      apiBaseUrl: this.apiBaseUrl,
      apiKey: this.apiKey,
      locale: this.locale,
      theme: this.theme,
    };
  }

  #setStates(states) {
    const set = this.#internals?.states;
    if (!set) return;
    for (const state of STATES) {
      if (states[state]) set.add(state);
      else set.delete(state);
    }
  }

  #mount() {
    if (this.#handle || !this.isConnected || typeof this.#getToken !== 'function') return;
    const options = this.#options();
    try {
      this.#handle = mount(this, {
        ...options,
        messages: this.#messages,
        getToken: (request) => this.#getToken(request),
        onStateChange: (states) => this.#setStates(states),
      });
      this.#current = options;
      this.#handle.mounted.catch(() => {}); // mount() reports it, on the console and on screen
    } catch (error) {
      console.error(error.message);
    }
  }

  #unmount() {
    this.#handle?.unmount();
    this.#handle = null;
    this.#setStates({});
  }
}

if (!customElements.get('customer-profile')) {
  customElements.define('customer-profile', CustomerProfileElement);
}
