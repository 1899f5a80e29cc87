// Fuzz target for the devices config: YAML text (as a technician edits it, or a damaged file) through
// the YAML parser, the section schema and each driver's options schema. Every bad file must end in a
// DeviceConfigError, never another exception, a hang or an alias bomb.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDevicesConfigText } from '../../../electron/core/devices/devices-config-file.ts';
import type { FuzzTarget } from '../fuzz-target.ts';

const CONFIG_DIR = fileURLToPath(new URL('../../../config/kiosk/', import.meta.url));
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The text from the top-level `devices:` line up to the next top-level key. */
function devicesSection(text: string): string {
  const start = text.search(/^devices:/m);
  if (start < 0) throw new Error('a kiosk profile without a devices section');
  const body = text.indexOf('\n', start) + 1;
  const end = text.slice(body).search(/^\S/m);
  return end < 0 ? text.slice(start) : text.slice(start, body + end);
}

export const DEVICE_CONFIG_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'devices-config-yaml',
    seeds: () => [
      ...readdirSync(CONFIG_DIR)
        // The devices section of each kiosk profile, as written (the example override has none).
        .filter((f) => f.endsWith('.yaml') && !f.startsWith('override'))
        // Without their comments: YAML parsing costs by the byte, and the comments exercise nothing new.
        .map((f) => encoder.encode(devicesSection(readFileSync(`${CONFIG_DIR}${f}`, 'utf8').replace(/^\s*#.*\n|\s+#.*$/gm, '')))),
      encoder.encode('devices:\n  - { id: a, role: cardReader, driver: sim, options: &o { card: cccd } }\n  - { id: b, role: cardReader, driver: sim, options: *o }\n'),
      encoder.encode('devices: [{ id: fp, role: fingerprint, driver: r30x-hid, transport: { type: hid, vendorId: 0x2109, productId: 0x7638 } }]\n'),
    ],
    parse: (b) => parseDevicesConfigText(decoder.decode(b), 'fuzz.yaml'),
  },
];
