// The queue ticket a patient takes away: the site, the big queue number, the department and room, the
// time, and a QR the desk can scan to find the check-in (its idempotency key's first block: enough to
// look it up). No name: a ticket is left on chairs and in bins, and the screen previews it as it prints.

import type { Ticket } from '../../../../native/hal/printer.ts';
import type { Department, Language } from '../ports.ts';

export interface TicketInput {
  readonly siteName: string;
  readonly queueNumber: string;
  readonly department: Department;
  readonly language: Language;
  readonly now: Date;
  readonly idempotencyKey: string;
  readonly footer?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function departmentName(department: Department, language: Language): string {
  return department.name[language] ?? department.name.en;
}

export function hospitalTicket(input: TicketInput): Ticket {
  const { department, now } = input;
  const name = departmentName(department, 'vi');
  const translated = input.language === 'vi' ? undefined : departmentName(department, input.language);
  const lines = [
    `Khoa: ${name}${department.room ? ` — ${department.room}` : ''}`,
    ...(translated && translated !== name ? [translated] : []),
    `Thời gian: ${pad(now.getHours())}:${pad(now.getMinutes())} ngày ${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`,
    'Vui lòng chờ đến lượt được gọi trên màn hình.',
  ];
  return Object.freeze({
    title: input.siteName,
    queueNumber: input.queueNumber,
    lines: Object.freeze(lines),
    qrPayload: `KIOSK:CHECKIN:${input.queueNumber}:${input.idempotencyKey.slice(0, 8)}`,
    ...(input.footer ? { footer: input.footer } : {}),
  });
}
