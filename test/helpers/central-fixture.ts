// A central-service simulator on loopback with one registered kiosk, and clients for it: the setup
// the client, fault and bench tests share. Each fixture gets its own temporary data folder.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustStore } from '../../native/card/pa/trust-store.ts';
import { CentralContract } from '../../native/central/central-contract.ts';
import { loadTestPki } from '../../native/sim/pki/test-pki.ts';
import { CentralSimulator, type CentralSimulatorOptions } from '../../native/sim/central/central-simulator.ts';
import { createTestTls, type TestTls } from '../../native/sim/central/test-tls.ts';
import { CentralClient, type CentralClientOptions } from '../../electron/core/sync/central-client.ts';

export const KIOSK_ID = 'kiosk-test-01';
export const KEY_ID = 'kiosk-test-01-ed25519';

let contract: CentralContract | undefined;
/** The compiled document, once per test file. */
export function sharedContract(): CentralContract {
  contract ??= CentralContract.load();
  return contract;
}

export function testTrustStore(): TrustStore {
  const pki = loadTestPki();
  return TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]);
}

export interface CentralFixture {
  readonly simulator: CentralSimulator;
  readonly dataDir: string;
  readonly kioskKey: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  readonly tls: TestTls | undefined;
  /** A client signed with the kiosk's key; `overrides` for TLS, pins, timeouts. */
  client(overrides?: Partial<CentralClientOptions>): CentralClient;
  /** Closes the simulator and reopens it on the same folder (a service restart). */
  restart(): Promise<CentralSimulator>;
  close(): Promise<void>;
}

export interface FixtureOptions extends Partial<Omit<CentralSimulatorOptions, 'tls'>> {
  /** Serve HTTPS with a generated test CA; `mutual` asks for a client certificate. */
  readonly tls?: 'server' | 'mutual';
}

export async function startCentral(options: FixtureOptions = {}): Promise<CentralFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'central-sim-'));
  const kioskKey = generateKeyPairSync('ed25519');
  const tls = options.tls ? createTestTls() : undefined;
  const clients: CentralClient[] = [];
  const simulatorOptions = (): CentralSimulatorOptions => ({
    contract: sharedContract(),
    durable: false,
    ...options,
    dataDir,
    kiosks: [{ keyId: KEY_ID, kioskId: KIOSK_ID, publicKey: kioskKey.publicKey }, ...(options.kiosks ?? [])],
    tls: tls ? { key: tls.server.privateKeyPem, cert: tls.server.certificatePem, ca: tls.ca.certificatePem, requireClientCertificate: options.tls === 'mutual' } : undefined,
  });
  let simulator = await CentralSimulator.start(simulatorOptions());
  let port = new URL(simulator.url).port;
  return {
    get simulator() {
      return simulator;
    },
    dataDir,
    kioskKey,
    tls,
    client(overrides = {}) {
      const client = new CentralClient({
        baseUrl: simulator.url,
        kioskId: KIOSK_ID,
        signingKey: { keyId: KEY_ID, privateKey: kioskKey.privateKey },
        contract: sharedContract(),
        timeoutMs: 5_000,
        ...(tls ? { tls: { ca: tls.ca.certificatePem, ...(options.tls === 'mutual' ? { clientCertificate: tls.client.certificatePem, clientKey: tls.client.privateKeyPem } : {}) } } : {}),
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    async restart() {
      await simulator.close();
      simulator = await CentralSimulator.start({ ...simulatorOptions(), port: Number(port) });
      port = new URL(simulator.url).port;
      return simulator;
    },
    async close() {
      for (const c of clients) c.close();
      await simulator.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
