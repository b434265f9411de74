import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The browser app. `scripts/build-web.mjs` builds it into `dist/web/`, which `flowmatrix serve` serves; `npx vite
 * web` serves it for development and forwards `/api` to a server on port 8080 (`FLOWMATRIX_API` to change).
 */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: new URL('../dist/web/', import.meta.url).pathname,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 3000,
  },
  server: {
    proxy: { '/api': process.env.FLOWMATRIX_API ?? 'http://127.0.0.1:8080' },
  },
});
