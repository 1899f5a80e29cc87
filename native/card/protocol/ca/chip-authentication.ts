// Chip authentication (ICAO 9303-11 §6.2, BSI TR-03110-3 §B.1): the terminal agrees a key with the
// chip's static DH/ECDH key from DG14 using an ephemeral key of its own, and both restart secure
// messaging under keys derived from the shared secret. Only a chip that holds the private key can
// derive them, so CA is verified implicitly: the first response under the new keys must verify.
//   3DES: MSE:Set KAT (00 22 41 A6: 91 ephemeral key, 84 key id)
//   AES:  MSE:Set AT (00 22 41 A4: 80 protocol OID, 84 key id), then GENERAL AUTHENTICATE
//         (00 86 00 00: 7C { 80 ephemeral key }), answered with an empty 7C.

import { randomBytes } from 'node:crypto';
import type { ApduTransport } from '../../apdu/apdu-transport.ts';
import type { ApduWrapper } from '../../apdu/apdu-wrapper.ts';
import { CommandApdu } from '../../apdu/command-apdu.ts';
import { isSuccess, SW } from '../../apdu/status-word.ts';
import { derOidValue } from '../../asn1/der-writer.ts';
import { CardError } from '../../errors.ts';
import { encodeTlv, readTlv } from '../../lds/tlv.ts';
import { deriveKey, KDF_ENC, KDF_MAC } from '../crypto/kdf.ts';
import { decodeSubjectPublicKeyInfo } from '../domain-parameters/public-key-info.ts';
import { createSecureMessaging } from '../secure-messaging/create-secure-messaging.ts';
import { requireCaAlgorithm, type CaAlgorithm } from './ca-algorithm.ts';

const STEP_KAT = 'ca.mse-set-kat';
const STEP_AT = 'ca.mse-set-at';
const STEP_GA = 'ca.general-authenticate';
const STEP_CONFIRM = 'ca.confirm';

/** A random source: `length` fresh bytes. */
export type RandomSource = (length: number) => Uint8Array;

const defaultRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));

/** SELECT EF.COM by file identifier without response data (ICAO 9303-10 §3.6.2): a cheap protected probe. */
export const CA_CONFIRM_PROBE = new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(0x01, 0x1e) });

export type CaFailureReason =
  /** MSE or GENERAL AUTHENTICATE was answered with an error status (`sw`). */
  | 'chip-refused'
  /** GENERAL AUTHENTICATE answered with something other than a dynamic authentication data object. */
  | 'malformed-response'
  /** The first exchange under the new keys did not verify: the chip lacks the DG14 private key. */
  | 'not-confirmed';

export interface ChipAuthenticationResult {
  /**
   * `pending`: keys agreed and the transport switched; the chip is authentic only once a response under
   * the new keys verifies (see `ChipAuthentication.confirm`). `passed`: confirmed. `failed`: see reason.
   */
  readonly verdict: 'pending' | 'passed' | 'failed';
  readonly algorithm: CaAlgorithm;
  readonly keyId: number | undefined;
  /** The new secure messaging (SSC 0), already installed on the transport; null after a refusal. */
  readonly wrapper: ApduWrapper | null;
  /** The terminal's ephemeral public value as sent (needed by terminal authentication). */
  readonly ephemeralPublicKey: Uint8Array;
  readonly reason?: CaFailureReason;
  readonly sw?: number;
}

export interface ChipAuthenticationInput {
  /** ChipAuthenticationInfo.protocol, e.g. id-CA-ECDH-AES-CBC-CMAC-128 (0.4.0.127.0.7.2.2.3.2.2). */
  readonly caOid: string;
  /** ChipAuthenticationInfo.keyId, sent as the private key reference when the chip has several keys. */
  readonly keyId?: number | undefined;
  /** ChipAuthenticationPublicKeyInfo.chipAuthenticationPublicKey: SubjectPublicKeyInfo DER. */
  readonly chipPublicKey: Uint8Array;
}

export class ChipAuthentication {
  constructor(
    private readonly transport: ApduTransport,
    private readonly random?: RandomSource,
  ) {}

  /**
   * Performs the key agreement and, when the chip accepts it, installs secure messaging under the new
   * keys (SSC 0) on the transport and returns verdict `pending`. The caller confirms with `confirm` (one
   * protected SELECT) or by settling the verdict with the outcome of its own next protected exchange.
   * A refusal gives verdict `failed` and leaves the previous secure messaging in place.
   * Errors: CardError `UNSUPPORTED` for an unknown CA OID or key algorithm or curve, `INVALID_INPUT` when
   * the key does not suit the OID, MalformedDataError for a bad DG14 key; transport errors (card removed,
   * SM) pass through.
   */
  async run(input: ChipAuthenticationInput): Promise<ChipAuthenticationResult> {
    const algorithm = requireCaAlgorithm(input.caOid, STEP_KAT);
    // The chip's static key on its domain parameters, in any form DG14 may give (standardized id included).
    const { group, publicKey: chipPublic } = decodeSubjectPublicKeyInfo(input.chipPublicKey);
    if (group.kind !== algorithm.keyAgreement) {
      throw new CardError('INVALID_INPUT', `a ${group.kind} key cannot serve ${algorithm.keyAgreement} chip authentication`, { step: STEP_KAT });
    }
    const ephemeralPrivate = group.randomPrivateKey(this.random ?? defaultRandom);
    const ephemeralPublic = group.encodePublicKey(group.multiply(group.generator, ephemeralPrivate));
    // ICAO 9303-11 §6.2.1: K = KA(SK_PCD, PK_IC, D_IC), the x-coordinate (ECDH) or the value (DH).
    const secret = group.sharedSecret(group.multiply(chipPublic, ephemeralPrivate));
    const keyRef = input.keyId === undefined ? [] : [encodeTlv(0x84, keyIdBytes(input.keyId))];
    const base = { algorithm, keyId: input.keyId, ephemeralPublicKey: ephemeralPublic };

    if (algorithm.cipher === '3DES') {
      const kat = await this.transport.send(mse(0xa6, encodeTlv(0x91, ephemeralPublic), ...keyRef), STEP_KAT);
      if (kat.sw !== SW.NO_ERROR) return refused(base, kat.sw);
    } else {
      const at = await this.transport.send(mse(0xa4, encodeTlv(0x80, derOidValue(algorithm.oid)), ...keyRef), STEP_AT);
      if (at.sw !== SW.NO_ERROR) return refused(base, at.sw);
      const ga = await this.transport.send(
        new CommandApdu({ cla: 0x00, ins: 0x86, p1: 0x00, p2: 0x00, data: encodeTlv(0x7c, encodeTlv(0x80, ephemeralPublic)), ne: 256 }),
        STEP_GA,
      );
      if (ga.sw !== SW.NO_ERROR) return refused(base, ga.sw);
      if (!isDynamicAuthenticationData(ga.data)) return Object.freeze({ ...base, verdict: 'failed', wrapper: null, reason: 'malformed-response' });
    }

    const ksEnc = deriveKey(secret, KDF_ENC, algorithm.cipher);
    const ksMac = deriveKey(secret, KDF_MAC, algorithm.cipher);
    // ICAO 9303-11 §9.8.2: after CA the send sequence counter restarts at zero.
    const wrapper = createSecureMessaging(algorithm.cipher, ksEnc, ksMac, new Uint8Array(algorithm.cipher === '3DES' ? 8 : 16));
    this.transport.wrapper = wrapper;
    return Object.freeze({ ...base, verdict: 'pending', wrapper });
  }

  /**
   * Confirms a `pending` result by sending `probe` (default: SELECT EF.COM) under the new keys. Passed
   * when the chip answers with a success status, which the secure messaging only lets through with a
   * valid MAC; failed (`not-confirmed`) on an SM error or any other status, after which the session is
   * broken and the reader must re-open it. Card removal and reader errors pass through.
   */
  async confirm(result: ChipAuthenticationResult, probe: CommandApdu = CA_CONFIRM_PROBE): Promise<ChipAuthenticationResult> {
    if (result.verdict !== 'pending') return result;
    try {
      const response = await this.transport.send(probe, STEP_CONFIRM);
      return ChipAuthentication.settle(result, isSuccess(response.sw), response.sw);
    } catch (err) {
      if (err instanceof CardError && err.code === 'SM_ERROR') return ChipAuthentication.settle(result, false, err.sw);
      throw err;
    }
  }

  /**
   * Settles a `pending` result from the caller's own next protected exchange: `verified` true when a
   * success response came through secure messaging, false when it raised `SM_ERROR` or the chip
   * answered 6987/6988. Other results are returned unchanged.
   */
  static settle(result: ChipAuthenticationResult, verified: boolean, sw?: number): ChipAuthenticationResult {
    if (result.verdict !== 'pending') return result;
    if (verified) return Object.freeze({ ...result, verdict: 'passed' });
    return Object.freeze({ ...result, verdict: 'failed', reason: 'not-confirmed', ...(sw !== undefined ? { sw } : {}) });
  }
}

function mse(p2: number, ...objects: Uint8Array[]): CommandApdu {
  const data = new Uint8Array(objects.reduce((n, o) => n + o.length, 0));
  let offset = 0;
  for (const o of objects) {
    data.set(o, offset);
    offset += o.length;
  }
  return new CommandApdu({ cla: 0x00, ins: 0x22, p1: 0x41, p2, data });
}

function refused(base: Omit<ChipAuthenticationResult, 'verdict' | 'wrapper'>, sw: number): ChipAuthenticationResult {
  return Object.freeze({ ...base, verdict: 'failed', wrapper: null, reason: 'chip-refused', sw });
}

/** Minimal big-endian octets of a key reference (TR-03110-3 §B.11.1: an integer, usually one octet). */
export function keyIdBytes(keyId: number): Uint8Array {
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffffffff) {
    throw new CardError('INVALID_INPUT', 'chip authentication key id must be a 32-bit unsigned integer', { step: STEP_KAT });
  }
  const out: number[] = [];
  let v = keyId;
  do {
    out.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  return Uint8Array.from(out);
}

/**
 * A GENERAL AUTHENTICATE response for CA is an empty 7C object (TR-03110-3 §B.11.2); some chips send
 * no data at all, which carries no information either, so both are accepted.
 */
function isDynamicAuthenticationData(data: Uint8Array): boolean {
  if (data.length === 0) return true;
  try {
    const tlv = readTlv(data, 0, STEP_GA);
    return tlv.tag === 0x7c && tlv.encodedLength === data.length;
  } catch {
    return false;
  }
}
