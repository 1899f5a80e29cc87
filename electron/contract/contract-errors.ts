// Typed errors a core sends in reply to a request: a stable `code` a program branches on, the text a
// person reads (vi/en/zh), and optionally a technician detail and the schema problems of a refused
// message (paths and problems only, never the values that were sent).

import { z } from 'zod';
import { boundedText, IdentifierSchema, LocalizedTextSchema, type LocalizedText } from './common.ts';

export const CONTRACT_ERROR_CODES = [
  /** The frame is not JSON text. */
  'BAD_JSON',
  /** The frame is larger than MAX_CLIENT_MESSAGE_BYTES. */
  'TOO_LARGE',
  /** JSON, but `type` names no request of this contract version. */
  'UNKNOWN_TYPE',
  /** A known request whose fields do not match its schema (missing, wrong type, unknown field). */
  'BAD_MESSAGE',
  /** `hello` with another contract version. */
  'VERSION_MISMATCH',
  /** A request other than `hello` (or `ping`) before the session said hello. */
  'HELLO_REQUIRED',
  /** A second `hello` on a session that already said it. */
  'ALREADY_GREETED',
  /** The session's credentials (token) are wrong. */
  'UNAUTHORIZED',
  /** The request is valid but not possible in the current state (e.g. confirm on the welcome screen). */
  'NOT_ALLOWED',
  /** Not offered by this kiosk (a demo control outside the demo profile, an unknown device id). */
  'NOT_AVAILABLE',
  /** Diagnostics requests before `diagnostics.unlock`. */
  'DIAGNOSTICS_LOCKED',
  /** The diagnostics PIN is wrong. */
  'PIN_WRONG',
  /** Too many wrong PINs: unlocking is refused until the lockout ends. */
  'LOCKED_OUT',
  /** The device or the core is busy with the same operation; try again shortly. */
  'BUSY',
  /** The core failed while handling the request (a bug or a fault): logged, the session stays usable. */
  'INTERNAL',
] as const;
export const ContractErrorCodeSchema = z.enum(CONTRACT_ERROR_CODES);
export type ContractErrorCode = z.infer<typeof ContractErrorCodeSchema>;

/** One problem of a refused message: where (`language`, `pin`) and what, never the offending value. */
export const MessageIssueSchema = z.strictObject({
  path: boundedText(200),
  problem: boundedText(300),
});
export type MessageIssue = z.infer<typeof MessageIssueSchema>;

export const ContractErrorSchema = z.strictObject({
  code: ContractErrorCodeSchema,
  /** What a person reads. */
  message: LocalizedTextSchema,
  /** A domain reason when there is one, e.g. `PRINTER_PAPER_OUT` or `CARD_REMOVED`. */
  reason: IdentifierSchema.optional(),
  /** Technician-facing English, no personal data. */
  detail: boundedText(500).optional(),
  /** For BAD_MESSAGE / UNKNOWN_TYPE: the problems found (at most 20). */
  issues: z.array(MessageIssueSchema).max(20).optional(),
  /** LOCKED_OUT: when unlocking is possible again (ms since the epoch). */
  retryAt: z.number().int().nonnegative().optional(),
});
export type ContractError = z.infer<typeof ContractErrorSchema>;

/** The text a person reads for each contract error. */
export const CONTRACT_ERROR_MESSAGES: Readonly<Record<ContractErrorCode, LocalizedText>> = Object.freeze({
  BAD_JSON: {
    vi: 'Yêu cầu gửi tới máy không đọc được.',
    en: 'The request sent to the kiosk could not be read.',
    zh: '发送到终端的请求无法读取。',
  },
  TOO_LARGE: {
    vi: 'Yêu cầu gửi tới máy quá lớn.',
    en: 'The request sent to the kiosk is too large.',
    zh: '发送到终端的请求过大。',
  },
  UNKNOWN_TYPE: {
    vi: 'Máy không hỗ trợ yêu cầu này.',
    en: 'The kiosk does not support this request.',
    zh: '终端不支持此请求。',
  },
  BAD_MESSAGE: {
    vi: 'Yêu cầu gửi tới máy không hợp lệ.',
    en: 'The request sent to the kiosk is not valid.',
    zh: '发送到终端的请求无效。',
  },
  VERSION_MISMATCH: {
    vi: 'Giao diện và dịch vụ của máy không cùng phiên bản. Vui lòng báo nhân viên kỹ thuật.',
    en: 'The screen and the kiosk service are different versions. Please call a technician.',
    zh: '界面与终端服务版本不一致。请联系技术人员。',
  },
  HELLO_REQUIRED: {
    vi: 'Kết nối chưa được thiết lập. Vui lòng tải lại màn hình.',
    en: 'The connection is not set up yet. Please reload the screen.',
    zh: '连接尚未建立。请重新加载界面。',
  },
  ALREADY_GREETED: {
    vi: 'Kết nối đã được thiết lập.',
    en: 'The connection is already set up.',
    zh: '连接已建立。',
  },
  UNAUTHORIZED: {
    vi: 'Kết nối không được phép.',
    en: 'This connection is not allowed.',
    zh: '不允许此连接。',
  },
  NOT_ALLOWED: {
    vi: 'Thao tác này không thực hiện được lúc này.',
    en: 'This cannot be done right now.',
    zh: '当前无法执行此操作。',
  },
  NOT_AVAILABLE: {
    vi: 'Chức năng này không có trên máy.',
    en: 'This function is not available on this kiosk.',
    zh: '本终端不提供此功能。',
  },
  DIAGNOSTICS_LOCKED: {
    vi: 'Vui lòng nhập mã PIN kỹ thuật.',
    en: 'Please enter the technician PIN.',
    zh: '请输入技术人员PIN码。',
  },
  PIN_WRONG: {
    vi: 'Mã PIN không đúng.',
    en: 'The PIN is not correct.',
    zh: 'PIN码不正确。',
  },
  LOCKED_OUT: {
    vi: 'Nhập sai PIN quá nhiều lần. Vui lòng thử lại sau.',
    en: 'Too many wrong PINs. Please try again later.',
    zh: 'PIN码错误次数过多。请稍后再试。',
  },
  BUSY: {
    vi: 'Máy đang bận, vui lòng thử lại sau giây lát.',
    en: 'The kiosk is busy, please try again in a moment.',
    zh: '终端忙，请稍后再试。',
  },
  INTERNAL: {
    vi: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc báo nhân viên.',
    en: 'A system error occurred. Please try again or ask a member of staff.',
    zh: '发生系统错误。请重试或联系工作人员。',
  },
});

/** A contract error with its standard person-facing text. */
export function contractError(
  code: ContractErrorCode,
  extra: Omit<ContractError, 'code' | 'message'> & { readonly message?: LocalizedText } = {},
): ContractError {
  return Object.freeze({ ...extra, code, message: extra.message ?? CONTRACT_ERROR_MESSAGES[code] });
}
