/**
 * The console's front end: built by `npm run build` into dist/console, which the console service
 * serves under /console. JSX is compiled by Vite's own transformer (the tsconfig says react-jsx).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/console/',
  publicDir: false,
  build: {
    outDir: path.resolve(here, '../../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    // uPlot and React together are about 250 kB: one chunk loads faster than a waterfall.
    chunkSizeWarningLimit: 800,
  },
});
