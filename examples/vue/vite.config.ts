import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // Served by the sandbox at /portal/ in the tests.
  base: '/portal/',
  plugins: [
    vue({
      // <customer-profile> is a custom element, not a Vue component.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'customer-profile' } },
    }),
  ],
  // The dev server's dependency pre-bundler would move the package's entry away from its
  // files (vitejs/vite#8427): the one line README "Embedding" asks of Vite users.
  optimizeDeps: { exclude: ['customer-profile'] },
});
