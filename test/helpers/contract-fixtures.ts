// Contract messages for tests: one valid view model per screen and snapshots built from them. The
// person is synthetic (the ICAO 9303 specimen name); the photo is a 1x1 PNG.

import type { HolderView, ScreenName, ScreenOf, ScreenView, StateSnapshot } from '../../electron/contract/index.ts';

/** A 1x1 transparent PNG as a data URL. */
export const TINY_PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export const SPECIMEN_HOLDER: HolderView = Object.freeze({
  fullName: 'ERIKSSON ANNA MARIA',
  documentKind: 'PASSPORT',
  documentNumberTail: '0003',
  photo: TINY_PNG_DATA_URL,
});

const ticket = { title: 'BỆNH VIỆN ĐA KHOA TỈNH', queueNumber: 'A042', lines: ['Khoa Nội', 'Phòng 105'], footer: 'Xin cảm ơn' };
const department = { id: 'internal-medicine', name: { vi: 'Khoa Nội', en: 'Internal medicine' }, available: true };
const message = { vi: 'Xong', en: 'Done', zh: '完成' };

/** One valid view of each screen. */
export const SCREEN_VIEWS: { readonly [S in ScreenName]: ScreenOf<S> } = {
  welcome: { screen: 'welcome', methods: ['chip', 'qr'], title: { vi: 'Xin chào', en: 'Welcome' } },
  presentCard: { screen: 'presentCard', method: 'chip', documents: ['CCCD', 'PASSPORT'] },
  reading: { screen: 'reading', step: 'photo', progress: { file: 'DG2', bytesRead: 4096, totalBytes: 18_000 }, fraction: 0.4, cardLost: false, holder: { fullName: SPECIMEN_HOLDER.fullName, documentKind: 'PASSPORT', documentNumberTail: '0003' } },
  fingerprint: { screen: 'fingerprint', requirement: 'required', phase: 'place', attempt: 1, maxAttempts: 3, holder: SPECIMEN_HOLDER },
  chooseDepartment: { screen: 'chooseDepartment', departments: [department], source: 'config', holder: SPECIMEN_HOLDER },
  confirm: { screen: 'confirm', holder: SPECIMEN_HOLDER, department, fingerprint: 'matched' },
  printing: { screen: 'printing', ticket },
  done: { screen: 'done', ticket, printed: true, queuedOffline: false, message },
  verifying: { screen: 'verifying', step: 'online', holder: SPECIMEN_HOLDER },
  verdict: { screen: 'verdict', decision: 'booth', booth: '3', reasonCode: 'PA_FAILED', assurance: 'CHIP_READ', message },
  error: { screen: 'error', code: 'CARD_UNREADABLE', message, outcome: 'retry' },
  outOfService: { screen: 'outOfService', reason: 'PRINTER_PAPER_OUT', message },
};

/** A valid snapshot showing `view`. */
export function snapshotOf(view: ScreenView, seq = 1): StateSnapshot {
  return {
    seq,
    at: 1_700_000_000_000 + seq,
    flow: 'hospital',
    state: `${view.screen}.idle`,
    language: 'vi',
    languages: ['vi', 'en'],
    actions: view.screen === 'welcome' ? ['flow.start', 'flow.chooseLanguage'] : ['flow.back', 'flow.cancel'],
    deadlineAt: null,
    banners: [],
    view,
    kioskId: 'kiosk-test-01',
  };
}
