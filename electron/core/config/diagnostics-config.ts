// The `diagnostics` section: the technicians' screen behind a PIN. Only the PIN's scrypt hash is kept
// (pin-hash.ts; `kiosk config hash-pin` writes it), and the screen locks after repeated failures.
//
//   diagnostics:
//     pinHash: '$scrypt$ln=16,r=8,p=1$...$...'
//     lockout: { maxFailedTries: 5, minutes: 15 }

import { z } from 'zod';
import { strictSection } from './config-schema-parts.ts';
import { parsePinHash } from './pin-hash.ts';

/** The hash line as written (verifyPin parses it); checked here so a bad line stops the kiosk at start. */
const PinHashSchema = z.unknown().transform((value, ctx): string => {
  // The hash is not secret, but a value that is not one may be a PIN written in clear: never quote it.
  const parsed = typeof value === 'string' ? parsePinHash(value) : 'is not a scrypt PIN hash line; create one with `kiosk config hash-pin` (value not shown)';
  if (typeof parsed !== 'string') return value as string;
  ctx.addIssue({ code: 'custom', message: parsed, input: '(not shown)' });
  return z.NEVER;
});

export const DiagnosticsSectionSchema = strictSection({
  /** Absent: the diagnostics screen cannot be opened on this kiosk (only `kiosk diag` on its command line). */
  pinHash: PinHashSchema.optional(),
  lockout: strictSection({
    /** Consecutive wrong PINs before the screen locks. */
    maxFailedTries: z.int().min(1).max(20).default(5),
    /** How long it stays locked; every try during the lockout is refused without being checked. */
    minutes: z.int().min(1).max(24 * 60).default(15),
  }).prefault({}),
  /** Leave the diagnostics screen after this long without a touch. */
  sessionIdleSeconds: z.int().min(30).max(3600).default(300),
});

export type DiagnosticsConfig = z.infer<typeof DiagnosticsSectionSchema>;
