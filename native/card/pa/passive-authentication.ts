// Passive authentication (ICAO 9303-11 §5.1, ICAO 9303-12 §5-7): proves that the data groups read from
// the chip are the ones the issuing state signed. Each check gets its own verdict so the kiosk and the
// central service can see exactly what held: the SOD signature, every data-group hash, the Document
// Signer certificate's validity, its chain to a trusted CSCA, and its revocation status.

import { equal } from '../../util/bytes.ts';
import { type DigestName, type SodInfo, parseSod } from '../lds/sod.ts';
import { digest } from '../lds/sod/algorithms.ts';
import { type Certificate, KEY_USAGE, describeCertificate, hasKeyUsage, isSignedBy, parseCertificate } from '../lds/sod/certificate.ts';
import { verifySignerInfo } from '../lds/sod/cms-signed-data.ts';
import type { RevocationStatus, TrustStore } from './trust-store.ts';

export type DataGroupHashStatus = 'match' | 'mismatch' | 'not-read' | 'missing-in-sod';

export interface PassiveAuthenticationResult {
  /**
   * verified: every check passed and the DS chains to a trusted CSCA. unverified: signature and hashes
   * hold but there is no trusted CSCA to chain to (or nothing was read to check). failed: a check failed.
   */
  readonly verdict: 'verified' | 'failed' | 'unverified';
  readonly sodSignature: { readonly status: 'valid' | 'invalid'; readonly reason?: string; readonly algorithm: string };
  readonly digestAlgorithm: DigestName;
  /** Per data group: listed in the SOD and read (match/mismatch), listed but not read, or read but not listed. */
  readonly dataGroupHashes: ReadonlyMap<number, DataGroupHashStatus>;
  readonly dsCertificateValidity: {
    readonly status: 'valid' | 'expired' | 'not-yet-valid' | 'unavailable';
    readonly notBefore?: Date;
    readonly notAfter?: Date;
  };
  /**
   * trusted: a CSCA of the store signed the DS. untrusted: no CSCA for its issuer. invalid: CSCAs with the
   * issuer's name exist but none signed it (a forgery, or a rolled-over CSCA missing from the store; both
   * leave the document 'unverified', since a forger could as well pick an unknown issuer name).
   */
  readonly dsChain: {
    readonly status: 'trusted' | 'untrusted' | 'invalid' | 'no-trust-store' | 'unavailable';
    /** Subject of the CSCA (a state authority, not personal data). */
    readonly csca?: string;
  };
  readonly crl: RevocationStatus;
  /** Subject of the Document Signer certificate (a state authority, not personal data). */
  readonly dsSubject?: string;
  /** Why the verdict is not 'verified', in technical English without personal data. */
  readonly reasons: readonly string[];
}

export interface PassiveAuthenticationInput {
  /** EF.SOD file bytes as read from the chip. */
  readonly sod: Uint8Array;
  /** Data-group number to the complete file bytes read from the chip. */
  readonly dataGroups: ReadonlyMap<number, Uint8Array>;
  /** Trusted CSCAs and CRLs; without it the best verdict is 'unverified'. */
  readonly trustStore?: TrustStore;
  /** Time of the check (certificate validity, CRL freshness); default now. */
  readonly now?: Date;
}

/**
 * Runs passive authentication. Resolves with a frozen per-check verdict; never rejects for a failed
 * check. Rejects with MalformedDataError (step `lds.sod`) only when EF.SOD itself does not parse.
 */
export async function verifyPassiveAuthentication(input: PassiveAuthenticationInput): Promise<PassiveAuthenticationResult> {
  const sod = parseSod(input.sod);
  const now = input.now ?? new Date();
  const reasons: string[] = [];

  let ds: Certificate | undefined;
  try {
    ds = sod.dsCertificate ? parseCertificate(sod.dsCertificate) : undefined;
  } catch {
    ds = undefined;
  }

  const sodSignature = checkSignature(sod, ds);
  if (sodSignature.status === 'invalid') reasons.push(`SOD signature invalid: ${sodSignature.reason ?? 'unknown'}`);

  const dataGroupHashes = checkHashes(sod, input.dataGroups);
  for (const [n, status] of dataGroupHashes) {
    if (status === 'mismatch') reasons.push(`DG${n} hash does not match the SOD`);
    if (status === 'missing-in-sod') reasons.push(`DG${n} is not listed in the SOD`);
  }
  const matched = [...dataGroupHashes.values()].filter((s) => s === 'match').length;
  if (matched === 0) reasons.push('no data group was read to check');

  const dsCertificateValidity = ds ? checkValidity(ds, now) : Object.freeze({ status: 'unavailable' as const });
  if (dsCertificateValidity.status !== 'valid') reasons.push(`DS certificate ${dsCertificateValidity.status}`);

  const dsChain = checkChain(ds, input.trustStore);
  if (dsChain.status !== 'trusted') reasons.push(`DS chain ${dsChain.status}`);

  const crl: RevocationStatus = ds && input.trustStore ? input.trustStore.revocationStatus(ds, now) : Object.freeze({ status: 'no-crl', stale: false });
  if (crl.status === 'revoked') reasons.push('DS certificate revoked');

  const failed =
    sodSignature.status === 'invalid' ||
    [...dataGroupHashes.values()].some((s) => s === 'mismatch' || s === 'missing-in-sod') ||
    dsCertificateValidity.status !== 'valid' ||
    dsChain.status === 'unavailable' ||
    crl.status === 'revoked';
  const verdict = failed ? 'failed' : dsChain.status === 'trusted' && matched > 0 ? 'verified' : 'unverified';

  return Object.freeze({
    verdict,
    sodSignature,
    digestAlgorithm: sod.digestAlgorithm.name,
    dataGroupHashes,
    dsCertificateValidity,
    dsChain,
    crl,
    ...(ds ? { dsSubject: describeCertificate(ds) } : {}),
    reasons: Object.freeze(reasons),
  });
}

function checkSignature(sod: SodInfo, ds: Certificate | undefined): PassiveAuthenticationResult['sodSignature'] {
  const algorithm = sod.signerInfo.signatureAlgorithm.name;
  if (!sod.dsCertificate) return Object.freeze({ status: 'invalid', reason: 'no Document Signer certificate in the SOD', algorithm });
  if (!ds) return Object.freeze({ status: 'invalid', reason: 'Document Signer certificate does not parse', algorithm });
  const check = verifySignerInfo(sod.signedData, sod.signerInfo, ds);
  return check.valid ? Object.freeze({ status: 'valid', algorithm }) : Object.freeze({ status: 'invalid', reason: check.reason, algorithm });
}

// ICAO 9303-11 §5.1 step 3: hash each data group read and compare with the SOD.
function checkHashes(sod: SodInfo, dataGroups: ReadonlyMap<number, Uint8Array>): ReadonlyMap<number, DataGroupHashStatus> {
  const out = new Map<number, DataGroupHashStatus>();
  for (const [n, expected] of [...sod.dataGroupHashes].sort(([a], [b]) => a - b)) {
    const file = dataGroups.get(n);
    out.set(n, file === undefined ? 'not-read' : equal(digest(sod.digestAlgorithm.name, file), expected) ? 'match' : 'mismatch');
  }
  for (const n of [...dataGroups.keys()].sort((a, b) => a - b)) {
    if (!out.has(n)) out.set(n, 'missing-in-sod');
  }
  return out;
}

function checkValidity(ds: Certificate, now: Date): PassiveAuthenticationResult['dsCertificateValidity'] {
  const t = now.getTime();
  const status = t < ds.notBefore.getTime() ? 'not-yet-valid' : t > ds.notAfter.getTime() ? 'expired' : 'valid';
  return Object.freeze({ status, notBefore: ds.notBefore, notAfter: ds.notAfter });
}

// ICAO 9303-11 §5.1 step 2 / 9303-12 §5: the DS must be signed by a CSCA the kiosk trusts.
function checkChain(ds: Certificate | undefined, store: TrustStore | undefined): PassiveAuthenticationResult['dsChain'] {
  if (!ds) return Object.freeze({ status: 'unavailable' });
  if (!store) return Object.freeze({ status: 'no-trust-store' });
  const issuers = store.findIssuers(ds);
  if (issuers.length === 0) return Object.freeze({ status: 'untrusted' });
  const csca = issuers.find((ca) => hasKeyUsage(ca, KEY_USAGE.keyCertSign) && isSignedBy(ds, ca));
  return csca ? Object.freeze({ status: 'trusted', csca: describeCertificate(csca) }) : Object.freeze({ status: 'invalid' });
}
