// Packaging, as far as it can be proven on a machine that cannot download Electron or electron-builder's
// tools: electron-builder.yml passes electron-builder's own validator; the app bundle builds
// (electron-vite); `electron-builder --linux dir` with a stand-in Electron folder produces
// resources/app.asar whose package.json and contents are what the packaged kiosk runs (the bundles, the
// files the bundles locate by import.meta.url, the unpacked native modules) and nothing it must not
// carry (tests, sources, private keys, the demo profile). Not proven here: the deb, AppImage and NSIS
// artifacts (fpm, appimagetool and NSIS are downloaded by electron-builder), the rebuild of pcsclite for
// Electron's ABI (needs Electron's headers), and a start under a real Electron binary.

import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as asar from '@electron/asar';
import { FuseV1Options } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadKioskConfig } from '../../../electron/core/config/load-kiosk-config.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const BUILDER_CONFIG = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

/** @electron/fuses' sentinel, then fuse-wire version 1 and Electron's default wire (8 fuses). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_FUSE_WIRE = '10110001';

/**
 * What electron-builder needs of an Electron folder for `--linux dir`, found by trying: only the
 * `electron` executable (it is renamed to executableName); nothing is downloaded when electronDist is
 * a folder. The fuse wire lets the config's electronFuses be flipped as on a real binary.
 */
function standInElectron(dir: string): void {
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: not runnable"\nexit 1\n# ');
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, DEFAULT_FUSE_WIRE.length]), Buffer.from(DEFAULT_FUSE_WIRE), Buffer.from('\n')]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, wire]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), '45.5.0');
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(BUILDER_CONFIG, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator does refuse what is wrong (so the line above can fail).
    await expect(validateConfiguration({ ...BUILDER_CONFIG, asarUnpak: [] }, new DebugLogger(false))).rejects.toThrow(/asarUnpak/);
  });

  it('rebuilds native modules for Electron without building the N-API ones from source', () => {
    expect(BUILDER_CONFIG).toMatchObject({ npmRebuild: true, buildDependenciesFromSource: false, asar: true });
    expect(BUILDER_CONFIG.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/pcsclite/**', '**/node_modules/sqlite3/**', '**/node_modules/node-hid/**', '**/node_modules/@serialport/bindings-cpp/**']));
  });

  it('builds deb and AppImage for Linux and NSIS for Windows, publishing nowhere by itself', () => {
    expect(BUILDER_CONFIG).toMatchObject({ linux: { target: ['deb', 'AppImage'], executableName: 'edge-kiosk' }, win: { target: ['nsis'] }, nsis: { perMachine: true } });
    expect(BUILDER_CONFIG.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/\.invalid\//) });
  });
});

describe('the example /etc/kiosk layout', () => {
  it("passes the kiosk's own config validation (kiosk config check), with updates off", async () => {
    const dir = join(ROOT, 'config', 'deploy', 'etc-kiosk');
    const { config } = await loadKioskConfig({ file: join(dir, 'kiosk.yaml'), overrideFile: join(dir, 'override.yaml'), env: {} });
    expect(config.kiosk.id).toBe('bvbm-sanh-a-02');
    expect(config.updates.enabled).toBe(false);
    expect(config.trustStore.path).toBe(join(dir, 'csca'));
    expect(config.store.dataDir).toBe('/var/lib/kiosk');
  });
});

describe('electron-builder --linux dir with a stand-in Electron', () => {
  let work: string;
  let resources: string;
  let asarFiles: string[];
  let readAsar: (path: string) => string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'kiosk-packaging-'));
    const electronDist = join(work, 'electron-dist');
    await run('mkdir', ['-p', electronDist]);
    standInElectron(electronDist);
    // `npm run build`: the bundles electron-builder packs.
    await run(join(BIN, 'electron-vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, maxBuffer: 16 << 20 });
    // The product config, with what only this machine needs: the stand-in Electron, no rebuild (that
    // downloads Electron's headers), and a private output folder.
    const config = { ...BUILDER_CONFIG, electronDist, npmRebuild: false, directories: { ...(BUILDER_CONFIG.directories as object), output: join(work, 'dist') } };
    writeFileSync(join(work, 'builder.json'), JSON.stringify(config));
    await run(join(BIN, 'electron-builder'), ['--linux', 'dir', '--publish', 'never', '--projectDir', ROOT, '--config', join(work, 'builder.json')], {
      cwd: ROOT,
      maxBuffer: 16 << 20,
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    });
    resources = join(work, 'dist', 'linux-unpacked', 'resources');
    const archive = join(resources, 'app.asar');
    asarFiles = asar.listPackage(archive, { isPack: false }).map((p) => p.split('\\').join('/'));
    readAsar = (path) => asar.extractFile(archive, path.replace(/^\//, '')).toString('utf8');
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("packs the app's package.json with the ESM main entry and the version", () => {
    const pkg = JSON.parse(readAsar('package.json')) as Record<string, unknown>;
    const source = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'edge-kiosk', version: source.version, main: 'out/main/index.js', type: 'module' });
  });

  it('packs the main, core, preload and renderer bundles and the crash-loop page', () => {
    for (const file of ['/out/main/index.js', '/out/main/core-process.js', '/out/main/crash-loop.html', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(asarFiles).toContain(file);
    }
  });

  it('packs no tests, sources, source maps, private keys nor the simulator PKI', () => {
    expect(asarFiles.filter((f) => f.startsWith('/test/') || f.startsWith('/native/') || f.startsWith('/electron/') || f.startsWith('/renderer/'))).toEqual([]);
    expect(asarFiles.filter((f) => !f.startsWith('/node_modules/') && /\.(map|ts|tsx|pem|key)$/.test(f))).toEqual([]);
    expect(asarFiles.filter((f) => /\.key\.pem$|\/pki\/fixtures\//.test(f))).toEqual([]);
    const bundles = asarFiles.filter((f) => f.startsWith('/out/') && f.endsWith('.js'));
    for (const file of bundles) expect(readAsar(file), file).not.toMatch(/-----BEGIN (EC |RSA )?PRIVATE KEY-----/);
  });

  it('finds every file the bundles locate by import.meta.url at the path they compute inside the package', () => {
    // Resolved as the packaged kiosk resolves them: from <resources>/app.asar/<bundle file>.
    const APP = '/resources/app.asar';
    const lookups: { from: string; target: string }[] = [];
    for (const file of asarFiles.filter((f) => f.startsWith('/out/main/') && f.endsWith('.js'))) {
      for (const match of readAsar(file).matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) {
        lookups.push({ from: file, target: posix.resolve(APP + posix.dirname(file), match[1] as string) });
      }
    }
    expect(lookups.length).toBeGreaterThan(0);
    // Read only by the demo profile, which is not shipped: the simulator's PKI and face image.
    const demoOnly = (t: string) => /\/fixtures$|synthetic-face\.jpg$/.test(t);
    const found = (t: string) =>
      t.startsWith(`${APP}/`) ? asarFiles.includes(t.slice(APP.length)) : existsSync(join(resources, posix.relative('/resources', t)));
    const missing = lookups.filter(({ target }) => !demoOnly(target) && !found(target));
    expect(missing).toEqual([]);
    expect(lookups.map((l) => l.target)).toContain(`${APP}/config/central-service.openapi.yaml`);
  });

  it('finds the package.json beside the bundle, as the core reports its version from it', () => {
    expect(asarFiles).toContain('/package.json');
    expect(readAsar('out/main/core-process.js')).toContain('new URL("../../package.json", import.meta.url)');
  });

  it('packs the runtime dependencies the bundles import, with the ticket font', () => {
    for (const dir of ['ws', 'zod', 'pino', 'sqlite3', 'electron-updater', 'yaml', 'xstate']) expect(asarFiles).toContain(`/node_modules/${dir}/package.json`);
    expect(asarFiles).toContain('/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    // Not Electron itself, nor the command line's TypeScript runner with its native esbuild binary.
    for (const dir of ['electron', 'tsx', 'esbuild', '@esbuild']) expect(asarFiles.some((f) => f.startsWith(`/node_modules/${dir}/`)), dir).toBe(false);
  });

  it('unpacks the native modules next to the archive', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    expect(readdirSync(unpacked)).toEqual(expect.arrayContaining(['pcsclite', 'sqlite3', 'node-hid', '@serialport']));
    const nodeFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? nodeFiles(join(dir, e.name)) : e.name.endsWith('.node') ? [join(dir, e.name)] : []));
    expect(nodeFiles(join(unpacked, 'sqlite3')).length).toBeGreaterThan(0);
    expect(nodeFiles(join(unpacked, 'pcsclite')).length).toBeGreaterThan(0);
  });

  it('ships the site profiles and the deployment files as resources, but not the demo profile', () => {
    expect(readdirSync(join(resources, 'config', 'kiosk')).sort()).toEqual(['border-gate.yaml', 'hospital.yaml', 'override.example.yaml']);
    expect(existsSync(join(resources, 'deploy', 'linux', 'edge-kiosk.service'))).toBe(true);
    expect(existsSync(join(resources, 'deploy', 'windows', 'edge-kiosk-task.xml'))).toBe(true);
    expect(existsSync(join(resources, 'deploy', 'etc-kiosk', 'kiosk.yaml'))).toBe(true);
  });

  it('names the executable edge-kiosk, as the systemd unit starts it', () => {
    expect(existsSync(join(resources, '..', 'edge-kiosk'))).toBe(true);
  });

  it("flips the stand-in binary's fuses when the config sets them (H1's electronFuses)", async () => {
    const fuses = BUILDER_CONFIG.electronFuses as Record<string, boolean> | null | undefined;
    const binary = readFileSync(join(resources, '..', 'edge-kiosk'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2;
    const wire = binary.subarray(at, at + DEFAULT_FUSE_WIRE.length).toString('latin1');
    if (fuses === undefined || fuses === null) {
      expect(wire).toBe(DEFAULT_FUSE_WIRE);
      return;
    }
    const names: Record<string, number> = {
      runAsNode: FuseV1Options.RunAsNode,
      enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
      onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
    };
    for (const [name, index] of Object.entries(names)) {
      if (typeof fuses[name] === 'boolean') expect(wire[index], name).toBe(fuses[name] ? '1' : '0');
    }
  });
});
