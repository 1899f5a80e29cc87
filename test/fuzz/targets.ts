// The parsers `npm run fuzz` attacks, each with valid seeds to mutate from (see targets/ for each group).
import type { FuzzTarget } from './fuzz-target.ts';
import { APDU_TARGETS } from './targets/apdu-targets.ts';
import { CENTRAL_TARGETS } from './targets/central-targets.ts';
import { CONTRACT_TARGETS } from './targets/contract-targets.ts';
import { DEVICE_CONFIG_TARGETS } from './targets/device-config-targets.ts';
import { FINGERPRINT_TARGETS } from './targets/fingerprint-targets.ts';
import { KIOSK_CONFIG_TARGETS } from './targets/kiosk-config-targets.ts';
import { LDS_TARGETS } from './targets/lds-targets.ts';
import { PKI_TARGETS } from './targets/pki-targets.ts';
import { PROTOCOL_TARGETS } from './targets/protocol-targets.ts';
import { SERIAL_TARGETS } from './targets/serial-targets.ts';
import { SIMULATOR_TARGETS } from './targets/simulator-targets.ts';
import { TEXT_TARGETS } from './targets/text-targets.ts';

// The chip simulator is by far the slowest (its PACE runs elliptic-curve arithmetic), so it goes first
// and the other targets share the remaining cores meanwhile.
export const TARGETS: readonly FuzzTarget[] = [
  ...SIMULATOR_TARGETS,
  ...APDU_TARGETS,
  ...TEXT_TARGETS,
  ...LDS_TARGETS,
  ...PKI_TARGETS,
  ...PROTOCOL_TARGETS,
  ...FINGERPRINT_TARGETS,
  ...SERIAL_TARGETS,
  ...CENTRAL_TARGETS,
  ...DEVICE_CONFIG_TARGETS,
  ...KIOSK_CONFIG_TARGETS,
  ...CONTRACT_TARGETS,
];
