// How the client reads the central service's department list: the envelope must hold (else the whole
// reply is a SyncTransportError `server`, and the kiosk uses its configured list), but one bad
// department must not cost the patient the others, so each is checked on its own and the bad ones are
// dropped and counted. An id must also be an identifier of the UI contract, because it becomes one on
// the screen (electron/contract/common.ts); repeated ids keep their first department.

import { z } from 'zod';
import { IdentifierSchema } from '../../contract/common.ts';
import { type CentralDepartment, CentralDepartmentSchema, MAX_DEPARTMENTS } from '../../../native/central/department-list.ts';
import { SyncTransportError } from './sync-transport.ts';

/** What the kiosk kept of a department list, and what it dropped, by reason (counts only). */
export interface DepartmentListing {
  readonly departments: readonly CentralDepartment[];
  readonly updatedAt: Date;
  readonly dropped: { readonly badId: number; readonly invalid: number; readonly duplicate: number };
}

const EnvelopeSchema = z.object({
  departments: z.array(z.unknown()).max(MAX_DEPARTMENTS),
  updatedAt: z.iso.datetime(),
});

/** `/departments: too_big`: where and which rule, never the value. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((issue) => `/${issue.path.join('/')}: ${issue.code}`)
    .join('; ');
}

/**
 * Reads the JSON value of a 200 reply to listDepartments. Throws SyncTransportError `server` (status 200)
 * when the envelope does not match the document; never throws for a bad department, which is dropped.
 */
export function readDepartmentList(value: unknown): DepartmentListing {
  const envelope = EnvelopeSchema.safeParse(value);
  if (!envelope.success) throw new SyncTransportError('server', `the listDepartments reply does not match the contract: ${describeIssues(envelope.error)}`, { status: 200 });
  const departments: CentralDepartment[] = [];
  const seen = new Set<string>();
  let badId = 0;
  let invalid = 0;
  let duplicate = 0;
  for (const item of envelope.data.departments) {
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    if (!IdentifierSchema.safeParse(id).success) {
      badId += 1;
      continue;
    }
    const parsed = CentralDepartmentSchema.safeParse(item);
    if (!parsed.success) invalid += 1;
    else if (seen.has(parsed.data.id)) duplicate += 1;
    else {
      seen.add(parsed.data.id);
      departments.push(Object.freeze(parsed.data));
    }
  }
  return Object.freeze({ departments: Object.freeze(departments), updatedAt: new Date(envelope.data.updatedAt), dropped: Object.freeze({ badId, invalid, duplicate }) });
}
