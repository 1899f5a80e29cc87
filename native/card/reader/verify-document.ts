// The security checks of a read (ICAO 9303-11 §5-6): chip authentication (CA, or PACE-CAM), active
// authentication over a caller-supplied challenge, and passive authentication against the CSCA trust
// store. Each gives its own verdict; together they give the assurance level.

import { randomBytes } from 'node:crypto';
import type { ApduTransport } from '../apdu/apdu-transport.ts';
import type { LdsFileName } from '../lds/lds-files.ts';
import type { ActiveAuthenticationInfo, ChipAuthenticationInfo, ChipAuthenticationPublicKeyInfo } from '../lds/security-infos/security-info.ts';
import { verifyPassiveAuthentication, type PassiveAuthenticationResult } from '../pa/passive-authentication.ts';
import type { TrustStore } from '../pa/trust-store.ts';
import { ActiveAuthentication, type ActiveAuthenticationResult } from '../protocol/aa/active-authentication.ts';
import { ChipAuthentication } from '../protocol/ca/chip-authentication.ts';
import { verifyChipAuthenticationMapping } from '../protocol/pace/pace-protocol.ts';
import type { AccessControlResult } from './access-control.ts';
import { assuranceOf, type AssuranceLevel, type CheckVerdict } from './assurance.ts';
import type { DecodedDocument } from './decode-document.ts';

export interface ChipVerdict {
  readonly verdict: CheckVerdict;
  readonly method?: 'CA' | 'PACE-CAM';
  readonly reason?: string;
}

export interface VerificationOutcome {
  readonly passive: { readonly verdict: CheckVerdict; readonly detail?: PassiveAuthenticationResult };
  readonly active: { readonly verdict: CheckVerdict; readonly detail?: ActiveAuthenticationResult };
  readonly chip: ChipVerdict;
  readonly assurance: AssuranceLevel;
  /** False when any check failed: the document must not be trusted whatever else passed. */
  readonly trusted: boolean;
}

export interface VerifyOptions {
  readonly transport: ApduTransport;
  /** CSCA trust store; without one, PA can at best be 'unverified'. */
  readonly trustStore?: TrustStore;
  /** 8 bytes from the central service (fresh per read); a random one when not given. */
  readonly activeAuthenticationChallenge?: Uint8Array;
  readonly now?: Date;
}

/** A fresh 8-byte challenge for active authentication when the caller (central service) gives none. */
export function randomChallenge(): Uint8Array {
  return new Uint8Array(randomBytes(8));
}

function chipKeys(document: DecodedDocument) {
  const infos = document.dg14?.securityInfos ?? [];
  const caInfos = infos.filter((i): i is ChipAuthenticationInfo => i.kind === 'ChipAuthenticationInfo');
  const keys = infos.filter((i): i is ChipAuthenticationPublicKeyInfo => i.kind === 'ChipAuthenticationPublicKeyInfo');
  const aa = infos.find((i): i is ActiveAuthenticationInfo => i.kind === 'ActiveAuthenticationInfo');
  return { caInfos, keys, aa };
}

/**
 * Chip authentication, run as soon as DG14 is known. For PACE-CAM the chip already proved its key during
 * PACE; we check that proof against DG14. Otherwise CA (ICAO 9303-11 §6.2) replaces the session keys and
 * is confirmed by the next protected exchange: a chip without the private key cannot answer it (cloned chip).
 * After a failed CA the session is broken: the caller must re-open it.
 */
export async function authenticateChip(transport: ApduTransport, document: DecodedDocument, access: AccessControlResult): Promise<ChipVerdict> {
  const { caInfos, keys } = chipKeys(document);
  if (access.pace?.mapping === 'CAM' && access.pace.chipAuthenticationData) {
    const key = keys[0];
    if (!key) return Object.freeze({ verdict: 'failed', method: 'PACE-CAM', reason: 'DG14 has no chip authentication public key' });
    const ok = verifyChipAuthenticationMapping(access.pace, key.subjectPublicKeyInfo);
    return Object.freeze({ verdict: ok ? 'passed' : 'failed', method: 'PACE-CAM', ...(ok ? {} : { reason: 'chip authentication data does not match DG14' }) });
  }
  const key = keys[0];
  if (!key) return Object.freeze({ verdict: 'not-performed' });
  const info = caInfos.find((i) => i.keyId === key.keyId) ?? caInfos[0];
  if (!info) return Object.freeze({ verdict: 'not-performed', reason: 'DG14 names a key but no algorithm' });
  const ca = new ChipAuthentication(transport);
  const pending = await ca.run({ caOid: info.protocol, keyId: key.keyId, chipPublicKey: key.subjectPublicKeyInfo });
  const result = pending.verdict === 'pending' ? await ca.confirm(pending) : pending;
  if (result.verdict === 'passed') return Object.freeze({ verdict: 'passed', method: 'CA' });
  return Object.freeze({ verdict: 'failed', method: 'CA', reason: result.reason === 'not-confirmed' ? 'the chip could not continue under the chip-authentication keys' : `chip authentication ${result.reason ?? 'failed'}` });
}

/** Active and passive authentication at the end of a read, combined with the chip verdict. */
export async function verifyDocument(input: VerifyOptions & { readonly document: DecodedDocument; readonly files: ReadonlyMap<LdsFileName, Uint8Array>; readonly chip: ChipVerdict }): Promise<VerificationOutcome> {
  const { document } = input;
  let active: VerificationOutcome['active'] = Object.freeze({ verdict: 'not-performed' as CheckVerdict });
  if (document.dg15) {
    const { aa } = chipKeys(document);
    const detail = await new ActiveAuthentication(input.transport).run({
      publicKey: document.dg15,
      challenge: input.activeAuthenticationChallenge ?? randomChallenge(),
      signatureAlgorithmOid: aa?.signatureAlgorithm,
    });
    active = Object.freeze({ verdict: detail.verdict, detail });
  }

  let passive: VerificationOutcome['passive'] = Object.freeze({ verdict: 'failed' as CheckVerdict });
  const sod = input.files.get('SOD');
  if (sod) {
    const dataGroups = new Map<number, Uint8Array>();
    for (const [name, bytes] of input.files) if (name.startsWith('DG')) dataGroups.set(Number(name.slice(2)), bytes);
    const detail = await verifyPassiveAuthentication({ sod, dataGroups, trustStore: input.trustStore, now: input.now });
    const verdict: CheckVerdict = detail.verdict === 'verified' ? 'passed' : detail.verdict === 'failed' ? 'failed' : 'unverified';
    passive = Object.freeze({ verdict, detail });
  }
  const { level, trusted } = assuranceOf({ passive: passive.verdict, active: active.verdict, chip: input.chip.verdict });
  return Object.freeze({ passive, active, chip: input.chip, assurance: level, trusted });
}
