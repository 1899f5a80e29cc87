// A real kiosk core for the integration tests: the demo profile (every device simulated, the central
// simulator on loopback) with its data in a temporary folder and a tiny renderer fixture, driven through
// the real host over a WebSocket as the renderer would drive it. Waits are by message, never by time.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../native/util/logger.ts';
import type { ClientRequest, CoreEvent, ServerMessage, StateSnapshot } from '../../../electron/contract/index.ts';
import type { KioskCore } from '../../../electron/core/app/kiosk-core-api.ts';
import { startKioskCore } from '../../../electron/core/app/start-kiosk-core.ts';
import { loadKioskConfig, profileConfigFile, type LoadedKioskConfig } from '../../../electron/core/config/load-kiosk-config.ts';
import { connectContract, type ContractClient } from '../../helpers/contract-client.ts';

/** A request without its id (the screen numbers them). */
export type RequestBody = ClientRequest extends infer R ? (R extends ClientRequest ? Omit<R, 'id'> : never) : never;

export const RENDERER_PAGE = '<!doctype html><title>kiosk renderer fixture</title>';

/** The demo profile with its data in `dataDir` and `env` (KIOSK_* variables) applied. */
export function demoConfig(dataDir: string, env: Record<string, string> = {}): Promise<LoadedKioskConfig> {
  return loadKioskConfig({ file: profileConfigFile('demo'), env: { KIOSK_DATA_DIR: dataDir, ...env } });
}

export class KioskScreen {
  private ids = 0;
  private lastSeq = -1;

  constructor(readonly client: ContractClient) {}

  /** Sends a request and resolves with its reply. */
  async request(request: RequestBody): Promise<Extract<ServerMessage, { type: 'ok' | 'error' }>> {
    const id = `r${++this.ids}`;
    this.client.send({ ...request, id } as ClientRequest);
    return this.client.reply(id);
  }

  /** Sends a request that must be answered `ok`. */
  async ok(request: RequestBody): Promise<void> {
    const reply = await this.request(request);
    if (reply.type !== 'ok') throw new Error(`${request.type} was refused: ${reply.error.code} ${reply.error.detail ?? ''}`);
  }

  /** The next snapshot (newer than the last one returned) whose state is `state` or below it, or that matches. */
  async reach(state: string | ((s: StateSnapshot) => boolean)): Promise<StateSnapshot> {
    const test = typeof state === 'string' ? (s: StateSnapshot) => s.state === state || s.state.startsWith(`${state}.`) : state;
    const message = await this.client.next((m) => m.type === 'snapshot' && m.snapshot.seq > this.lastSeq && test(m.snapshot));
    const snapshot = (message as Extract<ServerMessage, { type: 'snapshot' }>).snapshot;
    this.lastSeq = snapshot.seq;
    return snapshot;
  }

  /** The latest snapshot received so far. */
  latest(): StateSnapshot {
    const snapshots = this.client.messages.filter((m): m is Extract<ServerMessage, { type: 'snapshot' }> => m.type === 'snapshot');
    const last = snapshots[snapshots.length - 1];
    if (!last) throw new Error('no snapshot yet');
    return last.snapshot;
  }

  /** The next event (already received or future) that matches. */
  async event<K extends CoreEvent['kind']>(kind: K, match: (e: Extract<CoreEvent, { kind: K }>) => boolean = () => true): Promise<Extract<CoreEvent, { kind: K }>> {
    const message = await this.client.next((m) => m.type === 'event' && m.event.kind === kind && match(m.event as Extract<CoreEvent, { kind: K }>));
    return (message as Extract<ServerMessage, { type: 'event' }>).event as Extract<CoreEvent, { kind: K }>;
  }
}

export interface CoreRig {
  readonly core: KioskCore;
  readonly dataDir: string;
  /** A greeted screen session. */
  screen(role?: 'screen' | 'agent'): Promise<KioskScreen>;
  close(): Promise<void>;
}

export async function startCoreRig(options: { env?: Record<string, string>; config?: (dataDir: string) => Promise<LoadedKioskConfig>; idleResetMs?: number; renderer?: boolean } = {}): Promise<CoreRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-core-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
  if (options.renderer !== false) writeFileSync(join(rendererDir, 'index.html'), RENDERER_PAGE);
  const clients: ContractClient[] = [];
  let core: KioskCore;
  try {
    const config = await (options.config ?? ((dir) => demoConfig(dir, options.env)))(dataDir);
    core = await startKioskCore({ config, rendererDir, logger: silentLogger(), ...(options.idleResetMs === undefined ? {} : { idleResetMs: options.idleResetMs }) });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
    throw err;
  }
  return {
    core,
    dataDir,
    async screen(role = 'screen') {
      const client = await connectContract(core.contractUrl, { token: core.token, origin: core.url.slice(0, -1) });
      clients.push(client);
      const screen = new KioskScreen(client);
      const hello = await screen.request({ type: 'hello', version: 1, role });
      if (hello.type !== 'ok') throw new Error(`hello refused: ${hello.error.code}`);
      return screen;
    },
    async close() {
      for (const c of clients) await c.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}
