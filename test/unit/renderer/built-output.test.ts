// The renderer's production build, into a temporary folder: the host serves it under a CSP without
// 'unsafe-inline' and without data: scripts, and the Electron window loads it from disk, so index.html
// must hold no inline script or style and reference only relative ./assets/ files, all of which exist.
// (About 2 s; the real-browser checks are the e2e tests'.)

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const configFile = fileURLToPath(new URL('../../../renderer/vite.config.ts', import.meta.url));
let outDir = '';
let html = '';

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'renderer-build-'));
  await build({ configFile, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  html = await readFile(path.join(outDir, 'index.html'), 'utf8');
}, 60_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the built renderer', () => {
  it('has no inline script, inline style or style attribute in index.html', () => {
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script).toMatch(/\ssrc="/);
      expect(script.replace(/^<script\b[^>]*>/, '').replace(/<\/script>$/, '').trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('references only relative ./assets/ files that exist (scripts, styles, the icon), none as data: URLs', async () => {
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    const assets = new Set(await readdir(path.join(outDir, 'assets')));
    for (const ref of refs) {
      expect(ref).toMatch(/^\.\/assets\/[A-Za-z0-9_.-]+\.(js|css|svg)$/);
      expect(assets.has(ref.slice('./assets/'.length))).toBe(true);
    }
  });

  it('emits the styles as a file, not injected by script', async () => {
    const files = await readdir(path.join(outDir, 'assets'));
    const css = files.filter((f) => f.endsWith('.css'));
    expect(css).toHaveLength(1);
    const text = await readFile(path.join(outDir, 'assets', css[0]!), 'utf8');
    expect(text).toContain('.kiosk');
    expect(text).not.toMatch(/url\(\s*["']?data:/);
  });
});
