// The `devices` section of the kiosk config: each device by role, with its driver, its transport and
// address, whether a check-in needs it, and driver options. The whole kiosk config (issue 5) embeds
// DevicesSectionSchema; `kiosk diag --config FILE` reads a file with just this section.
//
//   devices:
//     - id: printer
//       role: printer
//       driver: escpos-serial
//       transport: { type: serial, path: /dev/ttyUSB0, baudRate: 19200 }
//       required: true
//
// Validation names the field path and the allowed values, one line per problem (config-issues.ts).
// Driver options are checked by the driver's own schema where devices are built (electron/core/devices).

import { z } from 'zod';
import { formatConfigIssues } from './config-issues.ts';
import { DEVICE_ROLES, type DeviceRole } from './device.ts';
import { KioskError } from './errors.ts';

export type TransportType = 'pcsc' | 'hid' | 'serial' | 'sim';

/**
 * The drivers each role accepts and the transport each one speaks. `sim` is the in-process simulator
 * (no transport). The factory table in electron/core/devices has one constructor per entry.
 */
export const DEVICE_DRIVERS = Object.freeze({
  cardReader: Object.freeze({ pcsc: 'pcsc', sim: 'sim' }),
  fingerprint: Object.freeze({ 'r30x-hid': 'hid', 'r30x-serial': 'serial', sim: 'sim' }),
  documentScanner: Object.freeze({ 'line-scanner': 'serial', sim: 'sim' }),
  printer: Object.freeze({ 'escpos-serial': 'serial', sim: 'sim' }),
  gate: Object.freeze({ 'modbus-gate': 'serial', sim: 'sim' }),
} as const satisfies Record<DeviceRole, Record<string, TransportType>>);

/** Standard UART rates; anything else is almost always a typo. */
export const BAUD_RATES = Object.freeze([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const);

export interface PcscTransportConfig {
  readonly type: 'pcsc';
  /** Case-insensitive part of the PC/SC reader name, e.g. `ACR1252`; absent: the first reader. */
  readonly readerName?: string;
}

export interface HidTransportConfig {
  readonly type: 'hid';
  readonly vendorId: number;
  readonly productId: number;
  /** The hidraw path, to choose one of several identical devices. */
  readonly path?: string;
}

export interface SerialTransportConfig {
  readonly type: 'serial';
  /** e.g. `/dev/ttyUSB0`, `/dev/serial/by-id/...`, `COM3`. */
  readonly path: string;
  readonly baudRate: (typeof BAUD_RATES)[number];
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
}

export type TransportConfig = PcscTransportConfig | HidTransportConfig | SerialTransportConfig;

export interface DeviceConfig {
  /** Stable id, unique in the section: lowercase letters, digits and '-'. */
  readonly id: string;
  readonly role: DeviceRole;
  /** One of DEVICE_DRIVERS[role]. */
  readonly driver: string;
  /** Absent exactly when the driver is `sim`. */
  readonly transport?: TransportConfig;
  /** Whether a check-in needs this device (default true); `kiosk diag` fails when a required one fails. */
  readonly required: boolean;
  /** Driver-specific options, checked by the driver's schema. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** A strict object whose unknown-field message lists the fields it does accept. */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')} (fields: ${allowed})` : undefined,
  });
}

const usbId = z.int().min(0).max(0xffff);

const TRANSPORT_SCHEMAS = {
  pcsc: strictObject({ type: z.literal('pcsc'), readerName: z.string().min(1).max(200).optional() }),
  hid: strictObject({ type: z.literal('hid'), vendorId: usbId, productId: usbId, path: z.string().min(1).max(4096).optional() }),
  serial: strictObject({
    type: z.literal('serial'),
    path: z.string().min(1).max(4096),
    baudRate: z.literal(BAUD_RATES),
    dataBits: z.literal([7, 8]).default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.literal([1, 2]).default(1),
  }),
} as const;

const deviceId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: "must be lowercase letters, digits and '-', starting with a letter, at most 40 characters" });

const baseEntry = strictObject({
  id: deviceId,
  role: z.enum(DEVICE_ROLES as [DeviceRole, ...DeviceRole[]]),
  driver: z.string(),
  transport: z.unknown().optional(),
  required: z.boolean().default(true),
  options: z.record(z.string(), z.unknown()).default({}),
});

type Issues = z.core.$ZodIssue[];

/** The role's driver and the driver's transport; checked even when other fields are wrong, so every problem shows at once. */
function checkDriverAndTransport(input: Record<string, unknown>, issues: Issues): TransportConfig | undefined {
  const { role, driver, transport } = input;
  if (typeof role !== 'string' || !Object.hasOwn(DEVICE_DRIVERS, role) || typeof driver !== 'string') return undefined;
  const drivers: Readonly<Record<string, TransportType>> = DEVICE_DRIVERS[role as DeviceRole];
  const type = Object.hasOwn(drivers, driver) ? drivers[driver] : undefined;
  if (type === undefined) {
    issues.push({ code: 'invalid_value', values: Object.keys(drivers), path: ['driver'], message: 'unknown driver', input: driver });
    return undefined;
  }
  if (type === 'sim') {
    if (transport !== undefined) issues.push({ code: 'custom', path: ['transport'], message: "the sim driver takes no transport; remove 'transport'", input: transport });
    return undefined;
  }
  const givenType = transport !== null && typeof transport === 'object' ? (transport as { type?: unknown }).type : undefined;
  if (givenType !== undefined && givenType !== type) {
    // Another transport's fields would only add noise: say which transport this driver speaks.
    issues.push({ code: 'invalid_value', values: [type], path: ['transport', 'type'], message: 'wrong transport', input: givenType });
    return undefined;
  }
  const result = TRANSPORT_SCHEMAS[type].safeParse(transport, { reportInput: true });
  if (result.success) return result.data as TransportConfig;
  for (const issue of result.error.issues) issues.push({ ...issue, path: ['transport', ...issue.path] });
  return undefined;
}

/**
 * One device entry (without the uniqueness of ids, which the section checks). Parse with
 * `{ reportInput: true }` so that formatConfigIssues can quote the bad values.
 */
export const DeviceConfigSchema: z.ZodType<DeviceConfig, unknown> = z.unknown().transform((input, ctx): DeviceConfig => {
  const issues: Issues = [];
  const base = baseEntry.safeParse(input, { reportInput: true });
  if (!base.success) issues.push(...base.error.issues);
  const transport = input !== null && typeof input === 'object' && !Array.isArray(input) ? checkDriverAndTransport(input as Record<string, unknown>, issues) : undefined;
  for (const issue of issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  if (!base.success || issues.length > 0) return z.NEVER;
  const { transport: _raw, ...rest } = base.data;
  return { ...rest, ...(transport === undefined ? {} : { transport }) };
});

const sectionShape = z.array(z.unknown()).max(64);

/**
 * The `devices` list: valid entries with unique ids. Every entry is checked, and ids compared, even
 * when some entries are wrong, so that a technician sees every problem in one pass.
 */
export const DevicesSectionSchema: z.ZodType<readonly DeviceConfig[], unknown> = z.unknown().transform((input, ctx): readonly DeviceConfig[] => {
  const shape = sectionShape.safeParse(input, { reportInput: true });
  if (!shape.success) {
    for (const issue of shape.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  }
  const devices: DeviceConfig[] = [];
  const seen = new Map<string, number>();
  let failed = false;
  shape.data.forEach((item, index) => {
    const entry = DeviceConfigSchema.safeParse(item, { reportInput: true });
    if (entry.success) devices.push(entry.data);
    else {
      failed = true;
      for (const issue of entry.error.issues) ctx.addIssue({ ...issue, path: [index, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
    }
    const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    const earlier = seen.get(id);
    if (earlier === undefined) seen.set(id, index);
    else {
      failed = true;
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `'${id}' is already the id of devices[${earlier}]; ids must be unique`, input: id });
    }
  });
  return failed ? z.NEVER : devices;
});

/** A config file (or the part of one) that holds the devices section. Other top-level sections belong to the kiosk config. */
export const DevicesConfigFileSchema = z.looseObject({ devices: DevicesSectionSchema });

/** The config is not valid: `problems` has one line per problem, naming the field path and the allowed values. */
export class DeviceConfigError extends KioskError {
  constructor(
    readonly problems: readonly string[],
    readonly source = 'config',
  ) {
    super('CONFIG_INVALID', `${source} is not valid:\n  ${problems.join('\n  ')}`, { userMessage: 'CONFIG_INVALID', step: 'config.devices' });
  }
}

/**
 * Validates a parsed config object's `devices` section and returns it frozen. Throws DeviceConfigError
 * listing every problem as `devices[2].driver: 'escpos' is not one of escpos-serial, sim`.
 */
export function parseDevicesConfig(value: unknown, source = 'config'): readonly DeviceConfig[] {
  const result = DevicesConfigFileSchema.safeParse(value, { reportInput: true });
  if (!result.success) throw new DeviceConfigError(formatConfigIssues(result.error.issues), source);
  return deepFreeze(result.data.devices);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
