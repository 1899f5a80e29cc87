// Structured logs (pino) with personal data redacted by field name. Modules take a Logger; nothing
// logs a person's name, ID number, date of birth, MRZ, address, image or key, and the redaction paths
// are a second line of defence should a field slip into a log object.

import pino from 'pino';

export type Logger = pino.Logger;

/** Field names that may carry personal data anywhere in a log object. */
export const REDACTED_FIELDS = Object.freeze([
  'name',
  'fullName',
  'idNumber',
  'documentNumber',
  'dateOfBirth',
  'dob',
  'mrz',
  'address',
  'placeOfResidence',
  'placeOfOrigin',
  'image',
  'face',
  'fingerprint',
  'photo',
  'can',
  'qr',
  'key',
  'privateKey',
  'token',
  'pin',
]);

const paths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export interface LoggerOptions {
  readonly level?: pino.LevelWithSilent;
  /** Destination stream (default stderr); tests pass a memory stream. */
  readonly destination?: pino.DestinationStream;
  /** Which process wrote the line (`kiosk-core`, `kiosk-shell`), as the `service` field. */
  readonly name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  // The process name goes in `service`, not pino's `name`: `name` is a redacted (personal) field, and
  // the redaction would blank the logger's own name on every line.
  return pino(
    { level: options.level ?? 'info', redact: { paths, censor: '[redacted]' }, base: { pid: process.pid, service: options.name ?? 'kiosk' } },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything (tests, CLI commands that print their own output). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
