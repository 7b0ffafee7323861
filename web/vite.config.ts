// Vite config of the web app: `npm run build:web` writes web/dist (served by the express server);
// `npm run dev:web` serves the sources with hot reload and proxies the API to a running server.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The grading service the dev server forwards /api, /readyz and /healthz to. */
const apiTarget = process.env.GRADER_DEV_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
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
