// The kiosk page's report download with a fake session and download item and a real temporary data
// folder: saved under <dataDir>/reports without a dialog, page reloads held until it is done; any
// other download cancelled.

import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../native/util/logger.ts';
import { reportSavePath, saveReportDownloads, type DownloadSession, type ReportDownloadItem } from '../../../../electron/main/report-downloads.ts';

const CORE = 'http://127.0.0.1:41000';

class FakeItem extends EventEmitter implements ReportDownloadItem {
  savePath: string | null = null;
  constructor(
    private readonly url: string,
    private readonly name: string,
  ) {
    super();
  }
  getURL(): string {
    return this.url;
  }
  getFilename(): string {
    return this.name;
  }
  setSavePath(path: string): void {
    this.savePath = path;
  }
}

let dir: string;
let session: EventEmitter;
let released: ReturnType<typeof vi.fn<() => void>>;
let hold: ReturnType<typeof vi.fn<() => () => void>>;

function download(url: string, name: string): { item: FakeItem; cancelled: boolean } {
  const item = new FakeItem(url, name);
  const event = { preventDefault: vi.fn() };
  session.emit('will-download', event, item);
  return { item, cancelled: event.preventDefault.mock.calls.length > 0 };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-downloads-'));
  session = new EventEmitter();
  released = vi.fn<() => void>();
  hold = vi.fn<() => () => void>(() => released);
  saveReportDownloads(session as unknown as DownloadSession, { coreOrigin: () => CORE, dataDir: () => dir, holdReloads: hold, logger: silentLogger() });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('saveReportDownloads', () => {
  it('saves the page report into <dataDir>/reports and holds reloads until it is written', () => {
    const { item, cancelled } = download(`blob:${CORE}/6a1f0c1e-1111-4222-8333-444455556666`, 'kiosk-demo-kiosk-20250501-080509.json');
    expect(cancelled).toBe(false);
    expect(item.savePath).toBe(join(dir, 'reports', 'kiosk-demo-kiosk-20250501-080509.json'));
    expect(statSync(join(dir, 'reports')).mode & 0o777).toBe(0o700);
    expect(hold).toHaveBeenCalledTimes(1);
    expect(released).not.toHaveBeenCalled();
    item.emit('done', {}, 'completed');
    expect(released).toHaveBeenCalledTimes(1);
  });

  it('cancels every other download', () => {
    for (const [url, name] of [
      ['https://example.com/x.json', 'x.json'],
      ['blob:http://127.0.0.1:41001/uuid', 'r.json'],
      [`blob:${CORE}/uuid`, 'setup.exe'],
      [`blob:${CORE}/uuid`, '../../etc/cron.d/x.json'],
      ['data:application/json,{}', 'r.json'],
    ] as const) {
      const { item, cancelled } = download(url, name);
      expect(cancelled).toBe(true);
      expect(item.savePath).toBeNull();
    }
    expect(hold).not.toHaveBeenCalled();
  });
});

describe('reportSavePath', () => {
  it('needs a core page to compare with', () => {
    expect(reportSavePath(`blob:${CORE}/uuid`, 'r.json', null, dir)).toBeNull();
  });
});
