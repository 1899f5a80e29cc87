// The chip's side of chip authentication (ICAO 9303-11 §6.2, BSI TR-03110-3 §B.11): MSE:Set KAT for
// the 3DES variants; MSE:Set AT then GENERAL AUTHENTICATE for any. On success it hands back secure
// messaging under the new keys (SSC 0), which the simulator installs after protecting this response
// with the old keys. A chip whose private key does not match DG14 (a clone) derives other keys, so the
// terminal's next command fails its MAC check here and the session ends.

import type { KeyObject } from 'node:crypto';
import { SW } from '../../card/apdu/status-word.ts';
import { derOidValue } from '../../card/asn1/der-writer.ts';
import { KioskError } from '../../hal/errors.ts';
import { encodeTlv, readTlvList, type Tlv } from '../../card/lds/tlv.ts';
import { requireCaAlgorithm, type CaAlgorithm } from '../../card/protocol/ca/ca-algorithm.ts';
import { deriveKey, KDF_ENC, KDF_MAC } from '../../card/protocol/crypto/kdf.ts';
import { equal } from '../../util/bytes.ts';
import { chipStaticKey, type ChipStaticKey } from './chip-static-key.ts';
import type { ChipAuthenticationResponder } from './chip-protocol-roles.ts';
import { SecureMessagingChip } from './secure-messaging-chip.ts';

export interface ChipAuthenticationChipOptions {
  /** The static private key: 'ec' on a named curve, or 'dh'. */
  readonly privateKey: KeyObject;
  /** The id-CA-* protocol this chip offers (its DG14 ChipAuthenticationInfo). */
  readonly caOid: string;
  /** Its key reference; when set, a command naming another key is refused with 6A88. */
  readonly keyId?: number;
}

interface Outcome {
  readonly sw: number;
  readonly sm?: SecureMessagingChip;
}

export class ChipAuthenticationChip implements ChipAuthenticationResponder {
  private readonly key: ChipStaticKey;
  private readonly algorithm: CaAlgorithm;
  private readonly oidValue: Uint8Array;
  /** Set by MSE:Set AT, consumed by GENERAL AUTHENTICATE. */
  private atSet = false;

  /**
   * Throws CardError `UNSUPPORTED` for an unknown OID or a key that is neither DH nor on a curve we know,
   * RangeError when the key does not suit the OID.
   */
  constructor(private readonly options: ChipAuthenticationChipOptions) {
    this.algorithm = requireCaAlgorithm(options.caOid, 'sim.ca');
    this.key = chipStaticKey(options.privateKey);
    if (this.key.group.kind !== this.algorithm.keyAgreement) {
      throw new RangeError(`a ${this.key.group.kind} key cannot serve ${this.algorithm.keyAgreement} chip authentication`);
    }
    this.oidValue = derOidValue(options.caOid);
  }

  /** MSE:Set KAT (00 22 41 A6): 91 ephemeral public key, 84 key reference. 3DES variants only. */
  mseSetKat(data: Uint8Array): Outcome {
    this.atSet = false;
    // ICAO 9303-11 §6.2.4.1: MSE:Set KAT serves the 3DES protocols only.
    if (this.algorithm.cipher !== '3DES') return { sw: SW.CONDITIONS_NOT_SATISFIED };
    const objects = parse(data);
    if (objects === undefined) return { sw: SW.WRONG_DATA };
    const keySw = this.checkKeyReference(objects);
    if (keySw !== SW.NO_ERROR) return { sw: keySw };
    const ephemeral = objects.find((o) => o.tag === 0x91);
    if (ephemeral === undefined) return { sw: SW.WRONG_DATA };
    return this.agree(ephemeral.value);
  }

  /** MSE:Set AT (00 22 41 A4): 80 the protocol OID (must be ours), 84 key reference. */
  mseSetAt(data: Uint8Array): number {
    this.atSet = false;
    const objects = parse(data);
    if (objects === undefined) return SW.WRONG_DATA;
    const oid = objects.find((o) => o.tag === 0x80);
    if (oid === undefined || !equal(oid.value, this.oidValue)) return SW.REFERENCED_DATA_NOT_FOUND;
    const keySw = this.checkKeyReference(objects);
    if (keySw !== SW.NO_ERROR) return keySw;
    this.atSet = true;
    return SW.NO_ERROR;
  }

  /** GENERAL AUTHENTICATE (00 86 00 00): 7C { 80 ephemeral public key }, answered with 7C 00. */
  generalAuthenticate(data: Uint8Array): { readonly sw: number; readonly data: Uint8Array; readonly sm?: SecureMessagingChip } {
    const none = new Uint8Array(0);
    if (!this.atSet) return { sw: SW.CONDITIONS_NOT_SATISFIED, data: none };
    this.atSet = false;
    const outer = parse(data);
    const dynamic = outer?.length === 1 && outer[0]!.tag === 0x7c ? parse(outer[0]!.value) : undefined;
    const ephemeral = dynamic?.find((o) => o.tag === 0x80);
    if (ephemeral === undefined) return { sw: SW.WRONG_DATA, data: none };
    const outcome = this.agree(ephemeral.value);
    return outcome.sm ? { sw: outcome.sw, data: encodeTlv(0x7c, none), sm: outcome.sm } : { sw: outcome.sw, data: none };
  }

  private checkKeyReference(objects: readonly Tlv[]): number {
    const ref = objects.find((o) => o.tag === 0x84);
    if (ref === undefined || this.options.keyId === undefined) return SW.NO_ERROR;
    let value = 0;
    for (const b of ref.value) value = value * 256 + b;
    return ref.value.length > 0 && ref.value.length <= 4 && value === this.options.keyId ? SW.NO_ERROR : SW.REFERENCED_DATA_NOT_FOUND;
  }

  private agree(ephemeralPublic: Uint8Array): Outcome {
    let secret: Uint8Array;
    try {
      const { group, privateKey } = this.key;
      secret = group.sharedSecret(group.multiply(group.decodePublicKey(ephemeralPublic), privateKey));
    } catch (err) {
      if (err instanceof KioskError) return { sw: SW.WRONG_DATA };
      throw err;
    }
    const cipher = this.algorithm.cipher;
    const ssc = new Uint8Array(cipher === '3DES' ? 8 : 16);
    return { sw: SW.NO_ERROR, sm: new SecureMessagingChip(cipher, deriveKey(secret, KDF_ENC, cipher), deriveKey(secret, KDF_MAC, cipher), ssc) };
  }
}

/** The TLVs of a command data field, or undefined when it does not parse (answered 6A80). */
function parse(data: Uint8Array): Tlv[] | undefined {
  try {
    return readTlvList(data, 'sim.ca');
  } catch {
    return undefined;
  }
}
