import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../../native/util/logger.ts';
import { guardNavigation, mayNavigate, type NavigableContents } from '../../../../../electron/main/security/navigation-guard.ts';
import { FakeContents } from '../electron-fakes.ts';

const CORE = 'http://127.0.0.1:41000';

function guarded(allowed: string | null = CORE): FakeContents {
  const contents = new FakeContents();
  guardNavigation(contents as unknown as NavigableContents, { allowedOrigin: () => allowed, logger: silentLogger() });
  return contents;
}

/** Whether the guard prevented `event` raised with `args`. */
function prevented(contents: FakeContents, event: string, ...args: unknown[]): boolean {
  const e = { preventDefault: vi.fn(), ...(typeof args[0] === 'object' ? (args.shift() as object) : {}) };
  contents.emit(event, e, ...args);
  return e.preventDefault.mock.calls.length > 0;
}

describe('mayNavigate', () => {
  it("allows the core's origin, whatever the path or fragment", () => {
    expect(mayNavigate(`${CORE}/`, CORE)).toBe(true);
    expect(mayNavigate(`${CORE}/#/diagnostics`, CORE)).toBe(true);
  });

  it('refuses look-alikes a string prefix test would let through', () => {
    for (const url of [`${CORE}.evil.example/`, `${CORE}@evil.example/`, 'http://127.0.0.1:4100/', 'http://localhost:41000/', 'https://127.0.0.1:41000/']) {
      expect(mayNavigate(url, CORE), url).toBe(false);
    }
  });

  it('refuses URLs without an origin, and everything while there is no core', () => {
    for (const url of ['about:blank', 'javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a url']) expect(mayNavigate(url, CORE), url).toBe(false);
    expect(mayNavigate(`${CORE}/`, null)).toBe(false);
  });
});

describe('guardNavigation', () => {
  it('refuses main-frame navigations and redirects away from the core', () => {
    const contents = guarded();
    expect(prevented(contents, 'will-navigate', `${CORE}/#/x`)).toBe(false);
    expect(prevented(contents, 'will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented(contents, 'will-redirect', `${CORE}/next`)).toBe(false);
    expect(prevented(contents, 'will-redirect', 'https://example.com/')).toBe(true);
  });

  it('refuses every subframe navigation and leaves main-frame ones to will-navigate', () => {
    const contents = guarded();
    expect(prevented(contents, 'will-frame-navigate', { url: `${CORE}/frame`, isMainFrame: false })).toBe(true);
    expect(prevented(contents, 'will-frame-navigate', { url: `${CORE}/`, isMainFrame: true })).toBe(false);
  });

  it('refuses every webview', () => {
    expect(prevented(guarded(), 'will-attach-webview', {}, { preload: '/tmp/evil.js' }, { src: `${CORE}/` })).toBe(true);
  });

  it('ignores a beforeunload handler that tries to keep the page from unloading', () => {
    expect(prevented(guarded(), 'will-prevent-unload')).toBe(true);
  });

  it('denies every new window, even to the core (window.open, target=_blank, middle-click)', () => {
    const contents = guarded();
    for (const url of [`${CORE}/`, 'https://example.com/', 'about:blank']) expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
  });
});
