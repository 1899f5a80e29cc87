// Fuzz target for the whole kiosk config: YAML text (as IT edits it, or a damaged file) through the
// YAML reader, the merge of a layer and the whole schema with its cross-section checks. Every bad file
// must end in a ConfigError, never another exception, a hang or an alias bomb.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../../electron/core/config/config-error.ts';
import { parseConfigLayer } from '../../../electron/core/config/config-file.ts';
import { parseKioskConfig } from '../../../electron/core/config/load-kiosk-config.ts';
import type { FuzzTarget } from '../fuzz-target.ts';

const CONFIG_DIR = fileURLToPath(new URL('../../../config/kiosk/', import.meta.url));
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export const KIOSK_CONFIG_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'kiosk-config-yaml',
    seeds: () =>
      readdirSync(CONFIG_DIR)
        // The profiles, each whole on its own (the example override is a partial layer).
        .filter((f) => f.endsWith('.yaml') && !f.startsWith('override'))
        // Without their comments: YAML parsing costs by the byte, and the comments exercise nothing new.
        .map((f) => encoder.encode(readFileSync(`${CONFIG_DIR}${f}`, 'utf8').replace(/^\s*#.*\n|\s+#.*$/gm, ''))),
    parse: (b) => {
      const read = parseConfigLayer(decoder.decode(b));
      if (!read.ok) throw new ConfigError(read.problems, 'fuzz.yaml');
      return parseKioskConfig(read.layer, 'fuzz.yaml');
    },
  },
];
