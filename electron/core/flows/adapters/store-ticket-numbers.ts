// Queue numbers that survive a restart: the counter lives in the check-in database (CheckInStore
// nextTicketNumber), committed before the number is shown, so a kiosk that reboots at 10:00 does not
// give a second patient 'A001'. Numbers start again each local day, per department prefix.

import { localIsoDate } from '../document-checks.ts';
import { systemClock, type Department, type FlowClock, type TicketNumbers } from '../ports.ts';
import { ticketPrefix } from './daily-ticket-numbers.ts';

/** The durable counter: `CheckInStore` satisfies it. */
export interface TicketCounter {
  /** Resolves with 1, 2, 3 ... for successive calls with the same day and prefix, after the commit. */
  nextTicketNumber(day: string, prefix: string): Promise<number>;
}

export class StoreTicketNumbers implements TicketNumbers {
  constructor(
    private readonly counter: TicketCounter,
    private readonly clock: FlowClock = systemClock,
  ) {}

  /** 'A001' ... 'A999', then 'A1000'. Rejects with the store's StoreError when the counter cannot be written. */
  async next(department: Department): Promise<string> {
    const prefix = ticketPrefix(department);
    const n = await this.counter.nextTicketNumber(localIsoDate(this.clock.now()), prefix);
    return `${prefix}${String(n).padStart(3, '0')}`;
  }
}
