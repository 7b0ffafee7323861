// Vite config of the web app: `npm run build:web` writes web/dist (served by the express server),
// with a gzip copy beside every asset worth compressing (the server sends it to browsers that take
// gzip); `npm run dev:web` serves the sources with hot reload and proxies the API to a running server.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Assets smaller than this, in bytes, are sent as they are. */
const GZIP_MIN_BYTES = 1024;

/** Writes `<asset>.gz` beside each built asset of a compressible kind. */
function gzipAssets(): Plugin {
  return {
    name: 'gzip-assets',
    apply: 'build',
    async writeBundle(options) {
      const dir = path.join(options.dir ?? 'dist', 'assets');
      for (const name of await readdir(dir)) {
        if (!/\.(js|css|wasm|json|svg|ttf)$/.test(name)) continue;
        const bytes = await readFile(path.join(dir, name));
        if (bytes.length < GZIP_MIN_BYTES) continue;
        await writeFile(path.join(dir, `${name}.gz`), await promisify(gzip)(bytes, { level: 9 }));
      }
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));
/** The grading service the dev server forwards /api, /readyz and /healthz to. */
const apiTarget = process.env.GRADER_DEV_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  plugins: [gzipAssets()],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Monaco's editor core is one large chunk by nature; it is loaded only by the interview pages.
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        // Named chunks: Monaco (shared by both interview pages) and the PySpark API data. Vite's
        // preload helper (every dynamic import calls it) gets a chunk of its own: left to Rollup it
        // lands in Monaco's, which every page would then load before its first paint.
        manualChunks(id) {
          if (id.includes('vite/preload-helper')) return 'preload-helper';
          if (id.includes('/node_modules/monaco-editor/')) return 'monaco';
          if (id.endsWith('pyspark-api.json')) return 'pyspark-api';
          return undefined;
        },
      },
    },
  },
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/readyz': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
});
