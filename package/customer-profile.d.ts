// Type declarations of customer-profile.js, the package's entry module: the
// <customer-profile> element, the `mount` JavaScript API, `preload` and `setBasePath`. The
// element's attributes, events, parts, CSS properties and states are also described in
// custom-elements.json. JSX typings: `customer-profile/react`; Vue's: `customer-profile/vue`.

/** The colour scheme: `auto` (the default) follows the OS preference. */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * Returns (a Promise of) the bearer token. The editor asks before its first request; after a
 * 401 it asks once more with `forceRefresh: true`.
 */
export type GetToken = (request: { forceRefresh: boolean }) => string | PromiseLike<string>;

/**
 * Wording overrides, `{ key: text }` for every language or `{ fr: { key: text } }` for one;
 * the keys are those of i18n/en.json. A text must keep its English text's placeholders ({n}).
 */
export type Messages = Record<string, string | Record<string, string>>;

/** `customer-profile-loaded`: the profile is shown. */
export interface LoadedDetail {
  customerId: string;
}

/** `customer-profile-dirty-change`: the customer's edits became unsaved, or saved/dropped. */
export interface DirtyChangeDetail {
  dirty: boolean;
}

/** `customer-profile-saved`: a save went through. */
export interface SavedDetail {
  /** The top-level keys sent. */
  fields: string[];
}

/** `customer-profile-auth-required`: a fresh token was refused too; the draft is kept. */
export interface AuthRequiredDetail {}

/** `customer-profile-error`: the editor could not start, or loading or saving failed. */
export interface ErrorDetail {
  /** The HTTP status, or null when there was no answer. */
  status: number | null;
  /**
   * What failed: `'start-failed'` (the editor's code not downloaded or refused, or the
   * options refused: `mounted` rejects), or the API's case (`'network'`, `'not-found'`, …).
   */
  code: string;
}

/** What the editor shows, also exposed as `:state(dirty)`, `:state(saving)`, `:state(error)`. */
export interface States {
  /** There are unsaved edits. */
  dirty: boolean;
  /** A save is under way. */
  saving: boolean;
  /** The load failed, the last save failed, or there are field errors to fix. */
  error: boolean;
}

/** What can change on a mounted editor without losing the draft. */
export interface UpdateOptions {
  /** BCP 47 language tag; '' for the browser's language. */
  locale?: string;
  theme?: Theme;
  messages?: Messages;
}

export interface MountOptions extends UpdateOptions {
  /** Numbers are accepted and formatted as JavaScript does. */
  customerId: string | number;
  /** '' (the default) = the page's origin; else an http(s) URL or a path. */
  apiBaseUrl?: string;
  apiKey: string;
  getToken: GetToken;
  onLoaded?: (detail: LoadedDetail) => void;
  onDirtyChange?: (detail: DirtyChangeDetail) => void;
  onSaved?: (detail: SavedDetail) => void;
  onAuthRequired?: (detail: AuthRequiredDetail) => void;
  onError?: (detail: ErrorDetail) => void;
  /** Called once at mount and whenever one of the states changes. */
  onStateChange?: (states: States) => void;
}

export interface ProfileHandle {
  /** Resolves once the editor is mounted; rejects on bad options. */
  readonly mounted: Promise<void>;
  /** Removes the editor: its DOM, listeners and state. */
  unmount(): void;
  /** Whether the customer has unsaved edits. */
  isDirty(): boolean;
  /** Retries what failed (with a fresh token), or reads the profile again. */
  reload(): void;
  /** Applies a new language, theme or wording in place; the draft stays. */
  update(options: UpdateOptions): void;
}

/**
 * Resolves once the editor's code is ready (its integrity checked). Importing the package no
 * longer downloads it: the first editor or `preload()` does.
 * @deprecated `await preload()` says the same, and starts the download.
 */
export declare const ready: Promise<void>;

/**
 * Downloads and compiles the editor's code ahead of time (on a landing page, or when the
 * customer points at "My profile"), so that an editor mounted later starts at once. Sends no
 * request to the API and asks for no token; idempotent. Resolves once the code is ready;
 * rejects if it cannot be had (a later call tries again). On a server it does nothing.
 */
export declare function preload(): Promise<void>;

/**
 * Where the package's files are, for a tool that cannot follow
 * `new URL('./file', import.meta.url)` (esbuild, Rollup without a plugin) or for files on a
 * CDN: a URL or a path (resolved against the page) of a folder holding the package's files
 * under their own names. `null` goes back to the default, next to the entry module. Call it
 * before the first editor mounts or `preload()`.
 */
export declare function setBasePath(path: string | URL | null): void;

/**
 * Mounts the editor in a shadow root of `element`. Throws a TypeError at once on a missing
 * option or a bad theme.
 */
export declare function mount(element: HTMLElement, options: MountOptions): ProfileHandle;

/**
 * `<customer-profile>`, defined when customer-profile.js is imported in a browser (on a
 * server, importing defines nothing). Moved to another place in the page (removed and
 * inserted again before the next frame) it keeps its editor, draft, focus and pending save.
 */
export declare class CustomerProfileElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Attribute `customer-id`; a new value loads that customer (the draft is dropped). */
  customerId: string;
  /** Attribute `api-base-url`. */
  apiBaseUrl: string;
  /** Attribute `api-key`. */
  apiKey: string;
  /** Attribute `locale`; applies in place. */
  locale: string;
  /** Attribute `theme`; applies in place; an invalid attribute reads as 'auto'. */
  theme: Theme;
  /** Whether the customer has unsaved edits. */
  readonly dirty: boolean;
  /** Wording overrides (the keys of i18n/en.json); applies in place. */
  messages: Messages | undefined;
  /** Set it to mount the editor. */
  getToken: GetToken | null;
  isDirty(): boolean;
  reload(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'customer-profile': CustomerProfileElement;
  }
  interface HTMLElementEventMap {
    'customer-profile-loaded': CustomEvent<LoadedDetail>;
    'customer-profile-dirty-change': CustomEvent<DirtyChangeDetail>;
    'customer-profile-saved': CustomEvent<SavedDetail>;
    'customer-profile-auth-required': CustomEvent<AuthRequiredDetail>;
    'customer-profile-error': CustomEvent<ErrorDetail>;
  }
}
