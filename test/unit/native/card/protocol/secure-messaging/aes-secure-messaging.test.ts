import { describe, expect, it } from 'vitest';
import { CommandApdu } from '../../../../../../native/card/apdu/command-apdu.ts';
import { readTlvList } from '../../../../../../native/card/lds/tlv.ts';
import { aesCbc, aesCmac, aesEcb } from '../../../../../../native/card/protocol/crypto/cipher.ts';
import { AesSecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/aes-secure-messaging.ts';
import { concat, fromHex, padIso9797M2, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';

// Session keys of ICAO 9303-11 Appendix G.1 (PACE ECDH-GM, AES-128); the SSC starts at zero after PACE.
const g1 = loadVector<{ ks_enc: string; ks_mac: string; ssc_after_pace: string }>('pace_9303p11_appG1_ecdh_gm.json');
const ksEnc = fromHex(g1.ks_enc);
const ksMac = fromHex(g1.ks_mac);

describe('AesSecureMessaging', () => {
  describe('wrap', () => {
    it('encrypts with IV = E(KSenc, SSC) and MACs with CMAC truncated to 8 bytes (ICAO 9303-11 §9.8.6.1)', () => {
      const sm = new AesSecureMessaging('AES-128', ksEnc, ksMac, fromHex(g1.ssc_after_pace));
      const data = fromHex('011E');
      const wire = sm.wrap(new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data }));
      const ssc = fromHex('00000000000000000000000000000001');
      const encrypted = aesCbc(ksEnc, aesEcb(ksEnc, ssc, true), padIso9797M2(data, 16), true);
      const do87 = concat(fromHex('8711'), Uint8Array.of(0x01), encrypted);
      const header = padIso9797M2(fromHex('0CA4020C'), 16);
      const mac = aesCmac(ksMac, padIso9797M2(concat(ssc, header, do87), 16)).subarray(0, 8);
      expect(toHex(wire.encode())).toBe(toHex(concat(fromHex('0CA4020C'), Uint8Array.of(do87.length + 10), do87, fromHex('8E08'), mac, fromHex('00'))));
    });

    it('changes the cryptogram of the same command as the SSC advances', () => {
      const sm = new AesSecureMessaging('AES-128', ksEnc, ksMac, new Uint8Array(16));
      const command = new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') });
      const first = readTlvList(sm.wrap(command).data)[0]!.value;
      const second = readTlvList(sm.wrap(command).data)[0]!.value;
      expect(toHex(first)).not.toBe(toHex(second));
    });
  });

  it('reports kind AES and a 16-byte SSC', () => {
    const sm = new AesSecureMessaging('AES-256', new Uint8Array(32), new Uint8Array(32), new Uint8Array(16));
    expect(sm.kind).toBe('AES');
    expect(sm.ssc.length).toBe(16);
  });
});
