/**
 * Builds the customer chat app (the iframe): `dist/widget/chat.html` + `dist/widget/assets/*`,
 * served by the API at `/widget/frame/:siteKey` and `/widget/assets/*` (hence `base`).
 * The loader has its own config (`loader.vite.config.ts`): it must be a classic script.
 * Budget: everything chat.html loads ≤ 30 KB gzip (see test/bench/sizes.ts).
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./chat'),
  base: '/widget/',
  publicDir: false,
  plugins: [preact()],
  build: {
    outDir: here('../dist/widget'),
    emptyOutDir: true,
    target: 'es2020',
    // No inline polyfill script: chat.html carries a strict CSP (script-src 'self').
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    rollupOptions: {
      input: { chat: here('./chat/chat.html') },
    },
  },
});
