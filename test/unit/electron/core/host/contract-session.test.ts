import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../../../../../native/hal/errors.ts';
import { createLogger } from '../../../../../native/util/logger.ts';
import { CONTRACT_VERSION, encodeServerMessage, parseServerMessage, type Result, type ServerMessage } from '../../../../../electron/contract/index.ts';
import { ContractSession, type HostedRequest, type KioskInfo, type RequestHandler } from '../../../../../electron/core/host/contract-session.ts';
import { RequestRefusedError } from '../../../../../electron/core/host/request-refused-error.ts';
import { SCREEN_VIEWS, snapshotOf } from '../../../../helpers/contract-fixtures.ts';

const KIOSK: KioskInfo = { kioskId: 'kiosk-test-01', flow: 'hospital', languages: ['vi', 'en'], appVersion: '0.1.0', demo: true };

function harness(handler: RequestHandler = () => ({ kind: 'accepted' }), options: { token?: string; snapshot?: string | null } = {}) {
  const sent: ServerMessage[] = [];
  const closes: { code: number; reason: string }[] = [];
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  });
  const session = new ContractSession({
    transport: {
      send: (text) => {
        const parsed = parseServerMessage(text);
        if (!parsed.ok) throw new Error(`the session sent an invalid message: ${text}`);
        sent.push(parsed.message);
      },
      close: (code, reason) => closes.push({ code, reason }),
    },
    handler,
    kiosk: KIOSK,
    latestSnapshot: () => options.snapshot ?? null,
    logger,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  const hello = () => session.receive(JSON.stringify({ type: 'hello', id: 'h', version: CONTRACT_VERSION }));
  const last = () => sent[sent.length - 1];
  return { session, sent, closes, logLines, hello, last };
}

describe('ContractSession', () => {
  describe('hello', () => {
    it('answers a hello of the same version with the session id and the kiosk, then the latest snapshot', async () => {
      const snapshot = encodeServerMessage({ type: 'snapshot', snapshot: snapshotOf(SCREEN_VIEWS.welcome, 7) });
      const h = harness(undefined, { snapshot });
      await h.hello();
      expect(h.sent[0]).toEqual({
        type: 'ok',
        id: 'h',
        result: { kind: 'hello', contractVersion: CONTRACT_VERSION, sessionId: h.session.id, role: 'screen', kiosk: KIOSK },
      });
      expect(h.sent[1]).toMatchObject({ type: 'snapshot', snapshot: { seq: 7 } });
      expect(h.session.role).toBe('screen');
    });

    it('refuses a hello of another version with VERSION_MISMATCH and closes the session', async () => {
      const h = harness();
      await h.session.receive(JSON.stringify({ type: 'hello', id: 'h', version: CONTRACT_VERSION + 1 }));
      expect(h.last()).toMatchObject({ type: 'error', id: 'h', error: { code: 'VERSION_MISMATCH' } });
      expect(h.closes).toEqual([{ code: 1008, reason: 'VERSION_MISMATCH' }]);
      expect(h.session.isClosed).toBe(true);
    });

    it('refuses a hello carrying a wrong token with UNAUTHORIZED and closes the session', async () => {
      const h = harness(undefined, { token: 'right-token' });
      await h.session.receive(JSON.stringify({ type: 'hello', id: 'h', version: CONTRACT_VERSION, token: 'wrong-token' }));
      expect(h.last()).toMatchObject({ type: 'error', error: { code: 'UNAUTHORIZED' } });
      expect(h.closes[0]?.reason).toBe('UNAUTHORIZED');
      expect(h.logLines.join('')).not.toContain('wrong-token');
    });

    it('accepts a hello carrying the right token and the agent role', async () => {
      const h = harness(undefined, { token: 'right-token' });
      await h.session.receive(JSON.stringify({ type: 'hello', id: 'h', version: CONTRACT_VERSION, token: 'right-token', role: 'agent' }));
      expect(h.last()).toMatchObject({ type: 'ok', result: { kind: 'hello', role: 'agent' } });
    });

    it('refuses a second hello with ALREADY_GREETED and stays open', async () => {
      const h = harness();
      await h.hello();
      await h.hello();
      expect(h.last()).toMatchObject({ type: 'error', error: { code: 'ALREADY_GREETED' } });
      expect(h.closes).toEqual([]);
    });

    it('refuses every other request before hello with HELLO_REQUIRED, without calling the core', async () => {
      let calls = 0;
      const h = harness(() => {
        calls += 1;
        return { kind: 'accepted' };
      });
      await h.session.receive(JSON.stringify({ type: 'flow.start', id: 'r1' }));
      expect(h.last()).toMatchObject({ type: 'error', id: 'r1', error: { code: 'HELLO_REQUIRED' } });
      expect(calls).toBe(0);
    });

    it('answers ping before hello', async () => {
      const h = harness();
      await h.session.receive(JSON.stringify({ type: 'ping', id: 'p' }));
      expect(h.last()).toMatchObject({ type: 'ok', id: 'p', result: { kind: 'pong' } });
    });
  });

  describe('requests after hello', () => {
    it('passes the parsed request and the session to the core and replies with its result', async () => {
      const seen: HostedRequest[] = [];
      const h = harness((request, session) => {
        seen.push(request);
        expect(session.role).toBe('screen');
        return { kind: 'accepted' };
      });
      await h.hello();
      await h.session.receive(JSON.stringify({ type: 'flow.chooseLanguage', id: 'r1', language: 'en' }));
      expect(seen).toEqual([{ type: 'flow.chooseLanguage', id: 'r1', language: 'en' }]);
      expect(h.last()).toEqual({ type: 'ok', id: 'r1', result: { kind: 'accepted' } });
    });

    it('replies with the typed error of a RequestRefusedError', async () => {
      const h = harness(() => {
        throw new RequestRefusedError('LOCKED_OUT', { retryAt: 1_700_000_600_000 });
      });
      await h.hello();
      await h.session.receive(JSON.stringify({ type: 'diagnostics.unlock', id: 'd1', pin: '1234' }));
      expect(h.last()).toMatchObject({ type: 'error', id: 'd1', error: { code: 'LOCKED_OUT', retryAt: 1_700_000_600_000 } });
      expect(h.logLines.join('')).not.toContain('"1234"');
    });

    it("answers a KioskError with INTERNAL, its code as the reason and the person's message", async () => {
      const h = harness(async () => {
        throw new KioskError('PRINTER_PAPER_OUT', 'printer reports paper out', { userMessage: 'PRINTER_PAPER_OUT' });
      });
      await h.hello();
      await h.session.receive(JSON.stringify({ type: 'diagnostics.selfTest', id: 'd4', deviceId: 'printer' }));
      expect(h.last()).toMatchObject({ type: 'error', error: { code: 'INTERNAL', reason: 'PRINTER_PAPER_OUT', message: { en: 'The printer is out of paper, please ask staff.' } } });
    });

    it('answers a handler bug with INTERNAL, logs it, and stays usable', async () => {
      let fail = true;
      const h = harness(() => {
        if (fail) throw new TypeError('x is undefined');
        return { kind: 'accepted' };
      });
      await h.hello();
      await h.session.receive(JSON.stringify({ type: 'flow.confirm', id: 'r1' }));
      expect(h.last()).toMatchObject({ type: 'error', id: 'r1', error: { code: 'INTERNAL' } });
      expect(h.logLines.some((l) => l.includes('"request-failed"') && l.includes('TypeError'))).toBe(true);
      fail = false;
      await h.session.receive(JSON.stringify({ type: 'flow.confirm', id: 'r2' }));
      expect(h.last()).toEqual({ type: 'ok', id: 'r2', result: { kind: 'accepted' } });
    });

    it('answers INTERNAL when the core returns a result that breaks the contract', async () => {
      const h = harness(() => ({ kind: 'pong', at: -1 }) as Result);
      await h.hello();
      await h.session.receive(JSON.stringify({ type: 'flow.start', id: 'r1' }));
      expect(h.last()).toMatchObject({ type: 'error', id: 'r1', error: { code: 'INTERNAL', detail: 'the core produced an invalid reply' } });
    });

    it('answers a malformed frame with a typed error, logs its paths but not its values, and stays usable', async () => {
      const h = harness();
      await h.hello();
      await h.session.receive(JSON.stringify({ type: 'diagnostics.unlock', id: 'd1', pin: 'NGUYEN VAN A' }));
      expect(h.last()).toMatchObject({ type: 'error', id: 'd1', error: { code: 'BAD_MESSAGE' } });
      await h.session.receive('not json at all');
      expect(h.last()).toMatchObject({ type: 'error', id: null, error: { code: 'BAD_JSON' } });
      const logs = h.logLines.join('');
      expect(logs).toContain('"paths":["pin"]');
      expect(logs).not.toContain('NGUYEN');
      await h.session.receive(JSON.stringify({ type: 'ping', id: 'p' }));
      expect(h.last()).toMatchObject({ type: 'ok', id: 'p' });
    });

    it('refuses a binary frame with BAD_MESSAGE', () => {
      const h = harness();
      h.session.refuseBinary();
      expect(h.last()).toMatchObject({ type: 'error', id: null, error: { code: 'BAD_MESSAGE' } });
    });
  });

  describe('closing', () => {
    it('tells the core once when the session closes and sends nothing afterwards', async () => {
      const h = harness();
      await h.hello();
      let closed = 0;
      h.session.onDidClose(() => (closed += 1));
      h.session.markClosed();
      h.session.markClosed();
      const before = h.sent.length;
      h.session.publish({ kind: 'diagnosticsLocked', reason: 'requested' });
      expect(closed).toBe(1);
      expect(h.sent.length).toBe(before);
    });
  });
});
