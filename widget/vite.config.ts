/**
 * Builds the customer chat app (the iframe): `dist/widget/chat.html` + `dist/widget/assets/*`,
 * served by the API at `/widget/frame/:siteKey` and `/widget/assets/*` (hence `base`).
 * The loader has its own config (`loader.vite.config.ts`): it must be a classic script.
 * Budget: everything chat.html loads ≤ 30 KB gzip (see test/bench/sizes.ts).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

// A build is a production build even when a test runner starts it (vitest sets NODE_ENV=test):
// otherwise Preact's devtools and the dev JSX transform land in the bundle (+4.5 KB gzip).
process.env.NODE_ENV = 'production';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const outDir = here('../dist/widget');

/**
 * Remove only what this build writes (chat.html, assets/) before each build, watch rebuilds
 * included. Vite's emptyOutDir would also delete widget.js, which the loader build writes into
 * the same folder (and, under `--watch`, does not rewrite when only the chat changed).
 */
const cleanOwnOutput = (): Plugin => ({
  name: 'knowns-clean-chat-output',
  apply: 'build',
  renderStart() {
    rmSync(join(outDir, 'assets'), { recursive: true, force: true });
    rmSync(join(outDir, 'chat.html'), { force: true });
  },
});

export default defineConfig({
  root: here('./chat'),
  base: '/widget/',
  publicDir: false,
  plugins: [preact(), cleanOwnOutput()],
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2020',
    // No inline polyfill script: chat.html carries a strict CSP (script-src 'self').
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    rollupOptions: {
      input: { chat: here('./chat/chat.html') },
    },
  },
});
