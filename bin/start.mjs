#!/usr/bin/env node
// `npm start [-- --profile hospital ...]`: the Electron shell when its binary is usable, else (one line
// on stderr says why) the browser shell, `kiosk start`. Builds what is stale first. Signals are
// forwarded to the shell, and its exit code is ours. stdout is left to the shell (`kiosk: ready URL`).

import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startPlan } from './start-plan.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const plan = startPlan({ root, argv: process.argv.slice(2) });

/** Runs a build step with its output on stderr; exits with its code when it fails. */
function build(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    console.error(`kiosk: the build failed (${args.slice(0, 2).join(' ')})`);
    process.exit(result.status ?? 1);
  }
}

let command;
if (plan.shell === 'electron') {
  if (plan.build) build(['node_modules/electron-vite/bin/electron-vite.js', 'build']);
  command = plan.binary;
} else {
  console.error(plan.notice);
  if (plan.buildRenderer) build(['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts']);
  command = process.execPath;
}

const child = spawn(command, plan.args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (err) => {
  console.error(`kiosk: could not start the shell: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  // A shell stopped by a forwarded signal after cleaning up is a normal stop.
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});
