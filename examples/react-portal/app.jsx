// Lumen Mobile "Account": a React 19 portal page embedding <customer-profile> the way a
// React team would: in JSX, with its properties and event listeners as props. Bundled by
// `cargo xtask test` (esbuild, production React) into target/react-portal/app.js; see
// README.md. Runs under the sandbox's strict CSP: no inline script or style, no eval.
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

// Sandbox-only demo values (the sandbox's published credentials for customer 123456789).
const CUSTOMER_ID = '123456789';
const API_KEY = 'sandbox-demo-api-key';
const TOKEN = 'sandbox-token-123456789';

/** The portal's own words; the widget brings its own, in the `locale` it is given. */
const TEXT = {
  'en-GB': {
    language: 'Language',
    appearance: 'Appearance',
    auto: 'As my device',
    light: 'Light',
    dark: 'Dark',
    title: 'Your details',
    lead: 'Check the details we hold about you and change what is out of date.',
    unsaved: 'Unsaved changes',
    remove: 'Remove editor',
    show: 'Show editor',
    removed: 'The editor is closed.',
    events: 'Widget events',
    nav: ['Plan', 'Usage', 'Bills', 'Account'],
  },
  'fr-FR': {
    language: 'Langue',
    appearance: 'Apparence',
    auto: 'Comme mon appareil',
    light: 'Clair',
    dark: 'Sombre',
    title: 'Vos coordonnées',
    lead: 'Vérifiez les informations que nous avons sur vous et corrigez celles qui ont changé.',
    unsaved: 'Modifications non enregistrées',
    remove: 'Fermer l’éditeur',
    show: 'Ouvrir l’éditeur',
    removed: 'L’éditeur est fermé.',
    events: 'Événements du widget',
    nav: ['Forfait', 'Consommation', 'Factures', 'Compte'],
  },
};
const LANGUAGES = [
  ['en-GB', 'English'],
  ['fr-FR', 'Français'],
];

/** What browser tests read (see README.md). */
const portal = { events: [], cspViolations: [], tokenRequests: [] };
window.portal = portal;
document.addEventListener('securitypolicyviolation', (e) => {
  portal.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
});

/** The token getter: one stable function, so React never re-sets the property. */
function getToken({ forceRefresh = false } = {}) {
  portal.tokenRequests.push({ forceRefresh: Boolean(forceRefresh) });
  return Promise.resolve(TOKEN);
}

function App() {
  const [locale, setLocale] = useState('en-GB');
  const [theme, setTheme] = useState('auto');
  const [shown, setShown] = useState(true);
  const [dirty, setDirty] = useState(false);
  const [log, setLog] = useState([]);
  const t = TEXT[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // Every listener records what it heard, so tests see what reached React's handlers.
  const heard = useCallback((event) => {
    const entry = { type: event.type, detail: JSON.parse(JSON.stringify(event.detail ?? null)) };
    portal.events.push(entry);
    setLog((entries) => [...entries.slice(-19), entry]);
  }, []);
  const onDirtyChange = useCallback((event) => {
    heard(event);
    setDirty(Boolean(event.detail?.dirty));
  }, [heard]);

  const toggle = () => {
    setShown((now) => !now);
    setDirty(false); // a removed editor has no draft any more
  };

  return (
    <>
      <header className="topbar">
        <a className="logo" href="#">Lumen <b>Mobile</b></a>
        <nav aria-label="Main">
          {t.nav.map((item, i) => (
            <a key={item} href="#" aria-current={i === 3 ? 'page' : undefined}>{item}</a>
          ))}
        </nav>
        <div className="languages" role="group" aria-label={t.language}>
          {LANGUAGES.map(([code, name]) => (
            <button
              key={code}
              type="button"
              lang={code}
              aria-pressed={locale === code}
              onClick={() => setLocale(code)}
            >
              {name}
            </button>
          ))}
        </div>
      </header>
      <main id="main">
        <div className="heading">
          <h1>{t.title}</h1>
          {dirty && <span id="unsaved-badge" className="badge">{t.unsaved}</span>}
        </div>
        <p className="lead">{t.lead}</p>
        <div className="toolbar">
          <label>
            {t.appearance}{' '}
            <select id="theme" value={theme} onChange={(e) => setTheme(e.target.value)}>
              <option value="auto">{t.auto}</option>
              <option value="light">{t.light}</option>
              <option value="dark">{t.dark}</option>
            </select>
          </label>
          <button id="toggle-editor" type="button" onClick={toggle}>
            {shown ? t.remove : t.show}
          </button>
        </div>
        {shown ? (
          // React 19 sets these as properties (they exist on the defined element) and adds
          // the `on…` props as listeners of the events named after `on`.
          <customer-profile
            id="profile"
            customerId={CUSTOMER_ID}
            apiKey={API_KEY}
            apiBaseUrl={window.location.origin}
            locale={locale}
            theme={theme}
            getToken={getToken}
            oncustomer-profile-loaded={heard}
            oncustomer-profile-dirty-change={onDirtyChange}
            oncustomer-profile-saved={heard}
            oncustomer-profile-auth-required={heard}
            oncustomer-profile-error={heard}
          />
        ) : (
          <p id="editor-removed" className="card">{t.removed}</p>
        )}
        <section className="card" aria-labelledby="events-heading">
          <h2 id="events-heading">{t.events}</h2>
          <ol id="event-log">
            {log.map((entry, i) => (
              <li key={i}>{`${entry.type} ${JSON.stringify(entry.detail)}`}</li>
            ))}
          </ol>
        </section>
      </main>
    </>
  );
}

// React sets a prop as a property only if the element has it when React creates it: render
// once <customer-profile> is defined (index.html loads its entry module first).
customElements.whenDefined('customer-profile').then(() => {
  createRoot(document.getElementById('root')).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
