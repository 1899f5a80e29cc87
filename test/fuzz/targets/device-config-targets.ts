// Fuzz target for the devices config: YAML text (as a technician edits it, or a damaged file) through
// the YAML parser, the section schema and each driver's options schema. Every bad file must end in a
// DeviceConfigError, never another exception, a hang or an alias bomb.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDevicesConfigText } from '../../../electron/core/devices/devices-config-file.ts';
import type { FuzzTarget } from '../fuzz-target.ts';

const CONFIG_DIR = fileURLToPath(new URL('../../../config/devices/', import.meta.url));
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export const DEVICE_CONFIG_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'devices-config-yaml',
    seeds: () => [
      ...readdirSync(CONFIG_DIR)
        .filter((f) => f.endsWith('.yaml'))
        // Without their comments: YAML parsing costs by the byte, and the comments exercise nothing new.
        .map((f) => encoder.encode(readFileSync(`${CONFIG_DIR}${f}`, 'utf8').replace(/^\s*#.*\n|\s+#.*$/gm, ''))),
      encoder.encode('devices:\n  - { id: a, role: cardReader, driver: sim, options: &o { card: cccd } }\n  - { id: b, role: cardReader, driver: sim, options: *o }\n'),
      encoder.encode('devices: [{ id: fp, role: fingerprint, driver: r30x-hid, transport: { type: hid, vendorId: 0x2109, productId: 0x7638 } }]\n'),
    ],
    parse: (b) => parseDevicesConfigText(decoder.decode(b), 'fuzz.yaml'),
  },
];
