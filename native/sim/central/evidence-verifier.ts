// The central service's own check of chip evidence: passive authentication against the service's trust
// store (native/card/pa), and active authentication over the challenge the service issued, verified
// with the DG15 key exactly as the kiosk would (native/card/protocol/aa) by replaying the chip's answer
// to INTERNAL AUTHENTICATE through a one-answer card channel.

import type { CardChannel } from '../../hal/card-reader.ts';
import { KioskError } from '../../hal/errors.ts';
import { ApduTransport } from '../../card/apdu/apdu-transport.ts';
import { parseDg14 } from '../../card/lds/dg14.ts';
import { parseDg15 } from '../../card/lds/dg15.ts';
import { verifyPassiveAuthentication } from '../../card/pa/passive-authentication.ts';
import type { TrustStore } from '../../card/pa/trust-store.ts';
import { ActiveAuthentication } from '../../card/protocol/aa/active-authentication.ts';

export type CheckVerdict = 'passed' | 'failed' | 'not-performed' | 'unverified';

export interface EvidenceInput {
  readonly sod: Uint8Array;
  readonly dg1: Uint8Array;
  readonly dg14?: Uint8Array;
  readonly dg15?: Uint8Array;
  /** The challenge the service issued, and the chip's signature over it. */
  readonly activeAuthentication?: { readonly challenge: Uint8Array; readonly signature: Uint8Array };
  readonly now?: Date;
}

export interface EvidenceVerdict {
  readonly verdict: 'verified' | 'unverified' | 'failed';
  readonly assurance: 'CHIP_READ' | 'PA_VERIFIED' | 'PA_AA_OR_CA';
  readonly passive: { readonly verdict: CheckVerdict; readonly reasons: readonly string[] };
  readonly active: { readonly verdict: CheckVerdict; readonly reasons: readonly string[] };
}

/** Answers the one INTERNAL AUTHENTICATE the protocol sends with the signature the kiosk relayed. */
class RecordedAnswerChannel implements CardChannel {
  readonly atr = new Uint8Array(0);
  readonly extendedLengthSupported = true;
  private answered = false;

  constructor(private readonly signature: Uint8Array) {}

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    // Only INTERNAL AUTHENTICATE (INS 88) is expected, once; anything else is refused like a chip would.
    if (this.answered || command[1] !== 0x88) return Uint8Array.of(0x6d, 0x00);
    this.answered = true;
    const answer = new Uint8Array(this.signature.length + 2);
    answer.set(this.signature);
    answer.set([0x90, 0x00], this.signature.length);
    return answer;
  }
}

/** Runs passive and (when evidence for it is given) active authentication. Never throws for bad evidence. */
export async function verifyEvidence(input: EvidenceInput, trustStore: TrustStore | undefined): Promise<EvidenceVerdict> {
  const dataGroups = new Map<number, Uint8Array>([[1, input.dg1]]);
  if (input.dg14) dataGroups.set(14, input.dg14);
  if (input.dg15) dataGroups.set(15, input.dg15);

  let passive: EvidenceVerdict['passive'];
  try {
    const result = await verifyPassiveAuthentication({ sod: input.sod, dataGroups, ...(trustStore ? { trustStore } : {}), ...(input.now ? { now: input.now } : {}) });
    const verdict = result.verdict === 'verified' ? 'passed' : result.verdict;
    passive = { verdict, reasons: result.reasons.slice(0, 32) };
  } catch (err) {
    passive = { verdict: 'failed', reasons: [err instanceof KioskError ? `EF.SOD: ${err.code}` : 'EF.SOD could not be checked'] };
  }

  const active = await verifyActive(input);
  const failed = passive.verdict === 'failed' || active.verdict === 'failed';
  const verdict = failed ? 'failed' : passive.verdict === 'passed' ? 'verified' : 'unverified';
  const assurance = failed || passive.verdict !== 'passed' ? 'CHIP_READ' : active.verdict === 'passed' ? 'PA_AA_OR_CA' : 'PA_VERIFIED';
  return Object.freeze({ verdict, assurance, passive: Object.freeze(passive), active: Object.freeze(active) });
}

async function verifyActive(input: EvidenceInput): Promise<EvidenceVerdict['active']> {
  if (!input.activeAuthentication) return { verdict: 'not-performed', reasons: [] };
  if (!input.dg15) return { verdict: 'failed', reasons: ['active authentication needs DG15'] };
  try {
    const publicKey = parseDg15(input.dg15);
    const aaInfo = input.dg14 ? parseDg14(input.dg14).securityInfos.find((i) => i.kind === 'ActiveAuthenticationInfo') : undefined;
    const channel = new RecordedAnswerChannel(input.activeAuthentication.signature);
    const result = await new ActiveAuthentication(new ApduTransport(channel)).run({
      publicKey,
      challenge: input.activeAuthentication.challenge,
      ...(aaInfo && aaInfo.kind === 'ActiveAuthenticationInfo' ? { signatureAlgorithmOid: aaInfo.signatureAlgorithm } : {}),
    });
    return result.verdict === 'passed' ? { verdict: 'passed', reasons: [] } : { verdict: 'failed', reasons: [`active authentication: ${result.reason ?? 'failed'}`] };
  } catch (err) {
    return { verdict: 'failed', reasons: [err instanceof KioskError ? `active authentication: ${err.code}` : 'active authentication could not be checked'] };
  }
}
