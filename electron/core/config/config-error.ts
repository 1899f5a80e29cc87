// The kiosk config is not valid: the kiosk does not start, and the technician reads one line per
// problem, each naming the field path and what is allowed (and, when several files and the environment
// were merged, where the bad value came from).

import { KioskError } from '../../../native/hal/errors.ts';

export class ConfigError extends KioskError {
  /**
   * @param problems one line each, e.g. `flows.hospital.fingerprint: 'sometimes' is not one of required, optional, off`
   * @param source what was read: a file, or `base + override + environment`
   */
  constructor(
    readonly problems: readonly string[],
    readonly source: string,
  ) {
    super('CONFIG_INVALID', `${source} is not valid:\n  ${problems.join('\n  ')}`, { userMessage: 'CONFIG_INVALID', step: 'config.load' });
  }
}
