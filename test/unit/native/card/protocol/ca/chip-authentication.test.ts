import { generateKeyPairSync, getDiffieHellman, type KeyObject, type KeyPairKeyObjectResult } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApduTransport } from '../../../../../../native/card/apdu/apdu-transport.ts';
import { CommandApdu } from '../../../../../../native/card/apdu/command-apdu.ts';
import { CA_OID } from '../../../../../../native/card/protocol/ca/ca-algorithm.ts';
import { ChipAuthentication } from '../../../../../../native/card/protocol/ca/chip-authentication.ts';
import { DhGroup } from '../../../../../../native/card/protocol/domain-parameters/dh-group.ts';
import { decodeSubjectPublicKeyInfo, encodeSubjectPublicKeyInfo } from '../../../../../../native/card/protocol/domain-parameters/public-key-info.ts';
import { standardDomainParameters } from '../../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { parseSignaturePublicKey } from '../../../../../../native/card/lds/signature-public-key.ts';
import { ChipAuthenticationChip } from '../../../../../../native/sim/chip/chip-authentication-chip.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { CaTestCard } from './ca-test-card.ts';
import { explicitSpki } from './explicit-ec-parameters.ts';

/** @types/node 20 lacks the 'dh' overload that Node 20 implements. */
const dhPair = generateKeyPairSync as unknown as (
  type: 'dh',
  options: { readonly group?: string; readonly prime?: Buffer; readonly generator?: number },
) => KeyPairKeyObjectResult;

const brainpool = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
const otherBrainpool = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const modp = getDiffieHellman('modp2');
const dh = dhPair('dh', { prime: modp.getPrime(), generator: 2 });
const otherDh = dhPair('dh', { prime: modp.getPrime(), generator: 2 });
const READ_PROBE = new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(0x01, 0x01) });

function spkiOf(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ type: 'spki', format: 'der' }));
}

/** The chip's DH key as eMRTDs publish it: X9.42 parameters with q = (p − 1) / 2 (a safe prime). */
function x942Spki(publicKey: KeyObject): Uint8Array {
  const { group, publicKey: y } = decodeSubjectPublicKeyInfo(spkiOf(publicKey));
  if (!(group instanceof DhGroup)) throw new Error('expected DH');
  const { p, g } = group.parameters;
  const x942 = DhGroup.create('safe-prime MODP', { p, g, q: (p - 1n) / 2n });
  return encodeSubjectPublicKeyInfo(x942, group.encodePublicKey(y as bigint));
}

/** The chip's EC key with the standardized domain parameter id instead of a curve (ICAO 9303-11 Appendix I). */
function standardizedSpki(publicKey: KeyObject, id: number): Uint8Array {
  const info = parseSignaturePublicKey(spkiOf(publicKey));
  if (info.kind !== 'EC') throw new Error('expected EC');
  return encodeSubjectPublicKeyInfo(standardDomainParameters(id), info.point, 'standardized');
}

function setup(chipKey: KeyObject, caOid: string, keyId?: number) {
  const card = new CaTestCard(new ChipAuthenticationChip({ privateKey: chipKey, caOid, ...(keyId !== undefined ? { keyId } : {}) }));
  const transport = new ApduTransport(card);
  transport.wrapper = card.openSession();
  return { card, transport, ca: new ChipAuthentication(transport) };
}

describe('ChipAuthentication', () => {
  describe('run', () => {
    it('agrees ECDH keys on brainpoolP256r1 with AES-128 and continues under the new secure messaging', async () => {
      const { card, transport, ca } = setup(brainpool.privateKey, CA_OID.ECDH_AES_CBC_CMAC_128, 1);
      const pending = await ca.run({ caOid: CA_OID.ECDH_AES_CBC_CMAC_128, keyId: 1, chipPublicKey: spkiOf(brainpool.publicKey) });
      expect(pending.verdict).toBe('pending');
      expect(pending.algorithm).toEqual({ oid: CA_OID.ECDH_AES_CBC_CMAC_128, keyAgreement: 'ECDH', cipher: 'AES-128' });
      expect(transport.wrapper).toBe(pending.wrapper);
      expect(pending.wrapper?.kind).toBe('AES');
      expect(pending.ephemeralPublicKey).toHaveLength(65);
      expect(Object.isFrozen(pending)).toBe(true);
      expect(card.commands[0]!.encode()).toEqual(fromHex('002241A4 0F 800A04007F00070202030202 840101'));
      expect(card.commands[1]!.data[0]).toBe(0x7c);

      const confirmed = await ca.confirm(pending);
      expect(confirmed.verdict).toBe('passed');
      // The session keeps working: another protected exchange verifies on both sides.
      expect((await transport.send(READ_PROBE, 'test')).sw).toBe(0x9000);
    });

    it('agrees ECDH keys on P-256 given with explicit domain parameters', async () => {
      const { ca } = setup(p256.privateKey, CA_OID.ECDH_AES_CBC_CMAC_256);
      const pending = await ca.run({ caOid: CA_OID.ECDH_AES_CBC_CMAC_256, chipPublicKey: explicitSpki(p256.publicKey, 'prime256v1') });
      expect((await ca.confirm(pending)).verdict).toBe('passed');
    });

    it('agrees ECDH keys on a DG14 key that names its domain parameters by standardized id', async () => {
      const spki = standardizedSpki(brainpool.publicKey, 13);
      // AlgorithmIdentifier { standardizedDomainParameters 0.4.0.127.0.7.1.2, INTEGER 13 }, no curve OID.
      expect(toHex(spki.subarray(2, 16))).toBe('300C060704007F0007010202010D');
      const { card, ca } = setup(brainpool.privateKey, CA_OID.ECDH_AES_CBC_CMAC_128, 1);
      const pending = await ca.run({ caOid: CA_OID.ECDH_AES_CBC_CMAC_128, keyId: 1, chipPublicKey: spki });
      expect(pending.verdict).toBe('pending');
      expect(pending.ephemeralPublicKey).toHaveLength(65);
      expect(card.commands[0]!.encode()).toEqual(fromHex('002241A4 0F 800A04007F00070202030202 840101'));
      expect((await ca.confirm(pending)).verdict).toBe('passed');
    });

    it('fails a cloned chip whose DG14 key names standardized domain parameters', async () => {
      const { ca } = setup(otherBrainpool.privateKey, CA_OID.ECDH_AES_CBC_CMAC_128);
      const pending = await ca.run({ caOid: CA_OID.ECDH_AES_CBC_CMAC_128, chipPublicKey: standardizedSpki(brainpool.publicKey, 13) });
      expect(await ca.confirm(pending)).toMatchObject({ verdict: 'failed', reason: 'not-confirmed' });
    });

    it('agrees DH keys with 3DES through MSE:Set KAT and restarts the SSC at zero', async () => {
      const { card, ca } = setup(dh.privateKey, CA_OID.DH_3DES_CBC_CBC, 7);
      const pending = await ca.run({ caOid: CA_OID.DH_3DES_CBC_CBC, keyId: 7, chipPublicKey: x942Spki(dh.publicKey) });
      expect(pending.verdict).toBe('pending');
      expect(pending.wrapper?.kind).toBe('3DES');
      const kat = card.commands[0]!;
      expect([kat.ins, kat.p1, kat.p2]).toEqual([0x22, 0x41, 0xa6]);
      // 91 carries y padded to the 128 bytes of the 1024-bit prime.
      expect(kat.data.subarray(0, 3)).toEqual(fromHex('918180'));
      expect(kat.data.subarray(kat.data.length - 3)).toEqual(fromHex('840107'));
      expect((await ca.confirm(pending)).verdict).toBe('passed');
    });

    it('agrees DH keys with AES-128 through MSE:Set AT and GENERAL AUTHENTICATE', async () => {
      const { ca } = setup(dh.privateKey, CA_OID.DH_AES_CBC_CMAC_128);
      const pending = await ca.run({ caOid: CA_OID.DH_AES_CBC_CMAC_128, chipPublicKey: spkiOf(dh.publicKey) });
      expect((await ca.confirm(pending)).verdict).toBe('passed');
    });

    it('fails a cloned ECDH chip at the first exchange under the new keys', async () => {
      const { card, ca } = setup(otherBrainpool.privateKey, CA_OID.ECDH_AES_CBC_CMAC_128);
      const pending = await ca.run({ caOid: CA_OID.ECDH_AES_CBC_CMAC_128, chipPublicKey: spkiOf(brainpool.publicKey) });
      expect(pending.verdict).toBe('pending');
      const settled = await ca.confirm(pending);
      expect(settled).toMatchObject({ verdict: 'failed', reason: 'not-confirmed', sw: 0x6988 });
      expect(card.sm).toBeNull();
    });

    it('fails a cloned DH chip at the first exchange under the new keys', async () => {
      const { ca } = setup(otherDh.privateKey, CA_OID.DH_3DES_CBC_CBC);
      const pending = await ca.run({ caOid: CA_OID.DH_3DES_CBC_CBC, chipPublicKey: x942Spki(dh.publicKey) });
      expect((await ca.confirm(pending)).verdict).toBe('failed');
    });

    it('fails with the status word and keeps the old session when the chip refuses the key reference', async () => {
      const { transport, ca } = setup(brainpool.privateKey, CA_OID.ECDH_AES_CBC_CMAC_128, 1);
      const before = transport.wrapper;
      const result = await ca.run({ caOid: CA_OID.ECDH_AES_CBC_CMAC_128, keyId: 2, chipPublicKey: spkiOf(brainpool.publicKey) });
      expect(result).toMatchObject({ verdict: 'failed', reason: 'chip-refused', sw: 0x6a88, wrapper: null });
      expect(transport.wrapper).toBe(before);
      expect((await transport.send(READ_PROBE, 'test')).sw).toBe(0x9000);
    });

    it('refuses a key that does not suit the OID, and an unknown OID', async () => {
      const { ca, card } = setup(brainpool.privateKey, CA_OID.ECDH_AES_CBC_CMAC_128);
      await expect(ca.run({ caOid: CA_OID.DH_AES_CBC_CMAC_128, chipPublicKey: spkiOf(brainpool.publicKey) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(ca.run({ caOid: '0.4.0.127.0.7.2.2.3.2', chipPublicKey: spkiOf(brainpool.publicKey) })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
      expect(card.commands).toHaveLength(0);
    });
  });

  describe('settle', () => {
    it('passes a pending result on a verified exchange and fails it otherwise', async () => {
      const { ca } = setup(brainpool.privateKey, CA_OID.ECDH_AES_CBC_CMAC_128);
      const pending = await ca.run({ caOid: CA_OID.ECDH_AES_CBC_CMAC_128, chipPublicKey: spkiOf(brainpool.publicKey) });
      expect(ChipAuthentication.settle(pending, true).verdict).toBe('passed');
      expect(ChipAuthentication.settle(pending, false, 0x6987)).toMatchObject({ verdict: 'failed', reason: 'not-confirmed', sw: 0x6987 });
      const passed = ChipAuthentication.settle(pending, true);
      expect(ChipAuthentication.settle(passed, false)).toBe(passed);
    });
  });
});
