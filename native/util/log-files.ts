// Where a process's logs go, as the config's `logging` section says: with a directory, into rotated
// files of its own (`<directory>/<service>.<n>.log`, pino-roll: a new file past maxSizeMb, at most
// maxFiles of that service kept, earlier runs' files included so restarts cannot fill the disk);
// without one, stderr. The redaction of createLogger applies either way. pino-roll is used as a plain
// stream in this thread, not as a pino worker transport: a worker's script path does not survive
// bundling into the Electron app, and a crash must not lose the lines a worker had not written yet.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import rollingStream, { type RollingStream } from 'pino-roll';
import { createLogger, type Logger } from './logger.ts';

export const LOG_FILE_EXTENSION = '.log';

/** The `logging` settings a process needs (electron/core/config/logging-config.ts). */
export interface LogSettings {
  readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly directory?: string | undefined;
  readonly rotation: { readonly maxSizeMb: number; readonly maxFiles: number };
}

export interface ProcessLoggerOptions {
  /** The writing process (`kiosk-core`, `kiosk-shell`): the `service` field and the files' base name. */
  readonly service: string;
  readonly logging: LogSettings;
  /** Rotation size in bytes instead of maxSizeMb (tests force a roll with a few KB). */
  readonly maxSizeBytes?: number;
}

export interface ProcessLogger {
  readonly logger: Logger;
  /** The file being written, or null when the logs go to stderr. */
  readonly file: () => string | null;
  /** Writes what is buffered (a report is about to read the files). Never rejects. */
  flush(): Promise<void>;
  /** Writes what is buffered and closes the file (stderr: flushes). Resolves when done; never rejects. */
  close(): Promise<void>;
}

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,40}$/;

/**
 * The logger for one process. Errors: RangeError for a service name that is no plain file name; the
 * file system's error when the directory cannot be created or written (the caller decides whether to
 * fall back to stderr: see openProcessLoggerOrStderr).
 */
export async function openProcessLogger(options: ProcessLoggerOptions): Promise<ProcessLogger> {
  if (!SERVICE_NAME.test(options.service)) throw new RangeError(`'${options.service.slice(0, 40)}' is not a log service name`);
  const { directory, level, rotation } = options.logging;
  if (directory === undefined) {
    const logger = createLogger({ name: options.service, level });
    const flush = () => new Promise<void>((resolve) => logger.flush(() => resolve()));
    return { logger, file: () => null, flush, close: flush };
  }
  // Technicians read these over ssh; no personal data is in them, yet they stay the service's own.
  mkdirSync(directory, { recursive: true, mode: 0o750 });
  const sizeKb = Math.max(1, Math.round((options.maxSizeBytes ?? rotation.maxSizeMb * 1024 * 1024) / 1024));
  const stream: RollingStream = await rollingStream({
    file: join(directory, options.service),
    extension: LOG_FILE_EXTENSION,
    size: `${sizeKb}k`,
    mkdir: true,
    mode: 0o640,
    // Written at once, not from a buffer: the lines just before a crash are the ones support needs.
    sync: true,
    // With removeOtherLogFiles, pino-roll keeps `count` files of this base name in all, the new one
    // included (its README says "besides the active one": its code, 4.0.0, counts the active one).
    limit: { count: rotation.maxFiles, removeOtherLogFiles: true },
  });
  const logger = createLogger({ name: options.service, level, destination: stream });
  let closed: Promise<void> | null = null;
  return {
    logger,
    file: () => stream.file,
    // Lines are written synchronously (sync: true), so there is nothing to wait for but the roll.
    flush: () => new Promise<void>((resolve) => setImmediate(resolve)),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.on('error', () => resolve());
        stream.end();
      })),
  };
}

/**
 * openProcessLogger, or stderr when the directory cannot be used (read-only disk, wrong owner): a
 * kiosk that cannot write its logs must still serve people. The reason is logged on the fallback.
 */
export async function openProcessLoggerOrStderr(options: ProcessLoggerOptions): Promise<ProcessLogger> {
  try {
    return await openProcessLogger(options);
  } catch (err) {
    const fallback = await openProcessLogger({ ...options, logging: { ...options.logging, directory: undefined } });
    fallback.logger.error({ event: 'log-directory-unusable', code: (err as NodeJS.ErrnoException).code ?? (err as Error).name }, 'the log directory cannot be written; logging to stderr');
    return fallback;
  }
}
