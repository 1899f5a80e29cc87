// Department lists for the hospital flow: the config's list, and a live source (the central service or the
// hospital's own system) tried first with a deadline, falling back to the config's list when it is
// unreachable or offers nothing. The last live list is kept, so a short outage still shows it.

import type { CentralDepartment } from '../../../../native/central/department-list.ts';
import type { Department, DepartmentSource } from '../ports.ts';

export class StaticDepartmentSource implements DepartmentSource {
  private readonly departments: readonly Department[];

  constructor(departments: readonly Department[]) {
    this.departments = Object.freeze([...departments]);
  }

  async list(): Promise<{ readonly departments: readonly Department[]; readonly online: boolean }> {
    return { departments: this.departments, online: false };
  }
}

export interface LiveDepartmentList {
  fetch(signal: AbortSignal): Promise<readonly Department[]>;
}

/** The part of the central-service client (CentralClient) a department list needs. */
export interface DepartmentLister {
  /** Rejects with SyncTransportError when the service cannot be asked or answers badly. */
  listDepartments(signal?: AbortSignal): Promise<{ readonly departments: readonly CentralDepartment[] }>;
}

/** The central service's list as the flow's departments (the client has already checked every field). */
export class CentralDepartmentList implements LiveDepartmentList {
  constructor(private readonly client: DepartmentLister) {}

  async fetch(signal: AbortSignal): Promise<readonly Department[]> {
    const { departments } = await this.client.listDepartments(signal);
    return departments.map(
      (d): Department =>
        Object.freeze({
          id: d.id,
          name: { vi: d.name.vi, en: d.name.en, ...(d.name.zh === undefined ? {} : { zh: d.name.zh }) },
          ...(d.room === undefined ? {} : { room: d.room }),
          ...(d.ticketPrefix === undefined ? {} : { ticketPrefix: d.ticketPrefix }),
          available: d.available,
          ...(d.waitMinutes === undefined ? {} : { waitMinutes: d.waitMinutes }),
        }),
    );
  }
}

export class FallbackDepartmentSource implements DepartmentSource {
  private lastLive: readonly Department[] | undefined;

  constructor(
    private readonly live: LiveDepartmentList,
    private readonly fallback: readonly Department[],
    private readonly timeoutMs = 3_000,
  ) {}

  /**
   * The live list when it comes within `timeoutMs` (or before `signal` aborts) and is not empty, else
   * the kept live list without its waits, else the config list. Never rejects.
   */
  async list(signal: AbortSignal): Promise<{ readonly departments: readonly Department[]; readonly online: boolean }> {
    // A plain controller and a timer cleared at the end, not AbortSignal.any([signal, AbortSignal.timeout()])
    // with an 'abort' listener: Node keeps such a composite signal in a GC-persistent set while it has a
    // listener and has not aborted, but holds its timeout source only weakly. After a GC the timeout never
    // fired: the deadline was lost, and every list() (its signals, closures and departments) stayed in
    // memory for good (found by the 2,000 check-in soak). Here nothing outlives the call.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException(`no department list within ${this.timeoutMs} ms`, 'TimeoutError')), this.timeoutMs);
    const forward = (): void => deadline.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    let giveUp = (): void => undefined;
    try {
      // The deadline holds even against a live source that does not watch its signal.
      const gaveUp = new Promise<never>((_, reject) => {
        giveUp = () => reject(deadline.signal.reason);
        if (deadline.signal.aborted) giveUp();
        else deadline.signal.addEventListener('abort', giveUp, { once: true });
      });
      gaveUp.catch(() => undefined);
      const departments = await Promise.race([this.live.fetch(deadline.signal), gaveUp]);
      if (departments.length > 0) {
        this.lastLive = Object.freeze([...departments]);
        return { departments: this.lastLive, online: true };
      }
    } catch {
      // Unreachable or refused: the kiosk still serves patients from the list it has.
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', forward);
      deadline.signal.removeEventListener('abort', giveUp);
    }
    return { departments: this.lastLive ? withoutWaits(this.lastLive) : this.fallback, online: false };
  }
}

/** A wait told before an outage is no promise now: the kept list is shown without it. */
function withoutWaits(departments: readonly Department[]): readonly Department[] {
  return departments.map((d) => {
    if (d.waitMinutes === undefined) return d;
    const { waitMinutes: _stale, ...rest } = d;
    return Object.freeze(rest);
  });
}
