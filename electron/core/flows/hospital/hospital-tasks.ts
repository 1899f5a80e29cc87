// The hospital flow's own invoked tasks: the department list (central or configured), saving the
// check-in with its queue number (acknowledged once the outbox has committed it), and printing the ticket.

import { fromPromise } from 'xstate';
import type { Ticket } from '../../../../native/hal/printer.ts';
import { checkInDraft } from '../check-in-draft.ts';
import { flowUnavailable } from '../flow-problem.ts';
import type { PersonSession } from '../person-session.ts';
import type { DepartmentSource, FlowClock, Language } from '../ports.ts';
import type { HospitalFlowDeps } from './hospital-check-in-machine.ts';
import { hospitalTicket } from './hospital-ticket.ts';

export interface SaveOutput {
  readonly queueNumber: string;
  readonly idempotencyKey: string;
  readonly ticket: Ticket;
}

export function hospitalTasks(deps: HospitalFlowDeps, clock: FlowClock) {
  const { settings } = deps;
  return {
    listDepartments: fromPromise<Awaited<ReturnType<DepartmentSource['list']>>>(async ({ signal }) => {
      if (!deps.departments) return { departments: settings.departments, online: false };
      return deps.departments.list(signal);
    }),
    saveCheckIn: fromPromise(async ({ input }: { input: { session: PersonSession; language: Language } }): Promise<SaveOutput> => {
      const { identity, department } = input.session;
      if (!identity || !department) throw flowUnavailable();
      const queueNumber = await deps.ticketNumbers.next(department);
      const receipt = await deps.outbox.enqueue(
        checkInDraft({ kioskId: settings.kioskId, profile: 'hospital', session: { ...input.session, identity }, visit: { departmentId: department.id, ticketNumber: queueNumber } }),
      );
      const ticket = hospitalTicket({
        siteName: settings.siteName,
        queueNumber,
        department,
        language: input.language,
        now: clock.now(),
        idempotencyKey: receipt.idempotencyKey,
        ...(settings.ticketFooter ? { footer: settings.ticketFooter } : {}),
      });
      return { queueNumber, idempotencyKey: receipt.idempotencyKey, ticket };
    }),
    printTicket: fromPromise(async ({ input }: { input: Ticket | undefined }) => {
      if (!input) throw flowUnavailable();
      return deps.printer.print(input);
    }),
  };
}
