// pcsclite runs native threads (one per reader, one for the reader list): a driver that forgets one
// keeps the kiosk's core process alive forever. dispose() must let Node exit on its own.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePcscLite } from '../../native/drivers/pcsc/pcsc-lite-binding.ts';
import type { PcscdHandle } from '../helpers/pcscd.ts';
import { startPcscd, VPCD_READERS } from '../helpers/pcscd.ts';

const runTs = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const child = fileURLToPath(new URL('./pcsc-exit-child.ts', import.meta.url));

let pcscd: PcscdHandle | undefined;

beforeAll(async () => {
  pcscd = await startPcscd();
});

afterAll(async () => {
  await pcscd?.stop();
});

describe('PcscCardReaderManager', () => {
  describe('dispose', () => {
    it('lets the process exit by itself after a read with a session left open', async () => {
      const proc = spawn(process.execPath, [runTs, child, VPCD_READERS[1] ?? '', '35964'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const killer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => proc.once('exit', (c, s) => resolve([c, s])));
      clearTimeout(killer);
      expect({ code, signal, output: output.trim() }).toEqual({ code: 0, signal: null, output: 'response 9000' });
    });
  });
});

describe('requirePcscLite', () => {
  it('loads the installed pcsclite module as a factory function', () => {
    expect(typeof requirePcscLite()).toBe('function');
  });
});
