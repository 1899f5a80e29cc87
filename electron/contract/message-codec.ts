// Parsing and encoding of contract messages, for both ends. Parsing never throws: it returns the typed
// message or a typed ContractError ready to send back, so a malformed frame costs one error reply and
// never a crash. Issues name paths and problems, never the values that were sent (a PIN, a name).

import type { z } from 'zod';
import { MAX_CLIENT_MESSAGE_BYTES, MAX_SERVER_MESSAGE_BYTES, RequestIdSchema, type RequestId } from './common.ts';
import { contractError, type ContractError, type MessageIssue } from './contract-errors.ts';
import { CLIENT_REQUEST_TYPES, ClientRequestSchema, type ClientRequest } from './requests.ts';
import { ServerMessageSchema, type ServerMessage } from './server-messages.ts';

export type ParsedClientMessage =
  | { readonly ok: true; readonly request: ClientRequest }
  | { readonly ok: false; readonly id: RequestId | null; readonly error: ContractError };

export type ParsedServerMessage = { readonly ok: true; readonly message: ServerMessage } | { readonly ok: false; readonly error: ContractError };

const MAX_ISSUES = 20;
const encoder = new TextEncoder();

/** UTF-8 size of `text`, computed only when the cheap bound does not already decide. */
function exceedsBytes(text: string, max: number): boolean {
  if (text.length > max) return true; // every UTF-16 unit is at least one UTF-8 byte
  if (text.length * 3 <= max) return false;
  return encoder.encode(text).length > max;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Zod issues as paths and problems, at most MAX_ISSUES. Zod's messages state expectations, not input. */
export function issuesOf(error: z.ZodError): MessageIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.length === 0 ? '(message)' : issue.path.map(String).join('.').slice(0, 200),
    problem: issue.message.slice(0, 300),
  }));
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Parses one client -> core frame. Refusals, in order: TOO_LARGE (before reading it), BAD_JSON,
 * BAD_MESSAGE (not an object, or no string `type`), UNKNOWN_TYPE, BAD_MESSAGE (the type's schema).
 * The reply id is the frame's `id` when that id is itself valid, else null.
 */
export function parseClientMessage(text: string): ParsedClientMessage {
  if (exceedsBytes(text, MAX_CLIENT_MESSAGE_BYTES)) {
    return { ok: false, id: null, error: contractError('TOO_LARGE', { detail: `frames are limited to ${MAX_CLIENT_MESSAGE_BYTES} bytes` }) };
  }
  const json = readJson(text);
  if (!json.ok) return { ok: false, id: null, error: contractError('BAD_JSON', { detail: 'the frame is not JSON text' }) };
  const value = json.value;
  if (!isRecord(value)) {
    return { ok: false, id: null, error: contractError('BAD_MESSAGE', { detail: 'a message is a JSON object', issues: [{ path: '(message)', problem: 'expected an object' }] }) };
  }
  const idCheck = RequestIdSchema.safeParse(value.id);
  const id = idCheck.success ? idCheck.data : null;
  if (typeof value.type !== 'string') {
    return { ok: false, id, error: contractError('BAD_MESSAGE', { issues: [{ path: 'type', problem: 'expected a string naming the request' }] }) };
  }
  if (!(CLIENT_REQUEST_TYPES as readonly string[]).includes(value.type)) {
    return {
      ok: false,
      id,
      error: contractError('UNKNOWN_TYPE', { detail: 'the type names no request of this contract version', issues: [{ path: 'type', problem: 'unknown request type' }] }),
    };
  }
  const parsed = ClientRequestSchema.safeParse(value);
  if (!parsed.success) return { ok: false, id, error: contractError('BAD_MESSAGE', { issues: issuesOf(parsed.error) }) };
  return { ok: true, request: parsed.data };
}

/** Parses one core -> client frame (the renderer's side). Refusals: TOO_LARGE, BAD_JSON, BAD_MESSAGE. */
export function parseServerMessage(text: string): ParsedServerMessage {
  if (exceedsBytes(text, MAX_SERVER_MESSAGE_BYTES)) return { ok: false, error: contractError('TOO_LARGE') };
  const json = readJson(text);
  if (!json.ok) return { ok: false, error: contractError('BAD_JSON') };
  const parsed = ServerMessageSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: contractError('BAD_MESSAGE', { issues: issuesOf(parsed.error) }) };
  return { ok: true, message: parsed.data };
}

/** Thrown by the encoders when the sender's own message breaks the contract: a bug at the sender. */
export class ContractViolationError extends Error {
  readonly issues: readonly MessageIssue[];
  constructor(direction: 'client' | 'server', issues: readonly MessageIssue[]) {
    super(`${direction} message breaks the contract: ${issues.map((i) => `${i.path}: ${i.problem}`).join('; ')}`);
    this.name = 'ContractViolationError';
    this.issues = issues;
  }
}

/** Validates and serialises a core -> client message. Errors: ContractViolationError. */
export function encodeServerMessage(message: ServerMessage): string {
  const parsed = ServerMessageSchema.safeParse(message);
  if (!parsed.success) throw new ContractViolationError('server', issuesOf(parsed.error));
  const text = JSON.stringify(parsed.data);
  if (exceedsBytes(text, MAX_SERVER_MESSAGE_BYTES)) throw new ContractViolationError('server', [{ path: '(message)', problem: 'larger than MAX_SERVER_MESSAGE_BYTES' }]);
  return text;
}

/** Validates and serialises a client -> core request. Errors: ContractViolationError. */
export function encodeClientMessage(request: ClientRequest): string {
  const parsed = ClientRequestSchema.safeParse(request);
  if (!parsed.success) throw new ContractViolationError('client', issuesOf(parsed.error));
  const text = JSON.stringify(parsed.data);
  if (exceedsBytes(text, MAX_CLIENT_MESSAGE_BYTES)) throw new ContractViolationError('client', [{ path: '(message)', problem: 'larger than MAX_CLIENT_MESSAGE_BYTES' }]);
  return text;
}
