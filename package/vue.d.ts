// `<customer-profile>` in Vue 3 templates, checked by vue-tsc: its props (Vue sets a bound
// value as a property when the element has one: `:get-token`, `:messages`) and its events
// (`@customer-profile-saved`, …). Types only; a portal turns them on once, in any of its
// TypeScript files:
//
//   import type {} from 'customer-profile/vue';
//
// and tells Vue's compiler that the tag is a custom element, not a Vue component
// (`compilerOptions.isCustomElement: (tag) => tag === 'customer-profile'`; README, Embedding).
import type { DefineComponent } from 'vue';
import type {
  AuthRequiredDetail,
  DirtyChangeDetail,
  ErrorDetail,
  GetToken,
  LoadedDetail,
  Messages,
  SavedDetail,
  Theme,
} from './customer-profile.js';

/** The props of `<customer-profile>` in a Vue template (`customer-id` or `customerId`). */
export interface CustomerProfileVueProps {
  /** The customer whose profile is edited; a new value loads that customer. */
  customerId?: string;
  /** '' (the default) = the page's origin; else an http(s) URL or a path. */
  apiBaseUrl?: string;
  apiKey?: string;
  /** BCP 47 language tag; '' for the browser's language. Applies in place. */
  locale?: string;
  theme?: Theme;
  /** Wording overrides (the keys of i18n/en.json). */
  messages?: Messages;
  /** The token getter; the editor mounts once it has one. */
  getToken?: GetToken | null;
  onCustomerProfileLoaded?: (event: CustomEvent<LoadedDetail>) => void;
  onCustomerProfileDirtyChange?: (event: CustomEvent<DirtyChangeDetail>) => void;
  onCustomerProfileSaved?: (event: CustomEvent<SavedDetail>) => void;
  onCustomerProfileAuthRequired?: (event: CustomEvent<AuthRequiredDetail>) => void;
  onCustomerProfileError?: (event: CustomEvent<ErrorDetail>) => void;
}

declare module 'vue' {
  interface GlobalComponents {
    'customer-profile': DefineComponent<CustomerProfileVueProps>;
  }
}
