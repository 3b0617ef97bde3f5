import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.js';
import { preloadLessonPages } from './build/preloadLessonPages.js';
import { vendorChunk } from './build/vendorChunks.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The pages of accounts and administration (and the receive-only watch page): never part of what a lesson page loads first. */
const accountPages = /[\\/]client[\\/]src[\\/]features[\\/](accounts|admin|login|teach|terminal|home|watch|library|review|timetable|dashboard|inspection|broadcasts|live)[\\/]/;

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
            { name: 'pages', minShareCount: 2, test: (id) => /[\\/]client[\\/]src[\\/]/.test(id) && !accountPages.test(id) },
            // What only the account pages share (their dictionaries, forms, dialogs), after the lesson pages' shared chunk took
            // its modules (this group takes its modules' dependencies too): a lesson page, which loads that chunk first, never loads this one.
            { name: 'accounts', minShareCount: 2, test: accountPages },
          ],
        },
      },
    },
  },
  server: { proxy: { '/socket.io': { target: 'http://127.0.0.1:3000', ws: true }, '/api': 'http://127.0.0.1:3000' } },
});
