// The strips across the top of every screen, derived from the state of the kiosk rather than from the
// flow: the central service unreachable (the sync breaker is open, or the demo switched it off), a
// required device gone and being reconnected, the printer's paper near its end, and the demo notice.
// Pure functions of their inputs, so the composition root recomputes them on any change and broadcasts
// a snapshot only when the list differs.

import type { RegisteredDevice } from '../../../native/hal/device-registry.ts';
import type { Banner, DeviceView, LocalizedText } from '../../contract/index.ts';
import { IdentifierSchema } from '../../contract/index.ts';

export type BannerKind = Banner['kind'];

export const BANNER_TEXTS: Readonly<Record<BannerKind, LocalizedText>> = Object.freeze({
  offline: {
    vi: 'Đang mất kết nối với hệ thống trung tâm. Bạn vẫn có thể làm thủ tục; dữ liệu sẽ được gửi khi có kết nối.',
    en: 'The central system cannot be reached. You can still check in; your data is sent when the connection returns.',
    zh: '暂时无法连接中心系统。您仍可办理手续，数据将在连接恢复后发送。',
  },
  deviceRestarting: {
    vi: 'Một thiết bị đang khởi động lại, vui lòng chờ trong giây lát.',
    en: 'A device is restarting, please wait a moment.',
    zh: '设备正在重新启动，请稍候。',
  },
  printerLow: {
    vi: 'Máy in sắp hết giấy, vui lòng báo nhân viên.',
    en: 'The printer is running low on paper, please tell a member of staff.',
    zh: '打印机纸张即将用完，请告知工作人员。',
  },
  demo: {
    vi: 'Chế độ trình diễn: thiết bị và dữ liệu đều là mô phỏng.',
    en: 'Demo mode: every device and person is simulated.',
    zh: '演示模式：所有设备和数据均为模拟。',
  },
});

export interface BannerInputs {
  /** The central service answered the last time it was asked (false while the sync breaker is open). */
  readonly centralReachable: boolean;
  readonly devices: readonly RegisteredDevice[];
  readonly demo: boolean;
}

/** A required device that is not there now and that the registry is bringing back. */
function restarting(device: RegisteredDevice): boolean {
  if (!device.required) return false;
  return device.health.state === 'absent' || (device.health.state === 'faulted' && device.reconnect !== undefined);
}

/** The banners to show, in a fixed order (most urgent first). */
export function bannersOf(inputs: BannerInputs): Banner[] {
  const kinds: BannerKind[] = [];
  if (!inputs.centralReachable) kinds.push('offline');
  if (inputs.devices.some(restarting)) kinds.push('deviceRestarting');
  if (inputs.devices.some((d) => d.role === 'printer' && d.health.reason === 'PAPER_NEAR_END')) kinds.push('printerLow');
  if (inputs.demo) kinds.push('demo');
  return kinds.map((kind) => ({ kind, message: BANNER_TEXTS[kind] }));
}

/** Whether two banner lists show the same strips. */
export function sameBanners(a: readonly Banner[], b: readonly Banner[]): boolean {
  return a.length === b.length && a.every((banner, i) => banner.kind === b[i]?.kind);
}

/** A registered device as the contract shows it (ids, states and technician text only). */
export function deviceViewOf(device: RegisteredDevice): DeviceView {
  const reason = device.health.reason === undefined ? undefined : IdentifierSchema.safeParse(device.health.reason);
  return {
    id: device.id,
    role: device.role,
    driver: IdentifierSchema.safeParse(device.driver).success ? device.driver : 'unknown',
    required: device.required,
    state: device.health.state,
    ...(reason?.success ? { reason: reason.data } : {}),
    ...(device.health.detail ? { detail: device.health.detail.slice(0, 500) } : {}),
    since: Math.max(0, Math.round(device.health.since)),
  };
}
