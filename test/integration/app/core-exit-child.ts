// Child of the core lifecycle test: starts the demo kiosk core in a temporary folder, connects a screen
// that says hello, starts a check-in and puts a chip on the reader, then closes the core and returns from
// main. Any handle left (a server, a socket, a timer, a device) would keep Node running; the parent
// asserts that this process ends on its own with code 0.

import { rmSync } from 'node:fs';
import { startCoreRig } from './kiosk-core-rig.ts';

const rig = await startCoreRig();
const screen = await rig.screen();
await screen.reach('welcome');
await screen.ok({ type: 'flow.start' });
await screen.ok({ type: 'demo.insertCard', profile: 'cccd' });
await screen.reach('presentCard');
// A keep-alive HTTP connection too, so close() must also end idle HTTP sockets.
await fetch(rig.core.url, { headers: { connection: 'keep-alive' } }).then((r) => r.text());
process.stdout.write('closing\n');
await rig.close();
await rig.core.close(); // idempotent
rmSync(rig.dataDir, { recursive: true, force: true });
process.stdout.write('closed\n');
process.on('exit', (exitCode) => process.stdout.write(`exit ${exitCode}\n`));
