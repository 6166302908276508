import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web workbench build. `npm run dev -w @zonewise/web` proxies `/api` to a running `zonewise serve`
 * (ZONEWISE_API, default http://127.0.0.1:3000); `npm run build` writes `dist/`, which the server serves.
 */
export default defineConfig({
  plugins: [react()],
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2500 },
  server: {
    proxy: {
      '/api': { target: process.env['ZONEWISE_API'] ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
