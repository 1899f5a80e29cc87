// PACE Chip Authentication Mapping (ICAO 9303-11 §4.4.3.3.3 and §4.4.3.5.2): during Generic Mapping the
// chip proves knowledge of its static chip-authentication key by sending CA_IC = SK_Map,IC · SK_IC⁻¹ mod n,
// encrypted. The terminal checks PK_Map,IC = CA_IC · PK_IC against the key from DG14 once passive
// authentication has vouched for DG14.

import { bytesToBigInt, uintBE } from '../../../util/bytes.ts';
import { CardError, MalformedDataError } from '../../errors.ts';
import { decodeSubjectPublicKeyInfo } from '../domain-parameters/public-key-info.ts';
import type { KeyAgreementGroup } from '../domain-parameters/key-agreement-group.ts';
import { byteLength, modInverse } from '../domain-parameters/modular.ts';

/** CA_IC = SK_Map,IC · SK_IC⁻¹ mod n, |n| bytes (the chip's side, before encryption). */
export function chipAuthenticationData(group: KeyAgreementGroup, staticPrivateKey: bigint, mappingPrivateKey: bigint): Uint8Array {
  const n = group.order;
  return uintBE((mappingPrivateKey * modInverse(staticPrivateKey, n)) % n, byteLength(n));
}

/** What the check needs from a PACE-CAM run (a PaceResult satisfies it). */
export interface ChipAuthenticationMappingEvidence {
  /** Decrypted CA_IC. */
  readonly chipAuthenticationData?: Uint8Array;
  /** PK_Map,IC as the chip sent it in the mapping step (04‖X‖Y). */
  readonly icMappingPublicKey?: Uint8Array;
}

/**
 * Verifies PACE-CAM (ICAO 9303-11 §4.4.3.5.2): PK_Map,IC = CA_IC · PK_IC, with PK_IC and its domain
 * parameters from the SubjectPublicKeyInfo of the DG14 ChipAuthenticationPublicKeyInfo. Only meaningful
 * after passive authentication has verified DG14.
 *
 * Returns false when the proof does not hold, including CA_IC out of range and a mapping key that is not
 * a point of the static key's curve. Throws MalformedDataError when the SubjectPublicKeyInfo does not
 * parse and CardError UNSUPPORTED when its domain parameters are unknown (the check could not be made).
 */
export function verifyChipAuthenticationMapping(evidence: ChipAuthenticationMappingEvidence, icStaticPublicKeyInfo: Uint8Array): boolean;
export function verifyChipAuthenticationMapping(chipAuthenticationData: Uint8Array, icStaticPublicKeyInfo: Uint8Array, icMappingPublicKey: Uint8Array): boolean;
export function verifyChipAuthenticationMapping(
  first: ChipAuthenticationMappingEvidence | Uint8Array,
  icStaticPublicKeyInfo: Uint8Array,
  icMappingPublicKey?: Uint8Array,
): boolean {
  const caIc = first instanceof Uint8Array ? first : first.chipAuthenticationData;
  const mappingKey = first instanceof Uint8Array ? icMappingPublicKey : first.icMappingPublicKey;
  if (!caIc || !mappingKey) return false;
  const { group, publicKey } = decodeSubjectPublicKeyInfo(icStaticPublicKeyInfo);
  if (group.kind !== 'ECDH') throw new CardError('UNSUPPORTED', 'chip authentication mapping is defined for ECDH only', { step: 'pace.cam' });
  const ca = bytesToBigInt(caIc);
  if (ca <= 0n || ca >= group.order) return false;
  let mapping: unknown;
  try {
    mapping = group.decodePublicKey(mappingKey);
  } catch (err) {
    if (err instanceof MalformedDataError) return false;
    throw err;
  }
  return group.equals(group.multiply(publicKey, ca), mapping);
}
