import { defineConfig } from 'vite';

export default defineConfig({
  // Served by the sandbox at /portal/ in the tests.
  base: '/portal/',
  // React's JSX without a plugin: esbuild's automatic runtime.
  esbuild: { jsx: 'automatic' },
  // The dev server's dependency pre-bundler would move the package's entry away from its
  // files (vitejs/vite#8427): the one line README "Embedding" asks of Vite users.
  optimizeDeps: { exclude: ['customer-profile'] },
  // The dev server hands the API's routes to the Customer Profile API (`cargo xtask dev`'s
  // sandbox by default), so the page calls its own origin as in production.
  server: {
    proxy: Object.fromEntries(
      ['/v1', '/v2'].map((path) => [path, process.env.CP_API ?? 'http://127.0.0.1:8080']),
    ),
  },
});
