// Hospital check-ins driven over the contract, as the kiosk's own screen would send them (role
// `screen`), with the demo controls standing in for the person and the world: start, the CCCD's QR
// scanned, the card put on the reader, a finger placed, a department chosen, confirm, the printed ticket,
// the card taken off and the done screen left. Waits are on snapshots (by sequence number, never by
// elapsed time); a liveness bound only turns a hang into an error that names the screen it stuck on.

import { CONTRACT_VERSION, type ClientRequest, type Result, type ScreenName, type ScreenOf, type StateSnapshot } from '../../../electron/contract/index.ts';
import { connectContract, type ContractClient } from '../../helpers/contract-client.ts';

const STEP_LIMIT_MS = 60_000;

type RequestBody = ClientRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export class ContractKiosk {
  private ids = 0;
  /** The newest snapshot sequence number consumed by a wait. */
  private cursor = -1;
  private latest: StateSnapshot | undefined;

  private constructor(private readonly client: ContractClient) {}

  /** Connects, says hello in `role` and waits for the first snapshot. */
  static async connect(contractUrl: string, token: string, role: 'screen' | 'agent'): Promise<ContractKiosk> {
    const kiosk = new ContractKiosk(await connectContract(contractUrl, { token }));
    await kiosk.request({ type: 'hello', version: CONTRACT_VERSION, role, client: 'app-soak bench' });
    kiosk.latest = ((await kiosk.client.next((m) => m.type === 'snapshot')) as { snapshot: StateSnapshot }).snapshot;
    return kiosk;
  }

  get snapshot(): StateSnapshot | undefined {
    return this.latest;
  }

  /** Sends one request and resolves with its result. Throws with the error code when refused. */
  async request(body: RequestBody): Promise<Result> {
    const id = `b${++this.ids}`;
    this.client.send({ ...body, id } as ClientRequest);
    const reply = await this.client.reply(id);
    if (reply.type === 'error') throw new Error(`${body.type} refused: ${reply.error.code}`);
    return reply.result;
  }

  /**
   * Resolves with the first snapshot after the last one waited for that shows `screen`. Throws when an
   * error or out-of-service screen comes first (with its code), or when none comes within a minute.
   */
  async screen<S extends ScreenName>(screen: S): Promise<StateSnapshot & { view: ScreenOf<S> }> {
    const after = this.cursor;
    let timer: NodeJS.Timeout | undefined;
    const found = this.client.next(
      (m) => m.type === 'snapshot' && m.snapshot.seq > after && (m.snapshot.view.screen === screen || m.snapshot.view.screen === 'error' || m.snapshot.view.screen === 'outOfService'),
    );
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${screen} screen within ${STEP_LIMIT_MS / 1000} s (last: ${this.lastScreen()})`)), STEP_LIMIT_MS);
    });
    try {
      const { snapshot } = (await Promise.race([found, limit])) as { snapshot: StateSnapshot };
      this.cursor = snapshot.seq;
      this.latest = snapshot;
      const view = snapshot.view;
      if (view.screen === 'error') throw new Error(`the kiosk showed the error screen ${view.code} instead of ${screen}`);
      if (view.screen === 'outOfService') throw new Error(`the kiosk went out of service (${view.reason}) instead of ${screen}`);
      return snapshot as StateSnapshot & { view: ScreenOf<S> };
    } finally {
      clearTimeout(timer);
    }
  }

  private lastScreen(): string {
    const last = [...this.client.messages].reverse().find((m) => m.type === 'snapshot');
    return last?.type === 'snapshot' ? `${last.snapshot.view.screen} (${last.snapshot.state})` : 'none';
  }

  /** Drops the messages already consumed, so that a long soak keeps neither them nor a slower search. */
  forgetConsumed(): void {
    const keep = this.client.messages.filter((m) => m.type === 'snapshot' && m.snapshot.seq > this.cursor);
    this.client.messages.splice(0, this.client.messages.length, ...keep);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** The steps of a check-in as the soak times them (wall ms, from the request to the next screen). */
export const CHECK_IN_STEPS = ['start', 'read', 'fingerprint', 'choose', 'save+print', 'back'] as const;
export type CheckInStep = (typeof CHECK_IN_STEPS)[number];

/**
 * One check-in from the welcome screen back to it. `index` picks the department (round robin over the
 * available ones). Resolves with the time of each step; throws when a step fails or the ticket was not
 * printed.
 */
export async function contractCheckIn(kiosk: ContractKiosk, index: number): Promise<Record<CheckInStep, number>> {
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  await kiosk.request({ type: 'flow.start' });
  await kiosk.screen('presentCard');
  const start = lap();
  await kiosk.request({ type: 'demo.scanDocument', kind: 'qr', profile: 'cccd' });
  await kiosk.request({ type: 'demo.insertCard', profile: 'cccd' });
  await kiosk.screen('fingerprint');
  const read = lap();
  await kiosk.request({ type: 'demo.placeFinger', outcome: 'match' });
  const choose = await kiosk.screen('chooseDepartment');
  const fingerprint = lap();
  const departments = choose.view.departments.filter((d) => d.available);
  if (departments.length === 0) throw new Error('no department is available');
  await kiosk.request({ type: 'flow.chooseDepartment', departmentId: departments[index % departments.length]!.id });
  await kiosk.screen('confirm');
  const chosen = lap();
  await kiosk.request({ type: 'flow.confirm' });
  const done = await kiosk.screen('done');
  if (!done.view.printed) throw new Error(`check-in ${index}: the ticket was not printed`);
  const printed = lap();
  await kiosk.request({ type: 'demo.removeCard' });
  await kiosk.request({ type: done.actions.includes('flow.cancel') ? 'flow.cancel' : 'flow.start' });
  await kiosk.screen('welcome');
  kiosk.forgetConsumed();
  return { start, read, fingerprint, choose: chosen, 'save+print': printed, back: lap() };
}
