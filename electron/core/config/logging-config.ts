// The `logging` section: pino's level, and where log files go with their rotation. Without a directory
// the kiosk logs to stderr only (the demo, and kiosks run under a supervisor that keeps stderr).
//
//   logging:
//     level: info
//     directory: /var/log/kiosk
//     rotation: { maxSizeMb: 10, maxFiles: 10 }

import { z } from 'zod';
import { pathSetting, strictSection } from './config-schema-parts.ts';

export const LOG_LEVELS = Object.freeze(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const);
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LoggingSectionSchema = strictSection({
  level: z.enum(LOG_LEVELS).default('info'),
  directory: pathSetting.optional(),
  rotation: strictSection({
    /** A log file is closed and a new one started past this size. */
    maxSizeMb: z.number().min(1).max(1024).default(10),
    /** Older files beyond this count are deleted, so logs never fill the disk. */
    maxFiles: z.int().min(1).max(1000).default(10),
  }).prefault({}),
});

export type LoggingConfig = z.infer<typeof LoggingSectionSchema>;
