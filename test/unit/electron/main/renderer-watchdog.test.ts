// The kiosk page's watchdog over the shared fake contents, on fake timers: numbered heartbeats, a
// reload after three unanswered ones (the renderer crashed first), the same reload for a renderer gone
// or unresponsive, no heartbeat while another page shows, reloads held while an export is written, and
// the crash screen instead of reloading forever.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../native/util/logger.ts';
import { RendererWatchdog, type ReloadReason, type WatchedContents } from '../../../../electron/main/renderer-watchdog.ts';
import { HEARTBEAT_CHANNEL } from '../../../../electron/preload/ipc-channels.ts';
import { FakeContents } from './electron-fakes.ts';

let contents: FakeContents;
let watching: boolean;
let gaveUp: ReloadReason[];
let dog: RendererWatchdog;

function watch(options: Partial<ConstructorParameters<typeof RendererWatchdog>[0]> = {}): RendererWatchdog {
  dog = new RendererWatchdog({
    contents: contents as unknown as WatchedContents,
    logger: silentLogger(),
    watching: () => watching,
    onGiveUp: (reason) => gaveUp.push(reason),
    now: () => Date.now(),
    ...options,
  });
  dog.start();
  return dog;
}

/** The beats sent so far, by number. */
const beats = () => contents.send.mock.calls.filter(([channel]) => channel === HEARTBEAT_CHANNEL).map(([, n]) => n as number);
/** A preload that answers every beat at once. */
const answerAll = () => dog.acknowledge(beats().at(-1));

beforeEach(() => {
  vi.useFakeTimers();
  contents = new FakeContents();
  watching = true;
  gaveUp = [];
});
afterEach(() => {
  dog.stop();
  vi.useRealTimers();
});

describe('RendererWatchdog', () => {
  describe('heartbeat', () => {
    it('sends a numbered heartbeat every 5 s and does nothing while the page answers', () => {
      watch();
      for (let i = 0; i < 10; i += 1) {
        vi.advanceTimersByTime(5_000);
        answerAll();
      }
      expect(beats()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(contents.reload).not.toHaveBeenCalled();
    });

    it('crashes and reloads a page that missed three heartbeats (a hung main thread)', () => {
      watch();
      vi.advanceTimersByTime(15_000);
      expect(beats()).toEqual([1, 2, 3]);
      expect(contents.reload).not.toHaveBeenCalled();
      vi.advanceTimersByTime(5_000);
      expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
      expect(contents.reload).toHaveBeenCalledTimes(1);
      // The reloaded page gets three new chances.
      vi.advanceTimersByTime(15_000);
      expect(contents.reload).toHaveBeenCalledTimes(1);
    });

    it('ignores answers with a number it never sent, or an old one', () => {
      watch();
      vi.advanceTimersByTime(5_000);
      dog.acknowledge(99);
      dog.acknowledge('1');
      vi.advanceTimersByTime(15_000);
      expect(contents.reload).toHaveBeenCalledTimes(1);
    });

    it('sends nothing and counts nothing while the window shows another page', () => {
      watching = false;
      watch();
      vi.advanceTimersByTime(60_000);
      expect(beats()).toEqual([]);
      expect(contents.reload).not.toHaveBeenCalled();
    });

    it('starts counting over when a page has loaded', () => {
      watch();
      vi.advanceTimersByTime(10_000);
      contents.emit('did-finish-load');
      vi.advanceTimersByTime(10_000);
      expect(contents.reload).not.toHaveBeenCalled();
    });
  });

  describe('renderer gone or unresponsive', () => {
    it('reloads through the same path: a gone renderer is only reloaded, a hung one crashed first', () => {
      watch();
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      expect(contents.reload).toHaveBeenCalledTimes(1);
      expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
      contents.emit('unresponsive');
      expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
      expect(contents.reload).toHaveBeenCalledTimes(2);
    });
  });

  describe('crash loop', () => {
    it('hands over to the crash screen after more than 5 reloads in 10 minutes, and reloads no more', () => {
      watch();
      for (let i = 0; i < 5; i += 1) contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      expect(gaveUp).toEqual([]);
      contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
      expect(gaveUp).toEqual(['gone']);
      expect(contents.reload).toHaveBeenCalledTimes(5);
      contents.emit('unresponsive');
      vi.advanceTimersByTime(60_000);
      expect(contents.reload).toHaveBeenCalledTimes(5);
      expect(gaveUp).toEqual(['gone']);
    });

    it('forgets reloads older than the window', () => {
      watch();
      for (let i = 0; i < 12; i += 1) {
        contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
        vi.setSystemTime(Date.now() + 3 * 60_000);
      }
      expect(gaveUp).toEqual([]);
      expect(contents.reload).toHaveBeenCalledTimes(12);
    });

    it('reloads again after reset (the retry on the crash screen)', () => {
      watch({ maxReloads: 1 });
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      expect(gaveUp).toHaveLength(1);
      dog.reset();
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      expect(contents.reload).toHaveBeenCalledTimes(2);
    });
  });

  describe('holdReloads', () => {
    it('defers a reload while a diagnostics export is written, and reloads once when it is done', () => {
      watch();
      const release = dog.holdReloads();
      const second = dog.holdReloads();
      contents.emit('unresponsive');
      vi.advanceTimersByTime(30_000);
      expect(contents.reload).not.toHaveBeenCalled();
      release();
      release();
      expect(contents.reload).not.toHaveBeenCalled();
      second();
      expect(contents.reload).toHaveBeenCalledTimes(1);
      expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    });
  });
});
