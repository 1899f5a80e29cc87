// Department lists for the hospital flow: the config's list, and a live source (the central service or the
// hospital's own system) tried first with a deadline, falling back to the config's list when it is
// unreachable or offers nothing. The last live list is kept, so a short outage still shows it.

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

export class FallbackDepartmentSource implements DepartmentSource {
  private lastLive: readonly Department[] | undefined;

  constructor(
    private readonly live: LiveDepartmentList,
    private readonly fallback: readonly Department[],
    private readonly timeoutMs = 3_000,
  ) {}

  async list(signal: AbortSignal): Promise<{ readonly departments: readonly Department[]; readonly online: boolean }> {
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]);
    try {
      // The deadline holds even against a live source that does not watch its signal.
      const gaveUp = new Promise<never>((_, reject) => {
        if (deadline.aborted) reject(deadline.reason);
        deadline.addEventListener('abort', () => reject(deadline.reason), { once: true });
      });
      gaveUp.catch(() => undefined);
      const departments = await Promise.race([this.live.fetch(deadline), gaveUp]);
      if (departments.length > 0) {
        this.lastLive = Object.freeze([...departments]);
        return { departments: this.lastLive, online: true };
      }
    } catch {
      // Unreachable or refused: the kiosk still serves patients from the list it has.
    }
    return { departments: this.lastLive ?? this.fallback, online: false };
  }
}
