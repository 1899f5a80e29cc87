import { describe, expect, it } from 'vitest';
import { mrzAccessKey } from '../../../../../../native/card/access-key.ts';
import { ApduTransport } from '../../../../../../native/card/apdu/apdu-transport.ts';
import { CommandApdu } from '../../../../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../../../../native/card/apdu/response-apdu.ts';
import { CardError } from '../../../../../../native/card/errors.ts';
import { BacProtocol } from '../../../../../../native/card/protocol/bac/bac-protocol.ts';
import type { CardChannel } from '../../../../../../native/hal/card-reader.ts';
import { BacChip } from '../../../../../../native/sim/chip/bac-chip.ts';
import type { SecureMessagingChip } from '../../../../../../native/sim/chip/secure-messaging-chip.ts';
import { concat, fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { BAC_VECTOR_FILE, type BacVector } from '../secure-messaging/bac-vector.ts';
import { type RecordedExchange, ReplayChannel } from '../secure-messaging/replay-channel.ts';

const v = loadVector<BacVector>(BAC_VECTOR_FILE);
const ma = v.mutual_authentication;
const appendixKey = mrzAccessKey(v.mrz.document_number, v.mrz.date_of_birth, v.mrz.date_of_expiry);

/** Hands out the given byte strings in order, checking the requested lengths. */
function scriptedRandom(...values: string[]): (n: number) => Uint8Array {
  const queue = values.map(fromHex);
  return (n) => {
    const next = queue.shift();
    if (!next || next.length !== n) throw new Error(`unexpected random request for ${n} bytes`);
    return next;
  };
}

const appendixRandom = () => scriptedRandom(ma.rnd_ifd, ma.k_ifd);

function authentication(externalAuthenticateResponse = ma.external_authenticate_response): RecordedExchange[] {
  return [
    { command: ma.get_challenge_command, response: ma.get_challenge_response },
    { command: ma.external_authenticate_command, response: externalAuthenticateResponse },
  ];
}

async function failure(promise: Promise<unknown>): Promise<CardError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CardError);
  return err as CardError;
}

/** A minimal chip over BacChip: GET CHALLENGE, EXTERNAL AUTHENTICATE, then READ BINARY of a file under SM. */
class BacChipChannel implements CardChannel {
  readonly atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
  readonly extendedLengthSupported = false;
  sm: SecureMessagingChip | null = null;

  constructor(
    private readonly chip: BacChip,
    private readonly file: Uint8Array,
  ) {}

  async transmit(bytes: Uint8Array): Promise<Uint8Array> {
    const command = CommandApdu.decode(bytes);
    if (this.sm) {
      const plain = this.sm.unwrapCommand(command);
      const data = this.file.subarray((plain.p1 << 8) | plain.p2, ((plain.p1 << 8) | plain.p2) + plain.ne);
      return this.sm.wrapResponse(new ResponseApdu(data, 0x9000)).encode();
    }
    if (command.ins === 0x84) return new ResponseApdu(this.chip.getChallenge(), 0x9000).encode();
    if (command.ins === 0x82) {
      const result = this.chip.externalAuthenticate(command.data);
      if (!result) return ResponseApdu.status(0x6300).encode();
      this.sm = result.sm;
      return new ResponseApdu(result.responseData, 0x9000).encode();
    }
    return ResponseApdu.status(0x6d00).encode();
  }
}

describe('BacProtocol', () => {
  describe('run', () => {
    it('sends the GET CHALLENGE and EXTERNAL AUTHENTICATE of ICAO 9303-11 Appendix D.3', async () => {
      const channel = new ReplayChannel(authentication());
      await new BacProtocol(new ApduTransport(channel), appendixRandom()).run(appendixKey);
      expect(channel.received).toEqual([ma.get_challenge_command, ma.external_authenticate_command]);
    });

    it('derives the ICAO Appendix D session keys and SSC', async () => {
      const result = await new BacProtocol(new ApduTransport(new ReplayChannel(authentication())), appendixRandom()).run(appendixKey);
      expect(toHex(result.ksEnc)).toBe(v.session_keys.ks_enc);
      expect(toHex(result.ksMac)).toBe(v.session_keys.ks_mac);
      expect(toHex(result.ssc)).toBe(v.session_keys.ssc);
      expect(result.wrapper.kind).toBe('3DES');
      expect(Object.isFrozen(result)).toBe(true);
    });

    it('installs 3DES secure messaging and reads EF.COM as in Appendix D.4', async () => {
      const script = [
        ...authentication(),
        ...v.secure_messaging.map((s) => ({ command: s.protected_command, response: s.protected_response })),
      ];
      const channel = new ReplayChannel(script);
      const transport = new ApduTransport(channel);
      const result = await new BacProtocol(transport, appendixRandom()).run(appendixKey);
      expect(transport.wrapper).toBe(result.wrapper);
      const parts: Uint8Array[] = [];
      for (const step of v.secure_messaging) {
        parts.push((await transport.expectOk(CommandApdu.decode(fromHex(step.unprotected_command)), step.step)).data);
      }
      expect(toHex(concat(...parts))).toBe(v.ef_com_plain);
      expect(channel.remaining).toBe(0);
    });

    it('sends its commands plain even when secure messaging was in force', async () => {
      const first = new ApduTransport(new ReplayChannel(authentication()));
      const { wrapper } = await new BacProtocol(first, appendixRandom()).run(appendixKey);
      const channel = new ReplayChannel(authentication());
      const transport = new ApduTransport(channel);
      transport.wrapper = wrapper;
      await new BacProtocol(transport, appendixRandom()).run(appendixKey);
      expect(channel.received[0]).toBe(ma.get_challenge_command);
    });

    it.each([0x6300, 0x6982, 0x6a80])('throws ACCESS_DENIED when the chip refuses the cryptogram with %s', async (sw) => {
      const swHex = sw.toString(16).toUpperCase();
      const err = await failure(new BacProtocol(new ApduTransport(new ReplayChannel(authentication(swHex))), appendixRandom()).run(appendixKey));
      expect(err.code).toBe('ACCESS_DENIED');
      expect(err.step).toBe('bac.externalAuthenticate');
      expect(err.sw).toBe(sw);
    });

    it('throws UNSUPPORTED when the chip has no GET CHALLENGE', async () => {
      const channel = new ReplayChannel([{ command: ma.get_challenge_command, response: '6D00' }]);
      const err = await failure(new BacProtocol(new ApduTransport(channel), appendixRandom()).run(appendixKey));
      expect(err.code).toBe('UNSUPPORTED');
      expect(err.step).toBe('bac.getChallenge');
    });

    it('throws MALFORMED_DATA for a challenge that is not 8 bytes', async () => {
      const channel = new ReplayChannel([{ command: ma.get_challenge_command, response: '4608F9199000' }]);
      const err = await failure(new BacProtocol(new ApduTransport(channel), appendixRandom()).run(appendixKey));
      expect(err.code).toBe('MALFORMED_DATA');
    });

    it('throws AUTHENTICATION_FAILED when the chip cryptogram carries a wrong MAC', async () => {
      const response = ma.e_ic + ma.m_ic.slice(0, -2) + '00' + '9000';
      const err = await failure(new BacProtocol(new ApduTransport(new ReplayChannel(authentication(response))), appendixRandom()).run(appendixKey));
      expect(err.code).toBe('AUTHENTICATION_FAILED');
      expect(err.step).toBe('bac.externalAuthenticate');
    });

    it('throws AUTHENTICATION_FAILED when the chip does not return RND.IFD', async () => {
      // The Appendix D answer is validly MACed but echoes the Appendix RND.IFD, not the one drawn here.
      const anyCommand: CardChannel = {
        atr: Uint8Array.of(0x3b),
        extendedLengthSupported: undefined,
        async transmit(bytes) {
          return fromHex(bytes[1] === 0x84 ? ma.get_challenge_response : ma.external_authenticate_response);
        },
      };
      const err = await failure(new BacProtocol(new ApduTransport(anyCommand), scriptedRandom('0102030405060708', ma.k_ifd)).run(appendixKey));
      expect(err.code).toBe('AUTHENTICATION_FAILED');
      expect(err.message).toContain('challenge');
    });

    it('authenticates against BacChip and reads a file under secure messaging', async () => {
      const file = Uint8Array.from({ length: 64 }, (_, i) => i);
      const transport = new ApduTransport(new BacChipChannel(new BacChip(appendixKey), file));
      await new BacProtocol(transport).run(appendixKey);
      const response = await transport.expectOk(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 8, ne: 16 }), 'read');
      expect(toHex(response.data)).toBe(toHex(file.subarray(8, 24)));
    });

    it('throws ACCESS_DENIED with a wrong MRZ key against BacChip', async () => {
      const wrongKey = mrzAccessKey('L898902C<', '690806', '940624');
      const transport = new ApduTransport(new BacChipChannel(new BacChip(appendixKey), new Uint8Array(0)));
      const err = await failure(new BacProtocol(transport).run(wrongKey));
      expect(err.code).toBe('ACCESS_DENIED');
      expect(err.sw).toBe(0x6300);
      expect(transport.wrapper).toBeNull();
      expect(err.message).not.toContain('L898902C');
    });
  });
});
