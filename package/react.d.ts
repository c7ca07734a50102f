// customer-profile/react: `<CustomerProfile>`, the editor as a React 19 component (react.js;
// what a page that React renders on the server and hydrates needs, Next.js's for one), and
// `<customer-profile>` in React 19 JSX: its attributes, its properties (React 19 sets a prop
// as a property when the element has one: `getToken`, `messages`), `ref` as the element's
// class, and its events as `oncustomer-profile-…` props (React 19 listens to the event named
// after `on`). The JSX typings are turned on by importing the module, or, without the
// component, once in any TypeScript file:
//
//   import type {} from 'customer-profile/react';
import type { DetailedHTMLProps, HTMLAttributes, ReactElement, Ref } from 'react';
import type {
  AuthRequiredDetail,
  CustomerProfileElement,
  DirtyChangeDetail,
  ErrorDetail,
  GetToken,
  LoadedDetail,
  Messages,
  SavedDetail,
  Theme,
} from './customer-profile.js';

/** The props of `<customer-profile>` in JSX. */
export interface CustomerProfileProps
  extends DetailedHTMLProps<HTMLAttributes<CustomerProfileElement>, CustomerProfileElement> {
  /** The customer whose profile is edited; a new value loads that customer. */
  customerId?: string;
  'customer-id'?: string;
  /** '' (the default) = the page's origin; else an http(s) URL or a path. */
  apiBaseUrl?: string;
  'api-base-url'?: string;
  apiKey?: string;
  'api-key'?: string;
  /** BCP 47 language tag; '' for the browser's language. Applies in place. */
  locale?: string;
  theme?: Theme;
  /** Wording overrides (the keys of i18n/en.json); a property only. */
  messages?: Messages;
  /** The token getter; the editor mounts once it has one. Keep it stable (useCallback). */
  getToken?: GetToken | null;
  'oncustomer-profile-loaded'?: (event: CustomEvent<LoadedDetail>) => void;
  'oncustomer-profile-dirty-change'?: (event: CustomEvent<DirtyChangeDetail>) => void;
  'oncustomer-profile-saved'?: (event: CustomEvent<SavedDetail>) => void;
  'oncustomer-profile-auth-required'?: (event: CustomEvent<AuthRequiredDetail>) => void;
  'oncustomer-profile-error'?: (event: CustomEvent<ErrorDetail>) => void;
}

/** The props of `<CustomerProfile>`. */
export interface CustomerProfileComponentProps
  extends Omit<HTMLAttributes<CustomerProfileElement>, 'onError'> {
  /** The customer whose profile is edited; a new value loads that customer. */
  customerId: string;
  apiKey: string;
  /** '' (the default) = the page's origin; else an http(s) URL or a path. */
  apiBaseUrl?: string;
  /** BCP 47 language tag; '' for the browser's language. Applies in place. */
  locale?: string;
  theme?: Theme;
  /** Wording overrides (the keys of i18n/en.json). */
  messages?: Messages;
  /** The token getter; the editor mounts once it has one. */
  getToken: GetToken;
  onLoaded?: (event: CustomEvent<LoadedDetail>) => void;
  onDirtyChange?: (event: CustomEvent<DirtyChangeDetail>) => void;
  onSaved?: (event: CustomEvent<SavedDetail>) => void;
  onAuthRequired?: (event: CustomEvent<AuthRequiredDetail>) => void;
  onError?: (event: CustomEvent<ErrorDetail>) => void;
  ref?: Ref<CustomerProfileElement>;
}

/**
 * The editor as a React 19 component: renders `<customer-profile>` with its attributes (on
 * the server too) and sets `getToken`, `messages` and the event listeners once mounted or
 * hydrated — React sets none of them on a custom element while it hydrates.
 */
export declare function CustomerProfile(props: CustomerProfileComponentProps): ReactElement;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'customer-profile': CustomerProfileProps;
    }
  }
}
