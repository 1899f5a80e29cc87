// Builds the kiosk's UI into <repo>/out/renderer, which the core's host serves (browser shell) and the
// Electron window loads. The host's CSP allows only the page's own files: no inline script or style,
// no data: scripts. So asset URLs are relative (`./assets/...`, valid over http:// and file://),
// nothing is inlined, and the module-preload polyfill (an inline helper in some setups) is off.

import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Electron 45 and Debian's Chromium are both recent.
    target: 'chrome120',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
