import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignatureError, type SignatureFailureReason } from '../../../../native/central/central-errors.ts';
import { checkContentDigest, contentDigest } from '../../../../native/central/content-digest.ts';
import { signBase, signRequest } from '../../../../native/central/http-message-signer.ts';
import { HttpMessageVerifier, type VerifierPolicy } from '../../../../native/central/http-message-verifier.ts';
import { NonceCache } from '../../../../native/central/nonce-cache.ts';
import { type SignableRequest, signatureBase } from '../../../../native/central/signature-base.ts';

// RFC 9421 Appendix B.1.4 (test-key-ed25519) and B.2 (the test request), as the RFC prints them.
const RFC_KEY = { kty: 'OKP', crv: 'Ed25519', d: 'n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU', x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs' };
const RFC_REQUEST: SignableRequest = {
  method: 'POST',
  targetUri: 'https://example.com/foo?param=Value&Pet=dog',
  headers: { Host: 'example.com', Date: 'Tue, 20 Apr 2021 02:07:55 GMT', 'Content-Type': 'application/json', 'Content-Length': '18' },
};
const RFC_BODY = new TextEncoder().encode('{"hello": "world"}');
const B26_COMPONENTS = ['date', '@method', '@path', '@authority', 'content-type', 'content-length'];
const B26_BASE = [
  '"date": Tue, 20 Apr 2021 02:07:55 GMT',
  '"@method": POST',
  '"@path": /foo',
  '"@authority": example.com',
  '"content-type": application/json',
  '"content-length": 18',
  '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
].join('\n');
const B26_SIGNATURE = 'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==';

const rfcPrivateKey = createPrivateKey({ key: RFC_KEY, format: 'jwk' });

function kioskRequest(body: string, headers: Record<string, string> = {}): { request: SignableRequest; body: Uint8Array } {
  return {
    request: { method: 'POST', targetUri: 'https://central.test:8443/v1/check-ins/batch', headers: { 'content-type': 'application/json', ...headers } },
    body: new TextEncoder().encode(body),
  };
}

function signed(key: KeyObject, body = '{"items":[]}', created = 1_700_000_000): { request: SignableRequest; body: Uint8Array } {
  const message = kioskRequest(body);
  const fields = signRequest(message.request, message.body, { keyId: 'kiosk-01', privateKey: key }, { created });
  return { request: { ...message.request, headers: { ...message.request.headers, ...fields } }, body: message.body };
}

function expectRefusal(run: () => unknown, reason: SignatureFailureReason): void {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(SignatureError);
    expect((err as SignatureError).reason).toBe(reason);
    return;
  }
  throw new Error(`expected a refusal with reason ${reason}`);
}

describe('RFC 9421 HTTP Message Signatures', () => {
  describe('signatureBase', () => {
    it('builds the signature base of RFC 9421 Appendix B.2.6 byte for byte', () => {
      expect(signatureBase(RFC_REQUEST, B26_COMPONENTS, { created: 1618884473, keyid: 'test-key-ed25519' })).toBe(B26_BASE);
    });

    it('derives @query and @target-uri as RFC 9421 §2.2 defines them', () => {
      const base = signatureBase(RFC_REQUEST, ['@query', '@target-uri', '@scheme'], {});
      expect(base.split('\n').slice(0, 3)).toEqual(['"@query": ?param=Value&Pet=dog', '"@target-uri": https://example.com/foo?param=Value&Pet=dog', '"@scheme": https']);
    });

    it('refuses a covered header field that the message lacks', () => {
      expectRefusal(() => signatureBase(RFC_REQUEST, ['x-missing'], {}), 'missing-component');
    });

    it('refuses a header value with a line break that would forge a base line', () => {
      const request = { ...RFC_REQUEST, headers: { 'x-evil': 'a\n"@method": GET' } };
      expectRefusal(() => signatureBase(request, ['x-evil'], {}), 'malformed');
    });
  });

  describe('signBase', () => {
    it('reproduces the Ed25519 signature of RFC 9421 Appendix B.2.6', () => {
      expect(Buffer.from(signBase(B26_BASE, rfcPrivateKey)).toString('base64')).toBe(B26_SIGNATURE);
    });
  });

  describe('HttpMessageVerifier', () => {
    it('verifies the RFC 9421 Appendix B.2.6 request under a policy that asks for no nonce', () => {
      const publicKey = createPublicKey(rfcPrivateKey);
      const verifier = new HttpMessageVerifier((id) => (id === 'test-key-ed25519' ? publicKey : undefined), {
        label: 'sig-b26',
        requiredComponents: ['@method', '@path', '@authority'],
        requireNonce: false,
        requireAlg: false,
        now: () => 1618884473_000,
      });
      const request = {
        ...RFC_REQUEST,
        headers: {
          ...RFC_REQUEST.headers,
          'Signature-Input': 'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
          Signature: `sig-b26=:${B26_SIGNATURE}:`,
        },
      };
      expect(verifier.verify(request, undefined).keyId).toBe('test-key-ed25519');
    });

    const kiosk = generateKeyPairSync('ed25519');
    const policy: VerifierPolicy = { now: () => 1_700_000_010_000 };
    const verifierFor = (p: VerifierPolicy = policy) => new HttpMessageVerifier((id) => (id === 'kiosk-01' ? kiosk.publicKey : undefined), p);

    it('accepts a kiosk request signed a few seconds ago and reports who signed it', () => {
      const { request, body } = signed(kiosk.privateKey);
      const result = verifierFor().verify(request, body);
      expect(result.keyId).toBe('kiosk-01');
      expect(result.components).toEqual(['@method', '@authority', '@path', 'content-digest', 'content-type']);
    });

    it('refuses an unsigned request', () => {
      const { request, body } = kioskRequest('{}');
      expectRefusal(() => verifierFor().verify(request, body), 'unsigned');
    });

    it('refuses a request whose body was changed after signing', () => {
      const { request } = signed(kiosk.privateKey, '{"items":[1]}');
      expectRefusal(() => verifierFor().verify(request, new TextEncoder().encode('{"items":[2]}')), 'digest-mismatch');
    });

    it('refuses a request whose digest and body were both replaced', () => {
      const { request } = signed(kiosk.privateKey, '{"items":[1]}');
      const forged = new TextEncoder().encode('{"items":[2]}');
      const headers = { ...request.headers, 'content-digest': contentDigest(forged) };
      expectRefusal(() => verifierFor().verify({ ...request, headers }, forged), 'bad-signature');
    });

    it('refuses a request sent to another path than the one signed', () => {
      const { request, body } = signed(kiosk.privateKey);
      expectRefusal(() => verifierFor().verify({ ...request, targetUri: 'https://central.test:8443/v1/heartbeats' }, body), 'bad-signature');
    });

    it('refuses a signature by a key that is not registered', () => {
      const stranger = generateKeyPairSync('ed25519');
      const { request, body } = signed(stranger.privateKey);
      const verifier = new HttpMessageVerifier((id) => (id === 'kiosk-02' ? kiosk.publicKey : undefined), policy);
      expectRefusal(() => verifier.verify(request, body), 'unknown-key');
      expectRefusal(() => verifierFor().verify(request, body), 'bad-signature');
    });

    it('refuses the same request a second time as a replay', () => {
      const { request, body } = signed(kiosk.privateKey);
      const verifier = verifierFor();
      verifier.verify(request, body);
      expectRefusal(() => verifier.verify(request, body), 'replayed');
    });

    it('refuses a signature older than the acceptance window', () => {
      const { request, body } = signed(kiosk.privateKey, '{}', 1_700_000_000);
      expectRefusal(() => verifierFor({ now: () => 1_700_000_000_000 + 301_000 }).verify(request, body), 'expired');
    });

    it('refuses a signature whose expires has passed even inside the window', () => {
      const message = kioskRequest('{}');
      const fields = signRequest(message.request, message.body, { keyId: 'kiosk-01', privateKey: kiosk.privateKey }, { created: 1_700_000_000, lifetimeSeconds: 5 });
      const request = { ...message.request, headers: { ...message.request.headers, ...fields } };
      expectRefusal(() => verifierFor({ now: () => 1_700_000_006_000 }).verify(request, message.body), 'expired');
    });

    it('refuses a signature created further in the future than the clock skew', () => {
      const { request, body } = signed(kiosk.privateKey, '{}', 1_700_000_100);
      expectRefusal(() => verifierFor().verify(request, body), 'not-yet-valid');
    });

    it('refuses a signature that does not cover the content digest', () => {
      const { request, body } = signed(kiosk.privateKey);
      const input = String(request.headers['signature-input']).replace(' "content-digest"', '');
      expectRefusal(() => verifierFor().verify({ ...request, headers: { ...request.headers, 'signature-input': input } }, body), 'missing-component');
    });

    it('refuses an algorithm other than ed25519', () => {
      const { request, body } = signed(kiosk.privateKey);
      const input = String(request.headers['signature-input']).replace('alg="ed25519"', 'alg="hmac-sha256"');
      expectRefusal(() => verifierFor().verify({ ...request, headers: { ...request.headers, 'signature-input': input } }, body), 'unsupported-algorithm');
    });

    it('refuses fields that are not structured dictionaries', () => {
      const { request, body } = signed(kiosk.privateKey);
      expectRefusal(() => verifierFor().verify({ ...request, headers: { ...request.headers, signature: 'kiosk=not base64' } }, body), 'malformed');
    });
  });

  describe('NonceCache', () => {
    it('forgets a nonce once its signature could no longer be accepted', () => {
      const cache = new NonceCache();
      expect(cache.use('k', 'n', 2_000, 1_000)).toBe(true);
      expect(cache.use('k', 'n', 2_000, 1_500)).toBe(false);
      expect(cache.use('other-key', 'n', 2_000, 1_500)).toBe(true);
      expect(cache.use('k', 'n', 3_000, 2_000)).toBe(true);
    });

    it('stays within its bound by dropping expired and then the oldest entries', () => {
      const cache = new NonceCache(3);
      for (let i = 0; i < 10; i++) cache.use('k', `n${i}`, 10_000, 0);
      expect(cache.size).toBeLessThanOrEqual(3);
    });
  });
});

describe('RFC 9530 Content-Digest', () => {
  it('computes the sha-256 digest of the RFC 9530 example body', () => {
    expect(contentDigest(RFC_BODY)).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
  });

  it('tells a match, a mismatch, an unknown algorithm and a malformed field apart', () => {
    expect(checkContentDigest(contentDigest(RFC_BODY, 'sha-512'), RFC_BODY)).toBe('match');
    expect(checkContentDigest(contentDigest(RFC_BODY), new Uint8Array(1))).toBe('mismatch');
    expect(checkContentDigest('md5=:AAAA:', RFC_BODY)).toBe('unsupported');
    expect(checkContentDigest('sha-256=notbytes', RFC_BODY)).toBe('malformed');
  });
});
