// The child of the crash test: a kiosk that writes check-ins as fast as it can while its sync engine
// drains them to the central simulator, until the parent kills it with SIGKILL. It prints each
// idempotency key on its own line only after enqueue resolved (the commit is durable), with a
// synchronous write, so every key the parent reads was acknowledged.
//
// Environment: CRASH_DB, CRASH_KEY_FILE, and optionally CENTRAL_URL + CENTRAL_KEY_PEM (a PKCS#8 PEM file
// of the kiosk's Ed25519 key), CENTRAL_KIOSK_ID, CENTRAL_KEY_ID, CENTRAL_CONTRACT (the OpenAPI document). Without CENTRAL_URL it only enqueues.

import { createPrivateKey } from 'node:crypto';
import { readFileSync, writeSync } from 'node:fs';
import { CheckInStore } from '../../electron/core/store/check-in-store.ts';
import { FileKeyProvider } from '../../electron/core/store/file-key-provider.ts';
import { hospitalDraft } from '../helpers/check-in-drafts.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`store-crash-child: ${name} is not set`);
  return value;
};

const store = await CheckInStore.open({ path: env('CRASH_DB'), keys: new FileKeyProvider({ path: env('CRASH_KEY_FILE'), create: true }) });
if (process.env.CENTRAL_URL) {
  // Loaded only when syncing: the contract's validators cost startup time the other runs need not pay.
  const { CentralClient } = await import('../../electron/core/sync/central-client.ts');
  const { SyncEngine } = await import('../../electron/core/sync/sync-engine.ts');
  const { CentralContract } = await import('../../native/central/central-contract.ts');
  const uploader = new CentralClient({
    // Named explicitly: the bundled child cannot find the document relative to its own file.
    contract: CentralContract.load(env('CENTRAL_CONTRACT')),
    baseUrl: process.env.CENTRAL_URL,
    kioskId: env('CENTRAL_KIOSK_ID'),
    signingKey: { keyId: env('CENTRAL_KEY_ID'), privateKey: createPrivateKey(readFileSync(env('CENTRAL_KEY_PEM'))) },
    timeoutMs: 5_000,
  });
  new SyncEngine({ outbox: store, uploader, batchSize: 25, pollMs: 50, backoff: { baseMs: 10, capMs: 100 } }).start();
}
writeSync(1, 'ready\n');

let n = 0;
async function writer(): Promise<never> {
  for (;;) {
    const { idempotencyKey } = await store.enqueue(hospitalDraft(n++));
    writeSync(1, `${idempotencyKey}\n`);
  }
}
await Promise.all([writer(), writer(), writer(), writer()]);
