// The hospital's department list as the central authentication service gives it to a kiosk
// (GET /v1/kiosks/{kioskId}/departments): what a patient may choose, whether it takes patients now, and
// the expected wait. One zod schema for the simulator and the kiosk's client; the OpenAPI document's
// DepartmentList schema is generated from it (the contract test fails when the two differ).

import { z } from 'zod';

/**
 * The rule of the UI contract's identifiers (electron/contract/common.ts IdentifierSchema), repeated
 * here because native/ never imports electron/: a department id travels to the screen as one.
 */
export const DEPARTMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** The screen lists at most 100 departments (electron/contract/screens.ts). */
export const MAX_DEPARTMENTS = 100;
/** The UI contract bounds a wait to this (DepartmentViewSchema.waitMinutes). */
export const MAX_WAIT_MINUTES = 10_000;

const label = z.string().min(1).max(200);

export const CentralDepartmentSchema = z
  .object({
    /** Sent back with the check-in (CheckInRecord.visit.departmentId). */
    id: z.string().min(1).max(64).regex(DEPARTMENT_ID_PATTERN),
    name: z.object({ vi: label, en: label, zh: label.optional() }).strict(),
    /** Printed on the ticket, e.g. 'Phòng 3'. */
    room: z.string().min(1).max(40).optional(),
    /** Queue-number prefix, e.g. 'A' for A042. */
    ticketPrefix: z.string().regex(/^[A-Z]{1,3}$/).optional(),
    /** False while the department takes no more patients today: shown, but it cannot be chosen. */
    available: z.boolean(),
    /** The expected wait, when the hospital's queue system knows it. */
    waitMinutes: z.int().min(0).max(MAX_WAIT_MINUTES).optional(),
  })
  .strict();

export const DepartmentListSchema = z
  .object({
    departments: z.array(CentralDepartmentSchema).max(MAX_DEPARTMENTS),
    /** RFC 3339 UTC time the list (and its waits) was last updated. */
    updatedAt: z.iso.datetime(),
  })
  .strict();

export type CentralDepartment = z.infer<typeof CentralDepartmentSchema>;
export type DepartmentList = z.infer<typeof DepartmentListSchema>;
