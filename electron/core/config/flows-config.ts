// The `flows` section: how the hospital check-in and the border gate behave. Every waiting step has a
// timeout (seconds), and each flow an idle reset that wipes the person's data when nobody touches the
// screen. The flow machines (electron/core/flows) read these values; they hold no defaults of their own.
//
//   flows:
//     hospital:
//       fingerprint: optional
//       departments:
//         - { id: noi-tong-quat, name: { vi: Nội tổng quát, en: General medicine } }
//     borderGate:
//       fingerprint: required
//       minimumAssurance: PA_AA_OR_CA
//       booths: [{ id: '1', name: { vi: Quầy 1, en: Booth 1, zh: 1号窗口 } }]

import { z } from 'zod';
import { ASSURANCE_LEVELS } from '../../../native/central/check-in-record.ts';
import { identifier, languageList, seconds, strictSection, trilingualText, uniqueIds } from './config-schema-parts.ts';

const label = z.string().trim().min(1).max(120);

/** Whether the fingerprint step runs, and whether a person may skip it or fail it and still go on. */
export const FINGERPRINT_MODES = Object.freeze(['required', 'optional', 'off'] as const);
export type FingerprintMode = (typeof FINGERPRINT_MODES)[number];

const fingerprintMode = z.enum(FINGERPRINT_MODES);

/** How many captures a person gets before the flow takes its error path. */
const fingerprintAttempts = z.int().min(1).max(5).default(3);

export const DepartmentSchema = strictSection({
  /** Sent to the central service with the check-in (CheckInRecord.visit.departmentId). */
  id: identifier(64),
  /** Vietnamese and English; Chinese where the hospital offers it. */
  name: strictSection({ vi: label, en: label, zh: label.optional() }),
  /** Printed on the ticket, e.g. `Phòng 3`. */
  room: z.string().trim().min(1).max(40).optional(),
  /** Queue-number prefix, e.g. `A` for A042 (default: the first letter of the id, upper case). */
  ticketPrefix: z.string().regex(/^[A-Z]{1,3}$/, { error: 'must be 1 to 3 capital letters' }).optional(),
});

const departments = z
  .array(DepartmentSchema)
  .min(1)
  .max(60)
  .superRefine((list, ctx) => uniqueIds(list, ctx, 'departments'));

/** Timeouts both flows have. */
const sharedTimeouts = {
  /** How long a card taken off mid-read may take to come back before the read gives up. */
  resumeCardSeconds: seconds(2, 60).default(10),
  /** How long an error screen waits for the person to choose (retry, back) before resetting. */
  errorSeconds: seconds(5, 300).default(30),
};

const hospitalTimeouts = strictSection({
  /** Welcome and present-card screens: no card, no QR, no touch -> back to welcome. */
  presentCardSeconds: seconds(5, 600).default(60),
  /** The whole chip read (access control, DG1/DG13, DG2 with progress). */
  readingSeconds: seconds(5, 120).default(30),
  /** Waiting for a finger on the scanner, per attempt. */
  fingerprintSeconds: seconds(5, 120).default(20),
  chooseDepartmentSeconds: seconds(10, 600).default(90),
  confirmSeconds: seconds(10, 600).default(60),
  /** The central service's identity verification; beyond it the check-in is queued as offline. */
  verificationSeconds: seconds(1, 60).default(8),
  /** Printing the ticket, including a retry after paper is loaded. */
  printingSeconds: seconds(5, 120).default(20),
  /** How long the done screen stays before the next person. */
  doneSeconds: seconds(3, 120).default(15),
  ...sharedTimeouts,
});

export const HospitalFlowSchema = strictSection({
  fingerprint: fingerprintMode,
  fingerprintAttempts,
  /** The departments or services offered; the list the central service gives, when online, wins. */
  departments,
  /** Ask the central service for the department list when it is reachable (falls back to `departments`). */
  departmentsFromCentral: z.boolean().default(true),
  /** A patient whose chip cannot be read may check in with the CCCD front QR alone (assurance QR_ONLY). */
  allowQrOnly: z.boolean().default(true),
  /** The lowest chip assurance accepted (QR-only check-ins are governed by `allowQrOnly`). */
  minimumAssurance: z.enum(ASSURANCE_LEVELS).default('CHIP_READ'),
  /** Ask the central service to verify the identity when it is reachable (queued offline either way). */
  onlineVerification: z.boolean().default(true),
  /** A line printed at the foot of the ticket, e.g. opening hours. */
  ticketFooter: z.string().trim().min(1).max(200).optional(),
  timeouts: hospitalTimeouts.prefault({}),
  /** No interaction for this long on any step: the person's data is wiped and the welcome screen shown. */
  idleResetSeconds: seconds(15, 1800).default(120),
});

export const BoothSchema = strictSection({
  /** What the traveller is told and the officer's booth sees (CheckInRecord.gate.booth). */
  id: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, { error: "must be letters, digits or '-', at most 16 characters" }),
  name: trilingualText,
});

const borderGateTimeouts = strictSection({
  presentDocumentSeconds: seconds(5, 600).default(30),
  readingSeconds: seconds(5, 120).default(20),
  fingerprintSeconds: seconds(5, 120).default(15),
  /** The central service's online verification; when it does not answer in time, offlineDecision applies. */
  verificationSeconds: seconds(1, 60).default(8),
  /** How long the verdict (open, or go to booth N) stays on screen. */
  verdictSeconds: seconds(3, 120).default(6),
  ...sharedTimeouts,
});

export const BorderGateFlowSchema = strictSection({
  fingerprint: fingerprintMode,
  fingerprintAttempts,
  /** Below this assurance the gate stays shut and the traveller is sent to a booth (ASSURANCE_LEVELS, weakest first). */
  minimumAssurance: z.enum(ASSURANCE_LEVELS).default('PA_AA_OR_CA'),
  /** Without an online verification (offline, or no answer in time): send the traveller to a booth, or decide on the local checks. */
  offlineDecision: z.enum(['booth', 'local']).default('booth'),
  /** Chip read attempts (re-presenting the document) before the traveller is sent to a booth. */
  readAttempts: z.int().min(1).max(5).default(2),
  /** Manual booths refused travellers are sent to, in turn. */
  booths: z
    .array(BoothSchema)
    .min(1)
    .max(32)
    .superRefine((list, ctx) => uniqueIds(list, ctx, 'booths')),
  /** The languages offered on the gate's screen. */
  languages: languageList.default(['vi', 'en', 'zh']),
  // The length of the gate's open pulse is the gate device's `options.pulseMs`: the driver owns it.
  timeouts: borderGateTimeouts.prefault({}),
  idleResetSeconds: seconds(15, 1800).default(60),
});

export const FlowsSectionSchema = strictSection({
  hospital: HospitalFlowSchema.optional(),
  borderGate: BorderGateFlowSchema.optional(),
});

export type Department = z.infer<typeof DepartmentSchema>;
export type Booth = z.infer<typeof BoothSchema>;
export type HospitalFlowConfig = z.infer<typeof HospitalFlowSchema>;
export type BorderGateFlowConfig = z.infer<typeof BorderGateFlowSchema>;
export type FlowsConfig = z.infer<typeof FlowsSectionSchema>;
