// The chip's side of active authentication (ICAO 9303-11 §6.1): INTERNAL AUTHENTICATE signs the
// terminal's challenge with the private key that matches DG15. RSA keys sign with ISO/IEC 9796-2
// scheme 1 (a fresh M1 nonce, partial recovery); EC keys sign with plain r ‖ s ECDSA. A chip built
// with a key that does not match DG15 is a clone: its signatures fail to verify.

import { constants, createPublicKey, privateEncrypt, randomBytes, sign, type KeyObject } from 'node:crypto';
import { nodeHashName, type AaHash } from '../../card/protocol/aa/aa-hash.ts';
import { messageRepresentative, recoverableCapacity } from '../../card/protocol/aa/iso9796-2.ts';
import type { ActiveAuthenticationResponder } from './chip-protocol-roles.ts';

export interface ActiveAuthenticationChipOptions {
  /** Default SHA-1 for RSA (trailer BC), SHA-256 for ECDSA. */
  readonly hash?: AaHash;
  /** RSA with SHA-1: write the two-octet trailer 33 CC instead of the implicit BC. */
  readonly explicitTrailer?: boolean;
  /** Source of the M1 nonce (RSA); default node:crypto randomBytes. */
  readonly random?: (length: number) => Uint8Array;
}

export class ActiveAuthenticationChip implements ActiveAuthenticationResponder {
  private readonly kind: 'rsa' | 'ec';
  private readonly modulusBits: number;
  private readonly hash: AaHash;

  /** Throws RangeError for a key that is neither RSA nor EC, or an RSA modulus not a multiple of 8 bits. */
  constructor(
    private readonly privateKey: KeyObject,
    private readonly options: ActiveAuthenticationChipOptions = {},
  ) {
    const type = privateKey.asymmetricKeyType;
    if (type !== 'rsa' && type !== 'ec') throw new RangeError(`active authentication needs an RSA or EC key, got ${type}`);
    this.kind = type;
    this.modulusBits = type === 'rsa' ? (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) : 0;
    if (type === 'rsa' && this.modulusBits % 8 !== 0) throw new RangeError('RSA modulus length must be a multiple of 8 bits');
    this.hash = options.hash ?? (type === 'rsa' ? 'SHA-1' : 'SHA-256');
  }

  /** The public key DG15 should carry for this chip (a genuine chip's DG15). */
  publicKey(): KeyObject {
    return createPublicKey(this.privateKey);
  }

  /** Signs `challenge` (M2). Throws RangeError for a challenge longer than 64 bytes. */
  internalAuthenticate(challenge: Uint8Array): Uint8Array {
    if (challenge.length > 64) throw new RangeError('challenge longer than 64 bytes');
    if (this.kind === 'ec') {
      return new Uint8Array(sign(nodeHashName(this.hash), challenge, { key: this.privateKey, dsaEncoding: 'ieee-p1363' }));
    }
    const explicit = this.options.explicitTrailer === true;
    const m1 = (this.options.random ?? randomBytes)(recoverableCapacity(this.modulusBits, this.hash, explicit));
    const f = messageRepresentative(this.modulusBits, this.hash, new Uint8Array(m1), challenge, explicit);
    // Raw RSA (F^d mod n): the 9796-2 encoding is already in F.
    return new Uint8Array(privateEncrypt({ key: this.privateKey, padding: constants.RSA_NO_PADDING }, f));
  }
}
