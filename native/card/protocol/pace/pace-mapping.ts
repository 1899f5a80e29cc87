// The nonce mappings of PACE (ICAO 9303-11 §4.4.3.3): from the nonce s to the ephemeral generator G~
// that the key agreement then runs on. The same functions serve the terminal and the chip simulator.

import { bytesToBigInt } from '../../../util/bytes.ts';
import { MalformedDataError } from '../../errors.ts';
import type { CipherAlgorithm } from '../crypto/kdf.ts';
import type { KeyAgreementGroup } from '../domain-parameters/key-agreement-group.ts';
import { integratedMappingPrf } from './pace-crypto.ts';

/**
 * Generic Mapping (§4.4.3.3.1): H = own mapping private key · other side's mapping public key, then
 * G~ = s·G + H (EC) or g~ = g^s · h (DH). Throws MalformedDataError when H or G~ is the identity,
 * which only a misbehaving peer can cause.
 */
export function genericMapping<E>(group: KeyAgreementGroup<E>, nonce: Uint8Array, ownPrivateKey: bigint, otherPublicKey: E): KeyAgreementGroup<E> {
  const h = group.multiply(otherPublicKey, ownPrivateKey);
  if (group.isIdentity(h)) throw new MalformedDataError('generic mapping: shared point is the identity', { step: 'pace.mapNonce' });
  const mapped = group.combine(group.multiply(group.generator, bytesToBigInt(nonce)), h);
  if (group.isIdentity(mapped)) throw new MalformedDataError('generic mapping: mapped generator is the identity', { step: 'pace.mapNonce' });
  return group.withGenerator(mapped);
}

/**
 * Integrated Mapping (§4.4.3.3.2): G~ = f_G(R_p(s, t)) for EC, g~ = R_p(s, t)^((p-1)/q) for DH.
 * Throws CardError UNSUPPORTED for ciphers or curves without a defined mapping.
 */
export function integratedMapping<E>(group: KeyAgreementGroup<E>, s: Uint8Array, t: Uint8Array, cipher: CipherAlgorithm): KeyAgreementGroup<E> {
  return group.withGenerator(group.mapToGroup(integratedMappingPrf(s, t, group.prime, cipher)));
}
