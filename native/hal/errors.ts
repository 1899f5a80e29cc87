// Error classes shared across the device world. Every error a program may branch on carries a stable
// `code`; the text a person sees comes from `userMessage`, written for them in Vietnamese, English and
// Chinese (border gate). `message` is for technicians and logs and never contains personal data.

export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
  readonly zh: string;
}

/** Stable, machine-readable error codes with the text a person sees for each. */
export const USER_MESSAGES = {
  CARD_REMOVED: {
    vi: 'Thẻ đã bị rút ra. Vui lòng đặt lại thẻ và giữ yên.',
    en: 'The card was removed. Please place it again and hold it still.',
    zh: '卡片已被移开。请重新放置并保持不动。',
  },
  CARD_UNREADABLE: {
    vi: 'Không đọc được chip trên thẻ. Vui lòng thử lại hoặc đến quầy hỗ trợ.',
    en: 'The card chip could not be read. Please try again or go to the help desk.',
    zh: '无法读取卡片芯片。请重试或前往服务台。',
  },
  ACCESS_DENIED: {
    vi: 'Không mở được chip: thông tin trên thẻ không khớp. Vui lòng quét lại mặt thẻ.',
    en: 'The chip could not be unlocked: the card details do not match. Please scan the card again.',
    zh: '无法解锁芯片：证件信息不匹配。请重新扫描证件。',
  },
  SECURE_MESSAGING_FAILED: {
    vi: 'Kết nối an toàn với chip bị lỗi. Vui lòng đặt lại thẻ.',
    en: 'The secure connection to the chip failed. Please place the card again.',
    zh: '与芯片的安全连接失败。请重新放置证件。',
  },
  MALFORMED_CARD_DATA: {
    vi: 'Dữ liệu trên chip không hợp lệ. Vui lòng đến quầy hỗ trợ.',
    en: 'The data on the chip is not valid. Please go to the help desk.',
    zh: '芯片数据无效。请前往服务台。',
  },
  UNSUPPORTED_CARD: {
    vi: 'Loại thẻ này chưa được hỗ trợ. Vui lòng dùng CCCD gắn chip hoặc hộ chiếu.',
    en: 'This kind of card is not supported. Please use a chip ID card or a passport.',
    zh: '不支持此类卡片。请使用芯片身份证或护照。',
  },
  INVALID_INPUT: {
    vi: 'Thông tin nhập vào không hợp lệ.',
    en: 'The information entered is not valid.',
    zh: '输入的信息无效。',
  },
  READER_UNAVAILABLE: {
    vi: 'Đầu đọc thẻ chưa sẵn sàng. Vui lòng báo nhân viên kỹ thuật.',
    en: 'The card reader is not ready. Please call a technician.',
    zh: '读卡器未就绪。请联系技术人员。',
  },
  PCSC_NOT_INSTALLED: {
    vi: 'Máy chưa cài hỗ trợ đầu đọc thẻ (PC/SC). Vui lòng báo nhân viên kỹ thuật.',
    en: 'Card reader support (PC/SC) is not installed on this machine. Please call a technician.',
    zh: '本机未安装读卡器支持（PC/SC）。请联系技术人员。',
  },
  NO_CARD: {
    vi: 'Chưa có thẻ trên đầu đọc. Vui lòng đặt thẻ vào.',
    en: 'There is no card on the reader. Please place your card.',
    zh: '读卡器上没有卡片。请放置证件。',
  },
  TIMEOUT: {
    vi: 'Thiết bị không phản hồi kịp. Vui lòng thử lại.',
    en: 'The device did not answer in time. Please try again.',
    zh: '设备响应超时。请重试。',
  },
  VERIFICATION_FAILED: {
    vi: 'Không xác thực được tính toàn vẹn của thẻ. Vui lòng đến quầy hỗ trợ.',
    en: 'The card could not be verified as genuine. Please go to the help desk.',
    zh: '无法验证证件的真实性。请前往服务台。',
  },
  INTERNAL: {
    vi: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc báo nhân viên.',
    en: 'A system error occurred. Please try again or ask a member of staff.',
    zh: '发生系统错误。请重试或联系工作人员。',
  },
} as const satisfies Record<string, LocalizedText>;

export type UserMessageKey = keyof typeof USER_MESSAGES;

export interface KioskErrorOptions {
  /** Which step of a protocol or flow failed, e.g. `bac.mutualAuthenticate`. */
  readonly step?: string;
  /** ISO 7816-4 status word when a card answered with one. */
  readonly sw?: number;
  readonly cause?: unknown;
  /** What the person sees; defaults from the code's family. */
  readonly userMessage?: UserMessageKey;
}

/**
 * Base of every typed error in the kiosk. `code` is stable and machine-readable; `message` is technical
 * English for logs (no personal data); `userMessage` is what a person reads.
 */
export class KioskError extends Error {
  readonly code: string;
  readonly step: string | undefined;
  readonly sw: number | undefined;
  readonly userMessageKey: UserMessageKey;

  constructor(code: string, message: string, options: KioskErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.step = options.step;
    this.sw = options.sw;
    this.userMessageKey = options.userMessage ?? 'INTERNAL';
  }

  get userMessage(): LocalizedText {
    return USER_MESSAGES[this.userMessageKey];
  }

  /** `SW 6982` style suffix, used in technician messages. */
  get swText(): string {
    return this.sw === undefined ? '' : ` (SW ${this.sw.toString(16).toUpperCase().padStart(4, '0')})`;
  }
}

/** A device is missing, unplugged, or its support library is not installed. */
export class DeviceUnavailableError extends KioskError {}

/** The card left the reader (or the reader lost it) during an operation. */
export class CardRemovedError extends KioskError {
  constructor(message = 'card removed', options: KioskErrorOptions = {}) {
    super('CARD_REMOVED', message, { userMessage: 'CARD_REMOVED', ...options });
  }
}

/** An operation did not complete within its deadline. */
export class DeviceTimeoutError extends KioskError {
  constructor(message: string, options: KioskErrorOptions = {}) {
    super('TIMEOUT', message, { userMessage: 'TIMEOUT', ...options });
  }
}
