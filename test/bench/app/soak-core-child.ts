// The kiosk core alone in a child process for the soak (app-soak-bench.ts): started with
// `node --expose-gc bin/run-ts.mjs test/bench/app/soak-core-child.ts` by child_process.fork, with the
// config from the KIOSK_* environment as `kiosk start` loads it. It tells its parent where the contract
// is, and answers memory requests after two full garbage collections, so that what it reports is what
// the core keeps, not garbage waiting to be collected.
//
// Parent -> child: { type: 'memory' } | { type: 'heapSnapshot', file } | { type: 'stop' }
// Child -> parent: { type: 'ready', contractUrl, token } | { type: 'memory', usage } | { type: 'heapSnapshot', file }
//                  | { type: 'failed', message }

import { writeHeapSnapshot } from 'node:v8';
import { loadStartupConfig } from '../../../electron/core/config/load-kiosk-config.ts';
import { startKioskCore } from '../../../electron/core/app/start-kiosk-core.ts';
import { createLogger } from '../../../native/util/logger.ts';

export type SoakChildMessage =
  | { readonly type: 'ready'; readonly contractUrl: string; readonly token: string }
  | { readonly type: 'memory'; readonly usage: NodeJS.MemoryUsage }
  | { readonly type: 'heapSnapshot'; readonly file: string }
  | { readonly type: 'failed'; readonly message: string };

export type SoakParentMessage = { readonly type: 'memory' } | { readonly type: 'heapSnapshot'; readonly file: string } | { readonly type: 'stop' };

const send = (message: SoakChildMessage) => new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

const gc = (globalThis as { gc?: () => void }).gc;
if (typeof process.send !== 'function' || gc === undefined) {
  console.error('soak-core-child: run me with child_process.fork and node --expose-gc');
  process.exit(2);
}

try {
  const loaded = await loadStartupConfig();
  const core = await startKioskCore({ config: loaded, logger: createLogger({ name: 'kiosk-core', level: loaded.config.logging.level }) });
  process.on('message', (message: SoakParentMessage) => {
    if (message.type === 'memory') {
      gc();
      gc();
      void send({ type: 'memory', usage: process.memoryUsage() });
    } else if (message.type === 'heapSnapshot') {
      // For finding what a growth is made of (Chrome DevTools, Memory tab: compare two snapshots).
      void send({ type: 'heapSnapshot', file: writeHeapSnapshot(message.file) });
    } else if (message.type === 'stop') {
      void core.close('stopping').then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  process.once('disconnect', () => void core.close('stopping').finally(() => process.exit(0)));
  await send({ type: 'ready', contractUrl: core.contractUrl, token: core.token });
} catch (error) {
  await send({ type: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exit(1);
}
