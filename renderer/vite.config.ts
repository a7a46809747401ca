import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// base './' keeps asset URLs relative: the desktop app serves the build from app://mrb/
// and `mrb serve` from http://127.0.0.1:PORT/, and the same files must work in both.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    // Nothing may be inlined as a data: script or loaded from elsewhere (CSP script-src 'self').
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
