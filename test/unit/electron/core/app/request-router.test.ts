// The host's request handler of the composition root: flow intents offered by the current snapshot go
// to the flow, others are refused with the state; diagnostics and demo requests go to their owners, and
// demo controls outside the demo profile (no demo handler) are NOT_AVAILABLE.

import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../../../native/hal/event.ts';
import type { FlowIntentType } from '../../../../../electron/contract/index.ts';
import { requestRouter } from '../../../../../electron/core/app/request-router.ts';
import type { FlowIntent } from '../../../../../electron/core/flows/flow-events.ts';
import type { HostSession } from '../../../../../electron/core/host/contract-session.ts';
import { RequestRefusedError } from '../../../../../electron/core/host/request-refused-error.ts';

const session: HostSession = { id: 'abc', role: 'screen', send: () => undefined, onDidClose: new Emitter<void>().event };

function router(actions: readonly FlowIntentType[], extra: Partial<Parameters<typeof requestRouter>[0]> = {}) {
  const sent: FlowIntent[] = [];
  const handler = requestRouter({ sendToFlow: (intent) => sent.push(intent), current: () => ({ actions, state: 'chooseDepartment' }), ...extra });
  return { handler, sent };
}

async function refusal(promise: unknown): Promise<RequestRefusedError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof RequestRefusedError) return err;
    throw err;
  }
  throw new Error('the request was not refused');
}

describe('requestRouter', () => {
  it('hands an offered intent to the flow as its event and accepts it', async () => {
    const { handler, sent } = router(['flow.chooseDepartment', 'flow.back']);
    expect(await handler({ type: 'flow.chooseDepartment', id: '1', departmentId: 'nhi' }, session)).toEqual({ kind: 'accepted' });
    expect(sent).toEqual([{ type: 'CHOOSE_DEPARTMENT', departmentId: 'nhi' }]);
  });

  it('refuses an intent the screen does not offer with NOT_ALLOWED naming the state, and sends nothing', async () => {
    const { handler, sent } = router(['flow.back']);
    const err = await refusal(handler({ type: 'flow.confirm', id: '1' }, session));
    expect(err.error).toMatchObject({ code: 'NOT_ALLOWED', reason: 'chooseDepartment', detail: expect.stringContaining('flow.confirm') });
    expect(sent).toEqual([]);
  });

  it('takes activity and a language choice in any state', async () => {
    const { handler, sent } = router([]);
    await handler({ type: 'flow.activity', id: '1' }, session);
    await handler({ type: 'flow.chooseLanguage', id: '2', language: 'en' }, session);
    expect(sent).toEqual([{ type: 'ACTIVITY' }, { type: 'SET_LANGUAGE', language: 'en' }]);
  });

  it('refuses demo controls with NOT_AVAILABLE where the profile has none', async () => {
    const { handler } = router([]);
    const err = await refusal(handler({ type: 'demo.insertCard', id: '1', profile: 'cccd' }, session));
    expect(err.error.code).toBe('NOT_AVAILABLE');
  });

  it('passes demo and diagnostics requests to their handlers with the session', async () => {
    const seen: string[] = [];
    const { handler } = router([], {
      demo: async (request) => (seen.push(request.type), { kind: 'accepted' }),
      diagnostics: async (request, s) => (seen.push(`${request.type}@${s.id}`), { kind: 'accepted' }),
    });
    await handler({ type: 'demo.setPrinter', id: '1', paper: 'out' }, session);
    await handler({ type: 'diagnostics.lock', id: '2' }, session);
    expect(seen).toEqual(['demo.setPrinter', 'diagnostics.lock@abc']);
  });
});
