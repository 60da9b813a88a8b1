/**
 * Builds the loader (`dist/widget/widget.js`): one classic script (IIFE, no import/export),
 * no framework, budget 3 KB gzip. Shares dist/widget with the chat build, so it must not empty it.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  publicDir: false,
  build: {
    outDir: here('../dist/widget'),
    emptyOutDir: false,
    target: 'es2019',
    minify: true,
    sourcemap: false,
    lib: {
      entry: here('./loader/index.ts'),
      formats: ['iife'],
      name: 'KnownsLoader',
      fileName: () => 'widget.js',
    },
  },
});
