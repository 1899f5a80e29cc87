// electron-vite build (npm run build): out/main (the main process and the core child's entry, ESM),
// out/preload (the sandboxed preload: one CommonJS file, no imports left but 'electron'), out/renderer
// (renderer/vite.config.ts's settings). The native device modules stay external: they are loaded
// lazily at run time from node_modules (unpacked from the asar, see electron-builder.yml).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import rendererConfig from './renderer/vite.config.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const NATIVE_MODULES = ['pcsclite', 'node-hid', 'serialport', '@serialport/bindings-cpp', 'sqlite3'];

/** Copies the crash-loop page next to the main bundle (main loads it with loadFile). */
function crashLoopPage(): Plugin {
  return {
    name: 'kiosk-crash-loop-page',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'crash-loop.html', source: readFileSync(here('electron/main/crash-loop.html'), 'utf8') });
    },
  };
}

const renderer = rendererConfig as UserConfig['renderer'] & { build?: Record<string, unknown> };

export default defineConfig({
  main: {
    plugins: [crashLoopPage()],
    build: {
      outDir: here('out/main'),
      externalizeDeps: { include: NATIVE_MODULES },
      sourcemap: false,
      rollupOptions: {
        input: { index: here('electron/main/index.ts'), 'core-process': here('electron/core/app/core-process.ts') },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      // Sandboxed preloads cannot require anything but a few Electron modules: bundle everything.
      externalizeDeps: false,
      sourcemap: false,
      rollupOptions: {
        input: { index: here('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...renderer,
    root: here('renderer'),
    build: {
      ...renderer?.build,
      outDir: here('out/renderer'),
      rollupOptions: { input: { index: here('renderer/index.html') } },
    },
  },
});
