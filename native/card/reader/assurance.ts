// How much the kiosk may trust an identity, from the weakest (printed QR only) to the strongest
// (chip data signed by a trusted country and the chip proven genuine). DESIGN.md, "The card stack".

export type AssuranceLevel = 'QR_ONLY' | 'CHIP_READ' | 'PA_VERIFIED' | 'PA_AA_OR_CA';

export type CheckVerdict = 'passed' | 'failed' | 'not-performed' | 'unverified';

export interface VerificationVerdicts {
  /** Passive authentication: 'unverified' = signature and hashes fine but no trusted CSCA to chain to. */
  readonly passive: CheckVerdict;
  readonly active: CheckVerdict;
  readonly chip: CheckVerdict;
}

export const ASSURANCE_ORDER: readonly AssuranceLevel[] = Object.freeze(['QR_ONLY', 'CHIP_READ', 'PA_VERIFIED', 'PA_AA_OR_CA']);

/**
 * The assurance a chip read earns. Any failed check means the document must not be trusted at all,
 * which callers see as `trusted: false` — a failed check never lowers to a weaker-but-positive level.
 */
export function assuranceOf(v: VerificationVerdicts): { readonly level: AssuranceLevel; readonly trusted: boolean } {
  const failed = v.passive === 'failed' || v.active === 'failed' || v.chip === 'failed';
  if (failed) return Object.freeze({ level: 'CHIP_READ', trusted: false });
  if (v.passive !== 'passed') return Object.freeze({ level: 'CHIP_READ', trusted: true });
  if (v.active === 'passed' || v.chip === 'passed') return Object.freeze({ level: 'PA_AA_OR_CA', trusted: true });
  return Object.freeze({ level: 'PA_VERIFIED', trusted: true });
}

export function atLeast(level: AssuranceLevel, minimum: AssuranceLevel): boolean {
  return ASSURANCE_ORDER.indexOf(level) >= ASSURANCE_ORDER.indexOf(minimum);
}
