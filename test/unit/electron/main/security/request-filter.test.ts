import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../../native/util/logger.ts';
import { filterRequests, refusalOf, type RequestPolicy } from '../../../../../electron/main/security/request-filter.ts';
import { FakeSession } from '../electron-fakes.ts';

const CORE = 'http://127.0.0.1:41000';
const CRASH_PAGE = '/opt/kiosk/out/main/crash-loop.html';
const policy = (overrides: Partial<RequestPolicy> = {}): RequestPolicy => ({ coreOrigin: () => CORE, localPages: [CRASH_PAGE], devTools: false, ...overrides });

describe('refusalOf', () => {
  it("lets every kind of request to the core's origin through", () => {
    for (const [url, resourceType] of [
      [`${CORE}/`, 'mainFrame'],
      [`${CORE}/assets/index.js`, 'script'],
      [`${CORE}/assets/index.css`, 'stylesheet'],
      [`${CORE}/assets/NotoSans.woff2`, 'font'],
      [`${CORE}/favicon.svg`, 'image'],
      [`blob:${CORE}/5f0c1c2e-0000-4000-8000-000000000000`, 'other'],
    ]) {
      expect(refusalOf({ url: url!, resourceType: resourceType! }, policy()), url).toBeNull();
    }
  });

  it('cancels requests to any other origin, look-alikes and the core\'s own ws: endpoint included', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:41001/',
      'http://localhost:41000/',
      'http://127.0.0.1:41000.evil.example/',
      'http://evil.example/?u=http://127.0.0.1:41000/',
      'ws://127.0.0.1:41000/contract',
      'https://127.0.0.1:41000/',
      'ftp://127.0.0.1/',
    ]) {
      expect(refusalOf({ url, resourceType: 'xhr' }, policy()), url).toBe('not-core-origin');
    }
  });

  it('cancels everything but the local pages while no core runs', () => {
    expect(refusalOf({ url: `${CORE}/`, resourceType: 'mainFrame' }, policy({ coreOrigin: () => null }))).toBe('no-core');
    expect(refusalOf({ url: `file://${CRASH_PAGE}#CORE_CRASH_LOOP`, resourceType: 'mainFrame' }, policy({ coreOrigin: () => null }))).toBeNull();
  });

  it('allows the crash-loop page as a top-level page only, and no other file', () => {
    expect(refusalOf({ url: `file://${CRASH_PAGE}`, resourceType: 'mainFrame' }, policy())).toBeNull();
    expect(refusalOf({ url: `file://${CRASH_PAGE}`, resourceType: 'subFrame' }, policy())).toBe('local-file');
    expect(refusalOf({ url: 'file:///etc/passwd', resourceType: 'mainFrame' }, policy())).toBe('local-file');
    expect(refusalOf({ url: 'file:///opt/kiosk/out/main/crash-loop.html.evil', resourceType: 'mainFrame' }, policy())).toBe('local-file');
    expect(refusalOf({ url: 'file:///opt/kiosk/out/main/../../../etc/passwd', resourceType: 'mainFrame' }, policy())).toBe('local-file');
  });

  it('allows data: URLs only as images (the holder photo arrives as one)', () => {
    expect(refusalOf({ url: 'data:image/jpeg;base64,/9j/4AAQ', resourceType: 'image' }, policy())).toBeNull();
    expect(refusalOf({ url: 'data:text/html,<script>alert(1)</script>', resourceType: 'mainFrame' }, policy())).toBe('data-not-image');
    expect(refusalOf({ url: 'data:text/javascript,alert(1)', resourceType: 'script' }, policy())).toBe('data-not-image');
  });

  it('allows devtools pages only when devtools are allowed', () => {
    const devtools = { url: 'devtools://devtools/bundled/devtools_app.html', resourceType: 'mainFrame' };
    expect(refusalOf(devtools, policy())).toBe('devtools');
    expect(refusalOf(devtools, policy({ devTools: true }))).toBeNull();
  });
});

describe('filterRequests', () => {
  it('answers Chromium with cancel for a refused request and with nothing for an allowed one', () => {
    const session = new FakeSession();
    filterRequests(session.webRequest, policy(), silentLogger());
    const answers: unknown[] = [];
    session.webRequest.beforeRequest!({ url: `${CORE}/`, resourceType: 'mainFrame' }, (a) => answers.push(a));
    session.webRequest.beforeRequest!({ url: 'https://example.com/track.gif', resourceType: 'image' }, (a) => answers.push(a));
    expect(answers).toEqual([{}, { cancel: true }]);
  });
});
