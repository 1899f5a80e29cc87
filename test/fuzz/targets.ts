// The parsers `npm run fuzz` attacks, each with valid seeds to mutate from (see targets/ for each group).
import type { FuzzTarget } from './fuzz-target.ts';
import { APDU_TARGETS } from './targets/apdu-targets.ts';
import { LDS_TARGETS } from './targets/lds-targets.ts';
import { PKI_TARGETS } from './targets/pki-targets.ts';
import { PROTOCOL_TARGETS } from './targets/protocol-targets.ts';
import { SIMULATOR_TARGETS } from './targets/simulator-targets.ts';
import { TEXT_TARGETS } from './targets/text-targets.ts';

export const TARGETS: readonly FuzzTarget[] = [
  ...APDU_TARGETS,
  ...TEXT_TARGETS,
  ...LDS_TARGETS,
  ...PKI_TARGETS,
  ...PROTOCOL_TARGETS,
  ...SIMULATOR_TARGETS,
];
