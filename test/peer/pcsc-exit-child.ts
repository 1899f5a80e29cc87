// Child process for pcsc-process-exit.test.ts: a full read cycle through the real driver, then
// dispose() and nothing else. The parent checks that this process exits by itself, promptly.

import { PcscCardReaderManager } from '../../native/drivers/pcsc/pcsc-card-reader-manager.ts';
import { VpcdBridge } from '../../native/sim/vpcd/vpcd-bridge.ts';
import { EchoCard } from '../helpers/echo-card.ts';

const [readerName = '', port = '0'] = process.argv.slice(2);
const manager = new PcscCardReaderManager();
await manager.ready();
const reader = manager.readers.find((candidate) => candidate.name === readerName);
if (reader === undefined) throw new Error(`reader "${readerName}" not listed`);
const bridge = new VpcdBridge(new EchoCard(), { port: Number(port) });
const present = reader.waitForCard(5000);
await bridge.connect();
await present;
const session = await reader.connect();
const response = await session.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x00));
// The session is deliberately left open: dispose() must release it too.
await bridge.close();
manager.dispose();
process.stdout.write(`response ${Buffer.from(response).toString('hex')}\n`);
