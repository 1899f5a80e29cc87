// Starts (or reuses) the PC/SC daemon with vsmartcard's vpcd reader for peer tests. A missing piece
// FAILS the test and names the Debian package to install: a peer test never skips silently.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PcscCardReaderManager } from '../../native/drivers/pcsc/pcsc-card-reader-manager.ts';
import type { PcscLogger } from '../../native/drivers/pcsc/pcsc-card-reader.ts';
import type { KioskError } from '../../native/hal/errors.ts';

/** The reader names vpcd registers with its default /etc/reader.conf.d/vpcd (ports 35963 and 35964). */
export const VPCD_READERS = Object.freeze(['Virtual PCD 00 00', 'Virtual PCD 00 01']);

export const PCSCD_BINARY = '/usr/sbin/pcscd';
export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const VPCD_READER_CONF = '/etc/reader.conf.d/vpcd';

export interface PcscdHandle {
  /** True when this call started pcscd (and `stop` will end it); false when one was already running. */
  readonly started: boolean;
  /** Ends the pcscd this call started; does nothing for a reused one. */
  stop(): Promise<void>;
}

const silent: PcscLogger = { warn: () => undefined };

/**
 * Makes sure pcscd runs with the vpcd readers. Throws, naming the Debian package, when pcscd, the vpcd
 * driver or the pcsclite module / libpcsclite is missing, and when the readers do not appear within
 * `timeoutMs`.
 */
export async function startPcscd(timeoutMs = 15_000): Promise<PcscdHandle> {
  requireFile(PCSCD_BINARY, 'pcscd');
  requireFile(VPCD_DRIVER, 'vsmartcard-vpcd');
  requireFile(VPCD_READER_CONF, 'vsmartcard-vpcd');

  const running = await listReaders();
  if (running.kind === 'not-installed') throw running.error;
  if (running.kind === 'readers') {
    if (!VPCD_READERS.every((name) => running.names.includes(name))) {
      throw new Error(
        `pcscd is running without the vpcd readers (has: ${running.names.join(', ') || 'none'}); ` +
          'it was started before vsmartcard-vpcd was installed: restart pcscd',
      );
    }
    return { started: false, stop: async () => undefined };
  }

  const log: string[] = [];
  const child = spawn(PCSCD_BINARY, ['--foreground', '--info'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer): void => {
    log.push(chunk.toString('utf8'));
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pcscd exited with code ${child.exitCode}:\n${log.join('')}`);
    const state = await listReaders();
    if (state.kind === 'readers' && VPCD_READERS.every((name) => state.names.includes(name))) break;
    if (Date.now() > deadline) {
      await stopChild(child, exited);
      throw new Error(`pcscd did not offer the vpcd readers within ${timeoutMs} ms:\n${log.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { started: true, stop: () => stopChild(child, exited) };
}

type ReaderListing =
  | { readonly kind: 'readers'; readonly names: readonly string[] }
  | { readonly kind: 'no-daemon' }
  | { readonly kind: 'not-installed'; readonly error: KioskError };

async function listReaders(): Promise<ReaderListing> {
  const manager = new PcscCardReaderManager({ logger: silent });
  try {
    await manager.ready();
    return { kind: 'readers', names: manager.readers.map((reader) => reader.name) };
  } catch (err) {
    const error = err as KioskError;
    if (error.code === 'PCSC_NOT_INSTALLED') return { kind: 'not-installed', error };
    if (error.code === 'PCSC_UNAVAILABLE') return { kind: 'no-daemon' };
    throw err;
  } finally {
    manager.dispose();
  }
}

function requireFile(path: string, debianPackage: string): void {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: install the Debian package ${debianPackage} (scripts/setup-debian.sh)`);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
