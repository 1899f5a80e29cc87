// The screens both flows show the same way: the chip read (step, progress bar, card lost, the name so far)
// and the fingerprint capture (phase, attempts, the hint after a failed try), each with the intents it
// offers and how long it waits; and the view model a flow's view function returns.

import type { Language } from '../../contract/common.ts';
import type { FlowIntentType } from '../../contract/requests.ts';
import type { FlowKind, HolderView, ReadProgress, ScreenView } from '../../contract/screens.ts';
import { problemText, type FlowProblem } from './flow-problem.ts';
import type { FingerprintMode, FlowTimeouts } from './flow-settings.ts';
import { progressView, readingFraction, readingStep, type FlowViewModel } from './flow-view-parts.ts';
import type { FingerPhase } from './ports.ts';

/** The holder on screens that require one, before anything is known. */
export const NO_HOLDER: HolderView = { fullName: '—', documentKind: 'OTHER' };

/** One screen of a flow: what it shows, the intents it offers (besides the language), how long it waits. */
export interface StepView {
  readonly view: ScreenView;
  readonly actions: readonly FlowIntentType[];
  readonly timeoutMs: number | null;
}

/** The frozen view model; every screen offers `flow.chooseLanguage`. */
export function flowViewModel(flow: FlowKind, state: string, language: Language, step: StepView): FlowViewModel {
  return Object.freeze({
    flow,
    state,
    language,
    view: step.view,
    actions: Object.freeze<FlowIntentType[]>(['flow.chooseLanguage', ...step.actions]),
    timeoutMs: step.timeoutMs,
  });
}

export interface ReadingInput {
  /** The machine's state path: `reading.nonce` is still unlocking. */
  readonly state: string;
  /** With `fraction`, the highest value the bar reached in this read (afterReadEvent). */
  readonly progress: (ReadProgress & { readonly fraction?: number }) | undefined;
  readonly cardLost: boolean;
  readonly holder: HolderView | undefined;
  readonly readMs: number;
}

export function readingStepView(input: ReadingInput): StepView {
  const progress = progressView(input.progress);
  return {
    view: {
      screen: 'reading',
      step: input.state === 'reading.nonce' ? 'access' : readingStep(progress),
      ...(progress ? { progress } : {}),
      fraction: input.progress?.fraction ?? readingFraction(progress),
      cardLost: input.cardLost,
      ...(input.holder ? { holder: input.holder } : {}),
    },
    actions: ['flow.back', 'flow.cancel'],
    timeoutMs: input.readMs,
  };
}

export interface FingerprintStepInput {
  /** The machine's state path: `fingerprint.retryWait` between attempts. */
  readonly state: string;
  readonly problem: FlowProblem | undefined;
  readonly fingerPhase: FingerPhase | undefined;
  readonly fingerAttempt: number;
  readonly holder: HolderView | undefined;
  readonly settings: {
    readonly fingerprint: FingerprintMode;
    readonly fingerprintAttempts: number;
    readonly timeouts: Pick<FlowTimeouts, 'fingerprintMs' | 'fingerprintRetryMs'>;
  };
}

export function fingerprintStepView(input: FingerprintStepInput): StepView {
  const { settings, problem } = input;
  const retrying = input.state === 'fingerprint.retryWait';
  const mismatch = retrying && problem?.code === 'FINGERPRINT_MISMATCH';
  const phase = mismatch ? 'mismatch' : retrying ? 'retry' : input.fingerPhase === 'hold' ? 'capturing' : (input.fingerPhase ?? 'place');
  return {
    view: {
      screen: 'fingerprint',
      requirement: settings.fingerprint === 'required' ? 'required' : 'optional',
      phase,
      attempt: Math.max(1, Math.min(20, input.fingerAttempt)),
      maxAttempts: Math.max(1, Math.min(20, settings.fingerprintAttempts)),
      ...(retrying && problem ? { hint: problemText(problem) } : {}),
      holder: input.holder ?? NO_HOLDER,
    },
    actions: ['flow.back', 'flow.cancel', ...(settings.fingerprint === 'optional' ? (['flow.skipFingerprint'] as const) : []), ...(retrying ? (['flow.retry'] as const) : [])],
    timeoutMs: retrying ? settings.timeouts.fingerprintRetryMs : settings.timeouts.fingerprintMs,
  };
}
