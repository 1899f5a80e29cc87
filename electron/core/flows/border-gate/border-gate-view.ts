// The border gate's snapshot as the UI renders it: one contract ScreenView per state, in Vietnamese,
// English and Chinese, with the intents the screen offers and how long the step waits.

import type { SnapshotFrom } from 'xstate';
import { USER_MESSAGES } from '../../../../native/hal/errors.ts';
import type { FlowIntentType } from '../../../contract/requests.ts';
import type { HolderView, ScreenView } from '../../../contract/screens.ts';
import { assuranceOf } from '../check-in-draft.ts';
import { problemText } from '../flow-problem.ts';
import type { BorderGateFlowSettings } from '../flow-settings.ts';
import { FLOW_TEXTS } from '../flow-texts.ts';
import { holderView, progressView, readingFraction, readingStep, statePath, type FlowViewModel } from '../flow-view-parts.ts';
import type { BorderGateMachine } from './border-gate-machine.ts';
import { boothMessage } from './gate-decision.ts';

type BorderGateSnapshot = SnapshotFrom<BorderGateMachine>;

const NO_HOLDER: HolderView = { fullName: '—', documentKind: 'OTHER' };

export function borderGateView(snapshot: BorderGateSnapshot, settings: BorderGateFlowSettings): FlowViewModel {
  const { context } = snapshot;
  const state = statePath(snapshot.value);
  const top = state.split('.')[0]!;
  const t = settings.timeouts;
  const holder = holderView(context.session);
  const base = { flow: 'border-gate' as const, state, language: context.language };
  const make = (view: ScreenView, actions: FlowIntentType[], timeoutMs: number | null): FlowViewModel =>
    Object.freeze({ ...base, view, actions: Object.freeze<FlowIntentType[]>(['flow.chooseLanguage', ...actions]), timeoutMs });

  switch (top) {
    case 'idle':
      return make({ screen: 'welcome', methods: ['chip'], title: FLOW_TEXTS.BORDER_GATE_TITLE }, ['flow.start'], null);
    case 'presentDocument': {
      const notice = context.problem ? problemText(context.problem) : context.hint === 'scan-first' ? USER_MESSAGES.SCAN_DOCUMENT_FIRST : undefined;
      return make({ screen: 'presentCard', method: 'chip', documents: ['PASSPORT', 'CCCD'], ...(notice ? { notice } : {}) }, ['flow.back', 'flow.cancel'], t.presentCardMs);
    }
    case 'reading': {
      const progress = progressView(context.progress);
      return make(
        {
          screen: 'reading',
          step: state === 'reading.nonce' ? 'access' : readingStep(progress),
          ...(progress ? { progress } : {}),
          fraction: readingFraction(progress),
          cardLost: context.cardLost,
          ...(holder ? { holder } : {}),
        },
        ['flow.back', 'flow.cancel'],
        t.readMs,
      );
    }
    case 'fingerprint': {
      const retrying = state === 'fingerprint.retryWait';
      const mismatch = retrying && context.problem?.code === 'FINGERPRINT_MISMATCH';
      const phase = mismatch ? 'mismatch' : retrying ? 'retry' : context.fingerPhase === 'hold' ? 'capturing' : (context.fingerPhase ?? 'place');
      return make(
        {
          screen: 'fingerprint',
          requirement: settings.fingerprint === 'required' ? 'required' : 'optional',
          phase,
          attempt: Math.max(1, Math.min(20, context.fingerAttempt)),
          maxAttempts: Math.max(1, Math.min(20, settings.fingerprintAttempts)),
          ...(retrying && context.problem ? { hint: problemText(context.problem) } : {}),
          holder: holder ?? NO_HOLDER,
        },
        ['flow.back', 'flow.cancel', ...(settings.fingerprint === 'optional' ? (['flow.skipFingerprint'] as const) : []), ...(retrying ? (['flow.retry'] as const) : [])],
        retrying ? t.fingerprintRetryMs : t.fingerprintMs,
      );
    }
    case 'verifying':
    case 'saving':
      return make({ screen: 'verifying', step: state === 'verifying.online' ? 'online' : 'checks', holder: holder ?? NO_HOLDER }, top === 'verifying' ? ['flow.cancel'] : [], top === 'verifying' ? t.verifyMs : null);
    case 'opening':
    case 'open':
      return make(
        { screen: 'verdict', decision: 'open', assurance: assuranceOf(context.session), message: FLOW_TEXTS.GATE_OPEN, ...(holder ? { holder } : {}) },
        top === 'open' ? ['flow.cancel'] : [],
        top === 'open' ? t.doneMs : t.gateMs,
      );
    default: {
      const decision = context.decision;
      return make(
        {
          screen: 'verdict',
          decision: 'booth',
          ...(decision?.booth ? { booth: decision.booth } : {}),
          ...(decision?.reasonCode ? { reasonCode: decision.reasonCode } : {}),
          assurance: assuranceOf(context.session),
          message: USER_MESSAGES[boothMessage(decision?.reasonCode)],
        },
        ['flow.cancel'],
        t.doneMs,
      );
    }
  }
}
