import { describe, expect, it } from 'vitest';
import { ApduTransport } from '../../../../../../native/card/apdu/apdu-transport.ts';
import { CommandApdu } from '../../../../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../../../../native/card/apdu/response-apdu.ts';
import { CardError } from '../../../../../../native/card/errors.ts';
import { readTlvList } from '../../../../../../native/card/lds/tlv.ts';
import { retailMac, tdesCbc } from '../../../../../../native/card/protocol/crypto/cipher.ts';
import { createSecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/create-secure-messaging.ts';
import type { SecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/secure-messaging.ts';
import { concat, fromHex, padIso9797M2, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { BAC_VECTOR_FILE, type BacVector } from './bac-vector.ts';
import { ReplayChannel } from './replay-channel.ts';

const v = loadVector<BacVector>(BAC_VECTOR_FILE);
const ksEnc = fromHex(v.session_keys.ks_enc);
const ksMac = fromHex(v.session_keys.ks_mac);
const ssc0 = fromHex(v.session_keys.ssc);

function appendixSession(): SecureMessaging {
  return createSecureMessaging('3DES', ksEnc, ksMac, ssc0);
}

/** A second session with the same keys, standing in for the chip: seal(null, ...) builds responses. */
function chipTwin(): SecureMessaging {
  return createSecureMessaging('3DES', ksEnc, ksMac, ssc0);
}

function expectSmError(fn: () => unknown, sw?: number): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(CardError);
  expect((caught as CardError).code).toBe('SM_ERROR');
  expect((caught as CardError).step).toBe('sm.unwrap');
  if (sw !== undefined) expect((caught as CardError).sw).toBe(sw);
}

/** Wraps a command on `terminal` and a reply on `twin`, leaving both SSCs where an unwrap expects them. */
function exchange(terminal: SecureMessaging, twin: SecureMessaging, replyData: Uint8Array, sw: number): Uint8Array {
  terminal.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 }));
  twin.seal(Uint8Array.of(0x0c, 0xb0, 0, 0), new Uint8Array(0), false, new Uint8Array(0));
  return twin.seal(null, replyData, false, Uint8Array.of(0x99, 0x02, sw >> 8, sw & 0xff));
}

describe('SecureMessaging', () => {
  describe('wrap', () => {
    it('protects the three commands of ICAO 9303-11 Appendix D.4 byte for byte', () => {
      const sm = appendixSession();
      for (const step of v.secure_messaging) {
        const wire = sm.wrap(CommandApdu.decode(fromHex(step.unprotected_command)));
        expect(toHex(wire.encode())).toBe(step.protected_command);
        expect(toHex(sm.ssc)).toBe(step.ssc);
        sm.unwrap(ResponseApdu.decode(fromHex(step.protected_response)));
      }
    });

    it('computes the Appendix D.4 checksums over the padded N and K', () => {
      for (const step of v.secure_messaging) {
        expect(toHex(retailMac(ksMac, fromHex(step.n)))).toBe(step.cc);
        expect(toHex(retailMac(ksMac, fromHex(step.k)))).toBe(step.response_cc);
        expect(step.n.startsWith(step.ssc + step.masked_padded_header)).toBe(true);
      }
    });

    it('puts the data of an odd-INS command into DO85 without a padding indicator', () => {
      const wire = appendixSession().wrap(new CommandApdu({ cla: 0, ins: 0xb1, p1: 0, p2: 0x01, data: fromHex('54020000'), ne: 256 }));
      const objects = readTlvList(wire.data);
      expect(objects.map((o) => o.tag)).toEqual([0x85, 0x97, 0x8e]);
      expect(objects[0]!.value.length).toBe(8);
      expect(toHex(objects[1]!.value)).toBe('00');
    });

    it('puts the data of an even-INS command into DO87 after the 01 padding indicator', () => {
      const wire = appendixSession().wrap(new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') }));
      const objects = readTlvList(wire.data);
      expect(objects.map((o) => o.tag)).toEqual([0x87, 0x8e]);
      expect(objects[0]!.value[0]).toBe(0x01);
      expect(wire.cla).toBe(0x0c);
    });

    it('encodes Le as one byte for short commands and two bytes for extended ones', () => {
      const le = (command: CommandApdu): string => toHex(readTlvList(appendixSession().wrap(command).data).find((o) => o.tag === 0x97)!.value);
      expect(le(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 256 }))).toBe('00');
      expect(le(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 0xdf }))).toBe('DF');
      expect(le(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 65536 }))).toBe('0000');
      expect(le(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 1000 }))).toBe('03E8');
      expect(le(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4, extended: true }))).toBe('0004');
    });

    it('sends an extended protected command when the plain one is extended or the body exceeds 255 bytes', () => {
      const short = appendixSession().wrap(new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(200) }));
      expect(short.extended).toBe(false);
      expect(short.encode().at(-1)).toBe(0x00);
      const long = appendixSession().wrap(new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(250) }));
      expect(long.extended).toBe(true);
      expect(toHex(long.encode().subarray(-2))).toBe('0000');
      const inner = appendixSession().wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4, extended: true }));
      expect(inner.extended).toBe(true);
    });

    it('keeps the command-chaining bit of CLA while setting the SM bits', () => {
      expect(appendixSession().wrap(new CommandApdu({ cla: 0x10, ins: 0x86, p1: 0, p2: 0, data: fromHex('7C00') })).cla).toBe(0x1c);
    });
  });

  describe('ssc', () => {
    it('advances by one before each wrap and before each unwrap', () => {
      const sm = appendixSession();
      const step = v.secure_messaging[0]!;
      sm.wrap(CommandApdu.decode(fromHex(step.unprotected_command)));
      expect(toHex(sm.ssc)).toBe('887022120C06C227');
      sm.unwrap(ResponseApdu.decode(fromHex(step.protected_response)));
      expect(toHex(sm.ssc)).toBe('887022120C06C228');
    });

    it('carries into the next byte and wraps around at the top', () => {
      const carry = createSecureMessaging('3DES', ksEnc, ksMac, fromHex('00000000000000FF'));
      carry.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 1 }));
      expect(toHex(carry.ssc)).toBe('0000000000000100');
      const top = createSecureMessaging('AES-128', new Uint8Array(16), new Uint8Array(16), new Uint8Array(16).fill(0xff));
      top.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 1 }));
      expect(toHex(top.ssc)).toBe('00'.repeat(16));
    });

    it('returns a copy, so a caller cannot move the counter', () => {
      const sm = appendixSession();
      sm.ssc.fill(0);
      expect(toHex(sm.ssc)).toBe(v.session_keys.ssc);
    });
  });

  describe('unwrap', () => {
    it('reads EF.COM through ApduTransport as in Appendix D.4', async () => {
      const channel = new ReplayChannel(v.secure_messaging.map((s) => ({ command: s.protected_command, response: s.protected_response })));
      const transport = new ApduTransport(channel);
      transport.wrapper = appendixSession();
      const parts: Uint8Array[] = [];
      for (const step of v.secure_messaging) {
        const response = await transport.send(CommandApdu.decode(fromHex(step.unprotected_command)), step.step);
        expect(toHex(response.encode())).toBe(step.unprotected_response);
        expect(toHex(response.data)).toBe(step.decrypted_data);
        parts.push(response.data);
      }
      expect(toHex(concat(...parts))).toBe(v.ef_com_plain);
      expect(channel.remaining).toBe(0);
    });

    it('refuses a response whose MAC was altered', () => {
      const sm = appendixSession();
      const step = v.secure_messaging[1]!;
      sm.wrap(CommandApdu.decode(fromHex(step.unprotected_command)));
      const bytes = fromHex(step.protected_response);
      bytes[bytes.length - 3]! ^= 0x01;
      expectSmError(() => sm.unwrap(ResponseApdu.decode(bytes)), 0x9000);
    });

    it('refuses a response whose DO99 was altered', () => {
      const sm = appendixSession();
      const step = v.secure_messaging[0]!;
      sm.wrap(CommandApdu.decode(fromHex(step.unprotected_command)));
      // 99 02 90 00 -> 99 02 6A 82, with the outer status word changed to match.
      const tampered = fromHex(step.protected_response.replace(/^99029000/, '99026A82').replace(/9000$/, '6A82'));
      expectSmError(() => sm.unwrap(ResponseApdu.decode(tampered)), 0x6a82);
    });

    it('refuses a response whose status word differs from the MAC-protected DO99', () => {
      const sm = appendixSession();
      const step = v.secure_messaging[0]!;
      sm.wrap(CommandApdu.decode(fromHex(step.unprotected_command)));
      const tampered = fromHex(step.protected_response.replace(/9000$/, '6282'));
      expectSmError(() => sm.unwrap(ResponseApdu.decode(tampered)), 0x6282);
    });

    it('refuses a response without DO8E', () => {
      const sm = appendixSession();
      sm.wrap(CommandApdu.decode(fromHex(v.secure_messaging[0]!.unprotected_command)));
      expectSmError(() => sm.unwrap(new ResponseApdu(fromHex('99029000'), 0x9000)));
    });

    it('refuses a response with a valid MAC but no DO99', () => {
      const terminal = appendixSession();
      const twin = chipTwin();
      terminal.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 }));
      twin.seal(Uint8Array.of(0x0c, 0xb0, 0, 0), new Uint8Array(0), false, new Uint8Array(0));
      const body = twin.seal(null, fromHex('01020304'), false, new Uint8Array(0));
      expectSmError(() => terminal.unwrap(new ResponseApdu(body, 0x9000)));
    });

    it('accepts a response sealed by a session with the same keys', () => {
      const terminal = appendixSession();
      const body = exchange(terminal, chipTwin(), fromHex('0102030405'), 0x9000);
      expect(toHex(terminal.unwrap(new ResponseApdu(body, 0x9000)).data)).toBe('0102030405');
    });

    it('refuses bytes after DO8E', () => {
      const terminal = appendixSession();
      const body = exchange(terminal, chipTwin(), fromHex('0102030405'), 0x9000);
      expectSmError(() => terminal.unwrap(new ResponseApdu(concat(body, Uint8Array.of(0x01)), 0x9000)));
    });

    it('refuses a correctly MACed cryptogram whose plaintext is not padded', () => {
      const terminal = appendixSession();
      terminal.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 8 }));
      const responseSsc = fromHex('887022120C06C228');
      const do87 = concat(fromHex('870901'), tdesCbc(ksEnc, new Uint8Array(8), new Uint8Array(8).fill(0x11), true));
      const objects = concat(do87, fromHex('99029000'));
      const mac = retailMac(ksMac, padIso9797M2(concat(responseSsc, objects), 8));
      expectSmError(() => terminal.unwrap(new ResponseApdu(concat(objects, fromHex('8E08'), mac), 0x9000)));
    });

    it('returns a bare error status word as it came: the chip ended the session', () => {
      const sm = appendixSession();
      sm.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 }));
      for (const sw of [0x6987, 0x6988, 0x6982]) {
        const response = sm.unwrap(ResponseApdu.status(sw));
        expect(response.sw).toBe(sw);
        expect(response.data.length).toBe(0);
      }
    });

    it('refuses a bare success status word, which nothing authenticates', () => {
      const sm = appendixSession();
      sm.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 }));
      expectSmError(() => sm.unwrap(ResponseApdu.status(0x9000)), 0x9000);
    });

    it('reaches the caller of ApduTransport.send as SM_ERROR at step sm.unwrap', async () => {
      const step = v.secure_messaging[0]!;
      const response = step.protected_response.replace(/8E08FA/, '8E08FB');
      const transport = new ApduTransport(new ReplayChannel([{ command: step.protected_command, response }]));
      transport.wrapper = appendixSession();
      await expect(transport.send(CommandApdu.decode(fromHex(step.unprotected_command)), 'select')).rejects.toMatchObject({
        code: 'SM_ERROR',
        step: 'sm.unwrap',
      });
    });
  });
});
