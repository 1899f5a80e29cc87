// View fixtures for the renderer tests: one state snapshot per screen of each flow, shaped as the
// core's flows build them (electron/core/flows/*-view.ts) and parsed with the contract's schemas, so a
// fixture that drifts from the contract fails here. People: the simulator profiles' synthetic holders
// only (NGUYỄN VĂN THỬ of the CCCD profile, SAMPLE ALEX JORDAN of the passport-td3 profile).

import { StateSnapshotSchema, type FlowIntentType, type HolderView, type Language, type ScreenView, type StateSnapshot } from '../../../electron/contract/index.ts';

/** A 1x1 PNG: a stand-in for the DG2 face the core sends as a data URL. */
export const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const CCCD_HOLDER: HolderView = { fullName: 'NGUYỄN VĂN THỬ', documentKind: 'CCCD', documentNumberTail: '2345', photo: PHOTO };
/** The holder as soon as DG1/DG13 are read, before the photo (DG2). */
export const CCCD_HOLDER_NO_PHOTO: HolderView = { fullName: 'NGUYỄN VĂN THỬ', documentKind: 'CCCD', documentNumberTail: '2345' };
export const PASSPORT_HOLDER: HolderView = { fullName: 'SAMPLE ALEX JORDAN', documentKind: 'PASSPORT', documentNumberTail: '9201', photo: PHOTO };

export const AT = 1_760_000_000_000;

export interface ScreenFixture {
  /** Unique name for test titles, e.g. `hospital reading (card lost)`. */
  readonly name: string;
  readonly snapshot: StateSnapshot;
}

interface SnapshotInput {
  readonly flow: StateSnapshot['flow'];
  readonly state: string;
  readonly view: ScreenView;
  readonly actions: readonly FlowIntentType[];
  readonly deadlineInMs?: number | null;
  readonly language?: Language;
  readonly banners?: StateSnapshot['banners'];
}

let seq = 0;

/** A snapshot that parses with StateSnapshotSchema (throws on drift). Every screen offers the language. */
export function snapshotOf(input: SnapshotInput): StateSnapshot {
  return StateSnapshotSchema.parse({
    seq: ++seq,
    at: AT,
    flow: input.flow,
    state: input.state,
    language: input.language ?? 'vi',
    languages: input.flow === 'border-gate' ? ['vi', 'en', 'zh'] : ['vi', 'en'],
    actions: ['flow.chooseLanguage', ...input.actions],
    deadlineAt: input.deadlineInMs === null || input.deadlineInMs === undefined ? null : AT + input.deadlineInMs,
    banners: input.banners ?? [],
    view: input.view,
    kioskId: 'kiosk-test-01',
  });
}

const TITLE_HOSPITAL = { vi: 'Đăng ký khám bệnh', en: 'Hospital check-in', zh: '医院自助登记' };
const TITLE_GATE = { vi: 'Cổng kiểm soát tự động', en: 'Automated border gate', zh: '自助通关闸口' };
const TICKET = { title: 'BỆNH VIỆN ĐA KHOA DEMO', queueNumber: 'A-042', lines: ['Khoa: Nội tổng quát', 'Ngày: 09/10/2025 08:15'], footer: 'Vui lòng chờ gọi số' };
const DEPARTMENTS = [
  { id: 'internal', name: { vi: 'Nội tổng quát', en: 'Internal medicine' }, waitMinutes: 25, available: true },
  { id: 'pediatrics', name: { vi: 'Nhi', en: 'Pediatrics' }, available: true },
  { id: 'dental', name: { vi: 'Răng hàm mặt', en: 'Dental' }, available: false },
];
const CARD_REMOVED = { vi: 'Thẻ đã được rút ra trước khi đọc xong.', en: 'The card was removed before reading finished.' };

const hospital = (name: string, state: string, view: ScreenView, actions: readonly FlowIntentType[], deadlineInMs: number | null = 60_000): ScreenFixture => ({
  name: `hospital ${name}`,
  snapshot: snapshotOf({ flow: 'hospital', state, view, actions, deadlineInMs }),
});

const gate = (name: string, state: string, view: ScreenView, actions: readonly FlowIntentType[], deadlineInMs: number | null = 30_000): ScreenFixture => ({
  name: `border-gate ${name}`,
  snapshot: snapshotOf({ flow: 'border-gate', state, view, actions, deadlineInMs }),
});

export const HOSPITAL_FIXTURES: readonly ScreenFixture[] = [
  hospital('welcome', 'welcome', { screen: 'welcome', methods: ['chip', 'qr'], title: TITLE_HOSPITAL }, ['flow.start', 'flow.presentCard', 'flow.useQr'], null),
  hospital('presentCard (chip, card removed)', 'presentCard', { screen: 'presentCard', method: 'chip', documents: ['CCCD'], notice: CARD_REMOVED }, ['flow.back', 'flow.cancel', 'flow.useQr']),
  hospital('presentCard (qr)', 'presentCard', { screen: 'presentCard', method: 'qr', documents: ['CCCD'] }, ['flow.back', 'flow.cancel', 'flow.useQr', 'flow.presentCard']),
  hospital('reading (access)', 'reading.nonce', { screen: 'reading', step: 'access', fraction: 0.05, cardLost: false }, ['flow.back', 'flow.cancel']),
  hospital(
    'reading (photo, name shown)',
    'reading.chip',
    { screen: 'reading', step: 'photo', progress: { file: 'DG2', bytesRead: 9000, totalBytes: 18000 }, fraction: 0.624, cardLost: false, holder: CCCD_HOLDER_NO_PHOTO },
    ['flow.back', 'flow.cancel'],
  ),
  hospital('reading (card lost)', 'reading.chip', { screen: 'reading', step: 'photo', fraction: 0.7, cardLost: true, holder: CCCD_HOLDER }, ['flow.back', 'flow.cancel'], 12_000),
  hospital('fingerprint (place)', 'fingerprint.capture', { screen: 'fingerprint', requirement: 'optional', phase: 'place', attempt: 1, maxAttempts: 3, holder: CCCD_HOLDER }, ['flow.back', 'flow.cancel', 'flow.skipFingerprint']),
  hospital(
    'fingerprint (mismatch)',
    'fingerprint.retryWait',
    { screen: 'fingerprint', requirement: 'required', phase: 'mismatch', attempt: 2, maxAttempts: 3, hint: { vi: 'Vân tay không khớp.', en: 'The fingerprint does not match.' }, holder: CCCD_HOLDER },
    ['flow.back', 'flow.cancel', 'flow.retry'],
  ),
  hospital('chooseDepartment', 'chooseDepartment', { screen: 'chooseDepartment', departments: DEPARTMENTS, source: 'central', holder: CCCD_HOLDER }, ['flow.chooseDepartment', 'flow.back', 'flow.cancel']),
  hospital('confirm', 'confirm', { screen: 'confirm', holder: CCCD_HOLDER, department: DEPARTMENTS[0]!, fingerprint: 'matched' }, ['flow.confirm', 'flow.back', 'flow.cancel']),
  hospital('printing', 'printing', { screen: 'printing', ticket: TICKET }, []),
  hospital(
    'done (printed)',
    'done',
    { screen: 'done', ticket: TICKET, printed: true, queuedOffline: false, message: { vi: 'Đăng ký thành công. Vui lòng nhận phiếu và chờ gọi số.', en: 'You are checked in.' } },
    ['flow.cancel'],
    15_000,
  ),
  hospital(
    'done (not printed, offline)',
    'done',
    { screen: 'done', ticket: TICKET, printed: false, queuedOffline: true, message: { vi: 'Không in được phiếu.', en: 'The ticket could not be printed.' } },
    ['flow.cancel'],
  ),
  hospital(
    'error (card unreadable)',
    'error',
    { screen: 'error', code: 'CARD_UNREADABLE', message: { vi: 'Không đọc được chip của thẻ.', en: 'The card chip could not be read.' }, outcome: 'retry' },
    ['flow.retry', 'flow.back', 'flow.cancel', 'flow.useQr'],
  ),
  hospital('outOfService', 'outOfService', { screen: 'outOfService', reason: 'PRINTER_PAPER_OUT', message: { vi: 'Máy in hết giấy.', en: 'The printer is out of paper.' } }, [], null),
];

export const BORDER_GATE_FIXTURES: readonly ScreenFixture[] = [
  gate('welcome', 'idle', { screen: 'welcome', methods: ['chip'], title: TITLE_GATE }, ['flow.start'], null),
  gate('presentCard', 'presentDocument', { screen: 'presentCard', method: 'chip', documents: ['PASSPORT', 'CCCD'] }, ['flow.back', 'flow.cancel']),
  gate('reading', 'reading.chip', { screen: 'reading', step: 'verifying', fraction: 0.95, cardLost: false, holder: PASSPORT_HOLDER }, ['flow.back', 'flow.cancel']),
  gate('fingerprint (capturing)', 'fingerprint.capture', { screen: 'fingerprint', requirement: 'required', phase: 'capturing', attempt: 1, maxAttempts: 3, holder: PASSPORT_HOLDER }, ['flow.back', 'flow.cancel']),
  gate('verifying', 'verifying.online', { screen: 'verifying', step: 'online', holder: PASSPORT_HOLDER }, ['flow.cancel']),
  gate(
    'verdict (open)',
    'open',
    { screen: 'verdict', decision: 'open', assurance: 'PA_AA_OR_CA', message: { vi: 'Xác thực thành công. Mời quý khách đi qua cửa.', en: 'You are verified. Please walk through the gate.', zh: '验证成功。请通过闸门。' }, holder: PASSPORT_HOLDER },
    ['flow.cancel'],
    8_000,
  ),
  gate(
    'verdict (booth)',
    'booth',
    {
      screen: 'verdict',
      decision: 'booth',
      booth: '3',
      reasonCode: 'PA_FAILED',
      assurance: 'CHIP_READ',
      message: { vi: 'Giấy tờ cần được kiểm tra thêm.', en: 'Your document needs a further check.', zh: '您的证件需要进一步检查。' },
    },
    ['flow.cancel'],
  ),
  gate('error', 'error', { screen: 'error', code: 'CHIP_NOT_GENUINE', message: { vi: 'Không xác thực được chip.', en: 'The chip could not be verified.', zh: '无法验证芯片。' }, outcome: 'booth' }, ['flow.cancel']),
  gate('outOfService', 'outOfService', { screen: 'outOfService', reason: 'CARD_READER_ABSENT', message: { vi: 'Đầu đọc thẻ chưa sẵn sàng.', en: 'The card reader is not ready.', zh: '读卡器未就绪。' } }, [], null),
];

export const ALL_FIXTURES: readonly ScreenFixture[] = [...HOSPITAL_FIXTURES, ...BORDER_GATE_FIXTURES];

/** The fixture named `name` (throws when there is none, so a renamed fixture fails loudly). */
export function fixture(name: string): StateSnapshot {
  const found = ALL_FIXTURES.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture named ${name}`);
  return found.snapshot;
}
