import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { formatPinHash, hashPin, parsePinHash, verifyPin, type PinHash } from '../../../../../electron/core/config/pin-hash.ts';
import { KioskError } from '../../../../../native/hal/errors.ts';

// The comparison must be crypto.timingSafeEqual; spy on it while keeping its behaviour.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

/** The cheapest cost the config accepts, so that tests stay quick. */
const CHEAP = { logCost: 14, blockSize: 8, parallelism: 1 };

describe('pin hashes', () => {
  describe('hashPin and verifyPin', () => {
    it('verify the PIN that was hashed and no other', async () => {
      const line = await hashPin('246810', CHEAP);
      expect(line).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
      expect(await verifyPin('246810', line)).toBe(true);
      expect(await verifyPin('246811', line)).toBe(false);
      expect(await verifyPin('', line)).toBe(false);
    });

    it('compare the derived key in constant time', async () => {
      const line = await hashPin('1357', CHEAP);
      const spy = vi.mocked(crypto.timingSafeEqual);
      spy.mockClear();
      expect(await verifyPin('1358', line)).toBe(false);
      expect(spy).toHaveBeenCalledTimes(1);
      const [derived, stored] = spy.mock.calls[0]!;
      expect(derived.byteLength).toBe(32);
      expect(stored.byteLength).toBe(32);
    });

    it('salt every hash, so one PIN never gives the same line twice', async () => {
      expect(await hashPin('246810', CHEAP)).not.toBe(await hashPin('246810', CHEAP));
    });

    it('refuse input far longer than any PIN', async () => {
      const line = await hashPin('246810', CHEAP);
      expect(await verifyPin('246810'.padEnd(100, '0'), line)).toBe(false);
    });

    it('refuse to hash a PIN that is not 4 to 12 digits, without repeating it', async () => {
      for (const pin of ['123', '1234567890123', '12a4', ' 1234']) {
        const error = await hashPin(pin, CHEAP).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(error).toBeInstanceOf(KioskError);
        expect((error as KioskError).code).toBe('PIN_INVALID');
        expect((error as KioskError).message).not.toContain(pin.trim());
      }
    });

    it('throws PIN_HASH_INVALID for a line that is not a hash', async () => {
      await expect(verifyPin('1234', 'plain-text')).rejects.toMatchObject({ code: 'PIN_HASH_INVALID' });
    });
  });

  describe('parsePinHash', () => {
    it('reads what formatPinHash writes', async () => {
      const line = await hashPin('9876', CHEAP);
      const parsed = parsePinHash(line) as PinHash;
      expect(parsed).toMatchObject(CHEAP);
      expect(formatPinHash(parsed)).toBe(line);
    });

    it('bounds the cost a config file can ask for', () => {
      const salt = 'A'.repeat(22);
      const hash = 'B'.repeat(43);
      expect(parsePinHash(`$scrypt$ln=18,r=8,p=1$${salt}$${hash}`)).toBe('has ln=18; ln must be between 14 and 17');
      expect(parsePinHash(`$scrypt$ln=13,r=8,p=1$${salt}$${hash}`)).toBe('has ln=13; ln must be between 14 and 17');
      expect(parsePinHash(`$scrypt$ln=16,r=32,p=1$${salt}$${hash}`)).toBe('has r=32; r must be between 1 and 16');
      expect(parsePinHash(`$scrypt$ln=16,r=8,p=9$${salt}$${hash}`)).toBe('has p=9; p must be between 1 and 4');
    });

    it('refuses other algorithms and malformed lines', () => {
      for (const line of ['', '1234', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', `$scrypt$ln=16,r=8,p=1$short$${'B'.repeat(43)}`, `$scrypt$ln=16,r=8,p=1$${'A'.repeat(22)}$short`]) {
        expect(parsePinHash(line)).toMatch(/^is not a scrypt PIN hash/);
      }
    });
  });
});
