// Main's logs and data folder come from the config the core is started with (the same arguments and
// environment): the demo profile with KIOSK_LOG_DIR gives main its own rotated file beside the core's;
// a config that cannot be read, or none at all, gives stderr and the fallback folder.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreLaunch } from '../../../../electron/main/paths.ts';
import { loadShellSettings, openShellLogging } from '../../../../electron/main/shell-logging.ts';

const PROFILES = fileURLToPath(new URL('../../../../config/kiosk', import.meta.url));
let dir: string;

const start = (args: string[], env: NodeJS.ProcessEnv): CoreLaunch => ({ kind: 'start', args: [...args, '--profile-dir', PROFILES, '--renderer-dir', '/nowhere'], env, configSource: 'test' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-logging-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadShellSettings', () => {
  it("reads the core's config: its logging section and data folder", async () => {
    const settings = await loadShellSettings(start(['--profile', 'demo'], { KIOSK_DATA_DIR: join(dir, 'data'), KIOSK_LOG_DIR: join(dir, 'logs'), KIOSK_LOG_LEVEL: 'warn' }), '/fallback');
    expect(settings).toEqual({ logging: { level: 'warn', directory: join(dir, 'logs'), rotation: { maxSizeMb: 10, maxFiles: 10 } }, dataDir: join(dir, 'data'), fromConfig: true });
  });

  it('falls back to stderr and the fallback folder when the config cannot be read', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'logging: { level: loud }\n');
    const settings = await loadShellSettings(start(['--config', bad], {}), '/fallback', {});
    expect(settings).toEqual({ logging: { level: 'info', rotation: { maxSizeMb: 10, maxFiles: 10 } }, dataDir: '/fallback', fromConfig: false });
    expect((await loadShellSettings({ kind: 'config-missing', expected: '/etc/kiosk/kiosk.yaml' }, '/fallback', { KIOSK_LOG_LEVEL: 'debug' })).logging.level).toBe('debug');
  });
});

describe('openShellLogging', () => {
  it('writes kiosk-shell.<n>.log into the log directory', async () => {
    const { logs } = await openShellLogging(start(['--profile', 'demo'], { KIOSK_DATA_DIR: join(dir, 'data'), KIOSK_LOG_DIR: join(dir, 'logs') }), '/fallback');
    logs.logger.info({ event: 'shell-started' }, 'started');
    await logs.close();
    expect(readdirSync(join(dir, 'logs'))).toEqual(['kiosk-shell.1.log']);
    expect(JSON.parse(readFileSync(join(dir, 'logs', 'kiosk-shell.1.log'), 'utf8'))).toMatchObject({ service: 'kiosk-shell', event: 'shell-started' });
  });
});
