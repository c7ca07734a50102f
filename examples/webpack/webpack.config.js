// webpack 5 with no loader or rule for the package: it follows the entry's `import()`s
// (code-split chunks), `new URL('./…_bg.wasm', import.meta.url)` (an asset) and
// `new Worker(new URL(…))` (a worker chunk) by itself.
import HtmlWebpackPlugin from 'html-webpack-plugin';

export default {
  mode: 'production',
  entry: './src/portal.js',
  output: {
    path: new URL('./dist', import.meta.url).pathname,
    // Served by the sandbox at /portal/ in the tests.
    publicPath: '/portal/',
    clean: true,
  },
  plugins: [new HtmlWebpackPlugin({ template: './src/index.html', scriptLoading: 'module' })],
  // The wasm is about 580 KiB raw (190 KB brotli): above webpack's default hint.
  performance: { maxAssetSize: 1 << 20, maxEntrypointSize: 1 << 20 },
};
