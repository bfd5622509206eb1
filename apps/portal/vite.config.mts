import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = process.env.SPV_API_URL ?? 'http://127.0.0.1:3000';

// The portal is served by the API under /portal (production build in dist/, made by
// `npm run build`). `npm run dev -w @spv-cloud/portal` serves it with hot reload and forwards
// API paths to a running API (SPV_API_URL, default http://127.0.0.1:3000).
export default defineConfig({
  base: '/portal/',
  plugins: [react()],
  resolve: {
    // The client's TypeScript sources, as the type checker sees them (no build of the lib needed).
    alias: {
      '@spv-cloud/api-client': fileURLToPath(new URL('../../libs/api-client/src/index.ts', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: { proxy: { '/v1': api, '/docs': api } },
});
