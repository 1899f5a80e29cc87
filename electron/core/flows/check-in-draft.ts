// The record a flow hands to the outbox: who (the identity as PersonSchema wants it), how sure the kiosk
// is (assurance and verdicts), and what happened (the hospital visit or the gate decision).

import type { AssuranceLevel } from '../../../native/card/reader/assurance.ts';
import type { Person } from '../../../native/central/check-in-record.ts';
import type { CheckInDraft } from '../store/check-in-store.ts';
import type { PersonSession } from './person-session.ts';
import type { Identity } from './ports.ts';

export function personOf(identity: Identity): Person {
  return {
    documentType: identity.documentType,
    documentNumber: identity.documentNumber,
    issuingState: identity.issuingState,
    fullName: identity.fullName,
    dateOfBirth: identity.dateOfBirth,
    sex: identity.sex,
    ...(identity.nationality ? { nationality: identity.nationality } : {}),
    ...(identity.personalNumber ? { personalNumber: identity.personalNumber } : {}),
  };
}

/** The service's assurance when it verified the identity online, else what the kiosk established itself. */
export function assuranceOf(session: PersonSession): AssuranceLevel {
  if (!session.read) return 'QR_ONLY';
  if (session.online?.verdict === 'verified') return session.online.assurance;
  return session.read.assurance;
}

export function verdictsOf(session: PersonSession): CheckInDraft['verdicts'] {
  const read = session.read?.verdicts;
  return {
    passive: read?.passive ?? 'not-performed',
    active: read?.active ?? 'not-performed',
    chip: read?.chip ?? 'not-performed',
    fingerprint: session.fingerprintVerdict,
  };
}

export interface DraftInput {
  readonly kioskId: string;
  readonly profile: CheckInDraft['profile'];
  readonly session: PersonSession & { readonly identity: Identity };
  readonly visit?: CheckInDraft['visit'];
  readonly gate?: CheckInDraft['gate'];
}

export function checkInDraft(input: DraftInput): CheckInDraft {
  const { session } = input;
  return {
    kioskId: input.kioskId,
    profile: input.profile,
    assurance: assuranceOf(session),
    verdicts: verdictsOf(session),
    person: personOf(session.identity),
    ...(input.visit ? { visit: input.visit } : {}),
    ...(input.gate ? { gate: input.gate } : {}),
  };
}
