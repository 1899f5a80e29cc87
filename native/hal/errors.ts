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
  CHECK_IN_NOT_SAVED: {
    vi: 'Không lưu được lượt đăng ký của bạn. Vui lòng đến quầy hỗ trợ.',
    en: 'Your check-in cannot be saved. Please go to the desk.',
    zh: '无法保存您的登记。请前往服务台。',
  },
  FINGER_NOT_DETECTED: {
    vi: 'Chưa nhận được vân tay. Vui lòng đặt ngón tay lên máy quét.',
    en: 'No finger was detected. Please place your finger on the scanner.',
    zh: '未检测到手指。请将手指放在扫描器上。',
  },
  FINGER_PRESS_HARDER: {
    vi: 'Vân tay chưa rõ. Vui lòng ấn cả đầu ngón tay lên giữa máy quét, ấn mạnh hơn.',
    en: 'The fingerprint is not clear. Please cover the middle of the scanner with your fingertip and press harder.',
    zh: '指纹不清晰。请用指尖覆盖扫描器中央并稍用力按压。',
  },
  FINGER_TOO_DRY: {
    vi: 'Ngón tay quá khô. Vui lòng hà hơi nhẹ vào đầu ngón tay rồi đặt lại.',
    en: 'Your finger is too dry. Please breathe lightly on your fingertip and place it again.',
    zh: '手指太干。请对指尖轻轻哈气后重新放置。',
  },
  FINGER_TOO_WET: {
    vi: 'Ngón tay quá ướt. Vui lòng lau khô ngón tay rồi đặt lại.',
    en: 'Your finger is too wet. Please wipe it dry and place it again.',
    zh: '手指太湿。请擦干后重新放置。',
  },
  FINGER_PLACE_AGAIN: {
    vi: 'Chưa quét được vân tay. Vui lòng nhấc tay lên, đặt lại và giữ yên.',
    en: 'The fingerprint could not be read. Please lift your finger, place it again and hold it still.',
    zh: '未能读取指纹。请抬起手指，重新放置并保持不动。',
  },
  FINGERPRINT_UNAVAILABLE: {
    vi: 'Máy quét vân tay chưa sẵn sàng. Vui lòng báo nhân viên kỹ thuật.',
    en: 'The fingerprint scanner is not ready. Please call a technician.',
    zh: '指纹扫描器未就绪。请联系技术人员。',
  },
  // Device registry (requireReady) and config: what a person is told when a device a check-in needs is not ready.
  PRINTER_UNAVAILABLE: {
    vi: 'Máy in chưa sẵn sàng, vui lòng báo nhân viên.',
    en: 'The printer is not ready, please ask staff.',
    zh: '打印机未就绪，请联系工作人员。',
  },
  PRINTER_PAPER_OUT: {
    vi: 'Máy in hết giấy, vui lòng báo nhân viên.',
    en: 'The printer is out of paper, please ask staff.',
    zh: '打印机缺纸，请联系工作人员。',
  },
  PRINTER_COVER_OPEN: {
    vi: 'Nắp máy in đang mở, vui lòng báo nhân viên.',
    en: 'The printer cover is open, please ask staff.',
    zh: '打印机盖未关闭，请联系工作人员。',
  },
  DOCUMENT_SCANNER_UNAVAILABLE: {
    vi: 'Máy quét giấy tờ chưa sẵn sàng. Vui lòng đặt thẻ lên đầu đọc hoặc báo nhân viên.',
    en: 'The document scanner is not ready. Please place your card on the reader or ask staff.',
    zh: '证件扫描器未就绪。请将证件放在读卡器上或联系工作人员。',
  },
  GATE_UNAVAILABLE: {
    vi: 'Cửa tự động chưa sẵn sàng. Vui lòng đến quầy kiểm soát có nhân viên.',
    en: 'The gate is not ready. Please go to a staffed booth.',
    zh: '闸门未就绪。请前往人工通道。',
  },
  DEVICE_BUSY: {
    vi: 'Thiết bị đang bận, vui lòng đợi trong giây lát rồi thử lại.',
    en: 'The device is busy, please wait a moment and try again.',
    zh: '设备忙，请稍候再试。',
  },
  CONFIG_INVALID: {
    vi: 'Máy chưa được cài đặt đúng. Vui lòng báo nhân viên kỹ thuật.',
    en: 'This kiosk is not set up correctly. Please call a technician.',
    zh: '本机设置有误。请联系技术人员。',
  },
  SCAN_AGAIN: {
    vi: 'Không đọc được mã trên giấy tờ. Vui lòng đặt lại giấy tờ lên máy quét và giữ yên.',
    en: 'The code on the document could not be read. Please place the document on the scanner again and hold it still.',
    zh: '无法读取证件上的代码。请将证件重新放在扫描器上并保持不动。',
  },
  // Check-in flows (electron/core/flows): what a person reads at a step that cannot go on as planned.
  SCAN_DOCUMENT_FIRST: {
    vi: 'Vui lòng quét mặt trước thẻ (mã QR) hoặc trang thông tin hộ chiếu trên máy quét, rồi đặt lại thẻ lên đầu đọc.',
    en: 'Please scan the front of your card (its QR code) or the passport photo page on the scanner, then place the card on the reader again.',
    zh: '请在扫描器上扫描证件正面（二维码）或护照资料页，然后将证件重新放在读卡器上。',
  },
  WRONG_CARD: {
    vi: 'Thẻ trên đầu đọc không khớp với giấy tờ vừa quét. Vui lòng dùng đúng thẻ của bạn.',
    en: 'The card on the reader does not match the document just scanned. Please use your own card.',
    zh: '读卡器上的证件与刚扫描的证件不符。请使用您本人的证件。',
  },
  CHIP_REQUIRED: {
    vi: 'Vui lòng đặt thẻ gắn chip lên đầu đọc để tiếp tục.',
    en: 'Please place your chip card on the reader to continue.',
    zh: '请将芯片证件放在读卡器上以继续。',
  },
  FINGERPRINT_MISMATCH: {
    vi: 'Vân tay không khớp với chủ thẻ. Vui lòng đến quầy hỗ trợ.',
    en: 'The fingerprint does not match the card holder. Please go to the help desk.',
    zh: '指纹与证件持有人不符。请前往服务台。',
  },
  FINGERPRINT_NOT_CONFIRMED: {
    vi: 'Chưa xác nhận được vân tay sau nhiều lần thử. Vui lòng đến quầy hỗ trợ.',
    en: 'The fingerprint could not be confirmed after several tries. Please go to the help desk.',
    zh: '多次尝试后仍无法确认指纹。请前往服务台。',
  },
  TICKET_NOT_PRINTED: {
    vi: 'Đã ghi nhận lượt đăng ký của bạn nhưng chưa in được phiếu. Vui lòng đưa số thứ tự trên màn hình cho nhân viên tại quầy.',
    en: 'Your check-in is saved, but the ticket could not be printed. Please show the queue number on the screen at the desk.',
    zh: '您的登记已保存，但无法打印号票。请在服务台出示屏幕上的排队号码。',
  },
  DOCUMENT_EXPIRED: {
    vi: 'Giấy tờ đã hết hạn. Vui lòng đến quầy kiểm soát có nhân viên.',
    en: 'The document has expired. Please go to a staffed booth.',
    zh: '证件已过期。请前往人工通道。',
  },
  GO_TO_BOOTH: {
    vi: 'Không thể hoàn tất kiểm soát tự động. Vui lòng đến quầy kiểm soát có nhân viên được chỉ định.',
    en: 'The automatic check cannot be completed. Please go to the staffed booth shown.',
    zh: '无法完成自助查验。请前往所示的人工通道。',
  },
  SERVICE_OFFLINE: {
    vi: 'Chưa kết nối được máy chủ. Lượt đăng ký vẫn được lưu và sẽ gửi đi khi có kết nối.',
    en: 'The central service cannot be reached. Your check-in is still saved and will be sent when the connection returns.',
    zh: '无法连接中心服务。您的登记仍会保存，并在连接恢复后发送。',
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
