// Server rendering (Next.js, Nuxt, Angular SSR) evaluates a portal's modules in Node.js,
// where there is no `document`, `HTMLElement` or `customElements`. Importing the package
// there must throw nothing, fetch nothing and define nothing; `preload()` does nothing and
// `mount()` says it needs a browser. Run by `cargo xtask test` (the package suite) in a
// project with the packed package installed; exits non-zero on the first failed assertion.
import assert from 'node:assert/strict';

const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
const fetched = [];
globalThis.fetch = (url) => {
  fetched.push(String(url));
  return Promise.reject(new Error('no network on the server'));
};
class RecordingWorker {
  constructor(url) {
    fetched.push(`worker ${url}`);
  }
}
globalThis.Worker = RecordingWorker;

const cp = await import('customer-profile');

assert.deepEqual(
  Object.keys(cp).sort(),
  ['CustomerProfileElement', 'mount', 'preload', 'ready', 'setBasePath'],
  'the exports',
);
assert.equal(typeof cp.CustomerProfileElement, 'function', 'the element class is exported');
cp.setBasePath('/assets/customer-profile/');
cp.setBasePath(null);
await cp.preload();
await cp.preload();
assert.throws(
  () => cp.mount({}, { customerId: '1', apiKey: 'k', getToken: () => 't' }),
  { name: 'TypeError', message: /runs in a browser/ },
  'mount() on a server',
);
// A tick for anything the module might have started.
await new Promise((resolve) => setTimeout(resolve, 50));
assert.deepEqual(fetched, [], 'nothing fetched and no worker started');
const added = Object.getOwnPropertyNames(globalThis).filter((name) => !globalsBefore.has(name));
assert.deepEqual(added.sort(), ['Worker', 'fetch'].filter((n) => !globalsBefore.has(n)).sort(),
  'no global defined by the package');
console.log('imported on a server: no error, nothing fetched, nothing defined; preload() and setBasePath() harmless, mount() refused');
