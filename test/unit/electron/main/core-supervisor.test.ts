// The supervisor over fake core children, on fake timers: readiness, restart with capped exponential
// backoff, the crash-loop stop, config errors that no restart fixes, the start timeout, and a stop that
// waits for the core and kills it when it does not leave.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../native/util/logger.ts';
import type { CoreProcessCommand, KioskCoreEndpoints } from '../../../../electron/core/app/kiosk-core-api.ts';
import { CoreSupervisor, RECENT_EXITS, type CoreChild, type CoreStatus } from '../../../../electron/main/core-supervisor.ts';

const ENDPOINTS: KioskCoreEndpoints = {
  url: 'http://127.0.0.1:41000/',
  kioskUrl: 'http://127.0.0.1:41000/#token=t',
  contractUrl: 'ws://127.0.0.1:41000/contract',
  token: 't',
  port: 41000,
};

class FakeChild implements CoreChild {
  readonly received: CoreProcessCommand[] = [];
  killed = false;
  private messageListener: (m: unknown) => void = () => {};
  private exitListener: (code: number) => void = () => {};
  postMessage(command: CoreProcessCommand): void {
    this.received.push(command);
  }
  onMessage(listener: (m: unknown) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (code: number) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed = true;
    this.exit(143);
  }
  ready(): void {
    this.messageListener({ type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
  }
  say(message: unknown): void {
    this.messageListener(message);
  }
  exit(code: number): void {
    this.exitListener(code);
  }
}

let children: FakeChild[];
let statuses: CoreStatus[];
let supervisor: CoreSupervisor;

function supervise(options: Partial<ConstructorParameters<typeof CoreSupervisor>[0]> = {}): CoreSupervisor {
  supervisor = new CoreSupervisor({
    logger: silentLogger(),
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    now: () => Date.now(),
    ...options,
  });
  supervisor.onDidChangeStatus((s) => statuses.push(s));
  return supervisor;
}

const last = () => children[children.length - 1]!;
/** Lets the exit promise's continuation run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  children = [];
  statuses = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CoreSupervisor', () => {
  describe('start', () => {
    it('reports running with the endpoints of the core.ready message', async () => {
      supervise().start();
      expect(supervisor.status).toEqual({ state: 'starting', attempt: 1 });
      last().ready();
      expect(supervisor.status).toMatchObject({ state: 'running', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
      expect(children).toHaveLength(1);
    });

    it('ignores messages that are no core message', () => {
      supervise().start();
      last().say('core.ready');
      last().say({ type: 'core.readyy' });
      expect(supervisor.status.state).toBe('starting');
    });

    it('kills a core that is not ready within the start timeout, then restarts it', async () => {
      supervise({ startTimeoutMs: 10_000 }).start();
      await vi.advanceTimersByTimeAsync(9_999);
      expect(last().killed).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(children[0]!.killed).toBe(true);
      expect(supervisor.status).toMatchObject({ state: 'restarting', delayMs: 1_000 });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(children).toHaveLength(2);
    });
  });

  describe('restart', () => {
    it('restarts an exited core after 1 s, doubling the delay up to 30 s', async () => {
      supervise({ maxCrashes: 100 }).start();
      const delays: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        last().ready();
        last().exit(1);
        await settle();
        const status = supervisor.status;
        expect(status.state).toBe('restarting');
        if (status.state === 'restarting') delays.push(status.delayMs);
        const before = children.length;
        await vi.advanceTimersByTimeAsync((status as { delayMs: number }).delayMs - 1);
        expect(children).toHaveLength(before);
        await vi.advanceTimersByTimeAsync(1);
        expect(children).toHaveLength(before + 1);
      }
      expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    });

    it('starts the backoff over after a core that ran a long time', async () => {
      supervise({ maxCrashes: 100, stableAfterMs: 60_000 }).start();
      last().exit(1);
      await settle();
      await vi.advanceTimersByTimeAsync(1_000);
      last().exit(1);
      await settle();
      expect(supervisor.status).toMatchObject({ delayMs: 2_000 });
      await vi.advanceTimersByTimeAsync(2_000);
      last().ready();
      await vi.advanceTimersByTimeAsync(61_000);
      last().exit(1);
      await settle();
      expect(supervisor.status).toMatchObject({ state: 'restarting', delayMs: 1_000 });
    });

    it('gives up after 5 exits within 2 minutes (a crash loop) and starts no more cores', async () => {
      supervise().start();
      for (let i = 0; i < 4; i += 1) {
        last().exit(1);
        await settle();
        expect(supervisor.status.state).toBe('restarting');
        await vi.advanceTimersByTimeAsync((supervisor.status as { delayMs: number }).delayMs);
      }
      last().exit(1);
      await settle();
      expect(supervisor.status).toMatchObject({ state: 'failed', code: 'CORE_CRASH_LOOP' });
      await vi.advanceTimersByTimeAsync(600_000);
      expect(children).toHaveLength(5);
      supervisor.start();
      expect(children).toHaveLength(5);
    });

    it('keeps the last exits with their codes and times for the crash report', async () => {
      supervise().start();
      last().ready();
      await vi.advanceTimersByTimeAsync(1_500);
      last().exit(139);
      await settle();
      await vi.advanceTimersByTimeAsync(1_000);
      last().say({ type: 'core.failed', code: 'DEVICE_FATAL', message: 'x' });
      last().exit(1);
      await settle();
      expect(supervisor.recentExits).toEqual([
        { code: 139, at: expect.any(Number), ranMs: 1_500 },
        { code: 1, at: expect.any(Number), ranMs: 0, reported: 'DEVICE_FATAL' },
      ]);
      for (let i = 0; i < 30; i += 1) {
        await vi.advanceTimersByTimeAsync(60_000);
        if (children.length > 2 + i) last().exit(1);
        await settle();
      }
      expect(supervisor.recentExits.length).toBeLessThanOrEqual(RECENT_EXITS);
    });

    it('starts again on retry after giving up, with the crash count and backoff forgotten', async () => {
      supervise({ maxCrashes: 2 }).start();
      last().exit(1);
      await settle();
      await vi.advanceTimersByTimeAsync(1_000);
      last().exit(1);
      await settle();
      expect(supervisor.status.state).toBe('failed');
      expect(children).toHaveLength(2);
      expect(supervisor.retry()).toBe(true);
      expect(children).toHaveLength(3);
      expect(supervisor.status).toEqual({ state: 'starting', attempt: 3 });
      // One exit after the retry is no crash loop yet: it restarts after the initial delay again.
      last().exit(1);
      await settle();
      expect(supervisor.status).toMatchObject({ state: 'restarting', delayMs: 1_000 });
      expect(supervisor.retry()).toBe(false);
    });

    it('counts only the exits within the window', async () => {
      supervise({ crashWindowMs: 120_000, stableAfterMs: 10_000_000 }).start();
      for (let i = 0; i < 8; i += 1) {
        last().ready();
        await vi.advanceTimersByTimeAsync(40_000);
        last().exit(1);
        await settle();
        expect(supervisor.status.state).toBe('restarting');
        await vi.advanceTimersByTimeAsync((supervisor.status as { delayMs: number }).delayMs);
      }
    });

    it('does not restart a core whose config is invalid (exit code 2)', async () => {
      supervise().start();
      last().say({ type: 'core.failed', code: 'CONFIG_INVALID', message: 'flows.hospital.fingerprint: bad' });
      last().exit(2);
      await settle();
      expect(supervisor.status).toEqual({ state: 'failed', code: 'CORE_CONFIG_INVALID', detail: 'flows.hospital.fingerprint: bad' });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(children).toHaveLength(1);
    });

    it('gives up when the core cannot even be forked', () => {
      supervise({
        fork: () => {
          throw new Error('spawn failed');
        },
      }).start();
      expect(supervisor.status).toMatchObject({ state: 'failed', code: 'CORE_START_FAILED' });
    });
  });

  describe('stop', () => {
    it('sends core.stop and resolves when the core exits, without a restart', async () => {
      supervise().start();
      last().ready();
      const stopped = supervisor.stop();
      expect(last().received).toEqual([{ type: 'core.stop' }]);
      last().exit(0);
      await stopped;
      expect(supervisor.status).toEqual({ state: 'stopped' });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(children).toHaveLength(1);
    });

    it('kills a core that has not left 5 s after core.stop', async () => {
      supervise().start();
      last().ready();
      const stopped = supervisor.stop();
      await vi.advanceTimersByTimeAsync(4_999);
      expect(last().killed).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await stopped;
      expect(last().killed).toBe(true);
      expect(supervisor.status).toEqual({ state: 'stopped' });
    });

    it('cancels a pending restart', async () => {
      supervise().start();
      last().exit(1);
      await settle();
      await supervisor.stop();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(children).toHaveLength(1);
      expect(statuses.map((s) => s.state)).toEqual(['starting', 'restarting', 'stopped']);
    });
  });
});
