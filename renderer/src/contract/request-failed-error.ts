// How a request that got no `ok` reply fails: the core's typed error, or the connection was not there.

import type { ContractError, ContractErrorCode } from '../../../electron/contract/index.ts';

/** The local reasons a request fails without a reply from the core. */
export type LocalFailure = 'NOT_CONNECTED' | 'DISCONNECTED';

export class RequestFailedError extends Error {
  /** The core's code, or a local reason when no reply could come. */
  readonly code: ContractErrorCode | LocalFailure;
  /** The core's error (with its localized message, detail, retryAt) when it replied. */
  readonly contractError: ContractError | null;

  constructor(code: ContractErrorCode | LocalFailure, contractError: ContractError | null = null) {
    super(`request failed: ${code}`);
    this.name = 'RequestFailedError';
    this.code = code;
    this.contractError = contractError;
  }
}
