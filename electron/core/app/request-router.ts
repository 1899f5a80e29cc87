// The host's RequestHandler: every request after hello lands here. Flow intents go to the flow machine
// when the current screen offers them (activity and language are always welcome), and are refused with
// NOT_ALLOWED naming the state otherwise, so a stale or scripted client learns why nothing happened.
// diagnostics.* go to the diagnostics controller (PIN, per session); demo.* to the demo controls, which
// exist only in the demo profile (NOT_AVAILABLE elsewhere).

import type { DemoRequest, DiagnosticsRequest, FlowIntentType, Result } from '../../contract/index.ts';
import type { FlowIntent as ContractFlowIntent } from '../../contract/requests.ts';
import { flowIntentOf } from '../flows/contract-intents.ts';
import type { FlowIntent } from '../flows/flow-events.ts';
import type { HostedRequest, HostSession, RequestHandler } from '../host/contract-session.ts';
import { RequestRefusedError } from '../host/request-refused-error.ts';

export interface RequestRouterOptions {
  /** Hands an intent to the flow machine. */
  readonly sendToFlow: (intent: FlowIntent) => void;
  /** The intents the current snapshot offers, and the flow's state (for the refusal's detail). */
  readonly current: () => { readonly actions: readonly FlowIntentType[]; readonly state: string };
  /** Answers diagnostics.* (the diagnostics controller); undefined: NOT_AVAILABLE. */
  readonly diagnostics?: (request: DiagnosticsRequest, session: HostSession) => Promise<Result>;
  /** Answers demo.* (demo profile only); undefined: NOT_AVAILABLE. */
  readonly demo?: (request: DemoRequest) => Promise<Result>;
  /** Called for every request before it is answered (the composition root notes which sessions are agents). */
  readonly onRequest?: (session: HostSession) => void;
  /** Called after each flow intent was taken (the composition root refreshes the countdown). */
  readonly onIntent?: (request: ContractFlowIntent, session: HostSession) => void;
}

/** Intents taken in any state: they change no step. */
const ALWAYS_TAKEN = new Set<string>(['flow.activity', 'flow.chooseLanguage']);

function isFlowIntent(request: HostedRequest): request is ContractFlowIntent {
  return request.type.startsWith('flow.');
}

function isDiagnostics(request: HostedRequest): request is DiagnosticsRequest {
  return request.type.startsWith('diagnostics.');
}

/** Builds the handler. Refusals are RequestRefusedErrors (NOT_ALLOWED, NOT_AVAILABLE); other errors propagate to the session. */
export function requestRouter(options: RequestRouterOptions): RequestHandler {
  return async (request, session) => {
    options.onRequest?.(session);
    if (isFlowIntent(request)) {
      const { actions, state } = options.current();
      if (!ALWAYS_TAKEN.has(request.type) && !(actions as readonly string[]).includes(request.type)) {
        throw new RequestRefusedError('NOT_ALLOWED', { detail: `${request.type} is not offered in state ${state}`, reason: state });
      }
      options.sendToFlow(flowIntentOf(request));
      options.onIntent?.(request, session);
      return { kind: 'accepted' };
    }
    if (isDiagnostics(request)) {
      if (!options.diagnostics) throw new RequestRefusedError('NOT_AVAILABLE', { detail: 'diagnostics are not available on this core' });
      return options.diagnostics(request, session);
    }
    if (!options.demo) throw new RequestRefusedError('NOT_AVAILABLE', { detail: 'demo controls exist only in the demo profile' });
    return options.demo(request);
  };
}
