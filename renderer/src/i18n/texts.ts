// Every fixed text of the kiosk screens that the renderer itself shows (buttons, headings, states);
// what the core says (titles, notices, errors) arrives as LocalizedText in the snapshot. Vietnamese
// first, English, Chinese. Placeholders in braces are filled by `say`.

import type { Language } from '../../../electron/contract/index.ts';
import type { UiText } from './localize.ts';

/** Each language's name in itself, as its button shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { vi: 'Tiếng Việt', en: 'English', zh: '中文' };

export const TEXTS = {
  connecting: { vi: 'Đang kết nối lại…', en: 'Reconnecting…', zh: '正在重新连接…' },
  deviceServiceRestarting: { vi: 'Dịch vụ thiết bị đang khởi động lại…', en: 'The device service is restarting…', zh: '设备服务正在重新启动…' },
  connectingDetail: { vi: 'Vui lòng chờ trong giây lát.', en: 'Please wait a moment.', zh: '请稍候。' },
  versionMismatchReload: { vi: 'Màn hình sẽ tự tải lại sau 30 giây.', en: 'The screen reloads by itself in 30 seconds.', zh: '界面将在30秒后自动重新加载。' },
  chooseLanguage: { vi: 'Chọn ngôn ngữ', en: 'Choose language', zh: '选择语言' },
  secondsLeft: { vi: 'Còn {s} giây', en: '{s} s left', zh: '剩余 {s} 秒' },

  // Buttons, one per flow intent.
  start: { vi: 'Chạm để bắt đầu', en: 'Touch to start', zh: '点击开始' },
  presentCard: { vi: 'Dùng thẻ có gắn chip', en: 'Use my chip card', zh: '使用芯片证件' },
  useQr: { vi: 'Quét mã QR trên thẻ CCCD', en: 'Scan the QR code on my ID card', zh: '扫描身份证上的二维码' },
  continueWithQr: { vi: 'Tiếp tục với mã QR đã quét', en: 'Continue with the scanned QR code', zh: '使用已扫描的二维码继续' },
  back: { vi: 'Quay lại', en: 'Back', zh: '返回' },
  cancel: { vi: 'Hủy', en: 'Cancel', zh: '取消' },
  finish: { vi: 'Hoàn tất', en: 'Finish', zh: '完成' },
  retry: { vi: 'Thử lại', en: 'Try again', zh: '重试' },
  confirm: { vi: 'Xác nhận', en: 'Confirm', zh: '确认' },
  skipFingerprint: { vi: 'Bỏ qua vân tay', en: 'Skip fingerprint', zh: '跳过指纹' },

  // Welcome and presenting the document.
  methodChipHint: { vi: 'Đặt thẻ lên đầu đọc', en: 'Place the card on the reader', zh: '将证件放在读卡器上' },
  methodQrHint: { vi: 'Đưa mặt trước thẻ vào máy quét', en: 'Hold the front of the card to the scanner', zh: '将证件正面对准扫描器' },
  presentChipTitle: { vi: 'Đặt giấy tờ lên đầu đọc', en: 'Place your document on the reader', zh: '请将证件放在读卡器上' },
  presentChipHint: { vi: 'Giữ yên cho đến khi đọc xong.', en: 'Keep it still until the reading is complete.', zh: '请保持不动，直至读取完成。' },
  presentPassportHint: { vi: 'Hộ chiếu: mở trang có ảnh, úp xuống đầu đọc.', en: 'Passport: open the photo page and lay it face down.', zh: '护照：打开照片页，正面朝下放置。' },
  presentQrTitle: { vi: 'Quét mã QR trên thẻ CCCD', en: 'Scan the QR code on your ID card', zh: '请扫描身份证上的二维码' },
  presentQrHint: { vi: 'Đưa mã QR ở mặt trước thẻ vào trước máy quét.', en: 'Hold the QR code on the front of the card under the scanner.', zh: '将证件正面的二维码对准扫描器。' },
  acceptedDocuments: { vi: 'Giấy tờ được chấp nhận', en: 'Accepted documents', zh: '可用证件' },

  // Reading the chip.
  readingAccess: { vi: 'Đang mở chip…', en: 'Opening the chip…', zh: '正在打开芯片…' },
  readingHolder: { vi: 'Đang đọc thông tin…', en: 'Reading your details…', zh: '正在读取信息…' },
  readingPhoto: { vi: 'Đang đọc ảnh…', en: 'Reading the photo…', zh: '正在读取照片…' },
  readingVerifying: { vi: 'Đang kiểm tra tính xác thực…', en: 'Checking authenticity…', zh: '正在验证真伪…' },
  readingKeepCard: { vi: 'Vui lòng không nhấc thẻ ra.', en: 'Please do not remove the card.', zh: '请勿移开证件。' },
  cardLostTitle: { vi: 'Vui lòng đặt lại thẻ', en: 'Please put the card back', zh: '请重新放置证件' },
  cardLostHint: { vi: 'Thẻ đã rời đầu đọc. Đặt lại thẻ để đọc tiếp.', en: 'The card left the reader. Put it back to continue.', zh: '证件已离开读卡器。请放回以继续。' },
  readingProgress: { vi: 'Tiến độ đọc thẻ', en: 'Reading progress', zh: '读取进度' },

  // Fingerprint.
  fingerPlace: { vi: 'Đặt ngón trỏ lên máy quét vân tay', en: 'Place your index finger on the scanner', zh: '请将食指放在指纹仪上' },
  fingerCapturing: { vi: 'Giữ yên ngón tay…', en: 'Hold your finger still…', zh: '请保持手指不动…' },
  fingerLift: { vi: 'Nhấc ngón tay lên', en: 'Lift your finger', zh: '请抬起手指' },
  fingerRetry: { vi: 'Chưa đọc được vân tay, vui lòng thử lại', en: 'The fingerprint was not read, please try again', zh: '未能读取指纹，请重试' },
  fingerMatched: { vi: 'Vân tay trùng khớp', en: 'Fingerprint matched', zh: '指纹匹配' },
  fingerMismatch: { vi: 'Vân tay không trùng khớp', en: 'The fingerprint does not match', zh: '指纹不匹配' },
  fingerAttempt: { vi: 'Lần {n}/{m}', en: 'Attempt {n} of {m}', zh: '第 {n}/{m} 次' },
  fingerOptional: { vi: 'Không bắt buộc', en: 'Optional', zh: '可选' },

  // The holder.
  docCccd: { vi: 'Căn cước công dân', en: 'Citizen ID card', zh: '越南身份证' },
  docPassport: { vi: 'Hộ chiếu', en: 'Passport', zh: '护照' },
  docOther: { vi: 'Giấy tờ tùy thân', en: 'Identity document', zh: '身份证件' },
  documentTail: { vi: 'Số cuối: {tail}', en: 'Ending in {tail}', zh: '尾号：{tail}' },
  photoAlt: { vi: 'Ảnh trên giấy tờ', en: 'Photo from the document', zh: '证件照片' },

  // Departments and confirmation.
  chooseDepartmentTitle: { vi: 'Chọn khoa khám', en: 'Choose a department', zh: '选择科室' },
  waitMinutes: { vi: 'Chờ khoảng {n} phút', en: 'About {n} min wait', zh: '约等候 {n} 分钟' },
  unavailable: { vi: 'Tạm ngừng', en: 'Not available', zh: '暂停服务' },
  noDepartments: { vi: 'Hiện không có khoa nào nhận đăng ký.', en: 'No department is taking check-ins right now.', zh: '目前没有科室接受登记。' },
  confirmTitle: { vi: 'Xác nhận thông tin', en: 'Please confirm', zh: '请确认信息' },
  confirmDepartment: { vi: 'Khoa khám', en: 'Department', zh: '科室' },
  confirmFingerprint: { vi: 'Vân tay', en: 'Fingerprint', zh: '指纹' },
  fingerprintMatched: { vi: 'Đã xác thực', en: 'Verified', zh: '已验证' },
  fingerprintSkipped: { vi: 'Đã bỏ qua', en: 'Skipped', zh: '已跳过' },
  fingerprintOff: { vi: 'Không yêu cầu', en: 'Not required', zh: '无需' },

  // Ticket.
  printingTitle: { vi: 'Đang in phiếu…', en: 'Printing your ticket…', zh: '正在打印号票…' },
  yourNumber: { vi: 'Số thứ tự của bạn', en: 'Your number', zh: '您的号码' },
  ticketPrinted: { vi: 'Vui lòng nhận phiếu ở khe in.', en: 'Please take your ticket from the slot.', zh: '请从出票口取号票。' },
  ticketNotPrinted: { vi: 'Không in được phiếu: vui lòng ghi nhớ số này và đến quầy tiếp đón.', en: 'The ticket could not be printed: please note this number and go to the desk.', zh: '号票未能打印：请记下此号码并前往服务台。' },
  queuedOffline: { vi: 'Đăng ký đã được lưu và sẽ gửi đi khi có kết nối mạng.', en: 'Your check-in is saved and will be sent when the network is back.', zh: '登记已保存，网络恢复后将自动发送。' },

  // Border gate.
  verifyingChecks: { vi: 'Đang kiểm tra giấy tờ…', en: 'Checking your document…', zh: '正在检查证件…' },
  verifyingOnline: { vi: 'Đang xác minh trực tuyến…', en: 'Verifying online…', zh: '正在在线核验…' },
  verdictOpen: { vi: 'Mời qua cổng', en: 'Please proceed', zh: '请通行' },
  verdictBooth: { vi: 'Vui lòng đến quầy số', en: 'Please go to booth', zh: '请前往人工通道' },
  verdictBoothAny: { vi: 'Vui lòng đến quầy kiểm soát', en: 'Please go to a control booth', zh: '请前往人工检查台' },
  reasonCode: { vi: 'Mã lý do', en: 'Reason code', zh: '原因代码' },

  // Errors and out of service.
  errorTitle: { vi: 'Chưa thể tiếp tục', en: 'We could not continue', zh: '无法继续' },
  outcomeRetry: { vi: 'Bạn có thể thử lại.', en: 'You can try again.', zh: '您可以重试。' },
  outcomeDesk: { vi: 'Vui lòng đến quầy tiếp đón để được hỗ trợ.', en: 'Please go to the reception desk for help.', zh: '请前往服务台寻求帮助。' },
  outcomeBooth: { vi: 'Vui lòng đến quầy kiểm soát.', en: 'Please go to a control booth.', zh: '请前往人工检查台。' },
  outOfServiceTitle: { vi: 'Máy tạm ngừng phục vụ', en: 'This kiosk is temporarily out of service', zh: '本机暂停服务' },
} as const satisfies Record<string, UiText>;

export type TextKey = keyof typeof TEXTS;
