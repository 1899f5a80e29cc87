import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../../electron/core/host/security-headers.ts';
import { enforceContentSecurityPolicy, withKioskPolicy, type HeadersReceivedAnswer } from '../../../../../electron/main/security/content-security-policy.ts';
import { FakeSession } from '../electron-fakes.ts';

const CORE = 'http://127.0.0.1:41000';
const POLICY = contentSecurityPolicy(CORE);

describe('withKioskPolicy', () => {
  it("sets the host's own policy for the core's origin", () => {
    expect(withKioskPolicy({}, CORE)).toEqual({ 'Content-Security-Policy': [POLICY] });
    expect(POLICY).toContain("script-src 'self'");
    expect(POLICY).toContain("default-src 'none'");
  });

  it('replaces a weaker policy in any letter case, and keeps the other headers', () => {
    const headers = { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'CONTENT-SECURITY-POLICY': ['img-src *'], 'Content-Type': ['text/html'] };
    expect(withKioskPolicy(headers, CORE)).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [POLICY] });
  });

  it('sets it on a response that came without headers', () => {
    expect(withKioskPolicy(undefined, CORE)).toEqual({ 'Content-Security-Policy': [POLICY] });
  });
});

describe('enforceContentSecurityPolicy', () => {
  function answer(coreOrigin: string | null, url: string): HeadersReceivedAnswer | undefined {
    const session = new FakeSession();
    enforceContentSecurityPolicy(session.webRequest, { coreOrigin: () => coreOrigin });
    let result: HeadersReceivedAnswer | undefined;
    session.webRequest.headersReceived!({ url, responseHeaders: { 'X-Test': ['1'] } }, (a) => (result = a));
    return result;
  }

  it("puts the policy on every response from the core's origin", () => {
    for (const url of [`${CORE}/`, `${CORE}/assets/index-abc.js`, `${CORE}/assets/app.css`]) {
      expect(answer(CORE, url), url).toEqual({ responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': [POLICY] } });
    }
  });

  it('leaves responses from anywhere else as they are (the request filter cancels those)', () => {
    for (const url of ['http://127.0.0.1:41001/', 'http://127.0.0.1:41000.evil.example/', 'https://example.com/', 'file:///opt/kiosk/out/main/crash-loop.html']) {
      expect(answer(CORE, url), url).toEqual({});
    }
  });

  it('leaves every response alone while no core runs', () => {
    expect(answer(null, `${CORE}/`)).toEqual({});
  });
});
