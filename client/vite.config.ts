import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.js';
import { preloadLessonPages } from './build/preloadLessonPages.js';
import { vendorChunk } from './build/vendorChunks.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react(), preloadLessonPages(), precompress()],
  resolve: { alias: { '@shared': here('../shared/src/index.ts') } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json: which chunk imports which, read by the test of what a lesson page loads first.
    manifest: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: vendorChunk, debugName: 'vendor' },
            // Our own code that joining needs, in one chunk rather than one per module shared with a lazy page.
            { name: 'join', tags: ['$initial'], test: /[\\/](client|shared)[\\/]src[\\/]/ },
            // What the pages share (tiles, badges, translations): one chunk, not one per pair of pages.
            { name: 'pages', minShareCount: 2, test: /[\\/]client[\\/]src[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/socket.io': { target: 'http://127.0.0.1:3000', ws: true }, '/api': 'http://127.0.0.1:3000' } },
});
