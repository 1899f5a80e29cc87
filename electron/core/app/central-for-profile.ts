// The central authentication service as the configured kiosk reaches it: a client of the remote service
// (`centralService.mode: remote`), or, for the demo, the central-service simulator started on loopback
// with this kiosk registered under a key kept in the simulator's data folder (0600), and a client of it.
// The demo can take the simulator off the network and back (`setReachable`) without losing what it
// received, so queued check-ins sync when it returns.

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TrustStore } from '../../../native/card/pa/trust-store.ts';
import { CentralContract } from '../../../native/central/central-contract.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import { CentralSimulator, type CentralSimulatorOptions } from '../../../native/sim/central/central-simulator.ts';
import { createTestTls } from '../../../native/sim/central/test-tls.ts';
import { loadTestPki } from '../../../native/sim/pki/test-pki.ts';
import type { Logger } from '../../../native/util/logger.ts';
import { remoteCentralSection, type SimulatorCentralConfig } from '../config/central-section.ts';
import type { LoadedKioskConfig } from '../config/load-kiosk-config.ts';
import { CentralClient } from '../sync/central-client.ts';
import { centralClientOptions } from '../sync/central-service-config.ts';

export interface CentralConnection {
  readonly client: CentralClient;
  /** The simulator (demo only). */
  readonly simulator: CentralSimulator | undefined;
  /** Demo only: takes the simulator off loopback (false) or back on the same port (true). */
  setReachable(reachable: boolean): Promise<void>;
  readonly reachable: boolean;
  /** Closes the client and the simulator. Idempotent. */
  close(): Promise<void>;
}

/** The simulator could not start (port taken, data folder unwritable). */
export class CentralStartError extends KioskError {
  constructor(message: string, cause: unknown) {
    super('CENTRAL_SIMULATOR_START_FAILED', message, { cause, step: 'central.simulator' });
  }
}

const KEY_FILE = 'kiosk.ed25519.pem';

let compiledContract: CentralContract | undefined;
/** The OpenAPI document compiled once per process (compiling takes seconds; client and simulator share it). */
function centralContract(): CentralContract {
  compiledContract ??= CentralContract.load();
  return compiledContract;
}

/** This kiosk's signing key for the simulator, created on first start and kept beside its data. */
function simulatorKioskKey(dataDir: string): KeyObject {
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return createPrivateKey(readFileSync(file, 'utf8'));
}

async function simulatorConnection(section: SimulatorCentralConfig, kioskId: string, logger: Logger): Promise<CentralConnection> {
  const log = logger.child({ module: 'central-simulator' });
  let privateKey: KeyObject;
  try {
    mkdirSync(section.dataDir, { recursive: true, mode: 0o700 });
    privateKey = simulatorKioskKey(section.dataDir);
  } catch (err) {
    throw new CentralStartError(`the central simulator's data folder ${section.dataDir} is not usable (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
  }
  const tls = section.tls ? createTestTls({ hosts: [section.host, 'localhost'] }) : undefined;
  const pki = loadTestPki();
  const options = (port: number): CentralSimulatorOptions => ({
    dataDir: section.dataDir,
    contract: centralContract(),
    host: section.host,
    port,
    kiosks: [{ keyId: kioskId, kioskId, publicKey: createPublicKey(privateKey) }],
    faults: section.faults,
    trustStore: TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]),
    ...(tls ? { tls: { key: tls.server.privateKeyPem, cert: tls.server.certificatePem } } : {}),
  });
  const start = async (port: number): Promise<CentralSimulator> => {
    try {
      return await CentralSimulator.start(options(port));
    } catch (err) {
      throw new CentralStartError(`cannot start the central simulator on ${section.host}:${port} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
    }
  };
  let simulator: CentralSimulator | undefined = await start(section.port);
  const url = simulator.url;
  const port = Number(new URL(url).port);
  const client = new CentralClient({
    baseUrl: url,
    kioskId,
    signingKey: { keyId: kioskId, privateKey },
    timeoutMs: 5_000,
    contract: centralContract(),
    logger: log,
    ...(tls ? { tls: { ca: tls.ca.certificatePem, pinnedSpkiSha256: [tls.server.spkiSha256] } } : {}),
  });
  log.info({ event: 'central-simulator-started', url }, 'central-service simulator on loopback');
  let closed = false;
  // Serializes setReachable calls, so a quick off-on-off ends in the last state asked for.
  let change: Promise<void> = Promise.resolve();
  return {
    client,
    get simulator() {
      return simulator;
    },
    get reachable() {
      return simulator !== undefined;
    },
    setReachable(reachable) {
      change = change.then(async () => {
        if (closed || reachable === (simulator !== undefined)) return;
        if (reachable) {
          simulator = await start(port);
        } else {
          const stopping = simulator;
          simulator = undefined;
          await stopping?.close();
        }
        log.info({ event: 'central-simulator-reachable', reachable }, reachable ? 'central simulator back on loopback' : 'central simulator taken off loopback');
      });
      return change;
    },
    async close() {
      if (closed) return;
      closed = true;
      await change.catch(() => undefined);
      client.close();
      await simulator?.close();
      simulator = undefined;
    },
  };
}

/**
 * Connects to the configured central service: the remote one, or the demo's simulator which it starts.
 * Errors: CentralConfigError (a bad signing key or TLS file), CentralStartError (the simulator cannot
 * listen), SyncTransportError `refused` (a URL or kiosk id the client refuses).
 */
export async function openCentral(loaded: LoadedKioskConfig, logger: Logger): Promise<CentralConnection> {
  const { config } = loaded;
  const section = config.centralService;
  if (section.mode === 'simulator') return simulatorConnection(section, config.kiosk.id, logger);
  const baseDir = loaded.files[0] === undefined ? process.cwd() : dirname(loaded.files[0]);
  const client = new CentralClient({ ...centralClientOptions(remoteCentralSection(section), baseDir), contract: centralContract(), logger: logger.child({ module: 'central-client' }) });
  return {
    client,
    simulator: undefined,
    reachable: true,
    setReachable: () => Promise.reject(new KioskError('NOT_AVAILABLE', 'only the demo simulator can be taken off the network', { step: 'central.setReachable' })),
    async close() {
      client.close();
    },
  };
}
