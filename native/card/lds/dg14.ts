// DG14 (ICAO 9303-10 §4.7.14): tag 6E wrapping the SecurityInfos of chip authentication, active
// authentication (its signature algorithm) and PACE. The SET itself is parsed by security-infos.

import { EF_DG } from './lds-files.ts';
import { readTaggedFile } from './lds-tagged-file.ts';
import type { SecurityInfo } from './security-infos/security-info.ts';
import { encodeSecurityInfos, parseSecurityInfos } from './security-infos/security-infos.ts';
import { encodeTlv } from './tlv.ts';

const STEP = 'lds.dg14';
const DG14_TAG = EF_DG[14]!.tag!;

export interface Dg14Info {
  readonly securityInfos: readonly SecurityInfo[];
}

/** @throws MalformedDataError (step 'lds.dg14' or the SecurityInfos parser's) on a wrong tag or structure. */
export function parseDg14(bytes: Uint8Array): Dg14Info {
  const { file } = readTaggedFile(bytes, DG14_TAG, STEP);
  return Object.freeze({ securityInfos: parseSecurityInfos(file.value) });
}

export function encodeDg14(infos: readonly SecurityInfo[]): Uint8Array {
  return encodeTlv(DG14_TAG, encodeSecurityInfos(infos));
}
