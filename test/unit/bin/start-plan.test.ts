// `npm start`'s decision, over temporary folders laid out like node_modules/electron: the binary is
// found the way electron's index.js finds it (path.txt, dist/), never by requiring 'electron'.

import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module without types
import { findElectronBinary, isStale, startPlan } from '../../../bin/start-plan.mjs';

let root: string;
const DISPLAY = { DISPLAY: ':0' };

function electronPackage({ pathTxt, binary, executable = true }: { pathTxt?: string; binary?: boolean; executable?: boolean }): void {
  const dir = join(root, 'node_modules', 'electron');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"45.5.0","main":"index.js"}');
  // If anything required it, this index.js would say so loudly.
  writeFileSync(join(dir, 'index.js'), 'throw new Error("electron index.js was required");');
  if (pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), pathTxt);
  if (binary) {
    writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(join(dir, 'dist', 'electron'), executable ? 0o755 : 0o644);
  }
}

function touch(path: string, seconds: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
  utimesSync(path, seconds, seconds);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'start-plan-'));
  writeFileSync(join(root, 'package.json'), '{"name":"kiosk"}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('finds no binary when path.txt is missing (the download never happened)', () => {
    electronPackage({});
    expect(findElectronBinary(root, {})).toEqual({ usable: false, reason: 'node_modules/electron has no downloaded binary' });
  });

  it('finds no binary when dist/<path> is missing or not executable', () => {
    electronPackage({ pathTxt: 'electron' });
    expect(findElectronBinary(root, {}).usable).toBe(false);
    rmSync(join(root, 'node_modules'), { recursive: true });
    electronPackage({ pathTxt: 'electron', binary: true, executable: false });
    // root may execute anything with an x bit only; 0644 has none.
    expect(findElectronBinary(root, {}).usable).toBe(false);
  });

  it('finds the binary at dist/<path.txt>', () => {
    electronPackage({ pathTxt: 'electron', binary: true });
    expect(findElectronBinary(root, {})).toEqual({ usable: true, path: join(root, 'node_modules/electron/dist/electron') });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron does', () => {
    electronPackage({});
    const dist = join(root, 'custom');
    mkdirSync(dist);
    writeFileSync(join(dist, 'electron'), '');
    chmodSync(join(dist, 'electron'), 0o755);
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({ usable: true, path: join(dist, 'electron') });
  });

  it('says so when the electron package is not installed', () => {
    expect(findElectronBinary(root, {})).toEqual({ usable: false, reason: 'the electron package is not installed' });
  });
});

describe('isStale', () => {
  it('is stale when an output is missing or a source is newer than the oldest output', () => {
    touch(join(root, 'src/a.ts'), 1_000);
    expect(isStale([join(root, 'out/index.html')], [join(root, 'src')])).toBe(true);
    touch(join(root, 'out/index.html'), 2_000);
    expect(isStale([join(root, 'out/index.html')], [join(root, 'src')])).toBe(false);
    touch(join(root, 'src/deep/b.tsx'), 3_000);
    expect(isStale([join(root, 'out/index.html')], [join(root, 'src')])).toBe(true);
  });
});

describe('startPlan', () => {
  it('starts the browser shell with one notice line when there is no Electron binary', () => {
    electronPackage({});
    const plan = startPlan({ root, argv: ['--profile', 'hospital'], env: DISPLAY, platform: 'linux' });
    expect(plan).toMatchObject({
      shell: 'browser',
      notice: 'kiosk: no Electron binary here (node_modules/electron has no downloaded binary); starting the browser shell instead',
      buildRenderer: true,
      args: [join(root, 'bin/kiosk.mjs'), 'start', '--profile', 'hospital'],
    });
    expect(plan.notice).not.toContain('\n');
  });

  it('builds the renderer only when it is older than its sources', () => {
    electronPackage({});
    touch(join(root, 'renderer/src/app.tsx'), 1_000);
    touch(join(root, 'out/renderer/index.html'), 2_000);
    expect(startPlan({ root, argv: [], env: {}, platform: 'linux' }).buildRenderer).toBe(false);
  });

  it('starts Electron on the app folder when the binary is usable and there is a display', () => {
    electronPackage({ pathTxt: 'electron', binary: true });
    const plan = startPlan({ root, argv: ['--profile', 'demo'], env: DISPLAY, platform: 'linux' });
    expect(plan).toEqual({ shell: 'electron', binary: join(root, 'node_modules/electron/dist/electron'), build: true, args: [root, '--profile', 'demo'] });
  });

  it('falls back to the browser shell when Linux has no display for a window', () => {
    electronPackage({ pathTxt: 'electron', binary: true });
    const plan = startPlan({ root, argv: [], env: {}, platform: 'linux' });
    expect(plan.shell).toBe('browser');
    expect(plan.notice).toBe('kiosk: an Electron binary but no display; starting the browser shell instead');
  });
});
