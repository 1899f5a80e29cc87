// The hospital self check-in as an explicit state machine (XState v5):
//
//   welcome → presentCard (chip on the reader with keys from the scanned QR/MRZ, or the QR alone)
//           → reading (AA nonce when online, then the chip with progress) → checkRead
//           → fingerprint (required | optional | off) → verifying (online, when reachable)
//           → departments → chooseDepartment → confirm → saving (acknowledged after the commit)
//           → printing → done → welcome
//
// Every waiting step has a timeout that resets to welcome, every step has BACK and CANCEL, and every
// failure ends on a screen that says what to do (the error screen offers RETRY / BACK / CANCEL and resets
// by itself). A ticket that cannot print still leaves a saved check-in: the done screen shows its queue
// number for the desk. Entering welcome wipes the person's data from the context.

import { assign, setup } from 'xstate';
import { atLeast } from '../../../../native/card/reader/assurance.ts';
import type { Logger } from '../../../../native/util/logger.ts';
import { qrDifferences } from '../document-checks.ts';
import { chipReader, fingerprintCapturer, identityVerification, nonceIssuer, presentationWatcher } from '../flow-actors.ts';
import type { FlowEvent } from '../flow-events.ts';
import { flowProblem, isAccessDenied, isCardRemoved, isDeviceUnavailable, isOffline, problemOf, type FlowProblem } from '../flow-problem.ts';
import type { HospitalFlowSettings } from '../flow-settings.ts';
import { afterReadEvent, afterScan, clearedPerson, type ReadProgressState } from '../flow-session-updates.ts';
import { EMPTY_SESSION, wipeSession, type PersonSession } from '../person-session.ts';
import {
  isChoosable,
  systemClock,
  type CardPort,
  type CheckInOutbox,
  type Department,
  type DepartmentSource,
  type DocumentScanPort,
  type FingerPhase,
  type FingerprintMatcher,
  type FingerprintPort,
  type FlowClock,
  type IdentityVerifier,
  type Language,
  type TicketNumbers,
  type TicketPrinter,
} from '../ports.ts';
import { hospitalTasks } from './hospital-tasks.ts';

export interface HospitalFlowDeps {
  readonly settings: HospitalFlowSettings;
  readonly card: CardPort;
  readonly scanner?: DocumentScanPort;
  readonly fingerprint?: FingerprintPort;
  readonly matcher?: FingerprintMatcher;
  /** Departments from the central service when online; the settings' list otherwise. */
  readonly departments?: DepartmentSource;
  readonly ticketNumbers: TicketNumbers;
  readonly outbox: CheckInOutbox;
  readonly printer: TicketPrinter;
  /** Online identity verification and the AA nonce; without it the flow works offline. */
  readonly verifier?: IdentityVerifier;
  readonly clock?: FlowClock;
  readonly logger?: Logger;
}

/** What the present-card screen asks for. */
export type PresentHint = 'card-or-qr' | 'scan-first' | 'place-card';
export type RetryTarget = 'presentCard' | 'fingerprint' | 'confirm';

export type { ReadProgressState } from '../flow-session-updates.ts';

export interface HospitalContext {
  readonly language: Language;
  /** How the person said they would identify: the chip (with keys from a scan), or the front QR. */
  readonly method: 'chip' | 'qr';
  /** Everything about the person; EMPTY_SESSION after a reset. */
  readonly session: PersonSession;
  readonly hint: PresentHint;
  readonly problem: FlowProblem | undefined;
  readonly retryTarget: RetryTarget;
  readonly progress: ReadProgressState | undefined;
  readonly cardLost: boolean;
  readonly fingerAttempt: number;
  readonly fingerPhase: FingerPhase | undefined;
  readonly departments: readonly Department[];
  readonly departmentsOnline: boolean;
  /** The central service was unreachable during this check-in (it is queued with its local assurance). */
  readonly offline: boolean;
  readonly printed: boolean | undefined;
}

export function createHospitalCheckInMachine(deps: HospitalFlowDeps) {
  const { settings, card } = deps;
  const t = settings.timeouts;
  const clock = deps.clock ?? systemClock;
  const initialContext = (): HospitalContext => ({
    language: settings.defaultLanguage,
    method: 'chip',
    session: EMPTY_SESSION,
    hint: 'card-or-qr',
    problem: undefined,
    retryTarget: 'presentCard',
    progress: undefined,
    cardLost: false,
    fingerAttempt: 0,
    fingerPhase: undefined,
    departments: settings.departments,
    departmentsOnline: false,
    offline: false,
    printed: undefined,
  });
  const fingerprintOn = settings.fingerprint !== 'off';
  /** The `fail` action with its parameters: the problem to show and where RETRY leads. */
  const fail = (code: string, messageKey: FlowProblem['messageKey'], retryTarget: RetryTarget = 'presentCard') =>
    ({ type: 'fail', params: { code, messageKey, retryTarget } }) as const;

  return setup({
    types: {} as { context: HospitalContext; events: FlowEvent },
    actors: {
      watchDevices: presentationWatcher(card, deps.scanner),
      readChip: chipReader(card),
      captureFinger: fingerprintCapturer(deps.fingerprint, deps.matcher, t.fingerprintMs),
      issueNonce: nonceIssuer(deps.verifier),
      verifyIdentity: identityVerification(deps.verifier),
      ...hospitalTasks(deps, clock),
    },
    guards: {
      canRead: ({ context }) => context.session.scan !== undefined && card.cardPresent,
      hasScan: ({ context }) => context.session.scan !== undefined,
      canUseQr: ({ context }) => settings.allowQrOnly && context.session.scan?.kind === 'cccd-qr',
      qrChosenAndScanned: ({ context }) => context.method === 'qr' && settings.allowQrOnly && context.session.scan?.kind === 'cccd-qr' && !card.cardPresent,
      wantsNonce: () => settings.onlineVerification && deps.verifier !== undefined,
      untrusted: ({ context }) => context.session.read?.trusted === false,
      notTheScannedCard: ({ context }) => {
        const { scan, read } = context.session;
        return scan?.kind === 'cccd-qr' && read !== undefined && qrDifferences(scan.identity, read.identity).length > 0;
      },
      belowMinimum: ({ context }) => context.session.read !== undefined && !atLeast(context.session.read.assurance, settings.minimumAssurance),
      fingerprintOn: () => fingerprintOn,
      fingerprintOptional: () => settings.fingerprint === 'optional',
      attemptsLeft: ({ context }) => context.fingerAttempt < settings.fingerprintAttempts,
      canVerifyOnline: ({ context }) => settings.onlineVerification && deps.verifier !== undefined && context.session.nonce !== undefined && context.session.read !== undefined,
    },
    actions: {
      resetPerson: assign(({ context }) => {
        wipeSession(context.session);
        return initialContext();
      }),
      fail: assign((_, params: { code: string; messageKey: FlowProblem['messageKey']; retryTarget: RetryTarget }) => ({
        problem: flowProblem(params.code, params.messageKey),
        retryTarget: params.retryTarget,
      })),
      logProblem: ({ context }) => {
        if (context.problem) deps.logger?.info({ flow: 'hospital', code: context.problem.code }, 'check-in step failed');
      },
      clearPerson: assign(({ context }) => clearedPerson(context.session)),
      useQrIdentity: assign({
        session: ({ context }) => ({ ...context.session, read: undefined, identity: context.session.scan?.kind === 'cccd-qr' ? context.session.scan.identity : undefined }),
      }),
      updateHint: assign({ hint: ({ context }): PresentHint => (context.session.scan ? 'place-card' : card.cardPresent ? 'scan-first' : 'card-or-qr') }),
      applyScan: assign(({ context, event }) => (event.type === 'SCANNED' ? afterScan(context.session, event.scan) : {})),
    },
    delays: {
      presentCard: t.presentCardMs,
      read: t.readMs,
      fingerprintWatchdog: t.fingerprintMs + 5_000,
      fingerprintRetry: t.fingerprintRetryMs,
      nonce: t.nonceMs,
      verify: t.verifyMs,
      choose: t.chooseMs,
      confirm: t.confirmMs,
      print: t.printMs,
      done: t.doneMs,
      error: t.errorMs,
    },
  }).createMachine({
    id: 'hospital',
    context: initialContext,
    invoke: { src: 'watchDevices' },
    on: {
      SET_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
      RESET: { target: '.welcome' },
    },
    initial: 'welcome',
    states: {
      welcome: {
        entry: 'resetPerson',
        on: {
          START: { target: 'presentCard', actions: assign({ method: 'chip' }) },
          PRESENT_CARD: { target: 'presentCard', actions: assign({ method: 'chip' }) },
          USE_QR: { target: 'presentCard', actions: assign({ method: 'qr' }) },
          'CARD.INSERTED': 'presentCard',
          SCANNED: { target: 'presentCard', actions: 'applyScan' },
        },
      },
      presentCard: {
        entry: 'updateHint',
        always: [
          { guard: 'canRead', target: 'reading' },
          { guard: 'qrChosenAndScanned', target: 'afterIdentity', actions: 'useQrIdentity' },
        ],
        on: {
          PRESENT_CARD: { actions: assign({ method: 'chip' }) },
          ACTIVITY: { target: 'presentCard', reenter: true },
          SCANNED: { actions: ['applyScan', 'updateHint'] },
          'CARD.INSERTED': { actions: 'updateHint' },
          'CARD.REMOVED': { actions: 'updateHint' },
          USE_QR: [{ guard: 'canUseQr', target: 'afterIdentity', actions: 'useQrIdentity' }, { actions: assign({ method: 'qr' }) }],
          BACK: 'welcome',
          CANCEL: 'welcome',
        },
        after: { presentCard: 'welcome' },
      },
      reading: {
        entry: assign({ progress: undefined, cardLost: false, problem: undefined }),
        initial: 'start',
        states: {
          start: { always: [{ guard: 'wantsNonce', target: 'nonce' }, { target: 'chip' }] },
          nonce: {
            invoke: {
              src: 'issueNonce',
              onDone: { target: 'chip', actions: assign({ session: ({ context, event }) => ({ ...context.session, nonce: event.output }) }) },
              onError: { target: 'chip', actions: assign({ offline: true }) },
            },
            after: { nonce: { target: 'chip', actions: assign({ offline: true }) } },
          },
          chip: {
            invoke: {
              src: 'readChip',
              input: ({ context }) => ({ keys: context.session.scan?.keys ?? [], challenge: context.session.nonce?.challenge }),
            },
            on: {
              'READ.EVENT': {
                actions: assign(({ context, event }) => afterReadEvent(context.session, event.event, context.progress)),
              },
              'READ.DONE': {
                target: '#hospital.checkRead',
                actions: assign({ session: ({ context, event }) => ({ ...context.session, read: event.read }) }),
              },
              'READ.FAILED': [
                {
                  guard: ({ event }) => isAccessDenied(event.error),
                  target: '#hospital.error',
                  actions: ['clearPerson', fail('WRONG_CARD', 'WRONG_CARD'), 'logProblem'],
                },
                {
                  guard: ({ event }) => isCardRemoved(event.error),
                  target: '#hospital.error',
                  actions: [fail('CARD_REMOVED', 'CARD_REMOVED'), 'logProblem'],
                },
                {
                  target: '#hospital.error',
                  actions: [assign({ problem: ({ event }) => problemOf(event.error), retryTarget: 'presentCard' }), 'logProblem'],
                },
              ],
            },
          },
        },
        after: { read: { target: 'error', actions: [fail('READ_TIMEOUT', 'CARD_UNREADABLE'), 'logProblem'] } },
        on: {
          BACK: { target: 'presentCard', actions: 'clearPerson' },
          CANCEL: 'welcome',
        },
      },
      checkRead: {
        always: [
          { guard: 'untrusted', target: 'error', actions: [fail('CHIP_NOT_GENUINE', 'VERIFICATION_FAILED'), 'logProblem'] },
          { guard: 'notTheScannedCard', target: 'error', actions: ['clearPerson', fail('WRONG_CARD', 'WRONG_CARD'), 'logProblem'] },
          { guard: 'belowMinimum', target: 'error', actions: [fail('ASSURANCE_TOO_LOW', 'VERIFICATION_FAILED'), 'logProblem'] },
          { target: 'afterIdentity', actions: assign({ session: ({ context }) => ({ ...context.session, identity: context.session.read?.identity }) }) },
        ],
      },
      afterIdentity: {
        always: [{ guard: 'fingerprintOn', target: 'fingerprint' }, { target: 'afterFingerprint' }],
      },
      fingerprint: {
        entry: assign({ fingerAttempt: 0, problem: undefined }),
        initial: 'capturing',
        states: {
          capturing: {
            entry: assign({ fingerAttempt: ({ context }) => context.fingerAttempt + 1, fingerPhase: 'place' }),
            invoke: { src: 'captureFinger', input: ({ context }) => ({ identity: context.session.identity }) },
            on: {
              'FINGER.PHASE': { actions: assign({ fingerPhase: ({ event }) => event.phase }) },
              'FINGER.DONE': [
                {
                  guard: ({ event }) => event.verdict === 'not-matched',
                  target: 'mismatch',
                  actions: assign({ session: ({ context }) => ({ ...context.session, fingerprintVerdict: 'not-matched' as const }) }),
                },
                {
                  target: '#hospital.afterFingerprint',
                  actions: assign({ session: ({ context, event }) => ({ ...context.session, fingerprint: event.sample, fingerprintVerdict: event.verdict }), problem: undefined }),
                },
              ],
              'FINGER.FAILED': [
                { guard: ({ event }) => isDeviceUnavailable(event.error), target: 'unavailable', actions: assign({ problem: ({ event }) => problemOf(event.error) }) },
                { guard: 'attemptsLeft', target: 'retryWait', actions: assign({ problem: ({ event }) => problemOf(event.error) }) },
                { target: 'exhausted', actions: assign({ problem: ({ event }) => problemOf(event.error) }) },
              ],
            },
            after: { fingerprintWatchdog: [{ guard: 'attemptsLeft', target: 'retryWait', actions: fail('TIMEOUT', 'FINGER_NOT_DETECTED', 'fingerprint') }, { target: 'exhausted' }] },
          },
          retryWait: {
            on: { RETRY: 'capturing', ACTIVITY: { target: 'retryWait', reenter: true } },
            after: { fingerprintRetry: 'capturing' },
          },
          mismatch: {
            always: [
              { guard: 'attemptsLeft', target: 'retryWait', actions: assign({ problem: flowProblem('FINGERPRINT_MISMATCH', 'FINGERPRINT_MISMATCH') }) },
              { target: '#hospital.error', actions: [fail('FINGERPRINT_MISMATCH', 'FINGERPRINT_MISMATCH', 'fingerprint'), 'logProblem'] },
            ],
          },
          unavailable: {
            always: [
              { guard: 'fingerprintOptional', target: '#hospital.afterFingerprint' },
              { target: '#hospital.error', actions: [fail('FINGERPRINT_UNAVAILABLE', 'FINGERPRINT_UNAVAILABLE', 'fingerprint'), 'logProblem'] },
            ],
          },
          exhausted: {
            always: [
              { guard: 'fingerprintOptional', target: '#hospital.afterFingerprint' },
              { target: '#hospital.error', actions: [fail('FINGERPRINT_NOT_CONFIRMED', 'FINGERPRINT_NOT_CONFIRMED', 'fingerprint'), 'logProblem'] },
            ],
          },
        },
        on: {
          SKIP: { guard: 'fingerprintOptional', target: 'afterFingerprint', actions: assign({ problem: undefined }) },
          BACK: { target: 'presentCard', actions: 'clearPerson' },
          CANCEL: 'welcome',
        },
      },
      afterFingerprint: {
        entry: assign({ fingerPhase: undefined }),
        always: [{ guard: 'canVerifyOnline', target: 'verifying' }, { target: 'departments' }],
      },
      verifying: {
        invoke: {
          src: 'verifyIdentity',
          input: ({ context }) => context.session,
          onDone: [
            { guard: ({ event }) => event.output.verdict === 'failed', target: 'error', actions: [fail('ONLINE_VERIFICATION_FAILED', 'VERIFICATION_FAILED'), 'logProblem'] },
            { target: 'departments', actions: assign({ session: ({ context, event }) => ({ ...context.session, online: event.output }) }) },
          ],
          // Unreachable, or a refusal that is the kiosk's fault (signature, contract): the check-in goes on
          // with the kiosk's own assurance and is verified when it syncs.
          onError: {
            target: 'departments',
            actions: [assign({ offline: true }), ({ event }) => deps.logger?.warn({ flow: 'hospital', code: problemOf(event.error).code, offline: isOffline(event.error) }, 'online verification unavailable')],
          },
        },
        after: { verify: { target: 'departments', actions: assign({ offline: true }) } },
        on: { CANCEL: 'welcome' },
      },
      departments: {
        invoke: {
          src: 'listDepartments',
          onDone: [
            { guard: ({ event }) => event.output.departments.length > 0, target: 'chooseDepartment', actions: assign({ departments: ({ event }) => event.output.departments, departmentsOnline: ({ event }) => event.output.online }) },
            { target: 'chooseDepartment' },
          ],
          onError: { target: 'chooseDepartment' },
        },
        after: { choose: 'chooseDepartment' },
        on: { CANCEL: 'welcome' },
      },
      chooseDepartment: {
        always: { guard: ({ context }) => context.departments.length === 0, target: 'error', actions: [fail('NO_DEPARTMENTS', 'CONFIG_INVALID'), 'logProblem'] },
        on: {
          CHOOSE_DEPARTMENT: {
            // A department the service marks unavailable is shown but takes no more patients.
            guard: ({ context, event }) => context.departments.some((d) => d.id === event.departmentId && isChoosable(d)),
            target: 'confirm',
            actions: assign({ session: ({ context, event }) => ({ ...context.session, department: context.departments.find((d) => d.id === event.departmentId) }) }),
          },
          BACK: [{ guard: 'fingerprintOn', target: 'fingerprint' }, { target: 'presentCard', actions: 'clearPerson' }],
          CANCEL: 'welcome',
          ACTIVITY: { target: 'chooseDepartment', reenter: true },
        },
        after: { choose: 'welcome' },
      },
      confirm: {
        on: {
          CONFIRM: 'saving',
          BACK: { target: 'chooseDepartment', actions: assign({ session: ({ context }) => ({ ...context.session, department: undefined }) }) },
          CANCEL: 'welcome',
          ACTIVITY: { target: 'confirm', reenter: true },
        },
        after: { confirm: 'welcome' },
      },
      saving: {
        invoke: {
          src: 'saveCheckIn',
          input: ({ context }) => ({ session: context.session, language: context.language }),
          onDone: {
            target: 'printing',
            actions: assign({ session: ({ context, event }) => ({ ...context.session, ...event.output }) }),
          },
          onError: { target: 'error', actions: [assign({ problem: ({ event }) => flowProblem(problemOf(event.error).code, 'CHECK_IN_NOT_SAVED'), retryTarget: 'confirm' }), 'logProblem'] },
        },
      },
      printing: {
        invoke: {
          src: 'printTicket',
          input: ({ context }) => context.session.ticket,
          onDone: { target: 'done', actions: assign({ printed: true }) },
          onError: {
            target: 'done',
            actions: [assign({ printed: false, problem: ({ event }) => flowProblem(problemOf(event.error).code, 'TICKET_NOT_PRINTED') }), 'logProblem'],
          },
        },
        after: { print: { target: 'done', actions: [assign({ printed: false, problem: flowProblem('PRINTER_NOT_RESPONDING', 'TICKET_NOT_PRINTED') }), 'logProblem'] } },
      },
      done: {
        on: { CANCEL: 'welcome', START: 'welcome', ACTIVITY: { target: 'done', reenter: true } },
        // Without a printed ticket the person needs longer to note the number or walk to the desk.
        after: { done: { guard: ({ context }) => context.printed === true, target: 'welcome' }, error: 'welcome' },
      },
      error: {
        on: {
          RETRY: [
            { guard: ({ context }) => context.retryTarget === 'fingerprint', target: 'fingerprint' },
            { guard: ({ context }) => context.retryTarget === 'confirm', target: 'confirm' },
            { target: 'presentCard' },
          ],
          USE_QR: { guard: 'canUseQr', target: 'afterIdentity', actions: 'useQrIdentity' },
          BACK: { target: 'presentCard', actions: 'clearPerson' },
          CANCEL: 'welcome',
          ACTIVITY: { target: 'error', reenter: true },
        },
        after: { error: 'welcome' },
      },
    },
  });
}


export type HospitalCheckInMachine = ReturnType<typeof createHospitalCheckInMachine>;
