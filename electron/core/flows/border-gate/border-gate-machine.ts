// The digital border gate as an explicit state machine (XState v5):
//
//   idle → presentDocument (MRZ or CCCD QR on the scanner for the keys, the document on the reader)
//        → reading (AA nonce from the service, then the chip: PA, AA, CA) → checkDocument (chip checks,
//          DG1 against the scanned MRZ, expiry) → fingerprint → verifying (online; offline: booth, or
//          the local checks when configured) → saving → opening (gate pulse) → open → idle
//
// Any refusal ends in `booth`: "please go to booth N" with a reason code for the officer, saved with the
// check-in when the traveller was identified. A chip that cannot be read may be presented again
// (`readAttempts`). Every waiting step times out to idle, which wipes the traveller's data.

import { assign, fromPromise, setup } from 'xstate';
import { atLeast } from '../../../../native/card/reader/assurance.ts';
import type { Logger } from '../../../../native/util/logger.ts';
import { checkInDraft } from '../check-in-draft.ts';
import { chipReader, fingerprintCapturer, identityVerification, nonceIssuer, presentationWatcher } from '../flow-actors.ts';
import type { FlowEvent } from '../flow-events.ts';
import { flowProblem, flowUnavailable, isAccessDenied, isDeviceUnavailable, isOffline, problemOf, type FlowProblem } from '../flow-problem.ts';
import type { BorderGateFlowSettings } from '../flow-settings.ts';
import { afterReadEvent, afterScan, clearedPerson, type ReadProgressState } from '../flow-session-updates.ts';
import { EMPTY_SESSION, wipeSession, type PersonSession } from '../person-session.ts';
import {
  systemClock,
  type CardPort,
  type CheckInOutbox,
  type DocumentScanPort,
  type FingerPhase,
  type FingerprintMatcher,
  type FingerprintPort,
  type FlowClock,
  type GatePort,
  type IdentityVerifier,
  type Language,
} from '../ports.ts';
import { documentRefusal, readFailureReason, type BoothReason, type GateDecision } from './gate-decision.ts';

export interface BorderGateFlowDeps {
  readonly settings: BorderGateFlowSettings;
  readonly card: CardPort;
  readonly scanner?: DocumentScanPort;
  readonly fingerprint?: FingerprintPort;
  readonly matcher?: FingerprintMatcher;
  readonly outbox: CheckInOutbox;
  readonly gate: GatePort;
  readonly verifier?: IdentityVerifier;
  readonly clock?: FlowClock;
  readonly logger?: Logger;
}

export type DocumentHint = 'document' | 'scan-first' | 'place-card';

export interface BorderGateContext {
  readonly language: Language;
  readonly session: PersonSession;
  readonly hint: DocumentHint;
  /** Why the traveller is asked again (a failed read they may retry, a bad scan). */
  readonly problem: FlowProblem | undefined;
  readonly progress: ReadProgressState | undefined;
  readonly cardLost: boolean;
  readonly readAttempts: number;
  readonly fingerAttempt: number;
  readonly fingerPhase: FingerPhase | undefined;
  readonly offline: boolean;
  readonly decision: GateDecision | undefined;
  /** Which booth the next refused traveller goes to (not personal: kept across resets). */
  readonly boothTurn: number;
}

export function createBorderGateMachine(deps: BorderGateFlowDeps) {
  const { settings, card } = deps;
  const t = settings.timeouts;
  const clock = deps.clock ?? systemClock;
  const fresh = (boothTurn: number): BorderGateContext => ({
    language: settings.defaultLanguage,
    session: EMPTY_SESSION,
    hint: 'document',
    problem: undefined,
    progress: undefined,
    cardLost: false,
    readAttempts: 0,
    fingerAttempt: 0,
    fingerPhase: undefined,
    offline: false,
    decision: undefined,
    boothTurn,
  });
  const refuse = (reason: BoothReason) => ({ type: 'refuse', params: { reason } }) as const;
  const localPass = (session: PersonSession) =>
    session.read !== undefined && session.read.trusted && atLeast(session.read.assurance, settings.minimumAssurance);

  return setup({
    types: {} as { context: BorderGateContext; events: FlowEvent },
    actors: {
      watchDevices: presentationWatcher(card, deps.scanner),
      readChip: chipReader(card),
      captureFinger: fingerprintCapturer(deps.fingerprint, deps.matcher, t.fingerprintMs),
      issueNonce: nonceIssuer(deps.verifier),
      verifyIdentity: identityVerification(deps.verifier),
      saveDecision: fromPromise(async ({ input }: { input: { session: PersonSession; decision: GateDecision | undefined } }) => {
        const { identity } = input.session;
        if (!identity || !input.decision) throw flowUnavailable();
        return deps.outbox.enqueue(checkInDraft({ kioskId: settings.kioskId, profile: 'border-gate', session: { ...input.session, identity }, gate: input.decision }));
      }),
      pulseGate: fromPromise(() => deps.gate.pulse()),
    },
    guards: {
      canRead: ({ context }) => context.session.scan !== undefined && card.cardPresent,
      wantsNonce: () => deps.verifier !== undefined,
      readAttemptsLeft: ({ context }) => context.readAttempts < settings.readAttempts,
      documentRefused: ({ context }) => documentRefusal(context.session, clock.now()) !== undefined,
      fingerprintOn: () => settings.fingerprint !== 'off',
      fingerprintOptional: () => settings.fingerprint === 'optional',
      attemptsLeft: ({ context }) => context.fingerAttempt < settings.fingerprintAttempts,
      canVerifyOnline: ({ context }) => deps.verifier !== undefined && context.session.nonce !== undefined && context.session.read !== undefined,
      decidesLocally: ({ context }) => settings.offlineDecision === 'local' && localPass(context.session),
      identified: ({ context }) => context.session.identity !== undefined,
      opens: ({ context }) => context.decision?.decision === 'open',
    },
    actions: {
      resetPerson: assign(({ context }) => {
        wipeSession(context.session);
        return fresh(context.boothTurn);
      }),
      clearPerson: assign(({ context }) => clearedPerson(context.session)),
      applyScan: assign(({ context, event }) => (event.type === 'SCANNED' ? afterScan(context.session, event.scan) : {})),
      updateHint: assign({ hint: ({ context }): DocumentHint => (context.session.scan ? 'place-card' : card.cardPresent ? 'scan-first' : 'document') }),
      refuse: assign(({ context }, params: { reason: BoothReason }) => {
        const booth = settings.booths[context.boothTurn % settings.booths.length]!;
        deps.logger?.info({ flow: 'border-gate', reasonCode: params.reason, booth }, 'traveller sent to a booth');
        return { decision: { decision: 'booth' as const, reasonCode: params.reason, booth }, boothTurn: context.boothTurn + 1 };
      }),
      adoptIdentity: assign({ session: ({ context }) => ({ ...context.session, identity: context.session.read?.identity }) }),
    },
    delays: {
      presentCard: t.presentCardMs,
      read: t.readMs,
      fingerprintWatchdog: t.fingerprintMs + 5_000,
      fingerprintRetry: t.fingerprintRetryMs,
      nonce: t.nonceMs,
      verify: t.verifyMs,
      gate: t.gateMs,
      done: t.doneMs,
    },
  }).createMachine({
    id: 'gate',
    context: () => fresh(0),
    invoke: { src: 'watchDevices' },
    on: {
      SET_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
      RESET: { target: '.idle' },
    },
    initial: 'idle',
    states: {
      idle: {
        entry: 'resetPerson',
        on: {
          START: 'presentDocument',
          PRESENT_CARD: 'presentDocument',
          'CARD.INSERTED': 'presentDocument',
          SCANNED: { target: 'presentDocument', actions: 'applyScan' },
        },
      },
      presentDocument: {
        entry: 'updateHint',
        always: { guard: 'canRead', target: 'reading' },
        on: {
          SCANNED: { actions: ['applyScan', 'updateHint'] },
          'CARD.INSERTED': { actions: 'updateHint' },
          'CARD.REMOVED': { actions: 'updateHint' },
          ACTIVITY: { target: 'presentDocument', reenter: true },
          BACK: 'idle',
          CANCEL: 'idle',
        },
        after: { presentCard: 'idle' },
      },
      reading: {
        entry: assign({ progress: undefined, cardLost: false }),
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
              'READ.DONE': { target: '#gate.checkDocument', actions: assign({ session: ({ context, event }) => ({ ...context.session, read: event.read }) }) },
              'READ.FAILED': [
                {
                  guard: ({ context }) => context.readAttempts + 1 < settings.readAttempts,
                  target: '#gate.presentDocument',
                  // A refused key means another document than the one scanned: scan again.
                  actions: assign(({ context, event }) => ({
                    readAttempts: context.readAttempts + 1,
                    problem: isAccessDenied(event.error) ? flowProblem('WRONG_DOCUMENT', 'WRONG_CARD') : problemOf(event.error),
                    session: isAccessDenied(event.error) ? EMPTY_SESSION : { ...context.session, nonce: undefined, holderName: undefined },
                  })),
                },
                { target: '#gate.refusing', actions: { type: 'refuse', params: ({ event }) => ({ reason: readFailureReason(event.error) }) } },
              ],
            },
          },
        },
        after: { read: { target: 'refusing', actions: refuse('READ_TIMEOUT') } },
        on: {
          BACK: { target: 'presentDocument', actions: 'clearPerson' },
          CANCEL: 'idle',
        },
      },
      checkDocument: {
        entry: 'adoptIdentity',
        always: [
          { guard: 'documentRefused', target: 'refusing', actions: { type: 'refuse', params: ({ context }) => ({ reason: documentRefusal(context.session, clock.now())! }) } },
          { guard: 'fingerprintOn', target: 'fingerprint' },
          { target: 'verifying' },
        ],
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
                  target: '#gate.verifying',
                  actions: assign({ session: ({ context, event }) => ({ ...context.session, fingerprint: event.sample, fingerprintVerdict: event.verdict }), problem: undefined }),
                },
              ],
              'FINGER.FAILED': [
                { guard: ({ event }) => isDeviceUnavailable(event.error), target: 'unavailable' },
                { guard: 'attemptsLeft', target: 'retryWait', actions: assign({ problem: ({ event }) => problemOf(event.error) }) },
                { target: 'exhausted' },
              ],
            },
            after: { fingerprintWatchdog: [{ guard: 'attemptsLeft', target: 'retryWait', actions: assign({ problem: flowProblem('TIMEOUT', 'FINGER_NOT_DETECTED') }) }, { target: 'exhausted' }] },
          },
          retryWait: {
            on: { RETRY: 'capturing', ACTIVITY: { target: 'retryWait', reenter: true } },
            after: { fingerprintRetry: 'capturing' },
          },
          mismatch: {
            always: [
              { guard: 'attemptsLeft', target: 'retryWait', actions: assign({ problem: flowProblem('FINGERPRINT_MISMATCH', 'FINGERPRINT_MISMATCH') }) },
              { target: '#gate.refusing', actions: refuse('FINGERPRINT_MISMATCH') },
            ],
          },
          unavailable: {
            always: [{ guard: 'fingerprintOptional', target: '#gate.verifying' }, { target: '#gate.refusing', actions: refuse('FINGERPRINT_UNAVAILABLE') }],
          },
          exhausted: {
            always: [{ guard: 'fingerprintOptional', target: '#gate.verifying' }, { target: '#gate.refusing', actions: refuse('FINGERPRINT_FAILED') }],
          },
        },
        on: {
          SKIP: { guard: 'fingerprintOptional', target: 'verifying' },
          BACK: { target: 'presentDocument', actions: 'clearPerson' },
          CANCEL: 'idle',
        },
      },
      verifying: {
        entry: assign({ fingerPhase: undefined, problem: undefined }),
        initial: 'start',
        states: {
          start: { always: [{ guard: 'canVerifyOnline', target: 'online' }, { target: '#gate.offlineDecision' }] },
          online: {
            invoke: {
              src: 'verifyIdentity',
              input: ({ context }) => context.session,
              onDone: [
                {
                  guard: ({ event }) => event.output.verdict === 'verified' && atLeast(event.output.assurance, settings.minimumAssurance),
                  target: '#gate.saving',
                  actions: assign({ session: ({ context, event }) => ({ ...context.session, online: event.output }), decision: { decision: 'open' } }),
                },
                { guard: ({ event }) => event.output.verdict === 'failed', target: '#gate.refusing', actions: refuse('ONLINE_REFUSED') },
                { guard: ({ event }) => event.output.verdict === 'verified', target: '#gate.refusing', actions: refuse('ASSURANCE_TOO_LOW') },
                { target: '#gate.refusing', actions: refuse('ONLINE_UNVERIFIED') },
              ],
              onError: [
                { guard: ({ event }) => isOffline(event.error), target: '#gate.offlineDecision', actions: assign({ offline: true }) },
                { target: '#gate.refusing', actions: refuse('ONLINE_UNVERIFIED') },
              ],
            },
            after: { verify: { target: '#gate.offlineDecision', actions: assign({ offline: true }) } },
          },
        },
        on: { CANCEL: 'idle' },
      },
      offlineDecision: {
        always: [
          { guard: 'decidesLocally', target: 'saving', actions: assign({ decision: { decision: 'open' } }) },
          { guard: ({ context }) => context.session.read !== undefined && settings.offlineDecision === 'local', target: 'refusing', actions: refuse('ASSURANCE_TOO_LOW') },
          { target: 'refusing', actions: refuse('OFFLINE') },
        ],
      },
      refusing: {
        always: [{ guard: 'identified', target: 'saving' }, { target: 'booth' }],
      },
      saving: {
        invoke: {
          src: 'saveDecision',
          input: ({ context }) => ({ session: context.session, decision: context.decision }),
          onDone: [{ guard: 'opens', target: 'opening' }, { target: 'booth' }],
          onError: [
            // A traveller the kiosk cannot record does not pass; a refusal is shown even unrecorded.
            { guard: 'opens', target: 'booth', actions: [refuse('NOT_SAVED'), ({ event }) => deps.logger?.warn({ flow: 'border-gate', code: problemOf(event.error).code }, 'gate decision not saved')] },
            { target: 'booth', actions: ({ event }) => deps.logger?.warn({ flow: 'border-gate', code: problemOf(event.error).code }, 'booth decision not saved') },
          ],
        },
      },
      opening: {
        invoke: {
          src: 'pulseGate',
          onDone: 'open',
          onError: { target: 'booth', actions: refuse('GATE_FAULT') },
        },
        after: { gate: { target: 'booth', actions: refuse('GATE_FAULT') } },
      },
      open: {
        on: { CANCEL: 'idle' },
        after: { done: 'idle' },
      },
      booth: {
        on: { CANCEL: 'idle', ACTIVITY: { target: 'booth', reenter: true } },
        after: { done: 'idle' },
      },
    },
  });
}

export type BorderGateMachine = ReturnType<typeof createBorderGateMachine>;
