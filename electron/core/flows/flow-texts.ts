// Texts of the flows' screens that are not errors (errors use USER_MESSAGES): titles and the words of a
// successful ending. Vietnamese first, English, and Chinese for every text a border-gate traveller reads.

import type { LocalizedText } from '../../../native/hal/errors.ts';

export const FLOW_TEXTS = {
  HOSPITAL_TITLE: {
    vi: 'Đăng ký khám bệnh',
    en: 'Hospital check-in',
    zh: '医院自助登记',
  },
  BORDER_GATE_TITLE: {
    vi: 'Cổng kiểm soát tự động',
    en: 'Automated border gate',
    zh: '自助通关闸口',
  },
  CHECK_IN_DONE: {
    vi: 'Đăng ký thành công. Vui lòng nhận phiếu và chờ gọi số.',
    en: 'You are checked in. Please take your ticket and wait for your number to be called.',
    zh: '登记成功。请取号票并等候叫号。',
  },
  GATE_OPEN: {
    vi: 'Xác thực thành công. Mời quý khách đi qua cửa.',
    en: 'You are verified. Please walk through the gate.',
    zh: '验证成功。请通过闸门。',
  },
} as const satisfies Record<string, LocalizedText>;
