// Active authentication (ICAO 9303-11 §6.1): the terminal sends an 8-byte challenge with INTERNAL
// AUTHENTICATE and checks the chip's signature with the DG15 public key, proving the chip holds the
// private key and is not a copy. RSA signatures follow ISO/IEC 9796-2 scheme 1 (iso9796-2.ts); ECDSA
// signatures are plain r ‖ s (BSI TR-03111 §5.2.1) with the hash DG14's ActiveAuthenticationInfo names.

import { verify as verifySignature } from 'node:crypto';
import { CommandApdu } from '../../apdu/command-apdu.ts';
import type { ApduTransport } from '../../apdu/apdu-transport.ts';
import { CardError } from '../../errors.ts';
import type { Dg15Info } from '../../lds/dg15.ts';
import { parseSignaturePublicKey } from '../../lds/signature-public-key.ts';
import { aaHashOfSignatureOid, nodeHashName, type AaHash } from './aa-hash.ts';
import { verifyMessageRecovery, type RecoveryFailure } from './iso9796-2.ts';

const STEP = 'aa.internal-authenticate';
/** ICAO 9303-11 §6.1.2: the challenge is 8 bytes. */
export const AA_CHALLENGE_LENGTH = 8;
/** Hashes tried, in order, for an ECDSA key whose DG14 names no signature algorithm. */
const ECDSA_FALLBACK_HASHES: readonly AaHash[] = ['SHA-256', 'SHA-1', 'SHA-224', 'SHA-384', 'SHA-512'];

export type AaFailureReason =
  /** The chip answered INTERNAL AUTHENTICATE with an error status (`sw` says which). */
  | 'chip-refused'
  /** An ECDSA signature of the wrong length, or an RSA signature outside 1..n−1. */
  | 'malformed-signature'
  /** The RSA representative has the wrong header or trailer: another key signed it. */
  | 'bad-representative'
  /** The trailer or the DG14 OID names a hash we do not know. */
  | 'unknown-hash'
  /** The signature does not verify over the challenge. */
  | 'signature-mismatch';

export interface ActiveAuthenticationResult {
  readonly verdict: 'passed' | 'failed';
  readonly algorithm: 'RSA-ISO9796-2' | 'ECDSA';
  /** The hash the signature used, once known. */
  readonly hash?: AaHash;
  readonly reason?: AaFailureReason;
  /** Status word of a refusal. */
  readonly sw?: number;
  /**
   * The chip's answer to INTERNAL AUTHENTICATE (absent when it refused), so that a central service that
   * issued the challenge can verify the signature itself. Not personal data: a signature over a nonce.
   */
  readonly signature?: Uint8Array;
}

export interface ActiveAuthenticationInput {
  /** DG15, parsed. */
  readonly publicKey: Dg15Info;
  /** 8 bytes; the central service may issue it so the signature proves freshness to the service too. */
  readonly challenge: Uint8Array;
  /** DG14 ActiveAuthenticationInfo.signatureAlgorithm (required by ICAO for ECDSA). */
  readonly signatureAlgorithmOid?: string;
}

export class ActiveAuthentication {
  constructor(private readonly transport: ApduTransport) {}

  /**
   * Runs INTERNAL AUTHENTICATE and verifies the signature. A chip that refuses, or a signature that
   * does not verify (a cloned chip), gives verdict `failed` with a reason. Errors: CardError
   * `INVALID_INPUT` for a challenge that is not 8 bytes or an unknown signature OID; card removal, reader
   * and secure-messaging errors from the transport pass through.
   */
  async run(input: ActiveAuthenticationInput): Promise<ActiveAuthenticationResult> {
    const { publicKey, challenge } = input;
    if (challenge.length !== AA_CHALLENGE_LENGTH) {
      throw new CardError('INVALID_INPUT', `active authentication challenge must be ${AA_CHALLENGE_LENGTH} bytes`, { step: STEP });
    }
    let oidHash: AaHash | undefined;
    if (input.signatureAlgorithmOid !== undefined) {
      oidHash = aaHashOfSignatureOid(input.signatureAlgorithmOid);
      if (oidHash === undefined && publicKey.algorithm === 'EC') {
        throw new CardError('INVALID_INPUT', 'unknown active authentication signature algorithm', { step: STEP });
      }
    }
    const algorithm = publicKey.algorithm === 'RSA' ? 'RSA-ISO9796-2' : 'ECDSA';
    const signatureLength = publicKey.algorithm === 'RSA' ? Math.ceil(publicKey.bits / 8) : 2 * Math.ceil(publicKey.bits / 8);
    // Le 00 asks for up to 256 bytes; an RSA key above 2048 bits needs extended length.
    const ne = signatureLength > 256 ? 65536 : 256;
    const response = await this.transport.send(new CommandApdu({ cla: 0x00, ins: 0x88, p1: 0x00, p2: 0x00, data: challenge, ne }), STEP);
    if (response.sw !== 0x9000) return Object.freeze({ verdict: 'failed', algorithm, reason: 'chip-refused', sw: response.sw });

    const result = publicKey.algorithm === 'RSA'
      ? verifyRsa(publicKey, challenge, response.data)
      : verifyEcdsa(publicKey, challenge, response.data, oidHash);
    return Object.freeze({ ...result, signature: Uint8Array.from(response.data) });
  }
}

const RSA_REASONS: Readonly<Record<RecoveryFailure, AaFailureReason>> = Object.freeze({
  'signature-out-of-range': 'malformed-signature',
  'bad-representative': 'bad-representative',
  'unknown-hash': 'unknown-hash',
  'hash-mismatch': 'signature-mismatch',
});

function verifyRsa(publicKey: Dg15Info, challenge: Uint8Array, signature: Uint8Array): ActiveAuthenticationResult {
  const key = parseSignaturePublicKey(publicKey.spki, STEP);
  if (key.kind !== 'RSA') throw new CardError('INVALID_INPUT', 'DG15 info says RSA but the key is not', { step: STEP });
  const recovery = verifyMessageRecovery(signature, key.modulus, key.exponent, challenge);
  if (!recovery.ok) return Object.freeze({ verdict: 'failed', algorithm: 'RSA-ISO9796-2', reason: RSA_REASONS[recovery.reason] });
  return Object.freeze({ verdict: 'passed', algorithm: 'RSA-ISO9796-2', hash: recovery.hash });
}

function verifyEcdsa(publicKey: Dg15Info, challenge: Uint8Array, signature: Uint8Array, oidHash: AaHash | undefined): ActiveAuthenticationResult {
  const orderBytes = orderLength(publicKey);
  if (signature.length !== 2 * orderBytes) return Object.freeze({ verdict: 'failed', algorithm: 'ECDSA', reason: 'malformed-signature' });
  // ICAO requires the OID for ECDSA; without it, try the usual hashes (the challenge is fresh, so a
  // weaker hash among them gives a forger no collision to exploit).
  for (const hash of oidHash !== undefined ? [oidHash] : ECDSA_FALLBACK_HASHES) {
    const ok = verifySignature(nodeHashName(hash), challenge, { key: publicKey.keyObject, dsaEncoding: 'ieee-p1363' }, signature);
    if (ok) return Object.freeze({ verdict: 'passed', algorithm: 'ECDSA', hash });
  }
  return Object.freeze({ verdict: 'failed', algorithm: 'ECDSA', reason: 'signature-mismatch', ...(oidHash !== undefined ? { hash: oidHash } : {}) });
}

/**
 * Octets of the group order, which sets the r ‖ s length. The order has the field's size on every
 * curve ICAO standardises (cofactor 1), except that P-521's field bits round up to 66 octets.
 */
function orderLength(publicKey: Dg15Info): number {
  return Math.ceil(publicKey.bits / 8);
}
