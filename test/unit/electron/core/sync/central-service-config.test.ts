import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CentralConfigError, centralClientOptions } from '../../../../../electron/core/sync/central-service-config.ts';
import { createTestTls } from '../../../../../native/sim/central/test-tls.ts';

const dir = mkdtempSync(join(tmpdir(), 'central-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
writeFileSync(join(dir, 'kiosk.pem'), ed25519, { mode: 0o600 });
writeFileSync(join(dir, 'wrong.pem'), p256, { mode: 0o600 });
const tls = createTestTls();
writeFileSync(join(dir, 'ca.pem'), tls.ca.certificatePem);

const section = { url: 'https://central.example.vn', kioskId: 'kiosk-01', keyId: 'kiosk-01-ed25519', signingKeyFile: 'kiosk.pem' };

function configError(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CentralConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a CentralConfigError');
}

describe('centralClientOptions', () => {
  it('reads the key and the TLS files relative to the config folder, with pins', () => {
    const options = centralClientOptions({ ...section, tls: { caFile: 'ca.pem', pinnedSpkiSha256: [tls.server.spkiSha256] } }, dir);
    expect(options).toMatchObject({ baseUrl: 'https://central.example.vn', kioskId: 'kiosk-01', timeoutMs: 15_000, tls: { ca: tls.ca.certificatePem, pinnedSpkiSha256: [tls.server.spkiSha256] } });
    expect(options.signingKey.privateKey.asymmetricKeyType).toBe('ed25519');
  });

  it('names the setting that is wrong: URL scheme, pin format, half a client certificate', () => {
    expect(configError(() => centralClientOptions({ ...section, url: 'ftp://central' }, dir))).toMatch(/^centralService\.url: /);
    expect(configError(() => centralClientOptions({ ...section, tls: { pinnedSpkiSha256: ['abc'] } }, dir))).toMatch(/^centralService\.tls\.pinnedSpkiSha256\.0: .*SHA-256/);
    expect(configError(() => centralClientOptions({ ...section, tls: { clientCertificateFile: 'c.pem' } }, dir))).toMatch(/go together/);
  });

  it('refuses a missing key file and a key that is not Ed25519, without quoting the key', () => {
    expect(configError(() => centralClientOptions({ ...section, signingKeyFile: 'missing.pem' }, dir))).toMatch(/signingKeyFile: cannot read .*missing\.pem \(ENOENT\)/);
    const message = configError(() => centralClientOptions({ ...section, signingKeyFile: 'wrong.pem' }, dir));
    expect(message).toMatch(/an ec key; kiosks sign with Ed25519/);
    expect(message).not.toContain('PRIVATE KEY');
  });
});
