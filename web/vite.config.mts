/**
 * Builds the inbox app into dist/web, which the gateway serves at /app (src/gateway/static.ts).
 * `npx vite --config web/vite.config.mts` serves it with hot reload, proxying the API to a hub
 * started with `npm start` on port 4000.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/web'),
    emptyOutDir: true,
    // Mantine is most of the bundle; one file loads faster on loopback than many small ones.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } },
  },
});
