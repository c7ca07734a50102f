// customer-profile — the package's entry module (`cargo xtask dist` fills in the names and
// hashes between double braces; do not edit the copy in dist/). It defines the <customer-profile> element
// and exports `mount`, `preload` and `setBasePath`. Types: customer-profile.d.ts; element
// manifest: custom-elements.json; changes: CHANGELOG.md.
//
// Every file it loads is named by a literal `import('./…')` or `new URL('./…', import.meta.url)`
// so that bundlers (Vite, webpack, Rollup, Next.js, Angular) find, copy and rename it; the
// JavaScript ones (the wasm's glue, the style sheet, the catalogues) are modules, which no
// bundler inlines as a `data:` URL that a strict CSP would refuse. Evaluating this module does
// nothing but define the element, and only in a browser: on a server it throws nothing,
// fetches nothing and defines nothing. The editor's code downloads when the first editor
// mounts, or earlier with `preload()`.

/** Whether this runs in a browser (server rendering evaluates it in Node.js). */
const IN_BROWSER = typeof window !== 'undefined' && typeof document !== 'undefined';

/** The wasm's glue (`default` = init, `mount`, `registerCatalogue`, `startStandalone`). */
const importGlue = () => import('./{{JS}}');
/** The editor's style sheet, as the text of a module's default export. */
const importStyle = () => import('./{{STYLE}}');
/**
 * The UI's languages but English (built in): each a module whose default export is the
 * catalogue's JSON text, loaded only by those who use it.
 */
const CATALOGUES = {{CATALOGUES}};
const LANGUAGES = ['en', ...Object.keys(CATALOGUES)];
/** The wasm's SRI hash: a bundler copies the file byte for byte, so it holds after renaming. */
const WASM_SRI = '{{WASM_SRI}}';
/** The start failure's message per UI language (package/start-failed.json). */
const START_FAILED = {{START_FAILED}};

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

/** Where the wasm and the worker are when set with setBasePath(); else next to this module. */
let basePath = null;

/**
 * Tells the editor where the package's files are (`customer-profile-…_bg.wasm` and
 * `customer-profile-intl-….js`, under their names in the package), for a tool that cannot
 * follow `new URL('./file', import.meta.url)` (esbuild, Rollup without a plugin) or for
 * files served from a CDN. A URL or a path, resolved against the page; `null` goes back to
 * the default: next to this module. Call it before the first editor mounts or `preload()`.
 */
export function setBasePath(path) {
  basePath = path === null || path === undefined || path === '' ? null : String(path);
}

/** The package file `name` under the base path (a folder, resolved against the page). */
function underBasePath(name) {
  return new URL(name, new URL(basePath.replace(/\/?$/, '/'), document.baseURI));
}

// Each file's `new URL('./…', import.meta.url)` stays literal: that is what bundlers follow.

/** The wasm's URL: under the base path when one is set, else as the bundler placed it. */
function wasmUrl() {
  return basePath === null
    ? new URL('./{{WASM}}', import.meta.url)
    : underBasePath('{{WASM}}');
}

/** The Intl worker, started from the base path when one is set, else as the bundler placed it. */
function intlWorker() {
  return basePath === null
    ? new Worker(new URL('./{{INTL_WORKER}}', import.meta.url))
    : new Worker(underBasePath('{{INTL_WORKER}}'));
}

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

/** Each language's catalogue text, once asked for: the same Promise for every editor. */
const catalogueTexts = new Map();

/**
 * The catalogue of `lang` (a language the UI speaks but English): its module imported once
 * per page, its text; a failed download is forgotten, so that the next editor tries again.
 */
function catalogue(lang) {
  if (!catalogueTexts.has(lang)) {
    const text = CATALOGUES[lang]().then((module) => module.default);
    catalogueTexts.set(lang, text);
    text.catch(() => catalogueTexts.delete(lang));
  }
  return catalogueTexts.get(lang);
}

/**
 * Starts loading the catalogue of the language the UI will speak (if not English, built in),
 * so that it arrives with the wasm: the app asks for the same Promise.
 */
function preloadCatalogue(locale) {
  const lang = acceptLanguage(locale).split('-')[0].toLowerCase();
  if (CATALOGUES[lang]) catalogue(lang).catch(() => {});
}

/** Whether warmIntl() has run on this page (once is enough). */
let intlWarmed = false;

/**
 * Loads the browser's locale data before the app needs it: a page's first
 * `Intl.DisplayNames` costs 20–70 ms, 130–230 ms at a phone's CPU, then names and number
 * formats in any language almost nothing (docs/performance.md), and the form needs
 * country and language names and a number format. ICU keeps that data for the whole
 * renderer process, so a worker loads it, beside the main thread (which on loopback would
 * otherwise pay it in the app's first render, and on a phone's repeat visit while
 * config.json travels). Where the page may not start the worker (another origin, or its
 * CSP), it is loaded when the main thread is idle, which on a phone's link it is while the
 * wasm downloads.
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
    const worker = intlWorker();
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

/** The editor's style sheet, made once and shared by every editor's shadow root. */
let styleSheet = null;

/**
 * The style sheet, once its module is in. A constructed sheet: a strict CSP's `style-src`
 * does not apply to it, and a bundler's CSS rules never see it.
 */
function style() {
  styleSheet ??= importStyle().then((module) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(module.default);
    return sheet;
  });
  styleSheet.catch(() => { styleSheet = null; });
  return styleSheet;
}

/** The standalone page's configured locale, once config.json is read. */
let standaloneLocale;

/**
 * The standalone page (`<body data-customer-profile-standalone>`): config.json (preloaded by
 * index.html) and the profile GET, at once; `null` elsewhere.
 */
const standalone = IN_BROWSER && document.body?.hasAttribute('data-customer-profile-standalone')
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

/** The glue with its wasm instantiated and the catalogues registered, once loading began. */
let code = null;
/** Settles `ready` the first time the code is in. */
let codeIn;

/**
 * Resolves once the editor's code (the wasm, its integrity checked, and its glue) is ready.
 * @deprecated `await preload()` says the same, and starts the download.
 */
export const ready = new Promise((resolve) => { codeIn = resolve; });

/**
 * Downloads and compiles the editor's code, once per page: the glue, the wasm (its download
 * starts at once) and the style sheet. The standalone page instantiates the wasm only once its
 * early GET is on its way: instantiating is a long task (longest when the compiled code comes
 * from the cache, on a repeat visit) and would hold the GET back by as much. A failure is
 * forgotten, so that the next editor (or `preload()`) tries again.
 */
function loadCode() {
  if (code) return code;
  const wasm = fetch(wasmUrl(), { integrity: WASM_SRI });
  wasm.catch(() => {}); // the glue's init() below reads a failed download
  const glue = importGlue();
  glue.catch(() => {});
  code = Promise.resolve(standalone)
    .then(() => glue)
    .then(async (app) => {
      await app.default({ module_or_path: wasm });
      for (const lang of Object.keys(CATALOGUES)) {
        app.registerCatalogue(lang, () => catalogue(lang));
      }
      codeIn();
      return app;
    });
  code.catch(() => { code = null; });
  return code;
}

/**
 * Downloads and compiles the editor's code ahead of time — on a portal's landing page, or when
 * the customer points at "My profile" — so that an editor mounted later starts at once. Sends
 * no request to the API and asks for no token. Idempotent: every call returns the same
 * Promise while loading or once loaded. Resolves once the code is ready; rejects if it cannot
 * be had (a later call tries again).
 */
export function preload() {
  if (!IN_BROWSER) return Promise.resolve();
  warmIntl();
  return Promise.all([loadCode(), style()]).then(() => undefined);
}

if (standalone) {
  warmIntl();
  loadCode()
    .then((app) => {
      app.startStandalone(standalone, takePlaceholder(document.querySelector('[data-placeholder]')));
    })
    .catch((error) => {
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
 * rejects on bad options). The editor's code downloads now unless `preload()` fetched it.
 */
export function mount(element, options) {
  if (!IN_BROWSER) {
    throw new TypeError('customer-profile: mount() runs in a browser, not during server rendering');
  }
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
  // The wasm dispatches its events on this container; they bubble out of the shadow root.
  const container = document.createElement('div');
  container.className = 'cp-host';
  root.replaceChildren(container);
  for (const [type, listener] of listeners) container.addEventListener(type, listener);
  let inner = null;
  let gone = false;
  const styled = style().then((sheet) => {
    if (!gone) root.adoptedStyleSheets = [sheet];
  });
  // The placeholder, once styled (unstyled, it would skip its 300 ms delay, unseen), until
  // the editor mounts or cannot start.
  const waiting = placeholder();
  let settled = false;
  styled.then(() => {
    if (!gone && !settled) container.append(waiting);
  }, () => {});
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
    mounted: Promise.all([loadCode(), styled]).then(([app]) => {
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
      root.adoptedStyleSheets = [];
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

/** What the element extends: HTMLElement in a browser, a stand-in on a server. */
const ElementBase = IN_BROWSER ? HTMLElement : class {};

/**
 * <customer-profile customer-id api-base-url api-key locale theme>: each attribute is also a
 * property (customerId, apiBaseUrl, apiKey, locale, theme). Set the token getter as a
 * property, `element.getToken = ({ forceRefresh }) => Promise<string>`. The editor mounts
 * once the element is connected and has a token getter. Moved (removed and inserted again
 * before the next frame: tabs, portals, drag and drop) it keeps its editor, draft, focus and
 * pending save; removed for good, it unmounts. A new locale or theme applies in place; a new
 * customer-id, api-base-url or api-key mounts a new editor (the previous draft is dropped,
 * never sent). States: :state(dirty), :state(saving), :state(error).
 */
export class CustomerProfileElement extends ElementBase {
  static observedAttributes = ['customer-id', 'api-base-url', 'api-key', 'locale', 'theme'];
  #getToken = null;
  #messages = undefined;
  #handle = null;
  /** The options #handle was mounted or last updated with. */
  #current = null;
  #internals = this.attachInternals?.();
  /** The control that has the focus inside the editor, if one has. */
  #focused = null;
  /** The control that just lost the focus inside the editor, until the current task ends. */
  #blurred = null;
  /** What had the focus inside the editor when the element left the page, for a move. */
  #focusBeforeMove = null;

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

  connectedCallback() {
    if (this.#handle) {
      // Moved: the editor stayed mounted; the focus comes back where it was.
      const focused = this.#focusBeforeMove;
      this.#focusBeforeMove = null;
      const active = document.activeElement;
      if (focused?.isConnected && (active === null || active === document.body)) {
        focused.focus({ preventScroll: true });
      }
      return;
    }
    this.#mount();
  }

  disconnectedCallback() {
    if (!this.#handle) return;
    // A move removes the element and inserts it again, in the same task or before the next
    // frame: the editor is unmounted only if the element is still out of the page by then.
    this.#focusBeforeMove = this.#focused ?? this.#blurred;
    const unlessBack = () => {
      if (!this.isConnected) this.#unmount();
    };
    if (document.visibilityState === 'hidden') setTimeout(unlessBack, 0);
    else requestAnimationFrame(unlessBack);
  }

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

  /**
   * Follows the focus inside the editor, for a move to give it back: by the time
   * `disconnectedCallback` runs, the engines have moved the focus out of a removed element,
   * some saying so with a `focusout` (then the control blurred in the same task is the
   * one), some silently (then the last control focused is).
   */
  #focusIn = (event) => {
    this.#focused = event.composedPath()[0];
  };

  #focusOut = () => {
    this.#blurred = this.#focused;
    this.#focused = null;
    queueMicrotask(() => { this.#blurred = null; });
  };

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
      this.shadowRoot?.addEventListener('focusin', this.#focusIn);
      this.shadowRoot?.addEventListener('focusout', this.#focusOut);
      this.#handle.mounted.catch(() => {}); // mount() reports it, on the console and on screen
    } catch (error) {
      console.error(error.message);
    }
  }

  #unmount() {
    this.shadowRoot?.removeEventListener('focusin', this.#focusIn);
    this.shadowRoot?.removeEventListener('focusout', this.#focusOut);
    this.#focused = null;
    this.#focusBeforeMove = null;
    this.#handle?.unmount();
    this.#handle = null;
    this.#setStates({});
  }
}

if (IN_BROWSER && window.customElements && !customElements.get('customer-profile')) {
  customElements.define('customer-profile', CustomerProfileElement);
}
