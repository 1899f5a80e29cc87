import { createECDH, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derOidValue } from '../../../../../native/card/asn1/der-writer.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { CA_OID } from '../../../../../native/card/protocol/ca/ca-algorithm.ts';
import { ChipAuthenticationChip } from '../../../../../native/sim/chip/chip-authentication-chip.ts';
import { concat } from '../../../../../native/util/bytes.ts';

const key = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
/** A terminal's ephemeral key: its uncompressed point. */
const ephemeral = { publicValue: new Uint8Array(createECDH('brainpoolP256r1').generateKeys()) };
const setAt = (oid: string, keyId?: number) =>
  concat(encodeTlv(0x80, derOidValue(oid)), keyId === undefined ? new Uint8Array(0) : encodeTlv(0x84, Uint8Array.of(keyId)));

describe('ChipAuthenticationChip', () => {
  const chip = () => new ChipAuthenticationChip({ privateKey: key.privateKey, caOid: CA_OID.ECDH_AES_CBC_CMAC_128, keyId: 3 });

  describe('mseSetAt', () => {
    it('accepts its own protocol and key reference', () => {
      expect(chip().mseSetAt(setAt(CA_OID.ECDH_AES_CBC_CMAC_128, 3))).toBe(0x9000);
    });

    it('answers 6A88 for another protocol or key, and 6A80 for unparseable data', () => {
      expect(chip().mseSetAt(setAt(CA_OID.ECDH_AES_CBC_CMAC_256))).toBe(0x6a88);
      expect(chip().mseSetAt(setAt(CA_OID.ECDH_AES_CBC_CMAC_128, 4))).toBe(0x6a88);
      expect(chip().mseSetAt(Uint8Array.of(0x80, 0x05, 0x01))).toBe(0x6a80);
    });
  });

  describe('generalAuthenticate', () => {
    it('answers an empty 7C and hands over AES secure messaging with SSC 0', () => {
      const c = chip();
      c.mseSetAt(setAt(CA_OID.ECDH_AES_CBC_CMAC_128));
      const result = c.generalAuthenticate(encodeTlv(0x7c, encodeTlv(0x80, ephemeral.publicValue)));
      expect(result.sw).toBe(0x9000);
      expect(result.data).toEqual(Uint8Array.of(0x7c, 0x00));
      expect(result.sm?.algorithm).toBe('AES-128');
      expect(result.sm?.ssc).toEqual(new Uint8Array(16));
    });

    it('answers 6985 without a preceding MSE:Set AT', () => {
      expect(chip().generalAuthenticate(encodeTlv(0x7c, encodeTlv(0x80, ephemeral.publicValue))).sw).toBe(0x6985);
    });

    it('answers 6A80 for a point that is not on the curve', () => {
      const c = chip();
      c.mseSetAt(setAt(CA_OID.ECDH_AES_CBC_CMAC_128));
      const bad = ephemeral.publicValue.slice();
      bad[64]! ^= 1;
      expect(c.generalAuthenticate(encodeTlv(0x7c, encodeTlv(0x80, bad)))).toMatchObject({ sw: 0x6a80 });
    });
  });

  describe('mseSetKat', () => {
    it('answers 6985 for an AES protocol', () => {
      expect(chip().mseSetKat(encodeTlv(0x91, ephemeral.publicValue)).sw).toBe(0x6985);
    });

    it('hands over 3DES secure messaging with SSC 0 for a 3DES protocol', () => {
      const c = new ChipAuthenticationChip({ privateKey: key.privateKey, caOid: CA_OID.ECDH_3DES_CBC_CBC });
      const result = c.mseSetKat(encodeTlv(0x91, ephemeral.publicValue));
      expect(result.sw).toBe(0x9000);
      expect(result.sm?.ssc).toEqual(new Uint8Array(8));
    });
  });

  it('refuses a key that does not suit the protocol', () => {
    expect(() => new ChipAuthenticationChip({ privateKey: key.privateKey, caOid: CA_OID.DH_3DES_CBC_CBC })).toThrow(RangeError);
  });
});
