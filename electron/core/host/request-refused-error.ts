// How a request handler refuses a request with a typed contract error (NOT_ALLOWED, PIN_WRONG,
// LOCKED_OUT, ...). The session turns it into an `error` reply; any other thrown error becomes INTERNAL.

import { contractError, type ContractError, type ContractErrorCode, type LocalizedText } from '../../contract/index.ts';

export class RequestRefusedError extends Error {
  readonly error: ContractError;

  constructor(code: ContractErrorCode, options: { readonly detail?: string; readonly reason?: string; readonly message?: LocalizedText; readonly retryAt?: number } = {}) {
    super(options.detail ?? code);
    this.name = 'RequestRefusedError';
    const extra: Parameters<typeof contractError>[1] = {
      ...(options.detail === undefined ? {} : { detail: options.detail }),
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      ...(options.message === undefined ? {} : { message: options.message }),
      ...(options.retryAt === undefined ? {} : { retryAt: options.retryAt }),
    };
    this.error = contractError(code, extra);
  }
}
