import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandApdu } from '../../../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../../../native/card/apdu/response-apdu.ts';
import { CardError } from '../../../../../native/card/errors.ts';
import { readTlvList } from '../../../../../native/card/lds/tlv.ts';
import { type CipherAlgorithm, keyLength } from '../../../../../native/card/protocol/crypto/kdf.ts';
import { createSecureMessaging } from '../../../../../native/card/protocol/secure-messaging/create-secure-messaging.ts';
import { SecureMessagingChip } from '../../../../../native/sim/chip/secure-messaging-chip.ts';
import { fromHex, toHex } from '../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../helpers/vectors.ts';
import { BAC_VECTOR_FILE, type BacVector } from '../../card/protocol/secure-messaging/bac-vector.ts';

const v = loadVector<BacVector>(BAC_VECTOR_FILE);
const ALGORITHMS: readonly CipherAlgorithm[] = ['3DES', 'AES-128', 'AES-192', 'AES-256'];

function pair(algorithm: CipherAlgorithm) {
  const n = keyLength(algorithm);
  const ksEnc = Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0xff);
  const ksMac = Uint8Array.from({ length: n }, (_, i) => (i * 13 + 5) & 0xff);
  const ssc = new Uint8Array(algorithm === '3DES' ? 8 : 16).fill(0);
  ssc[ssc.length - 1] = 0xfe;
  return { terminal: createSecureMessaging(algorithm, ksEnc, ksMac, ssc), chip: new SecureMessagingChip(algorithm, ksEnc, ksMac, ssc) };
}

function smStatus(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CardError);
    expect((err as CardError).code).toBe('SM_ERROR');
    expect((err as CardError).step).toBe('sm.chip.unwrapCommand');
    return (err as CardError).sw;
  }
  throw new Error('expected unwrapCommand to fail');
}

/** Sends `command` terminal -> chip over the wire and `reply` chip -> terminal; returns what each side saw. */
function roundTrip(algorithm: CipherAlgorithm, command: CommandApdu, reply: ResponseApdu) {
  const { terminal, chip } = pair(algorithm);
  const wire = terminal.wrap(command);
  const received = chip.unwrapCommand(CommandApdu.decode(wire.encode()));
  const protectedReply = chip.wrapResponse(reply);
  const answered = terminal.unwrap(ResponseApdu.decode(protectedReply.encode()));
  expect(toHex(chip.ssc)).toBe(toHex(terminal.ssc));
  return { wire, received, protectedReply, answered };
}

function expectSameCommand(actual: CommandApdu, expected: CommandApdu): void {
  expect({ ...actual.fields(), data: toHex(actual.data) }).toEqual({ ...expected.fields(), data: toHex(expected.data) });
}

describe('SecureMessagingChip', () => {
  describe('unwrapCommand', () => {
    it('opens the protected commands of ICAO 9303-11 Appendix D.4', () => {
      const chip = new SecureMessagingChip('3DES', fromHex(v.session_keys.ks_enc), fromHex(v.session_keys.ks_mac), fromHex(v.session_keys.ssc));
      for (const step of v.secure_messaging) {
        const plain = chip.unwrapCommand(CommandApdu.decode(fromHex(step.protected_command)));
        expect(toHex(plain.encode())).toBe(step.unprotected_command);
        expect(toHex(chip.ssc)).toBe(step.ssc);
        const reply = chip.wrapResponse(ResponseApdu.decode(fromHex(step.unprotected_response)));
        expect(toHex(reply.encode())).toBe(step.protected_response);
        expect(toHex(chip.ssc)).toBe(step.response_ssc);
      }
    });

    it('answers 6988 for a command whose MAC was altered', () => {
      const { terminal, chip } = pair('AES-128');
      const wire = terminal.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 })).encode();
      wire[wire.length - 2]! ^= 0x80;
      expect(smStatus(() => chip.unwrapCommand(CommandApdu.decode(wire)))).toBe(0x6988);
    });

    it('answers 6987 for a command without DO8E', () => {
      const { chip } = pair('AES-128');
      expect(smStatus(() => chip.unwrapCommand(new CommandApdu({ cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, data: fromHex('970104'), ne: 256 })))).toBe(0x6987);
    });

    it('answers 6987 for a plain command in a secure-messaging session', () => {
      const { chip } = pair('3DES');
      expect(smStatus(() => chip.unwrapCommand(new CommandApdu({ cla: 0x00, ins: 0xb0, p1: 0, p2: 0, ne: 4 })))).toBe(0x6987);
    });

    it('answers 6988 for a command replayed with an old SSC', () => {
      const { terminal, chip } = pair('3DES');
      const wire = terminal.wrap(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 }));
      chip.unwrapCommand(wire);
      chip.wrapResponse(ResponseApdu.status(0x9000));
      expect(smStatus(() => chip.unwrapCommand(wire))).toBe(0x6988);
    });
  });

  describe('wrapResponse', () => {
    it('answers an odd-INS command with its data in DO85', () => {
      const { protectedReply, answered } = roundTrip(
        'AES-128',
        new CommandApdu({ cla: 0, ins: 0xb1, p1: 0, p2: 0x01, data: fromHex('54020000'), ne: 256 }),
        new ResponseApdu(fromHex('5304600C5F01'), 0x9000),
      );
      expect(readTlvList(protectedReply.data).map((o) => o.tag)).toEqual([0x85, 0x99, 0x8e]);
      expect(toHex(answered.data)).toBe('5304600C5F01');
    });

    it('protects an error status word in DO99 without data', () => {
      const { protectedReply, answered } = roundTrip('AES-192', new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0115') }), ResponseApdu.status(0x6a82));
      expect(readTlvList(protectedReply.data).map((o) => o.tag)).toEqual([0x99, 0x8e]);
      expect(protectedReply.sw).toBe(0x6a82);
      expect(answered.sw).toBe(0x6a82);
      expect(answered.data.length).toBe(0);
    });

    it('corrupts the MAC of the next response only when asked, then clears the flag', () => {
      const { terminal, chip } = pair('AES-128');
      const command = new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 });
      chip.unwrapCommand(terminal.wrap(command));
      chip.corruptNextMac = true;
      const bad = chip.wrapResponse(new ResponseApdu(fromHex('01020304'), 0x9000));
      expect(chip.corruptNextMac).toBe(false);
      expect(() => terminal.unwrap(bad)).toThrow(expect.objectContaining({ code: 'SM_ERROR', step: 'sm.unwrap' }));
      chip.unwrapCommand(terminal.wrap(command));
      const good = chip.wrapResponse(new ResponseApdu(fromHex('01020304'), 0x9000));
      expect(toHex(terminal.unwrap(good).data)).toBe('01020304');
    });

    it('exposes its algorithm, so the simulator knows the block size', () => {
      expect(pair('AES-256').chip.algorithm).toBe('AES-256');
      expect(pair('3DES').chip.algorithm).toBe('3DES');
    });
  });

  describe.each(['AES-128', 'AES-192', 'AES-256'] as const)('round trip terminal -> chip -> terminal with %s', (algorithm) => {
    it.each([
      ['READ BINARY, short Le', new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 0xdf })],
      ['SELECT, data and no Le', new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') })],
      ['a case-4 command with Le 256', new CommandApdu({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: fromHex('0102030405060708'), ne: 256 })],
      ['READ BINARY odd INS (DO85)', new CommandApdu({ cla: 0, ins: 0xb1, p1: 0, p2: 0x01, data: fromHex('54027FFF'), ne: 256 })],
      ['an extended READ BINARY with Le 65536', new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 65536 })],
      ['an extended command with 300 data bytes', new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(300).fill(0x5a), ne: 1000 })],
      ['a short command whose protected body exceeds 255 bytes', new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(250).fill(0xa5) })],
      ['a case-1 command', new CommandApdu({ cla: 0, ins: 0x44, p1: 0, p2: 0 })],
    ])('carries %s', (_what, command) => {
      const reply = new ResponseApdu(Uint8Array.from({ length: 40 }, (_, i) => i), 0x9000);
      const { received, answered } = roundTrip(algorithm, command, reply);
      expectSameCommand(received, command);
      expect(toHex(answered.encode())).toBe(toHex(reply.encode()));
    });
  });

  it('round-trips any command and response under every cipher (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALGORITHMS),
        fc.record({
          cla: fc.constantFrom(0x00, 0x10),
          ins: fc.integer({ min: 0, max: 0xff }),
          p1: fc.integer({ min: 0, max: 0xff }),
          p2: fc.integer({ min: 0, max: 0xff }),
          data: fc.uint8Array({ maxLength: 400 }),
          ne: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 65536 })),
          extended: fc.boolean(),
        }),
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(0x9000, 0x6282, 0x6a82, 0x6b00),
        (algorithm, fields, replyData, sw) => {
          const command = new CommandApdu(fields);
          const reply = new ResponseApdu(replyData, sw);
          const { received, answered } = roundTrip(algorithm, command, reply);
          expect(toHex(received.data)).toBe(toHex(command.data));
          expect([received.cla, received.ins, received.p1, received.p2, received.ne]).toEqual([command.cla, command.ins, command.p1, command.p2, command.ne]);
          if (command.ne > 0) expect(received.extended).toBe(command.extended);
          expect(toHex(answered.encode())).toBe(toHex(reply.encode()));
        },
      ),
      { numRuns: 150 },
    );
  });
});
