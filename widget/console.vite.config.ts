/**
 * Builds the agent console: `dist/console/console.html` + `dist/console/assets/*`, served by the
 * API at `/console` and `/console/assets/*`. A build of its own, so nothing of the console (code
 * or CSS) ever lands in the customer chat's bundle or its size budget.
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

process.env.NODE_ENV = 'production';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./console'),
  base: '/console/',
  publicDir: false,
  plugins: [preact()],
  build: {
    outDir: here('../dist/console'),
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    rollupOptions: { input: { console: here('./console/console.html') } },
  },
});
