// The hospital flow's snapshot as the UI renders it: one contract ScreenView per state, the intents the
// screen offers, and how long the step waits. Built only from the machine's snapshot (no device is
// asked), so the same state always renders the same screen.

import type { SnapshotFrom } from 'xstate';
import { USER_MESSAGES, type LocalizedText } from '../../../../native/hal/errors.ts';
import type { FlowIntentType } from '../../../contract/requests.ts';
import type { DepartmentView, ScreenView, TicketPreview } from '../../../contract/screens.ts';
import { problemText, type FlowProblem } from '../flow-problem.ts';
import type { HospitalFlowSettings } from '../flow-settings.ts';
import { FLOW_TEXTS } from '../flow-texts.ts';
import { fingerprintStepView, flowViewModel, NO_HOLDER, readingStepView, type StepView } from '../flow-step-views.ts';
import { holderView, statePath, type FlowViewModel } from '../flow-view-parts.ts';
import { isChoosable, type Department } from '../ports.ts';
import type { HospitalCheckInMachine, HospitalContext } from './hospital-check-in-machine.ts';

type HospitalSnapshot = SnapshotFrom<HospitalCheckInMachine>;

/** Problems after which trying again cannot help: the person is sent to the desk. */
const DESK_CODES = new Set(['CHECK_IN_NOT_SAVED', 'CHIP_NOT_GENUINE', 'ASSURANCE_TOO_LOW', 'FINGERPRINT_MISMATCH', 'FINGERPRINT_NOT_CONFIRMED', 'FINGERPRINT_UNAVAILABLE', 'NO_DEPARTMENTS', 'ONLINE_VERIFICATION_FAILED']);

function departmentView(d: Department): DepartmentView {
  return {
    id: d.id,
    name: { vi: d.name.vi, en: d.name.en, ...(d.name.zh ? { zh: d.name.zh } : {}) },
    ...(d.waitMinutes === undefined ? {} : { waitMinutes: d.waitMinutes }),
    available: isChoosable(d),
  };
}

function ticketPreview(context: HospitalContext): TicketPreview {
  const ticket = context.session.ticket;
  return {
    title: ticket?.title ?? '',
    queueNumber: ticket?.queueNumber ?? context.session.queueNumber ?? '—',
    lines: [...(ticket?.lines ?? [])],
    ...(ticket?.footer ? { footer: ticket.footer } : {}),
  };
}

function noticeOf(context: HospitalContext): LocalizedText | undefined {
  if (context.problem) return problemText(context.problem);
  if (context.hint === 'scan-first') return USER_MESSAGES.SCAN_DOCUMENT_FIRST;
  if (context.method === 'qr' && context.session.scan?.kind === 'mrz') return USER_MESSAGES.CHIP_REQUIRED;
  return undefined;
}

function errorOutcome(problem: FlowProblem | undefined): 'retry' | 'desk' {
  return problem && (DESK_CODES.has(problem.code) || problem.messageKey === 'CHECK_IN_NOT_SAVED') ? 'desk' : 'retry';
}

export function hospitalView(snapshot: HospitalSnapshot, settings: HospitalFlowSettings): FlowViewModel {
  const { context } = snapshot;
  const state = statePath(snapshot.value);
  const top = state.split('.')[0]!;
  const t = settings.timeouts;
  const canUseQr = settings.allowQrOnly && context.session.scan?.kind === 'cccd-qr';
  const holder = holderView(context.session);
  const make = (step: StepView): FlowViewModel => flowViewModel('hospital', state, context.language, step);
  const screen = (view: ScreenView, actions: FlowIntentType[], timeoutMs: number | null): FlowViewModel => make({ view, actions, timeoutMs });

  switch (top) {
    case 'welcome':
      return screen(
        { screen: 'welcome', methods: settings.allowQrOnly ? ['chip', 'qr'] : ['chip'], title: FLOW_TEXTS.HOSPITAL_TITLE },
        ['flow.start', 'flow.presentCard', ...(settings.allowQrOnly ? (['flow.useQr'] as const) : [])],
        null,
      );
    case 'presentCard': {
      const notice = noticeOf(context);
      return screen(
        { screen: 'presentCard', method: context.method, documents: ['CCCD'], ...(notice ? { notice } : {}) },
        ['flow.back', 'flow.cancel', ...(settings.allowQrOnly ? (['flow.useQr'] as const) : []), ...(context.method === 'qr' ? (['flow.presentCard'] as const) : [])],
        t.presentCardMs,
      );
    }
    case 'reading':
      return make(readingStepView({ state, progress: context.progress, cardLost: context.cardLost, holder, readMs: t.readMs }));
    case 'fingerprint':
      return make(fingerprintStepView({ state, problem: context.problem, fingerPhase: context.fingerPhase, fingerAttempt: context.fingerAttempt, holder, settings }));
    case 'verifying':
    case 'departments':
      return screen(
{ screen: 'verifying', step: 'online', holder: holder ?? NO_HOLDER }, ['flow.cancel'], top === 'verifying' ? t.verifyMs : t.chooseMs);
    case 'chooseDepartment':
      return screen(
        { screen: 'chooseDepartment', departments: context.departments.slice(0, 100).map(departmentView), source: context.departmentsOnline ? 'central' : 'config', holder: holder ?? NO_HOLDER },
        ['flow.chooseDepartment', 'flow.back', 'flow.cancel'],
        t.chooseMs,
      );
    case 'confirm':
    case 'saving': {
      const department = context.session.department;
      const fingerprint = settings.fingerprint === 'off' ? 'off' : context.session.fingerprintVerdict === 'not-performed' ? 'skipped' : 'matched';
      return screen(
        { screen: 'confirm', holder: holder ?? NO_HOLDER, department: department ? departmentView(department) : { id: 'none', name: { vi: '—', en: '—' }, available: false }, fingerprint },
        top === 'confirm' ? ['flow.confirm', 'flow.back', 'flow.cancel'] : [],
        top === 'confirm' ? t.confirmMs : null,
      );
    }
    case 'printing':
      return screen(
{ screen: 'printing', ticket: ticketPreview(context) }, [], t.printMs);
    case 'done':
      return screen(
        {
          screen: 'done',
          ticket: ticketPreview(context),
          printed: context.printed === true,
          queuedOffline: context.offline,
          message: context.printed === true ? FLOW_TEXTS.CHECK_IN_DONE : USER_MESSAGES.TICKET_NOT_PRINTED,
        },
        ['flow.cancel'],
        context.printed === true ? t.doneMs : t.errorMs,
      );
    default: {
      const problem = context.problem ?? { code: 'INTERNAL', messageKey: 'INTERNAL' as const };
      return screen(
        { screen: 'error', code: problem.code, message: problemText(problem), outcome: errorOutcome(context.problem) },
        ['flow.retry', 'flow.back', 'flow.cancel', ...(canUseQr ? (['flow.useQr'] as const) : [])],
        t.errorMs,
      );
    }
  }
}
