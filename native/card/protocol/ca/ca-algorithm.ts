// The chip authentication protocol OIDs (ICAO 9303-11 §9.2.5, BSI TR-03110-3 §A.1.1.1):
// id-CA-DH = bsi-de.2.2.3.1 and id-CA-ECDH = bsi-de.2.2.3.2, with the cipher as the last arc
// (1 3DES-CBC-CBC, 2/3/4 AES-CBC-CMAC-128/192/256), parsed by security-info-oids.ts like every id-CA-*.

import { CardError } from '../../errors.ts';
import { chipAuthenticationAlgorithm, type KeyAgreement } from '../../lds/security-infos/security-info-oids.ts';
import type { CipherAlgorithm } from '../crypto/kdf.ts';

export const CA_OID = Object.freeze({
  DH_3DES_CBC_CBC: '0.4.0.127.0.7.2.2.3.1.1',
  DH_AES_CBC_CMAC_128: '0.4.0.127.0.7.2.2.3.1.2',
  DH_AES_CBC_CMAC_192: '0.4.0.127.0.7.2.2.3.1.3',
  DH_AES_CBC_CMAC_256: '0.4.0.127.0.7.2.2.3.1.4',
  ECDH_3DES_CBC_CBC: '0.4.0.127.0.7.2.2.3.2.1',
  ECDH_AES_CBC_CMAC_128: '0.4.0.127.0.7.2.2.3.2.2',
  ECDH_AES_CBC_CMAC_192: '0.4.0.127.0.7.2.2.3.2.3',
  ECDH_AES_CBC_CMAC_256: '0.4.0.127.0.7.2.2.3.2.4',
});

export interface CaAlgorithm {
  readonly oid: string;
  readonly keyAgreement: KeyAgreement;
  readonly cipher: CipherAlgorithm;
}

/** The variant an id-CA-* OID names, or undefined when it is not one (e.g. the bare id-CA-DH prefix). */
export function caAlgorithm(oid: string): CaAlgorithm | undefined {
  const algorithm = chipAuthenticationAlgorithm(oid);
  return algorithm === undefined ? undefined : Object.freeze({ oid, keyAgreement: algorithm.keyAgreement, cipher: algorithm.cipher });
}

/** `caAlgorithm`, or CardError `UNSUPPORTED` (step given) for an OID that names no CA variant. */
export function requireCaAlgorithm(oid: string, step: string): CaAlgorithm {
  const algorithm = caAlgorithm(oid);
  if (algorithm === undefined) throw new CardError('UNSUPPORTED', `unsupported chip authentication protocol ${oid}`, { step });
  return algorithm;
}
