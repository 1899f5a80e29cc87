import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApduTransport } from '../../../../../../native/card/apdu/apdu-transport.ts';
import { CardError } from '../../../../../../native/card/errors.ts';
import { encodeDg15, parseDg15 } from '../../../../../../native/card/lds/dg15.ts';
import { ecdsaPlainOid } from '../../../../../../native/card/protocol/aa/aa-hash.ts';
import { ActiveAuthentication } from '../../../../../../native/card/protocol/aa/active-authentication.ts';
import { CardRemovedError } from '../../../../../../native/hal/errors.ts';
import { ActiveAuthenticationChip, type ActiveAuthenticationChipOptions } from '../../../../../../native/sim/chip/active-authentication-chip.ts';
import { fromHex } from '../../../../../../native/util/bytes.ts';
import { explicitSpki } from '../ca/explicit-ec-parameters.ts';
import { AaTestCard } from './aa-test-card.ts';

const CHALLENGE = fromHex('4608F91988702212');
const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const brainpool = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
const otherBrainpool = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });

function setup(chipKey: KeyObject, dg15Key: KeyObject | Uint8Array, options?: ActiveAuthenticationChipOptions) {
  const card = new AaTestCard(new ActiveAuthenticationChip(chipKey, options));
  return { card, aa: new ActiveAuthentication(new ApduTransport(card)), publicKey: parseDg15(encodeDg15(dg15Key)) };
}

describe('ActiveAuthentication', () => {
  describe('run', () => {
    it('verifies an ISO 9796-2 signature with the implicit SHA-1 trailer BC', async () => {
      const { aa, publicKey, card } = setup(rsa1024.privateKey, rsa1024.publicKey);
      const result = await aa.run({ publicKey, challenge: CHALLENGE });
      expect(result).toEqual({ verdict: 'passed', algorithm: 'RSA-ISO9796-2', hash: 'SHA-1', signature: expect.any(Uint8Array) });
      expect(Object.isFrozen(result)).toBe(true);
      expect(card.commands[0]!.encode()).toEqual(fromHex('0088000008 4608F91988702212 00'));
    });

    it('verifies an ISO 9796-2 signature whose two-byte trailer 34CC names SHA-256', async () => {
      const { aa, publicKey } = setup(rsa2048.privateKey, rsa2048.publicKey, { hash: 'SHA-256' });
      expect(await aa.run({ publicKey, challenge: CHALLENGE })).toMatchObject({ verdict: 'passed', hash: 'SHA-256' });
    });

    it('verifies SHA-1 written with the explicit trailer 33CC', async () => {
      const { aa, publicKey } = setup(rsa1024.privateKey, rsa1024.publicKey, { explicitTrailer: true });
      expect(await aa.run({ publicKey, challenge: CHALLENGE })).toMatchObject({ verdict: 'passed', hash: 'SHA-1' });
    });

    it('asks for an extended Le when an RSA signature exceeds 256 bytes', async () => {
      const rsa2304 = generateKeyPairSync('rsa', { modulusLength: 2304 });
      const { aa, publicKey, card } = setup(rsa2304.privateKey, rsa2304.publicKey);
      expect((await aa.run({ publicKey, challenge: CHALLENGE })).verdict).toBe('passed');
      expect(card.commands[0]!.extended).toBe(true);
      expect(card.commands[0]!.ne).toBe(65536);
    });

    it('verifies a plain ECDSA P-256 signature with the hash the DG14 OID names', async () => {
      const { aa, publicKey } = setup(p256.privateKey, p256.publicKey, { hash: 'SHA-256' });
      const result = await aa.run({ publicKey, challenge: CHALLENGE, signatureAlgorithmOid: ecdsaPlainOid('SHA-256') });
      expect(result).toEqual({ verdict: 'passed', algorithm: 'ECDSA', hash: 'SHA-256', signature: expect.any(Uint8Array) });
    });

    it('verifies ECDSA on brainpoolP256r1 with explicit domain parameters in DG15', async () => {
      const { aa, publicKey } = setup(brainpool.privateKey, explicitSpki(brainpool.publicKey, 'brainpoolP256r1'), { hash: 'SHA-384' });
      const result = await aa.run({ publicKey, challenge: CHALLENGE, signatureAlgorithmOid: '1.2.840.10045.4.3.3' });
      expect(result).toEqual({ verdict: 'passed', algorithm: 'ECDSA', hash: 'SHA-384', signature: expect.any(Uint8Array) });
    });

    it('finds the hash of an ECDSA signature when DG14 names none', async () => {
      const { aa, publicKey } = setup(brainpool.privateKey, brainpool.publicKey, { hash: 'SHA-1' });
      expect(await aa.run({ publicKey, challenge: CHALLENGE })).toMatchObject({ verdict: 'passed', hash: 'SHA-1' });
    });

    it('fails an ECDSA signature made with another hash than the DG14 OID names', async () => {
      const { aa, publicKey } = setup(p256.privateKey, p256.publicKey, { hash: 'SHA-1' });
      const result = await aa.run({ publicKey, challenge: CHALLENGE, signatureAlgorithmOid: ecdsaPlainOid('SHA-256') });
      expect(result).toMatchObject({ verdict: 'failed', reason: 'signature-mismatch' });
    });

    it('fails a cloned RSA chip whose key does not match DG15', async () => {
      const { aa, publicKey } = setup(rsa2048.privateKey, rsa1024.publicKey);
      expect(await aa.run({ publicKey, challenge: CHALLENGE })).toMatchObject({ verdict: 'failed', algorithm: 'RSA-ISO9796-2' });
    });

    it('fails a cloned RSA chip of the same key size with a bad representative', async () => {
      const clone = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const { aa, publicKey } = setup(clone.privateKey, rsa1024.publicKey);
      const result = await aa.run({ publicKey, challenge: CHALLENGE });
      expect(result.verdict).toBe('failed');
      expect(['bad-representative', 'malformed-signature']).toContain(result.reason);
    });

    it('fails a cloned ECDSA chip whose key does not match DG15', async () => {
      const { aa, publicKey } = setup(otherBrainpool.privateKey, brainpool.publicKey);
      const result = await aa.run({ publicKey, challenge: CHALLENGE, signatureAlgorithmOid: ecdsaPlainOid('SHA-256') });
      expect(result).toEqual({ verdict: 'failed', algorithm: 'ECDSA', reason: 'signature-mismatch', hash: 'SHA-256', signature: expect.any(Uint8Array) });
    });

    it('fails an ECDSA signature of the wrong length as malformed', async () => {
      const card = new AaTestCard({ internalAuthenticate: () => new Uint8Array(63) });
      const publicKey = parseDg15(encodeDg15(brainpool.publicKey));
      const result = await new ActiveAuthentication(new ApduTransport(card)).run({ publicKey, challenge: CHALLENGE });
      expect(result).toEqual({ verdict: 'failed', algorithm: 'ECDSA', reason: 'malformed-signature', signature: expect.any(Uint8Array) });
    });

    it('fails with the status word when the chip refuses', async () => {
      const { aa, publicKey, card } = setup(p256.privateKey, p256.publicKey);
      card.refuseWith = 0x6982;
      expect(await aa.run({ publicKey, challenge: CHALLENGE })).toEqual({ verdict: 'failed', algorithm: 'ECDSA', reason: 'chip-refused', sw: 0x6982 });
    });

    it('lets card removal propagate as an error', async () => {
      const { aa, publicKey, card } = setup(p256.privateKey, p256.publicKey);
      card.removed = true;
      await expect(aa.run({ publicKey, challenge: CHALLENGE })).rejects.toBeInstanceOf(CardRemovedError);
    });

    it('refuses a challenge that is not 8 bytes and an unknown ECDSA OID', async () => {
      const { aa, publicKey, card } = setup(p256.privateKey, p256.publicKey);
      await expect(aa.run({ publicKey, challenge: new Uint8Array(7) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(aa.run({ publicKey, challenge: CHALLENGE, signatureAlgorithmOid: '1.2.3.4' })).rejects.toBeInstanceOf(CardError);
      expect(card.commands).toHaveLength(0);
    });
  });
});
