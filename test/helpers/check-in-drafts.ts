// Synthetic check-ins for store and sync tests. The people are invented; the name and numbers are
// distinctive so a test can grep raw database bytes for them.
import type { CheckInDraft } from '../../electron/core/store/check-in-store.ts';

export const SYNTHETIC_NAME = 'PHẠM THỊ THỬNGHIỆM';
export const SYNTHETIC_ID_NUMBER = '079199012345';

/** A hospital check-in of the synthetic person; `n` varies the department so drafts differ. */
export function hospitalDraft(n = 0, overrides: Partial<CheckInDraft> = {}): CheckInDraft {
  return {
    kioskId: 'kiosk-test-01',
    profile: 'hospital',
    assurance: 'PA_AA_OR_CA',
    verdicts: { passive: 'passed', active: 'passed', chip: 'passed', fingerprint: 'matched' },
    devices: { 'reader-0': 'ready', 'finger-0': 'ready' },
    person: {
      documentType: 'CCCD',
      documentNumber: SYNTHETIC_ID_NUMBER.slice(3),
      issuingState: 'VNM',
      fullName: SYNTHETIC_NAME,
      dateOfBirth: '1999-07-14',
      sex: 'F',
      nationality: 'VNM',
      personalNumber: SYNTHETIC_ID_NUMBER,
    },
    visit: { departmentId: `dept-${n % 7}`, ticketNumber: `A${String(n).padStart(4, '0')}` },
    ...overrides,
  };
}
