// electron-vite build (npm run build): out/main (the main process and the core child's entry, ESM),
// out/preload (the sandboxed preload: one CommonJS file, no imports left but 'electron'), out/renderer
// (renderer/vite.config.ts's settings). The native device modules stay external: they are loaded
// lazily at run time from node_modules (unpacked from the asar, see electron-builder.yml).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'electron-vite';
import { build, type Plugin } from 'vite';
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

/**
 * Bundles the crash screen's preload (electron/preload/crash-screen.ts) to out/preload/crash-screen.cjs
 * on its own: a sandboxed preload must be one file, and the preload build's one-file output takes a
 * single input (rolldown refuses several without code splitting).
 */
function crashScreenPreload(): Plugin {
  return {
    name: 'kiosk-crash-screen-preload',
    async generateBundle() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
          minify: false,
          rollupOptions: { input: here('electron/preload/crash-screen.ts'), external: ['electron'], output: { format: 'cjs', codeSplitting: false } },
        },
      });
      const chunk = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : [])).find((o) => o.type === 'chunk');
      if (chunk === undefined || chunk.type !== 'chunk') throw new Error('the crash screen preload did not build');
      this.emitFile({ type: 'asset', fileName: 'crash-screen.cjs', source: chunk.code });
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
        // Chunks sit beside the entries, not in a subfolder: code that locates files by import.meta.url
        // (the OpenAPI document, the profiles) computes the same paths from whichever file it lands in
        // (test/integration/packaging checks every such path inside the package).
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    plugins: [crashScreenPreload()],
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
