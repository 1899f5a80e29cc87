import { describe, expect, it } from 'vitest';
import { DEVICE_DRIVERS, DeviceConfigError, DevicesSectionSchema, parseDevicesConfig } from '../../../../native/hal/device-config.ts';
import { DEVICE_ROLES } from '../../../../native/hal/device.ts';

/** The problems a config yields, or [] when it is valid. */
function problems(devices: unknown): readonly string[] {
  try {
    parseDevicesConfig({ devices });
    return [];
  } catch (err) {
    if (err instanceof DeviceConfigError) return err.problems;
    throw err;
  }
}

const printer = { id: 'printer', role: 'printer', driver: 'escpos-serial', transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 } };

describe('parseDevicesConfig', () => {
  describe('a valid section', () => {
    it('fills in the defaults: required true, empty options, 8N1 serial framing', () => {
      const [device] = parseDevicesConfig({ devices: [printer] });

      expect(device).toEqual({ ...printer, transport: { ...printer.transport, dataBits: 8, parity: 'none', stopBits: 1 }, required: true, options: {} });
    });

    it('accepts every role with its simulator and no transport', () => {
      const devices = DEVICE_ROLES.map((role) => ({ id: role.toLowerCase(), role, driver: 'sim' }));

      expect(parseDevicesConfig({ devices }).map((d) => d.role)).toEqual(DEVICE_ROLES);
    });

    it('keeps HID ids, a PC/SC reader name pattern and driver options as written', () => {
      const devices = parseDevicesConfig({
        devices: [
          { id: 'fingerprint', role: 'fingerprint', driver: 'r30x-hid', transport: { type: 'hid', vendorId: 0x2109, productId: 0x7638 }, options: { password: 0 } },
          { id: 'reader', role: 'cardReader', driver: 'pcsc', transport: { type: 'pcsc', readerName: 'ACR1252' }, required: false },
        ],
      });

      expect(devices[0]).toMatchObject({ transport: { type: 'hid', vendorId: 0x2109, productId: 0x7638 }, options: { password: 0 } });
      expect(devices[1]).toMatchObject({ transport: { type: 'pcsc', readerName: 'ACR1252' }, required: false });
    });

    it('returns frozen entries', () => {
      const devices = parseDevicesConfig({ devices: [printer] });

      expect(Object.isFrozen(devices)).toBe(true);
      expect(Object.isFrozen(devices[0])).toBe(true);
      expect(Object.isFrozen(devices[0]!.transport)).toBe(true);
    });

    it('ignores the other sections of a whole kiosk config', () => {
      expect(parseDevicesConfig({ kiosk: { name: 'lobby-1' }, devices: [] })).toEqual([]);
    });
  });

  describe('a wrong entry', () => {
    it("names the path and the role's drivers for an unknown driver", () => {
      expect(problems([printer, printer, { ...printer, id: 'p3', driver: 'escpos' }])).toContain("devices[2].driver: 'escpos' is not one of escpos-serial, sim");
    });

    it('names the roles for an unknown role', () => {
      expect(problems([{ ...printer, role: 'printr' }])).toEqual(["devices[0].role: 'printr' is not one of cardReader, fingerprint, documentScanner, printer, gate"]);
    });

    it('names the standard rates for a mistyped baud rate', () => {
      expect(problems([{ ...printer, transport: { ...printer.transport, baudRate: 19201 } }])).toEqual([
        'devices[0].transport.baudRate: 19201 is not one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600',
      ]);
    });

    it("names the transport the driver speaks when the transport type is another's", () => {
      expect(problems([{ ...printer, transport: { type: 'hid', vendorId: 1, productId: 2 } }])).toEqual(["devices[0].transport.type: 'hid' is not one of serial"]);
    });

    it('says a transport is required for a real driver and refused for the simulator', () => {
      expect(problems([{ id: 'gate', role: 'gate', driver: 'modbus-gate' }])).toEqual(['devices[0].transport: is required (object)']);
      expect(problems([{ id: 'gate', role: 'gate', driver: 'sim', transport: { type: 'serial' } }])).toEqual([
        "devices[0].transport: the sim driver takes no transport; remove 'transport'",
      ]);
    });

    it('lists the accepted fields for an unknown field', () => {
      expect(problems([{ ...printer, requierd: true }])).toEqual(["devices[0]: unknown field 'requierd' (fields: id, role, driver, transport, required, options)"]);
    });

    it('quotes a value of the wrong type (YAML `yes` is a string)', () => {
      expect(problems([{ ...printer, required: 'yes' }])).toEqual(["devices[0].required: expected boolean, got string 'yes'"]);
    });

    it('explains the id rule and rejects a duplicate id, naming the first one', () => {
      expect(problems([{ ...printer, id: 'Printer 1' }])).toEqual([
        "devices[0].id: 'Printer 1' must be lowercase letters, digits and '-', starting with a letter, at most 40 characters",
      ]);
      expect(problems([printer, { ...printer }])).toEqual(["devices[1].id: 'printer' is already the id of devices[0]; ids must be unique"]);
    });

    it('bounds HID ids to 16 bits', () => {
      expect(problems([{ id: 'fp', role: 'fingerprint', driver: 'r30x-hid', transport: { type: 'hid', vendorId: 0x10000, productId: 1 } }])).toEqual([
        'devices[0].transport.vendorId: 65536 must be at most 65535',
      ]);
    });

    it('reports every problem of every entry in one pass', () => {
      const found = problems([{ ...printer, id: 'X', driver: 'escpos' }, { id: 'gate', role: 'gate', driver: 'modbus-gate', transport: { type: 'serial', path: '' } }, printer]);

      expect(found).toEqual([
        "devices[0].id: 'X' must be lowercase letters, digits and '-', starting with a letter, at most 40 characters",
        "devices[0].driver: 'escpos' is not one of escpos-serial, sim",
        'devices[1].transport.path: must be at least 1 character(s) long',
        'devices[1].transport.baudRate: is required (one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)',
      ]);
    });
  });

  describe('a wrong section', () => {
    it('requires the devices list', () => {
      expect(() => parseDevicesConfig({})).toThrow('devices: is required (array)');
    });

    it('says a mapping is not a list', () => {
      expect(() => parseDevicesConfig({ devices: { printer } })).toThrow('devices: expected array, got a mapping');
    });

    it('refuses an empty file', () => {
      expect(() => parseDevicesConfig(null)).toThrow('(top level): expected object, got null');
    });

    it('carries the code CONFIG_INVALID, the source and the person-facing CONFIG_INVALID message', () => {
      const error = (() => {
        try {
          parseDevicesConfig({ devices: 3 }, 'kiosk.yaml');
        } catch (err) {
          return err as DeviceConfigError;
        }
      })();

      expect(error).toBeInstanceOf(DeviceConfigError);
      expect(error?.code).toBe('CONFIG_INVALID');
      expect(error?.message).toMatch(/^kiosk\.yaml is not valid:\n {2}devices: expected array/);
      expect(error?.userMessageKey).toBe('CONFIG_INVALID');
    });
  });

  describe('DevicesSectionSchema', () => {
    it('can be embedded in a larger config schema and parsed on its own', () => {
      expect(DevicesSectionSchema.safeParse([printer]).success).toBe(true);
      expect(DevicesSectionSchema.safeParse([{ ...printer, driver: 'x' }]).success).toBe(false);
    });
  });

  describe('DEVICE_DRIVERS', () => {
    it('offers the simulator for every role', () => {
      for (const role of DEVICE_ROLES) expect(Object.keys(DEVICE_DRIVERS[role])).toContain('sim');
    });
  });
});
