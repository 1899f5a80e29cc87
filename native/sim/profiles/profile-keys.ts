// The chip-resident private keys of the simulated documents (active and chip authentication). They are
// generated on first use and kept for the life of the process, so every chip of a profile publishes the
// same DG14/DG15 and RSA key generation is paid once. A cloned chip gets a second, unrelated set.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export type KeySpec = { readonly type: 'ec'; readonly curve: string } | { readonly type: 'rsa'; readonly bits: number };

export interface ProfileKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

const cache = new Map<string, ProfileKeyPair>();

/**
 * The key pair named `id` (e.g. `cccd.aa`), generated from `spec` on first use. `genuine: false` gives
 * the cloned chip's key of the same kind, which never matches the genuine one.
 */
export function profileKey(id: string, spec: KeySpec, genuine = true): ProfileKeyPair {
  const name = genuine ? id : `${id}.clone`;
  const known = cache.get(name);
  if (known) return known;
  const pair =
    spec.type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: spec.curve })
      : generateKeyPairSync('rsa', { modulusLength: spec.bits, publicExponent: 0x10001 });
  const keys = Object.freeze({ privateKey: pair.privateKey, publicKey: pair.publicKey });
  cache.set(name, keys);
  return keys;
}

/** SubjectPublicKeyInfo DER of a public key (named curve for EC keys). */
export function spkiDer(publicKey: KeyObject): Uint8Array {
  return new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
}
