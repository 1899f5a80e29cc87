// The shell's self-update with electron-updater mocked: off by default, the site's generic server and
// channel when on, a check at start and every checkHours, a background download, and an install only
// on an idle welcome screen (inside the quiet hour when one is set), never during a check-in; errors
// are logged and never stop the kiosk.

import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UpdatesSectionSchema, type UpdatesConfig } from '../../../../electron/core/config/updates-config.ts';
import { KioskUpdater, loadElectronUpdater, siteUpdatesConfig, type UpdateClock } from '../../../../electron/main/auto-update.ts';
import type { CoreLaunch } from '../../../../electron/main/paths.ts';
import { profileConfigFile } from '../../../../electron/core/config/load-kiosk-config.ts';
import { silentLogger } from '../../../../native/util/logger.ts';

class FakeAppUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  logger: unknown = console;
  feed: unknown = null;
  checks = 0;
  checkResult: () => Promise<unknown> = () => Promise.resolve(null);
  setFeedURL = vi.fn((options: unknown) => void (this.feed = options));
  quitAndInstall = vi.fn();
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return this.checkResult();
  }
}

const mocked = vi.hoisted(() => ({ updater: null as unknown }));
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    return mocked.updater;
  },
}));

/** A clock the test moves by hand; `every` timers fire when their time comes. */
class ManualClock implements UpdateClock {
  at = Date.UTC(2026, 0, 5, 10, 0, 0);
  currentHour = 10;
  private timers: { ms: number; next: number; run: () => void }[] = [];
  now = () => this.at;
  hour = () => this.currentHour;
  every(ms: number, run: () => void): () => void {
    const timer = { ms, next: this.at + ms, run };
    this.timers.push(timer);
    return () => void (this.timers = this.timers.filter((t) => t !== timer));
  }
  advance(ms: number): void {
    const end = this.at + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (due === undefined) break;
      this.at = due.next;
      due.next += due.ms;
      due.run();
    }
    this.at = end;
  }
  get pending(): number {
    return this.timers.length;
  }
}

const ON = UpdatesSectionSchema.parse({ enabled: true, url: 'https://updates.benhvien.example.vn/kiosk/', channel: 'latest', checkHours: 6, idleMinutes: 5 });
const MINUTE = 60_000;
const snapshot = (screen: string) => JSON.stringify({ type: 'snapshot', snapshot: { state: screen, view: { screen } } });
const flush = () => new Promise((r) => setTimeout(r, 0));

let fake: FakeAppUpdater;
let clock: ManualClock;

function updater(config: UpdatesConfig | null = ON) {
  return new KioskUpdater({ loadConfig: async () => config, loadUpdater: loadElectronUpdater, logger: silentLogger(), currentVersion: '0.1.0', clock, installPollMs: 30_000 });
}

async function downloaded(u: KioskUpdater, version = '0.2.0'): Promise<void> {
  await u.start();
  await flush();
  fake.emit('update-downloaded', { version });
}

beforeEach(() => {
  fake = new FakeAppUpdater();
  mocked.updater = fake;
  clock = new ManualClock();
});

describe('UpdatesSectionSchema', () => {
  it('is off by default with the latest channel every 6 hours', () => {
    expect(UpdatesSectionSchema.parse({})).toEqual({ enabled: false, channel: 'latest', checkHours: 6, idleMinutes: 5 });
  });

  it('needs a URL when enabled', () => {
    const result = UpdatesSectionSchema.safeParse({ enabled: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['url']);
  });

  it('refuses a URL with credentials or another scheme', () => {
    expect(UpdatesSectionSchema.safeParse({ enabled: true, url: 'https://it:secret@updates.example.vn/' }).success).toBe(false);
    expect(UpdatesSectionSchema.safeParse({ enabled: true, url: 'file:///srv/updates' }).success).toBe(false);
  });

  it('refuses a quiet hour outside the day', () => {
    expect(UpdatesSectionSchema.safeParse({ quietHour: 24 }).success).toBe(false);
  });
});

describe('KioskUpdater', () => {
  describe('start', () => {
    it('does nothing at all when updates are off (electron-updater is not even configured)', async () => {
      const u = updater(UpdatesSectionSchema.parse({}));
      await u.start();
      expect(u.state).toBe('off');
      expect(fake.setFeedURL).not.toHaveBeenCalled();
      expect(fake.checks).toBe(0);
      expect(clock.pending).toBe(0);
    });

    it('does nothing when there is no site config', async () => {
      const u = updater(null);
      await u.start();
      expect(u.state).toBe('off');
      expect(fake.checks).toBe(0);
    });

    it("points electron-updater at the site's generic server and channel, downloading in the background", async () => {
      await updater().start();
      expect(fake.feed).toEqual({ provider: 'generic', url: 'https://updates.benhvien.example.vn/kiosk/', channel: 'latest' });
      expect(fake.autoDownload).toBe(true);
      expect(fake.autoInstallOnAppQuit).toBe(false);
      expect(fake.allowDowngrade).toBe(false);
    });

    it('checks at start and then every checkHours', async () => {
      await updater().start();
      await flush();
      expect(fake.checks).toBe(1);
      clock.advance(6 * 60 * MINUTE - 1);
      expect(fake.checks).toBe(1);
      clock.advance(1);
      await flush();
      expect(fake.checks).toBe(2);
      clock.advance(6 * 60 * MINUTE);
      await flush();
      expect(fake.checks).toBe(3);
    });

    it('survives an unreachable server and checks again at the next interval', async () => {
      fake.checkResult = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      const u = updater();
      await u.start();
      await flush();
      expect(u.state).toBe('idle');
      clock.advance(6 * 60 * MINUTE);
      await flush();
      expect(fake.checks).toBe(2);
    });

    it('survives an error event from electron-updater', async () => {
      const u = updater();
      await u.start();
      expect(() => fake.emit('error', new Error('sha512 checksum mismatch'))).not.toThrow();
      expect(u.state).not.toBe('off');
    });

    it('stays off when electron-updater cannot be loaded', async () => {
      const u = new KioskUpdater({ loadConfig: async () => ON, loadUpdater: () => Promise.reject(new Error('no module')), logger: silentLogger(), currentVersion: '0.1.0', clock });
      await expect(u.start()).resolves.toBeUndefined();
      expect(u.state).toBe('off');
      expect(clock.pending).toBe(0);
    });
  });

  describe('installing a downloaded update', () => {
    it('waits while a person is checking in, however long it takes', async () => {
      const u = updater();
      u.observeCoreFrame(snapshot('welcome'));
      u.observeCoreFrame(snapshot('reading'));
      await downloaded(u);
      clock.advance(60 * MINUTE);
      expect(fake.quitAndInstall).not.toHaveBeenCalled();
      expect(u.state).toBe('downloaded');
    });

    it('installs silently, restarting the kiosk, once the welcome screen has been idle for idleMinutes', async () => {
      const u = updater();
      await downloaded(u);
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(4 * MINUTE);
      expect(fake.quitAndInstall).not.toHaveBeenCalled();
      clock.advance(MINUTE);
      expect(fake.quitAndInstall).toHaveBeenCalledWith(true, true);
      expect(u.state).toBe('installing');
    });

    it('installs at once when the update arrives after the kiosk has long been idle', async () => {
      const u = updater();
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(10 * MINUTE);
      await downloaded(u);
      expect(fake.quitAndInstall).toHaveBeenCalledTimes(1);
    });

    it('starts the idle time again when someone leaves the welcome screen', async () => {
      const u = updater();
      await downloaded(u);
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(4 * MINUTE);
      u.observeCoreFrame(snapshot('presentCard'));
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(4 * MINUTE);
      expect(fake.quitAndInstall).not.toHaveBeenCalled();
      clock.advance(MINUTE);
      expect(fake.quitAndInstall).toHaveBeenCalledTimes(1);
    });

    it('keeps counting while the welcome screen is sent again (a banner, a language)', async () => {
      const u = updater();
      await downloaded(u);
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(3 * MINUTE);
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(2 * MINUTE);
      expect(fake.quitAndInstall).toHaveBeenCalledTimes(1);
    });

    it('with a quiet hour, installs only inside that hour', async () => {
      const u = updater({ ...ON, quietHour: 3 });
      await downloaded(u);
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(30 * MINUTE);
      expect(fake.quitAndInstall).not.toHaveBeenCalled();
      clock.currentHour = 3;
      clock.advance(MINUTE);
      expect(fake.quitAndInstall).toHaveBeenCalledTimes(1);
    });

    it('never installs when the screen is unknown (no snapshot seen yet)', async () => {
      const u = updater();
      await downloaded(u);
      clock.advance(120 * MINUTE);
      expect(fake.quitAndInstall).not.toHaveBeenCalled();
    });

    it('carries on serving when the install itself throws', async () => {
      fake.quitAndInstall.mockImplementation(() => {
        throw new Error('installer missing');
      });
      const u = updater();
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(5 * MINUTE);
      await downloaded(u);
      expect(u.state).toBe('downloaded');
    });

    it('does not install after stop()', async () => {
      const u = updater();
      await downloaded(u);
      u.stop();
      u.observeCoreFrame(snapshot('welcome'));
      clock.advance(10 * MINUTE);
      expect(fake.quitAndInstall).not.toHaveBeenCalled();
      expect(clock.pending).toBe(0);
    });
  });

  describe('observeCoreFrame', () => {
    it('ignores replies, events and frames that are no JSON', () => {
      const u = updater();
      expect(() => {
        u.observeCoreFrame('{"type":"ok","id":"1","result":{"kind":"pong","at":1}}');
        u.observeCoreFrame('{"snapshot" not json');
        u.observeCoreFrame('{"type":"event","event":{"kind":"snapshot"}}');
      }).not.toThrow();
      expect(u.isQuietMoment()).toBe(false);
    });
  });
});

describe('siteUpdatesConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-updates-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const launchWith = (env: NodeJS.ProcessEnv, args: string[] = []): CoreLaunch => ({ kind: 'start', args, env, configSource: 'test' });

  it('reads the updates section of the site config and its override file', async () => {
    const override = join(dir, 'override.yaml');
    writeFileSync(override, 'updates:\n  enabled: true\n  url: https://updates.example.vn/kiosk/\n  channel: beta\n');
    const config = await siteUpdatesConfig(launchWith({ KIOSK_CONFIG: profileConfigFile('hospital'), KIOSK_CONFIG_OVERRIDE: override }));
    expect(config).toMatchObject({ enabled: true, url: 'https://updates.example.vn/kiosk/', channel: 'beta' });
  });

  it('is off for a site config without an updates section', async () => {
    const config = await siteUpdatesConfig(launchWith({}, ['--config', profileConfigFile('hospital')]));
    expect(config?.enabled).toBe(false);
  });

  it('is null for a profile run, a missing config and a config that does not load', async () => {
    expect(await siteUpdatesConfig(launchWith({ KIOSK_PROFILE: 'demo' }))).toBeNull();
    expect(await siteUpdatesConfig({ kind: 'config-missing', expected: '/etc/kiosk/kiosk.yaml' })).toBeNull();
    expect(await siteUpdatesConfig(launchWith({ KIOSK_CONFIG: join(dir, 'absent.yaml') }))).toBeNull();
  });
});
