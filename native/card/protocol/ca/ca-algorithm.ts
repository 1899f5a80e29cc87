// The chip authentication protocol OIDs (ICAO 9303-11 §9.2.5, BSI TR-03110-3 §A.1.1.1):
// id-CA-DH = bsi-de.2.2.3.1 and id-CA-ECDH = bsi-de.2.2.3.2, with the cipher as the last arc
// (1 3DES-CBC-CBC, 2/3/4 AES-CBC-CMAC-128/192/256).

import { CardError } from '../../errors.ts';
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
  readonly keyAgreement: 'DH' | 'ECDH';
  readonly cipher: CipherAlgorithm;
}

const PREFIX = '0.4.0.127.0.7.2.2.3.';
const AGREEMENTS: Readonly<Record<string, 'DH' | 'ECDH'>> = Object.freeze({ '1': 'DH', '2': 'ECDH' });
const CIPHERS: Readonly<Record<string, CipherAlgorithm>> = Object.freeze({ '1': '3DES', '2': 'AES-128', '3': 'AES-192', '4': 'AES-256' });

/** The variant an id-CA-* OID names, or undefined when it is not one (e.g. the bare id-CA-DH prefix). */
export function caAlgorithm(oid: string): CaAlgorithm | undefined {
  if (!oid.startsWith(PREFIX)) return undefined;
  const [agreementArc, cipherArc, extra] = oid.slice(PREFIX.length).split('.');
  const keyAgreement = AGREEMENTS[agreementArc ?? ''];
  const cipher = CIPHERS[cipherArc ?? ''];
  if (keyAgreement === undefined || cipher === undefined || extra !== undefined) return undefined;
  return Object.freeze({ oid, keyAgreement, cipher });
}

/** `caAlgorithm`, or CardError `UNSUPPORTED` (step given) for an OID that names no CA variant. */
export function requireCaAlgorithm(oid: string, step: string): CaAlgorithm {
  const algorithm = caAlgorithm(oid);
  if (algorithm === undefined) throw new CardError('UNSUPPORTED', `unsupported chip authentication protocol ${oid}`, { step });
  return algorithm;
}
