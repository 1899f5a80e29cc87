// The technicians' diagnostics PIN, kept in config only as a scrypt hash (RFC 7914) in the PHC string
// format, so that the config file (and whoever reads it) never holds the PIN:
//
//   $scrypt$ln=16,r=8,p=1$<salt, base64 without padding>$<hash, base64 without padding>
//
// `kiosk config hash-pin` writes the line. The parameters are bounded so that a config file cannot make
// the kiosk spend more than 128 MiB or a few seconds on one check; a PIN is tried against it with a
// constant-time comparison. Lockout after failed tries (diagnostics.lockout) is what protects a short PIN.

import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { KioskError } from '../../../native/hal/errors.ts';

export interface PinHash {
  /** log2 of the CPU/memory cost N. */
  readonly logCost: number;
  readonly blockSize: number;
  readonly parallelism: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** ln=16, r=8, p=1: 64 MiB and about a tenth of a second on a kiosk PC. */
export const DEFAULT_PIN_COST = Object.freeze({ logCost: 16, blockSize: 8, parallelism: 1 });
export const PIN_COST_LIMITS = Object.freeze({ logCost: [14, 17], blockSize: [1, 16], parallelism: [1, 4] } as const);
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** What a person may choose: digits only, as typed on the kiosk's touch keypad. */
export const PIN_PATTERN = /^[0-9]{4,12}$/;

const B64 = '[A-Za-z0-9+/]';
const PHC = new RegExp(`^\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,2}),p=(\\d)\\$(${B64}{22,88})\\$(${B64}{43,88})$`);

function inRange(value: number, [min, max]: readonly [number, number]): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Reads a hash line. Returns a reason (for the config message) when the text is not a bounded scrypt
 * PHC string; never echoes the text itself.
 */
export function parsePinHash(text: string): PinHash | string {
  const m = PHC.exec(text);
  if (!m) return 'is not a scrypt PIN hash ($scrypt$ln=..,r=..,p=..$salt$hash); create one with `kiosk config hash-pin`';
  const logCost = Number(m[1]);
  const blockSize = Number(m[2]);
  const parallelism = Number(m[3]);
  if (!inRange(logCost, PIN_COST_LIMITS.logCost)) return `has ln=${logCost}; ln must be between ${PIN_COST_LIMITS.logCost.join(' and ')}`;
  if (!inRange(blockSize, PIN_COST_LIMITS.blockSize)) return `has r=${blockSize}; r must be between ${PIN_COST_LIMITS.blockSize.join(' and ')}`;
  if (!inRange(parallelism, PIN_COST_LIMITS.parallelism)) return `has p=${parallelism}; p must be between ${PIN_COST_LIMITS.parallelism.join(' and ')}`;
  // The pattern's lengths guarantee at least 16 bytes of salt (22 characters) and 32 of hash (43).
  return Object.freeze({ logCost, blockSize, parallelism, salt: Buffer.from(m[4]!, 'base64'), hash: Buffer.from(m[5]!, 'base64') });
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

export function formatPinHash(hash: PinHash): string {
  return `$scrypt$ln=${hash.logCost},r=${hash.blockSize},p=${hash.parallelism}$${unpadded(hash.salt)}$${unpadded(hash.hash)}`;
}

function derive(pin: string, salt: Buffer, cost: Omit<PinHash, 'salt' | 'hash'>, length: number): Promise<Buffer> {
  const N = 2 ** cost.logCost;
  const options: ScryptOptions = { N, r: cost.blockSize, p: cost.parallelism, maxmem: 128 * N * cost.blockSize * cost.parallelism + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(pin.normalize('NFKC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Hashes a new PIN with a fresh random salt. Throws KioskError PIN_INVALID when the PIN is not 4 to 12
 * digits (the message never contains the PIN).
 */
export async function hashPin(pin: string, cost: Omit<PinHash, 'salt' | 'hash'> = DEFAULT_PIN_COST): Promise<string> {
  if (!PIN_PATTERN.test(pin)) throw new KioskError('PIN_INVALID', 'a diagnostics PIN is 4 to 12 digits', { step: 'config.pin', userMessage: 'INVALID_INPUT' });
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(pin, salt, cost, HASH_BYTES);
  return formatPinHash({ ...cost, salt, hash });
}

/**
 * Whether `pin` matches the hash line. The derived key is compared in constant time; a malformed line
 * is a ConfigError-worthy bug in the caller (validated config never holds one) and throws PIN_HASH_INVALID.
 */
export async function verifyPin(pin: string, hashLine: string | PinHash): Promise<boolean> {
  const parsed = typeof hashLine === 'string' ? parsePinHash(hashLine) : hashLine;
  if (typeof parsed === 'string') throw new KioskError('PIN_HASH_INVALID', `the diagnostics PIN hash ${parsed}`, { step: 'config.pin', userMessage: 'CONFIG_INVALID' });
  // Input far longer than any PIN cannot match; it costs the same one derivation and fails.
  const tooLong = pin.length > 64;
  const derived = await derive(tooLong ? '' : pin, parsed.salt, parsed, parsed.hash.length);
  return timingSafeEqual(derived, parsed.hash) && !tooLong;
}
