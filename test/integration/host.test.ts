// The core's host end to end: a real HTTP + WebSocket server on an ephemeral loopback port, real `ws`
// clients and real HTTP requests. Admission (token, Origin, Host), the contract session over the wire,
// static files with their headers, broadcast, and a clean close.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../native/util/logger.ts';
import { CONTRACT_VERSION, MAX_CLIENT_MESSAGE_BYTES, type Result } from '../../electron/contract/index.ts';
import type { HostedRequest } from '../../electron/core/host/contract-session.ts';
import { RequestRefusedError } from '../../electron/core/host/request-refused-error.ts';
import { startHost, type Host } from '../../electron/core/host/start-host.ts';
import { connectContract, type ContractClient } from '../helpers/contract-client.ts';
import { SCREEN_VIEWS, snapshotOf, SPECIMEN_HOLDER } from '../helpers/contract-fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let work: string;
let rendererDir: string;
let host: Host;
const logLines: string[] = [];
const handled: HostedRequest[] = [];
const clients: ContractClient[] = [];

function onMessage(req: HostedRequest): Result {
  handled.push(req);
  if (req.type === 'diagnostics.unlock') throw new RequestRefusedError('PIN_WRONG');
  return { kind: 'accepted' };
}

/** The host's own origin (no trailing slash), as a browser on the kiosk page sends it. */
const ownOrigin = () => host.url.slice(0, -1);

async function connect(options: Parameters<typeof connectContract>[1] = {}): Promise<ContractClient> {
  const client = await connectContract(host.contractUrl, { token: host.token, origin: ownOrigin(), ...options });
  clients.push(client);
  return client;
}

async function greeted(options: Parameters<typeof connectContract>[1] = {}): Promise<ContractClient> {
  const client = await connect(options);
  client.send({ type: 'hello', id: 'hello', version: CONTRACT_VERSION });
  expect(await client.reply('hello')).toMatchObject({ type: 'ok' });
  return client;
}

function refusedStatus(options: Parameters<typeof connectContract>[1], url = host.contractUrl): Promise<number> {
  return connectContract(url, options).then(
    (c) => {
      clients.push(c);
      throw new Error('the upgrade was accepted');
    },
    (err: { status?: number }) => err.status ?? -1,
  );
}

interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw HTTP request: the path is sent exactly as given (no URL normalisation). */
function get(path: string, options: { method?: string; host?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.host ? { host: options.host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'host-test-'));
  rendererDir = join(work, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("kiosk");');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(work, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(work, 'secret.txt'), join(rendererDir, 'assets', 'escape.txt'));
  const destination = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  host = await startHost({
    rendererDir,
    onMessage,
    kiosk: { kioskId: 'kiosk-test-01', flow: 'hospital', languages: ['vi', 'en'], appVersion: '0.1.0', demo: true },
    logger: createLogger({ level: 'debug', destination }),
    allowedOrigins: ['http://his.hospital.example'],
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  handled.length = 0;
});

afterAll(async () => {
  await host.close();
  rmSync(work, { recursive: true, force: true });
});

describe('startHost', () => {
  it('listens on 127.0.0.1 and gives the URL with the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.kioskUrl).toBe(`${host.url}#token=${host.token}`);
    expect(host.contractUrl).toBe(`ws://127.0.0.1:${host.port}/contract`);
  });

  describe('admission to the contract', () => {
    it('refuses a connection without a token with 403', async () => {
      expect(await refusedStatus({ token: null, origin: ownOrigin() })).toBe(403);
    });

    it('refuses a connection with a wrong token with 403', async () => {
      expect(await refusedStatus({ token: `${host.token}x`, origin: ownOrigin() })).toBe(403);
    });

    it('refuses a web page of another origin with 403, even with the right token', async () => {
      expect(await refusedStatus({ token: host.token, origin: 'http://evil.example' })).toBe(403);
      expect(await refusedStatus({ token: host.token, origin: `http://localhost:${host.port + 1}` })).toBe(403);
    });

    it('refuses a Host header naming another host (DNS rebinding) with 403', async () => {
      expect(await refusedStatus({ token: host.token, origin: ownOrigin(), headers: { host: `rebind.example:${host.port}` } })).toBe(403);
    });

    it('refuses an upgrade on another path with 404', async () => {
      expect(await refusedStatus({ token: host.token, origin: ownOrigin() }, `ws://127.0.0.1:${host.port}/other`)).toBe(404);
    });

    it('refuses an upgrade whose target is not a URL with 404 and keeps serving', async () => {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connectTcp(host.port, '127.0.0.1', () =>
          socket.write(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`),
        );
        let text = '';
        socket.setEncoding('utf8').on('data', (c: string) => (text += c));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1.1 404/);
      await greeted();
    });

    it('admits the host page, a configured agent origin, and a local program without an Origin', async () => {
      await greeted();
      await greeted({ origin: 'http://his.hospital.example' });
      await greeted({ origin: null });
    });

    it('logs refusals with their reason only, never the token or the origin', async () => {
      await refusedStatus({ token: 'guessed-token', origin: 'http://evil.example' });
      await refusedStatus({ token: 'guessed-token', origin: ownOrigin() });
      const logs = logLines.join('');
      expect(logs).toContain('"reason":"origin"');
      expect(logs).toContain('"reason":"token"');
      expect(logs).not.toContain('guessed-token');
      expect(logs).not.toContain('evil.example');
      expect(logs).not.toContain(host.token);
    });
  });

  describe('contract sessions', () => {
    it('answers a hello of another version with VERSION_MISMATCH and closes', async () => {
      const client = await connect();
      client.send({ type: 'hello', id: 'h', version: CONTRACT_VERSION + 1 });
      expect(await client.reply('h')).toMatchObject({ type: 'error', error: { code: 'VERSION_MISMATCH' } });
      expect((await client.closed()).code).toBe(1008);
    });

    it('answers a malformed message with a typed error and keeps the connection usable', async () => {
      const client = await greeted();
      client.sendRaw('{"type": "flow.start", "id": ');
      expect(await client.next((m) => m.type === 'error')).toMatchObject({ id: null, error: { code: 'BAD_JSON' } });
      client.sendRaw(JSON.stringify({ type: 'flow.chooseLanguage', id: 'l1', language: 'klingon' }));
      expect(await client.reply('l1')).toMatchObject({ type: 'error', error: { code: 'BAD_MESSAGE', issues: [{ path: 'language' }] } });
      client.sendRaw(JSON.stringify({ type: 'flow.fly', id: 'u1' }));
      expect(await client.reply('u1')).toMatchObject({ type: 'error', error: { code: 'UNKNOWN_TYPE' } });
      client.sendRaw(Buffer.from([1, 2, 3]));
      expect(await client.next((m) => m.type === 'error' && m.error.detail === 'frames are JSON text, not binary')).toBeTruthy();
      client.send({ type: 'flow.start', id: 's1' });
      expect(await client.reply('s1')).toEqual({ type: 'ok', id: 's1', result: { kind: 'accepted' } });
      expect(handled).toEqual([{ type: 'flow.start', id: 's1' }]);
      expect(client.invalid).toEqual([]);
    });

    it('answers an oversized frame with TOO_LARGE and stays usable', async () => {
      const client = await greeted();
      client.sendRaw(JSON.stringify({ type: 'ping', id: 'big', pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) }));
      expect(await client.next((m) => m.type === 'error' && m.error.code === 'TOO_LARGE')).toBeTruthy();
      client.send({ type: 'ping', id: 'p' });
      expect(await client.reply('p')).toMatchObject({ type: 'ok', result: { kind: 'pong' } });
    });

    it('requires hello before any intent', async () => {
      const client = await connect();
      client.send({ type: 'flow.start', id: 's1' });
      expect(await client.reply('s1')).toMatchObject({ type: 'error', error: { code: 'HELLO_REQUIRED' } });
      expect(handled).toEqual([]);
    });

    it("carries the core's typed refusal to the client, without logging the PIN", async () => {
      const client = await greeted();
      client.send({ type: 'diagnostics.unlock', id: 'u', pin: '97531' });
      expect(await client.reply('u')).toMatchObject({ type: 'error', error: { code: 'PIN_WRONG', message: { vi: 'Mã PIN không đúng.' } } });
      expect(logLines.join('')).not.toContain('97531');
    });
  });

  describe('broadcast', () => {
    it('reaches every greeted client, and a client that greets later gets the latest snapshot', async () => {
      const a = await greeted();
      const b = await greeted({ origin: null });
      const waiting = await connect();
      host.broadcast(snapshotOf(SCREEN_VIEWS.confirm, 41));
      host.broadcast(snapshotOf(SCREEN_VIEWS.printing, 42));
      for (const client of [a, b]) {
        expect(await client.next((m) => m.type === 'snapshot' && m.snapshot.seq === 42)).toBeTruthy();
        expect(client.messages.filter((m) => m.type === 'snapshot').map((m) => (m.type === 'snapshot' ? m.snapshot.seq : 0))).toEqual([41, 42]);
      }
      expect(waiting.messages).toEqual([]);
      waiting.send({ type: 'hello', id: 'h', version: CONTRACT_VERSION });
      const snapshot = await waiting.next((m) => m.type === 'snapshot');
      expect(snapshot).toMatchObject({ snapshot: { seq: 42, view: { screen: 'printing' } } });
    });

    it('publishes events to every greeted client', async () => {
      const a = await greeted();
      const b = await greeted();
      host.publish({ kind: 'shutdown', reason: 'restarting', retryInMs: 500 });
      for (const client of [a, b]) expect(await client.next((m) => m.type === 'event')).toMatchObject({ event: { kind: 'shutdown' } });
    });

    it('never logs what a snapshot shows', async () => {
      const client = await greeted();
      host.broadcast(snapshotOf(SCREEN_VIEWS.confirm, 50));
      await client.next((m) => m.type === 'snapshot' && m.snapshot.seq === 50);
      expect(logLines.join('')).not.toContain(SPECIMEN_HOLDER.fullName);
    });

    it('refuses to broadcast a snapshot that breaks the contract and keeps the previous one', async () => {
      host.broadcast(snapshotOf(SCREEN_VIEWS.welcome, 60));
      expect(() => host.broadcast({ ...snapshotOf(SCREEN_VIEWS.welcome, 61), kioskId: 'bad id!' })).toThrow(/kioskId/);
      const client = await greeted();
      expect(await client.next((m) => m.type === 'snapshot')).toMatchObject({ snapshot: { seq: 60 } });
    });
  });

  describe('static files', () => {
    it('serves index.html at / with its type and the security headers', async () => {
      const answer = await get('/');
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('<title>kiosk</title>');
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
      expect(answer.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['cache-control']).toBe('no-store');
    });

    it('serves scripts and styles with their types, and answers HEAD without a body', async () => {
      expect((await get('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect((await get('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
      const head = await get('/assets/app.js', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe(String('console.log("kiosk");'.length));
      expect(head.body).toBe('');
    });

    it.each(['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/.env'])(
      'refuses %s with 400 and the security headers',
      async (path) => {
        const answer = await get(path);
        expect(answer.status).toBe(400);
        expect(answer.body).not.toContain('edge-kiosk');
        expect(answer.headers['content-security-policy']).toBeDefined();
      },
    );

    it('does not follow a symlink out of the renderer folder', async () => {
      const answer = await get('/assets/escape.txt');
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('outside the renderer');
    });

    it('answers a missing file with 404, and a client-side route with index.html', async () => {
      expect((await get('/assets/missing.js')).status).toBe(404);
      const route = await get('/diagnostics');
      expect(route.status).toBe(200);
      expect(route.body).toContain('<title>kiosk</title>');
    });

    it('refuses methods other than GET and HEAD with 405', async () => {
      const answer = await get('/', { method: 'POST' });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    });

    it('refuses a request naming another host with 403', async () => {
      expect((await get('/', { host: `rebind.example:${host.port}` })).status).toBe(403);
    });
  });
});

describe('Host.close', () => {
  it('closes every session and the server and leaves no handle: the process ends on its own', { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/integration/host-exit-child.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // A watchdog, not a timing assertion: a child kept alive by a dangling handle never ends by itself.
    // It starts once the child begins closing, so a slow start on a loaded machine does not count.
    let watchdog: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      if (watchdog === undefined && stdout.includes('closing\n')) watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    clearTimeout(watchdog);
    expect({ code, signal, stdout, stderr }).toEqual({ code: 0, signal: null, stdout: 'closing\nclosed 1001\nexit 0\n', stderr: '' });
  });

  it('cuts a client that never answers the closing handshake, so close() still resolves', async () => {
    const own = await startHost({ rendererDir, onMessage, kiosk: { kioskId: 'kiosk-test-03', flow: 'hospital', languages: ['vi'], appVersion: '0.1.0', demo: false }, logger: createLogger({ level: 'silent' }), closeGraceMs: 50 });
    // A raw socket that completes the upgrade, then reads and ignores everything: it never answers a close frame.
    const socket = connectTcp(own.port, '127.0.0.1');
    const upgraded = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `GET /contract?token=${own.token} HTTP/1.1\r\nHost: 127.0.0.1:${own.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    await upgraded;
    socket.resume();
    expect(own.sessionCount).toBe(1);
    await own.close();
    await ended;
    expect(own.sessionCount).toBe(0);
  });

  it('tells connected clients that the core is stopping before it closes them', async () => {
    const own = await startHost({
      rendererDir,
      onMessage,
      kiosk: { kioskId: 'kiosk-test-02', flow: 'border-gate', languages: ['vi', 'en', 'zh'], appVersion: '0.1.0', demo: false },
      logger: createLogger({ level: 'silent' }),
      closeGraceMs: 30_000,
    });
    const client = await connectContract(own.contractUrl, { token: own.token, origin: own.url.slice(0, -1) });
    client.send({ type: 'hello', id: 'h', version: CONTRACT_VERSION });
    await client.reply('h');
    await own.close();
    expect(client.messages.at(-1)).toEqual({ type: 'event', event: { kind: 'shutdown', reason: 'stopping', retryInMs: 0 } });
    expect(await client.closed()).toEqual({ code: 1001, reason: 'core stopping' });
    expect(own.sessionCount).toBe(0);
  });
});
