// Wrong portal code: `tsc --strict` must reject each line marked `// @expect TSnnnn` with
// that error, and no other line (see xtask/src/package.rs).
import { mount, preload, setBasePath } from 'customer-profile';

const element = document.createElement('customer-profile');
element.customerId = 42; // @expect TS2322
element.theme = 'sepia'; // @expect TS2322
element.dirty = true; // @expect TS2540
element.addEventListener('customer-profile-saved', (e) => e.detail.dirty); // @expect TS2339
mount(element, { customerId: '1', apiKey: 'key' }); // @expect TS2345
const handle = mount(element, { customerId: '1', apiKey: 'key', getToken: () => 'token' });
handle.update({ theme: 'blue' }); // @expect TS2322
handle.update({ language: 'fr' }); // @expect TS2353
setBasePath(42); // @expect TS2345
preload({ locale: 'fr' }); // @expect TS2554
