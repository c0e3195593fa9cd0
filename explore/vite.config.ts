import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The explorer is served by the API server at /explore (src/explore/serve.ts), from explore/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/explore/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Cytoscape alone is ~430 kB minified; one bundle is fine for a page opened once per session.
    chunkSizeWarningLimit: 1024,
  },
});
