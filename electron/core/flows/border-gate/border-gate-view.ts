// The border gate's snapshot as the UI renders it: one contract ScreenView per state, in Vietnamese,
// English and Chinese, with the intents the screen offers and how long the step waits.

import type { SnapshotFrom } from 'xstate';
import { USER_MESSAGES } from '../../../../native/hal/errors.ts';
import type { FlowIntentType } from '../../../contract/requests.ts';
import type { ScreenView } from '../../../contract/screens.ts';
import { assuranceOf } from '../check-in-draft.ts';
import { problemText } from '../flow-problem.ts';
import type { BorderGateFlowSettings } from '../flow-settings.ts';
import { FLOW_TEXTS } from '../flow-texts.ts';
import { fingerprintStepView, flowViewModel, NO_HOLDER, readingStepView, type StepView } from '../flow-step-views.ts';
import { holderView, statePath, type FlowViewModel } from '../flow-view-parts.ts';
import type { BorderGateMachine } from './border-gate-machine.ts';
import { boothMessage } from './gate-decision.ts';

type BorderGateSnapshot = SnapshotFrom<BorderGateMachine>;

export function borderGateView(snapshot: BorderGateSnapshot, settings: BorderGateFlowSettings): FlowViewModel {
  const { context } = snapshot;
  const state = statePath(snapshot.value);
  const top = state.split('.')[0]!;
  const t = settings.timeouts;
  const holder = holderView(context.session);
  const make = (step: StepView): FlowViewModel => flowViewModel('border-gate', state, context.language, step);
  const screen = (view: ScreenView, actions: FlowIntentType[], timeoutMs: number | null): FlowViewModel => make({ view, actions, timeoutMs });

  switch (top) {
    case 'idle':
      return screen(
{ screen: 'welcome', methods: ['chip'], title: FLOW_TEXTS.BORDER_GATE_TITLE }, ['flow.start'], null);
    case 'presentDocument': {
      const notice = context.problem ? problemText(context.problem) : context.hint === 'scan-first' ? USER_MESSAGES.SCAN_DOCUMENT_FIRST : undefined;
      return screen(
{ screen: 'presentCard', method: 'chip', documents: ['PASSPORT', 'CCCD'], ...(notice ? { notice } : {}) }, ['flow.back', 'flow.cancel'], t.presentCardMs);
    }
    case 'reading':
      return make(readingStepView({ state, progress: context.progress, cardLost: context.cardLost, holder, readMs: t.readMs }));
    case 'fingerprint':
      return make(fingerprintStepView({ state, problem: context.problem, fingerPhase: context.fingerPhase, fingerAttempt: context.fingerAttempt, holder, settings }));
    case 'verifying':
    case 'saving':
      return screen(
{ screen: 'verifying', step: state === 'verifying.online' ? 'online' : 'checks', holder: holder ?? NO_HOLDER }, top === 'verifying' ? ['flow.cancel'] : [], top === 'verifying' ? t.verifyMs : null);
    case 'opening':
    case 'open':
      return screen(
        { screen: 'verdict', decision: 'open', assurance: assuranceOf(context.session), message: FLOW_TEXTS.GATE_OPEN, ...(holder ? { holder } : {}) },
        top === 'open' ? ['flow.cancel'] : [],
        top === 'open' ? t.doneMs : t.gateMs,
      );
    default: {
      const decision = context.decision;
      return screen(
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
