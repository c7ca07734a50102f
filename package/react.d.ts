// `<customer-profile>` in React 19 JSX: its attributes, its properties (React 19 sets a prop
// as a property when the element has one: `getToken`, `messages`), `ref` as the element's
// class, and its events as `oncustomer-profile-…` props (React 19 listens to the event named
// after `on`). Types only; a portal turns them on once, in any of its TypeScript files:
//
//   import type {} from 'customer-profile/react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
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

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'customer-profile': CustomerProfileProps;
    }
  }
}
