// The renderer's contract client over a fake transport: hello first, snapshots in order, replies matched
// to requests, reconnects with backoff, the shutdown retry, VERSION_MISMATCH, and malformed frames.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTRACT_VERSION, contractError } from '../../../electron/contract/index.ts';
import {
  ACTIVITY_INTERVAL_MS,
  ContractClient,
  HELLO_TIMEOUT_MS,
  RECONNECT_INITIAL_MS,
  RECONNECT_MAX_MS,
  VERSION_MISMATCH_RELOAD_MS,
} from '../../../renderer/src/contract/contract-client.ts';
import { RequestFailedError } from '../../../renderer/src/contract/request-failed-error.ts';
import { FakeTransport, helloOk } from './fake-transport.ts';
import { fixture, snapshotOf } from './fixtures.ts';

const welcome = fixture('hospital welcome');
const confirm = fixture('hospital confirm');

function setup() {
  const transport = new FakeTransport();
  const debug: string[] = [];
  const reload = vi.fn();
  const client = new ContractClient({ transport, clientName: 'renderer test', reload, debug: (m) => debug.push(m) });
  client.start();
  return { transport, client, debug, reload };
}

/** Opens the latest connection and completes the hello. */
function greet(transport: FakeTransport, demo = false): void {
  const connection = transport.last;
  connection.open();
  connection.receive(helloOk(connection.requests[0]!.id, demo));
}

describe('ContractClient', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('session', () => {
    it('says hello first, with the contract version, the screen role and its name', () => {
      const { transport } = setup();
      transport.last.open();
      expect(transport.last.requests).toEqual([{ type: 'hello', id: expect.any(String), version: CONTRACT_VERSION, role: 'screen', client: 'renderer test' }]);
    });

    it('is connecting until the hello is answered, then open with the kiosk info', () => {
      const { transport, client } = setup();
      transport.last.open();
      expect(client.getState().status).toBe('connecting');
      transport.last.receive(helloOk(transport.last.requests[0]!.id, true));
      expect(client.getState().status).toBe('open');
      expect(client.getState().hello?.kiosk.demo).toBe(true);
    });

    it('refuses requests while no session is open', async () => {
      const { client } = setup();
      await expect(client.request({ type: 'flow.start' })).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    });
  });

  describe('snapshots', () => {
    it('keeps the newest snapshot and drops one older than the last', () => {
      const { transport, client } = setup();
      greet(transport);
      transport.last.receive({ type: 'snapshot', snapshot: { ...welcome, seq: 5 } });
      transport.last.receive({ type: 'snapshot', snapshot: { ...confirm, seq: 4 } });
      expect(client.getState().snapshot?.seq).toBe(5);
      expect(client.getState().snapshot?.view.screen).toBe('welcome');
      expect(client.getState().staleSnapshots).toBe(1);
      transport.last.receive({ type: 'snapshot', snapshot: { ...confirm, seq: 6 } });
      expect(client.getState().snapshot?.view.screen).toBe('confirm');
    });

    it('orders snapshots per connection: a restarted core counts from 1 again', async () => {
      const { transport, client } = setup();
      greet(transport);
      transport.last.receive({ type: 'snapshot', snapshot: { ...welcome, seq: 900 } });
      transport.last.drop();
      expect(client.getState().snapshot).toBeNull();
      await vi.advanceTimersByTimeAsync(RECONNECT_INITIAL_MS);
      greet(transport);
      transport.last.receive({ type: 'snapshot', snapshot: { ...confirm, seq: 1 } });
      expect(client.getState().snapshot?.view.screen).toBe('confirm');
    });

    it('notifies subscribers with a new state object on each change', () => {
      const { transport, client } = setup();
      const seen: unknown[] = [];
      client.subscribe(() => seen.push(client.getState()));
      greet(transport);
      transport.last.receive({ type: 'snapshot', snapshot: welcome });
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(new Set(seen).size).toBe(seen.length);
      expect(Object.isFrozen(client.getState())).toBe(true);
    });
  });

  describe('malformed frames', () => {
    it('ignores and counts frames that are not contract messages', () => {
      const { transport, client, debug } = setup();
      greet(transport);
      transport.last.receive({ type: 'snapshot', snapshot: welcome });
      transport.last.receive('not json');
      transport.last.receive({ type: 'snapshot', snapshot: { ...confirm, seq: 999, extra: true } });
      transport.last.receive({ type: 'surprise' });
      transport.last.receive('');
      expect(client.getState().malformedFrames).toBe(4);
      expect(client.getState().snapshot?.view.screen).toBe('welcome');
      expect(client.getState().status).toBe('open');
      expect(debug.filter((m) => m.startsWith('ignored a malformed frame'))).toHaveLength(4);
      expect(debug.join('\n')).toContain('BAD_JSON');
    });
  });

  describe('requests', () => {
    it('matches ok and error replies to their requests by id', async () => {
      const { transport, client } = setup();
      greet(transport);
      const refresh = client.request({ type: 'ping' });
      const unlock = client.request({ type: 'diagnostics.unlock', pin: '000000' });
      const [, ping, pin] = transport.last.requests;
      transport.last.receive({ type: 'error', id: pin!.id, error: contractError('PIN_WRONG', { detail: '4 tries left' }) });
      transport.last.receive({ type: 'ok', id: ping!.id, result: { kind: 'pong', at: 1 } });
      await expect(refresh).resolves.toEqual({ kind: 'pong', at: 1 });
      const failure = await unlock.catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(RequestFailedError);
      expect(failure).toMatchObject({ code: 'PIN_WRONG', contractError: { detail: '4 tries left' } });
    });

    it('validates a request against the contract before sending it', () => {
      const { transport, client } = setup();
      greet(transport);
      expect(() => client.request({ type: 'diagnostics.unlock', pin: 'abc' })).toThrow(/pin/);
      expect(transport.last.requests).toHaveLength(1);
    });

    it('fails pending requests when the connection ends', async () => {
      const { transport, client } = setup();
      greet(transport);
      const pending = client.request({ type: 'diagnostics.refresh' });
      transport.last.drop();
      await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
    });

    it('logs a refused intent by its code and shows nothing', async () => {
      const { transport, client, debug } = setup();
      greet(transport);
      client.sendIntent({ type: 'flow.confirm' });
      const intent = transport.last.requests[1]!;
      transport.last.receive({ type: 'error', id: intent.id, error: contractError('NOT_ALLOWED') });
      await vi.advanceTimersByTimeAsync(0);
      expect(debug).toContain('intent flow.confirm refused: NOT_ALLOWED');
      expect(client.getState().status).toBe('open');
    });

    it('sends flow.activity at most once per interval, only while a step counts down', async () => {
      const { transport, client } = setup();
      greet(transport);
      transport.last.receive({ type: 'snapshot', snapshot: welcome });
      client.noteActivity();
      transport.last.receive({ type: 'snapshot', snapshot: { ...confirm, seq: 100 } });
      client.noteActivity();
      client.noteActivity();
      await vi.advanceTimersByTimeAsync(ACTIVITY_INTERVAL_MS - 1);
      client.noteActivity();
      await vi.advanceTimersByTimeAsync(1);
      client.noteActivity();
      expect(transport.last.requests.filter((r) => r.type === 'flow.activity')).toHaveLength(2);
    });
  });

  describe('reconnecting', () => {
    it('retries after 250 ms, doubling to 5 s, and starts over after a hello', async () => {
      const { transport, client } = setup();
      const delays: number[] = [];
      for (let i = 0; i < 7; i++) {
        const attempts = transport.connections.length;
        transport.last.drop();
        let waited = 0;
        while (transport.connections.length === attempts) {
          await vi.advanceTimersByTimeAsync(50);
          waited += 50;
        }
        delays.push(waited);
      }
      expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
      expect(RECONNECT_MAX_MS).toBe(5000);
      greet(transport);
      expect(client.getState().status).toBe('open');
      transport.last.drop();
      await vi.advanceTimersByTimeAsync(RECONNECT_INITIAL_MS - 1);
      const before = transport.connections.length;
      await vi.advanceTimersByTimeAsync(1);
      expect(transport.connections.length).toBe(before + 1);
    });

    it('waits the retryInMs of a shutdown event before the next attempt', async () => {
      const { transport, client } = setup();
      greet(transport);
      const events: string[] = [];
      client.onEvent((e) => events.push(e.kind));
      transport.last.receive({ type: 'event', event: { kind: 'shutdown', reason: 'restarting', retryInMs: 3000 } });
      transport.last.drop();
      expect(client.getState().status).toBe('connecting');
      await vi.advanceTimersByTimeAsync(2999);
      expect(transport.connections).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(transport.connections).toHaveLength(2);
      expect(events).toEqual(['shutdown']);
    });

    it('gives up an attempt whose hello goes unanswered', async () => {
      const { transport } = setup();
      transport.last.open();
      await vi.advanceTimersByTimeAsync(HELLO_TIMEOUT_MS);
      expect(transport.connections[0]!.closedByClient).toBe(true);
      await vi.advanceTimersByTimeAsync(RECONNECT_INITIAL_MS);
      expect(transport.connections).toHaveLength(2);
    });

    it('ignores a late frame from a connection it already left', async () => {
      const { transport, client } = setup();
      greet(transport);
      const old = transport.last;
      old.drop();
      await vi.advanceTimersByTimeAsync(RECONNECT_INITIAL_MS);
      greet(transport);
      old.receive({ type: 'snapshot', snapshot: { ...confirm, seq: 50 } });
      expect(client.getState().snapshot).toBeNull();
    });

    it('stops for good on stop()', async () => {
      const { transport, client } = setup();
      greet(transport);
      client.stop();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(transport.connections).toHaveLength(1);
      expect(transport.last.closedByClient).toBe(true);
    });
  });

  describe('VERSION_MISMATCH', () => {
    it('stops reconnecting, says so, and reloads after 30 s', async () => {
      const { transport, client, reload } = setup();
      transport.last.open();
      transport.last.receive({ type: 'error', id: transport.last.requests[0]!.id, error: contractError('VERSION_MISMATCH') });
      expect(client.getState().status).toBe('versionMismatch');
      await vi.advanceTimersByTimeAsync(VERSION_MISMATCH_RELOAD_MS - 1);
      expect(reload).not.toHaveBeenCalled();
      expect(transport.connections).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(reload).toHaveBeenCalledOnce();
    });

    it('reconnects after any other refusal of the hello', async () => {
      const { transport, client } = setup();
      transport.last.open();
      transport.last.receive({ type: 'error', id: transport.last.requests[0]!.id, error: contractError('UNAUTHORIZED') });
      expect(client.getState().status).toBe('connecting');
      await vi.advanceTimersByTimeAsync(RECONNECT_INITIAL_MS);
      expect(transport.connections).toHaveLength(2);
    });
  });

  it('accepts snapshots built by the fixtures helper (sanity of the fixtures)', () => {
    const { transport, client } = setup();
    greet(transport);
    transport.last.receive({ type: 'snapshot', snapshot: snapshotOf({ flow: 'border-gate', state: 'idle', view: welcome.view, actions: ['flow.start'] }) });
    expect(client.getState().snapshot?.flow).toBe('border-gate');
  });
});
