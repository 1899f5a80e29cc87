// Fakes of the Electron objects the shell's tests drive (electron cannot run here: its binary cannot
// be downloaded). One set, shared by the lifecycle tests and the lock-down tests: a window that records
// its construction options, its contents as an EventEmitter with the methods main calls, and a session
// that keeps the handlers main installs so a test can call them as Chromium would.

import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeContents extends EventEmitter {
  url = '';
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame = { url: '', routingId: 1, processId: 3 };
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  closeDevTools = vi.fn();
  postMessage = vi.fn();
  send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeContents();
  loadURL = vi.fn(async (url: string) => void (this.webContents.url = url));
  loadFile = vi.fn(async () => void (this.webContents.url = 'file:///out/main/crash-loop.html'));
  setMenuBarVisibility = vi.fn();
  isMinimized = () => false;
  restore = vi.fn();
  focus = vi.fn();
  // The crash screen hides the kiosk window and destroys its own (crash-screen.ts).
  hide = vi.fn();
  show = vi.fn();
  destroy = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.created.push(this);
  }
}

type WebRequestAnswer = { cancel?: boolean; responseHeaders?: Record<string, string[]> };
type BeforeRequest = (details: { url: string; resourceType: string }, cb: (answer: WebRequestAnswer) => void) => void;
type HeadersReceived = (details: { url: string; responseHeaders?: Record<string, string[]> }, cb: (answer: WebRequestAnswer) => void) => void;

/** A session: permission handlers and webRequest listeners kept; select-* device events via emit. */
export class FakeSession extends EventEmitter {
  readonly permissions = {
    request: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    check: null as null | ((wc?: unknown, p?: string) => boolean),
    device: null as null | ((details?: unknown) => boolean),
  };
  readonly webRequest: {
    beforeRequest: BeforeRequest | null;
    headersReceived: HeadersReceived | null;
    onBeforeRequest(h: BeforeRequest): void;
    onHeadersReceived(h: HeadersReceived): void;
  } = {
    beforeRequest: null,
    headersReceived: null,
    onBeforeRequest: (h) => void (this.webRequest.beforeRequest = h),
    onHeadersReceived: (h) => void (this.webRequest.headersReceived = h),
  };
  setPermissionRequestHandler(h: FakeSession['permissions']['request']): void {
    this.permissions.request = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissions']['check']): void {
    this.permissions.check = h;
  }
  setDevicePermissionHandler(h: FakeSession['permissions']['device']): void {
    this.permissions.device = h;
  }
}
