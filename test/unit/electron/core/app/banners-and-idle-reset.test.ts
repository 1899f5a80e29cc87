// The banners the composition root derives from the kiosk's state, and the idle reset that wipes a
// person's data when no screen has been connected for the idle period (time driven by the test).

import { describe, expect, it } from 'vitest';
import type { RegisteredDevice } from '../../../../../native/hal/device-registry.ts';
import type { DeviceHealth } from '../../../../../native/hal/device.ts';
import { BannerSchema } from '../../../../../electron/contract/index.ts';
import { bannersOf, deviceViewOf, sameBanners } from '../../../../../electron/core/app/banners.ts';
import { IdleReset } from '../../../../../electron/core/app/idle-reset.ts';

function device(role: RegisteredDevice['role'], health: Omit<DeviceHealth, 'since'>, extra: Partial<RegisteredDevice> = {}): RegisteredDevice {
  return { config: {} as RegisteredDevice['config'], id: role, role, driver: 'sim', required: true, device: undefined, health: { since: 1000, ...health }, reconnect: undefined, ...extra };
}

describe('bannersOf', () => {
  it('shows nothing on a healthy, online, non-demo kiosk', () => {
    expect(bannersOf({ centralReachable: true, devices: [device('printer', { state: 'ready' })], demo: false })).toEqual([]);
  });

  it('orders offline, device restarting, printer low and demo, each valid for the contract', () => {
    const banners = bannersOf({
      centralReachable: false,
      devices: [device('cardReader', { state: 'absent', reason: 'NOT_CONNECTED' }), device('printer', { state: 'ready', reason: 'PAPER_NEAR_END' })],
      demo: true,
    });
    expect(banners.map((b) => b.kind)).toEqual(['offline', 'deviceRestarting', 'printerLow', 'demo']);
    for (const banner of banners) expect(BannerSchema.safeParse(banner).success).toBe(true);
  });

  it('does not call an optional device or a faulted one that is not being reconnected "restarting"', () => {
    const devices = [device('gate', { state: 'absent' }, { required: false }), device('printer', { state: 'faulted', reason: 'PAPER_OUT' })];
    expect(bannersOf({ centralReachable: true, devices, demo: false })).toEqual([]);
  });

  it('compares lists by their kinds', () => {
    const a = bannersOf({ centralReachable: false, devices: [], demo: true });
    expect(sameBanners(a, bannersOf({ centralReachable: false, devices: [], demo: true }))).toBe(true);
    expect(sameBanners(a, bannersOf({ centralReachable: true, devices: [], demo: true }))).toBe(false);
  });
});

describe('deviceViewOf', () => {
  it('keeps a reason the contract accepts and drops one it does not', () => {
    expect(deviceViewOf(device('printer', { state: 'faulted', reason: 'PAPER_OUT', detail: 'no paper' }))).toEqual({
      id: 'printer', role: 'printer', driver: 'sim', required: true, state: 'faulted', reason: 'PAPER_OUT', detail: 'no paper', since: 1000,
    });
    expect(deviceViewOf(device('printer', { state: 'faulted', reason: 'bad reason!' }))).not.toHaveProperty('reason');
  });
});

describe('IdleReset', () => {
  function watch(state: { screens: number; busy: boolean }) {
    let now = 0;
    let resets = 0;
    const idle = new IdleReset({ screens: () => state.screens, busy: () => state.busy, reset: () => resets++, idleMs: 10_000, checkEveryMs: 3_600_000, now: () => now });
    return { idle, tick: (ms: number) => ((now += ms), idle.check()), resets: () => resets };
  }

  it('resets a busy flow once no screen has been connected for the idle period', () => {
    const state = { screens: 0, busy: true };
    const w = watch(state);
    w.tick(0);
    w.tick(9_999);
    expect(w.resets()).toBe(0);
    w.tick(1);
    expect(w.resets()).toBe(1);
    w.idle.dispose();
  });

  it('does not reset when a screen comes back within the period (a reload)', () => {
    const state = { screens: 0, busy: true };
    const w = watch(state);
    w.tick(0);
    w.tick(5_000);
    state.screens = 1;
    w.tick(1_000);
    state.screens = 0;
    w.tick(5_000);
    expect(w.resets()).toBe(0);
    w.idle.dispose();
  });

  it('leaves a flow on its welcome screen alone', () => {
    const w = watch({ screens: 0, busy: false });
    w.tick(0);
    w.tick(60_000);
    expect(w.resets()).toBe(0);
    w.idle.dispose();
  });
});
