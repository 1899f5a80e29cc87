// When the renderer has not been built, the host still starts (the contract, the demo controls and the
// diagnostics work without it) and the page a browser opens says what is missing and how to build it,
// instead of a bare 404. The page is written to a private temporary folder that the core removes on close.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kiosk: renderer not built</title></head>
<body style="font: 20px/1.5 sans-serif; margin: 3em">
<h1>The kiosk screen is not built yet</h1>
<p>Giao diện kiosk chưa được build. The kiosk core is running, but its screen (the React renderer) has not been built.</p>
<p>Build it with <code>npm run build:renderer</code>, then reload this page.</p>
</body></html>
`;

export interface ServedRenderer {
  /** The folder the host serves. */
  readonly dir: string;
  /** False when the placeholder page is served instead of the renderer. */
  readonly built: boolean;
  /** Removes the placeholder folder (nothing for a built renderer). */
  dispose(): void;
}

/** The renderer folder when it holds an index.html, else a placeholder folder with the page above. */
export function servedRenderer(rendererDir: string): ServedRenderer {
  if (existsSync(join(rendererDir, 'index.html'))) return { dir: rendererDir, built: true, dispose: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-missing-'));
  writeFileSync(join(dir, 'index.html'), NOT_BUILT_PAGE, { mode: 0o644 });
  return { dir, built: false, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
