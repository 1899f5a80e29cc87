import { describe, expect, it } from 'vitest';
import { mrzAccessKey } from '../../../../../native/card/access-key.ts';
import { CommandApdu } from '../../../../../native/card/apdu/command-apdu.ts';
import { BacChip } from '../../../../../native/sim/chip/bac-chip.ts';
import { fromHex, toHex } from '../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../helpers/vectors.ts';
import { BAC_VECTOR_FILE, type BacVector } from '../../card/protocol/secure-messaging/bac-vector.ts';

const v = loadVector<BacVector>(BAC_VECTOR_FILE);
const ma = v.mutual_authentication;
const appendixKey = mrzAccessKey(v.mrz.document_number, v.mrz.date_of_birth, v.mrz.date_of_expiry);
const terminalCryptogram = () => CommandApdu.decode(fromHex(ma.external_authenticate_command)).data;

function appendixChip(): BacChip {
  const queue = [fromHex(ma.rnd_ic), fromHex(ma.k_ic)];
  return new BacChip(appendixKey, (n) => {
    const next = queue.shift();
    if (!next || next.length !== n) throw new Error(`unexpected random request for ${n} bytes`);
    return next;
  });
}

describe('BacChip', () => {
  describe('getChallenge', () => {
    it('returns RND.IC, 8 bytes', () => {
      expect(toHex(appendixChip().getChallenge())).toBe(ma.rnd_ic);
      expect(new BacChip(appendixKey).getChallenge().length).toBe(8);
    });
  });

  describe('externalAuthenticate', () => {
    it('answers the terminal cryptogram of ICAO 9303-11 Appendix D.3 with E.IC ‖ M.IC', () => {
      const chip = appendixChip();
      chip.getChallenge();
      const result = chip.externalAuthenticate(terminalCryptogram());
      expect(result).not.toBeNull();
      expect(toHex(result!.responseData)).toBe(ma.e_ic + ma.m_ic);
    });

    it('opens 3DES secure messaging with the Appendix D session SSC', () => {
      const chip = appendixChip();
      chip.getChallenge();
      const { sm } = chip.externalAuthenticate(terminalCryptogram())!;
      expect(sm.algorithm).toBe('3DES');
      expect(toHex(sm.ssc)).toBe(v.session_keys.ssc);
      const first = v.secure_messaging[0]!;
      expect(toHex(sm.unwrapCommand(CommandApdu.decode(fromHex(first.protected_command))).encode())).toBe(first.unprotected_command);
    });

    it('returns null for a cryptogram made with a wrong MRZ key', () => {
      const chip = new BacChip(mrzAccessKey('L898902C<', '690806', '940624'), () => fromHex(ma.rnd_ic));
      chip.getChallenge();
      expect(chip.externalAuthenticate(terminalCryptogram())).toBeNull();
    });

    it('returns null without a pending challenge, and uses a challenge only once', () => {
      const chip = appendixChip();
      expect(chip.externalAuthenticate(terminalCryptogram())).toBeNull();
      chip.getChallenge();
      const data = terminalCryptogram();
      data[39]! ^= 0x01;
      expect(chip.externalAuthenticate(data)).toBeNull();
      expect(chip.externalAuthenticate(terminalCryptogram())).toBeNull();
    });

    it('returns null when the cryptogram answers another challenge', () => {
      const chip = new BacChip(appendixKey, (n) => new Uint8Array(n).fill(0x42));
      chip.getChallenge();
      expect(chip.externalAuthenticate(terminalCryptogram())).toBeNull();
    });

    it('returns null for data that is not 40 bytes', () => {
      const chip = appendixChip();
      chip.getChallenge();
      expect(chip.externalAuthenticate(new Uint8Array(39))).toBeNull();
    });
  });
});
