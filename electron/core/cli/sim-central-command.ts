// `kiosk sim central [--port N] [--host H] [--tls] [--data DIR] [--kiosk KEYID=PUBLIC.pem[:KIOSKID]]...
// [--fault NAME=VALUE]...`: runs the central-service simulator for demos and manual tests. Without
// --kiosk it registers a demo kiosk whose Ed25519 key it keeps (0600) in the data folder; with --tls it
// serves HTTPS with a throwaway test CA written beside it, and prints the pin of the server key.
// Runs until interrupted; prints what it received on the way out.

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustStore } from '../../../native/card/pa/trust-store.ts';
import { parseFaultSpecs } from '../../../native/sim/central/central-faults.ts';
import { CentralSimulator, type RegisteredKiosk } from '../../../native/sim/central/central-simulator.ts';
import { createTestTls } from '../../../native/sim/central/test-tls.ts';
import { loadTestPki } from '../../../native/sim/pki/test-pki.ts';
import { CliError } from './cli-error.ts';
import { parseOptions } from './parse-options.ts';

export const SIM_CENTRAL_USAGE = 'usage: kiosk sim central [--port N] [--host H] [--tls] [--data DIR] [--kiosk KEYID=PUBLIC.pem[:KIOSKID]]... [--fault NAME=VALUE]...';
export const DEMO_KIOSK_ID = 'demo-kiosk';
export const DEMO_KEY_FILE = 'demo-kiosk.ed25519.pem';

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be an integer between 0 and 65535');
  return port;
}

function readPublicKey(path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read a public key from ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CliError(`${path} holds a ${key.asymmetricKeyType} key; kiosks sign with Ed25519`);
  return key;
}

function parseKiosk(spec: string): RegisteredKiosk {
  const m = /^([A-Za-z0-9._-]{1,128})=([^:]+)(?::([A-Za-z0-9._-]{1,64}))?$/.exec(spec);
  if (!m) throw new CliError(`--kiosk must be KEYID=PUBLIC.pem[:KIOSKID], got '${spec}'`);
  return { keyId: m[1]!, publicKey: readPublicKey(m[2]!), kioskId: m[3] ?? m[1]! };
}

/** The demo kiosk's key pair, created on first use and kept in the data folder. */
function demoKiosk(dataDir: string): RegisteredKiosk & { readonly keyFile: string } {
  const keyFile = join(dataDir, DEMO_KEY_FILE);
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  }
  const publicKey = createPublicKey(createPrivateKey(readFileSync(keyFile, 'utf8')));
  return { keyId: DEMO_KIOSK_ID, kioskId: DEMO_KIOSK_ID, publicKey, keyFile };
}

export async function simCentral(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    tls: { type: 'boolean' },
    data: { type: 'string' },
    kiosk: { type: 'string', multiple: true },
    fault: { type: 'string', multiple: true },
  });
  const port = parsePort(values.port);
  const host = values.host ?? '127.0.0.1';
  const dataDir = values.data ?? join(tmpdir(), 'kiosk-central-sim');
  let faults;
  try {
    faults = parseFaultSpecs(values.fault ?? []);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  mkdirSync(dataDir, { recursive: true });
  const kiosks = (values.kiosk ?? []).map(parseKiosk);
  const demo = kiosks.length === 0 ? demoKiosk(dataDir) : undefined;
  const tls = values.tls ? createTestTls({ hosts: [host, 'localhost'] }) : undefined;
  if (tls) writeFileSync(join(dataDir, 'central-ca.pem'), tls.ca.certificatePem);
  const pki = loadTestPki();

  let simulator: CentralSimulator;
  try {
    simulator = await CentralSimulator.start({
      dataDir,
      host,
      port,
      kiosks: demo ? [demo] : kiosks,
      faults,
      trustStore: TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]),
      ...(tls ? { tls: { key: tls.server.privateKeyPem, cert: tls.server.certificatePem } } : {}),
    });
  } catch (err) {
    throw new CliError(`cannot start the simulator on ${host}:${port}: ${(err as Error).message}`, 1);
  }
  // The URL on stdout alone, so scripts can read it; the rest is for the person on stderr.
  console.log(simulator.url);
  console.error(`central-service simulator at ${simulator.url}; storing in ${dataDir}; Ctrl-C to stop`);
  if (demo) console.error(`demo kiosk: keyid ${demo.keyId}, kioskId ${demo.kioskId}, private key ${demo.keyFile}`);
  if (tls) console.error(`TLS: CA ${join(dataDir, 'central-ca.pem')}, server key pin (SHA-256 SPKI) ${tls.server.spkiSha256}`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const counts = simulator.counts();
  await simulator.close();
  console.error(`stopped: ${counts.requests} requests, ${counts.stored} check-ins stored, ${counts.duplicates} duplicates answered, ${counts.rejected} rejected`);
  return 0;
}
