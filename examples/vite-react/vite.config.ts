import { defineConfig } from 'vite';

export default defineConfig({
  // Served by the sandbox at /portal/ in the tests.
  base: '/portal/',
  // React's JSX without a plugin: esbuild's automatic runtime.
  esbuild: { jsx: 'automatic' },
  // The dev server's dependency pre-bundler would move the package's entry away from its
  // files (vitejs/vite#8427): the one line README "Embedding" asks of Vite users.
  optimizeDeps: { exclude: ['customer-profile'] },
});
