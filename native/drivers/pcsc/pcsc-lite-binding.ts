// The part of the `pcsclite` npm module (1.0.1) this driver uses, typed structurally so that the
// typecheck does not depend on an optional native module, and so that tests can hand in a fake.
// Loading is lazy (STYLE.md rule 4): the simulated profile never loads libpcsclite.

import { createRequire } from 'node:module';
import { DeviceUnavailableError } from '../../hal/errors.ts';

/** `status` event payload: PC/SC reader state bits (low 16) and the event counter (high 16). */
export interface PcscLiteStatus {
  readonly state: number;
  readonly atr?: Uint8Array;
}

type Callback<T> = (err: Error | null | undefined, value: T) => void;

/** One reader as pcsclite exposes it. All calls go through libpcsclite's thread pool. */
export interface PcscLiteReader {
  readonly name: string;
  readonly connected: boolean;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_UNPOWER_CARD: number;
  on(event: 'status', listener: (status: PcscLiteStatus) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  connect(options: { share_mode: number; protocol: number }, callback: Callback<number>): void;
  disconnect(disposition: number, callback: (err: Error | null | undefined) => void): void;
  transmit(data: Buffer, responseLength: number, protocol: number, callback: Callback<Buffer>): void;
  /** Stops the status thread (synchronously joins it); the reader emits `end` afterwards. */
  close(): void;
}

/** The PC/SC context: emits `reader` for each reader that appears, `error` when monitoring fails. */
export interface PcscLiteContext {
  on(event: 'reader', listener: (reader: PcscLiteReader) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

/** Calling the module creates a context; it throws when pcscd cannot be reached. */
export type PcscLiteFactory = () => PcscLiteContext;

/** Returns the pcsclite module; throws when the module or the shared library cannot be loaded. */
export type PcscLiteLoader = () => PcscLiteFactory;

/** The default loader: `require('pcsclite')`, done only when a real reader manager starts. */
export const requirePcscLite: PcscLiteLoader = () => {
  const require = createRequire(import.meta.url);
  return require('pcsclite') as PcscLiteFactory;
};

/**
 * Loads pcsclite through `loader`. Throws DeviceUnavailableError `PCSC_NOT_INSTALLED` when the module is
 * absent, its native build is missing, or libpcsclite cannot be opened; the technician message names the
 * Debian packages to install.
 */
export function loadPcscLite(loader: PcscLiteLoader = requirePcscLite): PcscLiteFactory {
  let factory: unknown;
  try {
    factory = loader();
  } catch (err) {
    throw pcscNotInstalled(err);
  }
  if (typeof factory !== 'function') throw pcscNotInstalled(new Error('pcsclite did not export a function'));
  return factory as PcscLiteFactory;
}

function pcscNotInstalled(cause: unknown): DeviceUnavailableError {
  const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.name) : 'unknown';
  return new DeviceUnavailableError(
    'PCSC_NOT_INSTALLED',
    `PC/SC support is not installed (pcsclite could not be loaded: ${detail}). Install the Debian packages ` +
      'pcscd and libpcsclite-dev, then reinstall the kiosk so that the pcsclite module is rebuilt against them.',
    { userMessage: 'PCSC_NOT_INSTALLED', step: 'pcsc.load', cause },
  );
}
