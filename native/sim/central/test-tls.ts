// Throwaway TLS material for the central-service simulator on loopback: a test CA, a server
// certificate for 127.0.0.1 / localhost, and a kiosk client certificate for mutual TLS, all P-256 and
// generated in memory (node:crypto makes keys; the sim PKI's certificate builder issues the X.509).

import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { issueCertificate } from '../pki/certificate-builder.ts';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

export interface TlsIdentity {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** SHA-256 of the certificate's DER, base64 (certificate pinning). */
  readonly certificateSha256: string;
  /** SHA-256 of the SubjectPublicKeyInfo DER, base64 (public-key pinning, as HPKP had it). */
  readonly spkiSha256: string;
}

export interface TestTls {
  readonly ca: TlsIdentity;
  readonly server: TlsIdentity;
  readonly client: TlsIdentity;
}

export interface TestTlsOptions {
  /** Names on the server certificate (default 127.0.0.1 and localhost). */
  readonly hosts?: readonly string[];
  /** Common name of the client certificate (default the kiosk id `kiosk-test-01`). */
  readonly clientName?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** SHA-256 of a key's SubjectPublicKeyInfo DER, base64: the form pins take in the kiosk's config. */
export function spkiSha256(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

function toPem(der: Uint8Array): string {
  return new X509Certificate(der).toString();
}

function identity(der: Uint8Array, key: KeyObject): TlsIdentity {
  return Object.freeze({
    certificatePem: toPem(der),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificateSha256: createHash('sha256').update(der).digest('base64'),
    spkiSha256: spkiSha256(key),
  });
}

/** Generates a CA, a server and a client certificate (a few milliseconds: P-256 keys). */
export function createTestTls(options: TestTlsOptions = {}): TestTls {
  const notBefore = options.notBefore ?? new Date(Date.now() - 3_600_000);
  const notAfter = options.notAfter ?? new Date(Date.now() + 30 * 86_400_000);
  const key = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const caKey = key();
  const caDer = issueCertificate({
    profile: 'csca',
    serialNumber: 0x5001,
    subject: [['C', 'VN'], ['O', 'Kiosk Test'], ['CN', 'Central Simulator Test CA']],
    notBefore,
    notAfter,
    subjectKey: caKey,
    issuerKey: caKey,
  });
  const leaf = (serial: number, cn: string, eku: string, names: readonly ({ dns: string } | { ip: string })[]) => {
    const leafKey = key();
    const der = issueCertificate({
      profile: 'tls-leaf',
      serialNumber: serial,
      subject: [['C', 'VN'], ['O', 'Kiosk Test'], ['CN', cn]],
      notBefore,
      notAfter,
      subjectKey: leafKey,
      issuerKey: caKey,
      issuerCertificate: caDer,
      subjectAltNames: names,
      extendedKeyUsages: [eku],
    });
    return identity(der, leafKey);
  };
  const hosts = options.hosts ?? ['127.0.0.1', 'localhost'];
  const names = hosts.map((h) => (/^\d+\.\d+\.\d+\.\d+$/.test(h) ? { ip: h } : { dns: h }));
  const clientName = options.clientName ?? 'kiosk-test-01';
  return Object.freeze({
    ca: identity(caDer, caKey),
    server: leaf(0x6001, hosts[0] ?? 'localhost', SERVER_AUTH, names),
    client: leaf(0x6002, clientName, CLIENT_AUTH, [{ dns: clientName }]),
  });
}
