// Child of the host test: starts a host, connects a screen client that says hello and receives a
// broadcast, then closes the host and returns from main. If any handle were left (a server, a socket, a
// timer), Node would keep running; the parent asserts that this process ends on its own with code 0.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../native/util/logger.ts';
import { startHost } from '../../electron/core/host/start-host.ts';
import { connectContract } from '../helpers/contract-client.ts';
import { SCREEN_VIEWS, snapshotOf } from '../helpers/contract-fixtures.ts';

const rendererDir = mkdtempSync(join(tmpdir(), 'host-exit-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');

const host = await startHost({
  rendererDir,
  onMessage: () => ({ kind: 'accepted' }),
  kiosk: { kioskId: 'kiosk-test-01', flow: 'hospital', languages: ['vi', 'en'], appVersion: '0.1.0', demo: true },
  logger: silentLogger(),
  // Short enough that the heartbeat timer runs before close(), which must clear it; generous enough
  // that a loaded machine never drops the client. The grace lets the client finish its handshake.
  heartbeatMs: 1000,
  closeGraceMs: 30_000,
});
const client = await connectContract(host.contractUrl, { token: host.token, origin: host.url.slice(0, -1) });
client.send({ type: 'hello', id: 'h', version: 1 });
await client.reply('h');
host.broadcast(snapshotOf(SCREEN_VIEWS.welcome));
await client.next((m) => m.type === 'snapshot');
// Fetch a file over a keep-alive connection too, so close() must also end idle HTTP sockets.
await fetch(host.url, { headers: { connection: 'keep-alive' } }).then((r) => r.text());
process.stdout.write('closing\n');
await host.close();
const { code } = await client.closed();
process.stdout.write(`closed ${code}\n`);
process.on('exit', (exitCode) => process.stdout.write(`exit ${exitCode}\n`));
