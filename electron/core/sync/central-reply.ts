// How the client reads a reply of the central service: a 200 whose body matches the document is the
// answer; anything else becomes a SyncTransportError whose kind tells the sync engine what to do —
// rate-limited (429, or 503 with Retry-After) with the delay, server (5xx, or a 200 that breaks the
// contract), timeout (408), refused (other 4xx: the same request will not fare better).

import type { IncomingHttpHeaders } from 'node:http';
import type { Problem } from '../../../native/central/central-api.ts';
import type { CentralContract, OperationId } from '../../../native/central/central-contract.ts';
import { SyncTransportError } from './sync-transport.ts';

export interface ReplyParts {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
}

/** The body of a 200 reply to `operation`, checked against the document; throws SyncTransportError otherwise. */
export function readReply<T>(contract: CentralContract, operation: OperationId, reply: ReplyParts, maxRetryAfterMs = 3_600_000): T {
  const parsed = parseJson(reply.body);
  if (reply.status === 200) {
    if (!parsed.ok) throw new SyncTransportError('server', `the ${operation} reply is not JSON`, { status: 200 });
    const check = contract.validateResponse(operation, 200, parsed.value);
    if (!check.ok) throw new SyncTransportError('server', `the ${operation} reply does not match the contract: ${check.errors.join('; ')}`, { status: 200 });
    return parsed.value as T;
  }
  const body = parsed.ok ? parsed.value : undefined;
  const problem = body !== undefined && contract.validateSchema('Problem', body).ok ? (body as Problem) : undefined;
  const status = reply.status;
  const what = `${operation}: HTTP ${status}${problem ? ` ${problem.code}` : ''}`;
  const retryAfterMs = parseRetryAfter(reply.headers['retry-after'], maxRetryAfterMs);
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    throw new SyncTransportError('rate-limited', what, { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  if (status >= 500) throw new SyncTransportError('server', what, { status });
  // 408 is the server giving up waiting: as retryable as our own timeout.
  if (status === 408) throw new SyncTransportError('timeout', what, { status });
  throw new SyncTransportError('refused', what, { status });
}

function parseJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date, capped at `maxMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, maxMs: number, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, maxMs);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), maxMs);
}
