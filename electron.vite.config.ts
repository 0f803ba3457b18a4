import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// LOUPE_OUT_DIR lets several checkouts' builds (or several people's) coexist; default `out`.
const out = process.env.LOUPE_OUT_DIR ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      lib: { entry: resolve('electron/main.ts'), formats: ['es'], fileName: () => 'main.js' },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      // A sandboxed preload can require only a few Electron modules: bundle everything else in.
      externalizeDeps: { exclude: ['zod'] },
      lib: { entry: resolve('electron/preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      rollupOptions: { output: { codeSplitting: false } },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(`${out}/renderer`),
      emptyOutDir: true,
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
    worker: { format: 'es' },
  },
});
