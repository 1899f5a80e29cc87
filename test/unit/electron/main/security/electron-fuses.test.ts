// The Electron fuses of the packaged kiosk (electron-builder.yml, `electronFuses`). The real Electron
// binary cannot be downloaded here, so the proof has two halves:
//   1. the YAML block states every fuse as the lock-down requires, with the key names of
//      electron-builder 26's own schema;
//   2. electron-builder's own translation of that block (PlatformPackager.generateFuseConfig, the code
//      its afterPack runs) is applied with the real @electron/fuses `flipFuses` to a stand-in binary
//      that carries the fuse sentinel and a V1 wire laid out as Electron's, and read back with
//      `getCurrentFuseWire`.
// What this does NOT prove: that Electron 45's binary has exactly this wire (its length and order are
// @electron/fuses' knowledge, not checked against the real file), that a real `electron-builder`
// run reaches the fuse step (H3's packaging test covers the build, not the binary), or that Electron
// honours the flipped fuses at run time (ASAR integrity, for one, is enforced on Windows and macOS
// only).

import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', '..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };
const fuses = config.electronFuses ?? {};

/** What the lock-down requires, by electron-builder key: true = fuse enabled, false = disabled. */
const REQUIRED = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const;

/** The same requirements by @electron/fuses wire position. */
const REQUIRED_WIRE: Readonly<Record<FuseV1Options, boolean>> = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

const require = createRequire(import.meta.url);

/** electron-builder's own YAML -> @electron/fuses translation (the code that runs at packaging). */
async function electronBuilderFuseConfig(block: Record<string, unknown>): Promise<FuseConfig> {
  // app-builder-lib's modules must load through its index (they import each other in a cycle).
  require('app-builder-lib');
  const { PlatformPackager } = require('app-builder-lib/out/platformPackager.js') as {
    PlatformPackager: { prototype: { generateFuseConfig(this: unknown, fuses: Record<string, unknown>): Promise<FuseConfig> } };
  };
  return PlatformPackager.prototype.generateFuseConfig.call({}, block);
}

/** Electron's defaults on a fresh binary (docs/tutorial/fuses.md), as wire bytes. */
const DEFAULT_WIRE = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE];

/** A stand-in binary: filler, the sentinel, wire version 1, wire length, the wire, more filler. */
function standInBinary(): { bytes: Buffer; wireAt: number } {
  const before = Buffer.alloc(4096, 0x90);
  const after = Buffer.alloc(4096, 0xcc);
  const sentinel = Buffer.from(SENTINEL, 'ascii');
  const header = Buffer.from([Number(FuseVersion.V1), DEFAULT_WIRE.length]);
  return { bytes: Buffer.concat([before, sentinel, header, Buffer.from(DEFAULT_WIRE), after]), wireAt: before.length + sentinel.length + header.length };
}

const work = mkdtempSync(join(tmpdir(), 'kiosk-fuses-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electronFuses (electron-builder.yml)', () => {
  it('states every fuse the lock-down requires, and nothing else', () => {
    expect(fuses).toEqual(REQUIRED);
  });

  it("uses only keys of electron-builder's schema for the block, all boolean", () => {
    const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, { type: string }> } };
    };
    const properties = scheme.definitions.FuseOptionsV1.properties;
    for (const [key, value] of Object.entries(fuses)) {
      expect(properties[key]?.type, key).toBe('boolean');
      expect(typeof value, key).toBe('boolean');
    }
  });

  it("is translated by electron-builder into a fuse for every wire position", async () => {
    const translated = await electronBuilderFuseConfig(fuses);
    expect(translated.version).toBe(FuseVersion.V1);
    for (const [position, wanted] of Object.entries(REQUIRED_WIRE)) expect((translated as Record<string, unknown>)[position], FuseV1Options[Number(position)]).toBe(wanted);
  });

  it('flips the fuses of a binary as required, and only the fuse bytes', async () => {
    const { bytes, wireAt } = standInBinary();
    const path = join(work, 'electron');
    writeFileSync(path, bytes);
    const translated = await electronBuilderFuseConfig(fuses);
    // strictlyRequireAllFuses: the config must set every fuse the wire has, none inherited.
    expect(await flipFuses(path, { ...translated, strictlyRequireAllFuses: true } as FuseConfig)).toBe(1);

    const wire = await getCurrentFuseWire(path);
    for (const [position, wanted] of Object.entries(REQUIRED_WIRE)) {
      expect(wire[Number(position) as FuseV1Options], FuseV1Options[Number(position)]).toBe(wanted ? FuseState.ENABLE : FuseState.DISABLE);
    }
    const flipped = readFileSync(path);
    expect(flipped.length).toBe(bytes.length);
    expect(flipped.subarray(0, wireAt).equals(bytes.subarray(0, wireAt))).toBe(true);
    expect(flipped.subarray(wireAt + DEFAULT_WIRE.length).equals(bytes.subarray(wireAt + DEFAULT_WIRE.length))).toBe(true);
  });

  it('refuses a binary without the sentinel (the check a wrong file would meet)', async () => {
    const path = join(work, 'not-electron');
    writeFileSync(path, Buffer.alloc(1024, 0x41));
    await expect(flipFuses(path, { version: FuseVersion.V1, [FuseV1Options.RunAsNode]: false })).rejects.toThrow(/sentinel/);
  });
});
