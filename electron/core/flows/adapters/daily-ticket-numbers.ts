// Queue numbers per department and day: the department's prefix and a three-digit counter that starts
// again each local day ('A001', 'A002', ... 'A999', then 'A1000'). `seed` restores the counters after a
// restart (the composition root can count today's check-ins in the store), so numbers are not reissued.

import { localIsoDate } from '../document-checks.ts';
import { systemClock, type Department, type FlowClock, type TicketNumbers } from '../ports.ts';

export function ticketPrefix(department: Department): string {
  return (department.ticketPrefix ?? department.id.charAt(0)).toUpperCase();
}

export class DailyTicketNumbers implements TicketNumbers {
  private day = '';
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly clock: FlowClock = systemClock,
    seed: ReadonlyMap<string, number> = new Map(),
  ) {
    this.day = localIsoDate(clock.now());
    for (const [prefix, count] of seed) this.counters.set(prefix, count);
  }

  async next(department: Department): Promise<string> {
    const today = localIsoDate(this.clock.now());
    if (today !== this.day) {
      this.day = today;
      this.counters.clear();
    }
    const prefix = ticketPrefix(department);
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${String(n).padStart(3, '0')}`;
  }
}
