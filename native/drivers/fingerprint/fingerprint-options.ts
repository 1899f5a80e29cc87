// What config says about a fingerprint scanner. The device entry (native/hal/device-config.ts) gives the
// driver (`r30x-hid`, `r30x-serial`: family and transport) and the transport's address; `options` holds
// the protocol settings below, checked by FingerprintDriverOptionsSchema so that a wrong value names its
// field and the allowed range.

import { z } from 'zod';

const uint32 = z.int().min(0).max(0xffffffff);

export const FingerprintDriverOptionsSchema = z.strictObject({
  /** Module address (R30x default 0xFFFFFFFF, which every module answers). */
  address: uint32.default(0xffffffff),
  /** Module password checked by the handshake (R30x default 0). */
  password: uint32.default(0),
  /** Longest wait for the answer to one command (GenImg can take 1 s on an optical sensor). */
  commandTimeoutMs: z.int().min(50).max(60_000).default(2000),
  /** Longest wait between data packets, and between the fragments of one packet. */
  packetTimeoutMs: z.int().min(20).max(60_000).default(1000),
  /** Further attempts after a corrupt answer (every command is safe to repeat). */
  retries: z.int().min(0).max(5).default(2),
  /** Pause between finger polls. */
  pollIntervalMs: z.int().min(0).max(5000).default(50),
  /** How long the self-test waits for a finger. */
  selfTestTimeoutMs: z.int().min(100).max(120_000).default(10_000),
});

export type FingerprintDriverOptions = z.infer<typeof FingerprintDriverOptionsSchema>;

export type FingerprintTransportConfig =
  | { readonly type: 'hid'; readonly vendorId: number; readonly productId: number; readonly path?: string }
  | { readonly type: 'serial'; readonly path: string; readonly baudRate: number };

/** Everything needed to build one scanner. */
export interface FingerprintScannerConfig {
  readonly id: string;
  /** Protocol family name from the registry (fingerprint-families.ts), e.g. `r30x`. */
  readonly family: string;
  readonly transport: FingerprintTransportConfig;
  /** Parsed driver options; missing fields take the schema's defaults. */
  readonly options?: Partial<FingerprintDriverOptions>;
}

/** `r30x-hid` -> family `r30x`, transport `hid`: the driver names config uses. */
export function splitFingerprintDriver(driver: string): { readonly family: string; readonly transport: string } | undefined {
  const match = /^([a-z0-9]+)-(hid|serial)$/.exec(driver);
  return match ? Object.freeze({ family: match[1]!, transport: match[2]! }) : undefined;
}
