// The central authentication service's OpenAPI 3.1 document (config/central-service.openapi.yaml) as
// validators: the kiosk's client checks what it sends and what it gets back, and the simulator checks
// what it receives and what it answers, against the same document, so neither can drift from it.
// JSON Schema 2020-12 (the dialect of OpenAPI 3.1) is validated by ajv; formats by ajv-formats.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { ContractError } from './central-errors.ts';

/** The operations of the document, by operationId. */
export const OPERATIONS = Object.freeze({
  issueNonce: { method: 'POST', path: '/v1/nonces' },
  verifyIdentity: { method: 'POST', path: '/v1/identity-verifications' },
  uploadCheckIns: { method: 'POST', path: '/v1/check-ins/batch' },
  heartbeat: { method: 'POST', path: '/v1/heartbeats' },
  listDepartments: { method: 'GET', path: '/v1/kiosks/{kioskId}/departments' },
} as const);

export type OperationId = keyof typeof OPERATIONS;

/** An operation a request addresses, with the values of its path parameters (percent-decoded). */
export interface OperationMatch {
  readonly operation: OperationId;
  readonly params: Readonly<Record<string, string>>;
}

export const DEFAULT_CONTRACT_PATH = fileURLToPath(new URL('../../config/central-service.openapi.yaml', import.meta.url));

export type ValidationResult = { readonly ok: true } | { readonly ok: false; readonly errors: readonly string[] };

const SCHEMA_ID = 'urn:kiosk:central-service';
const MAX_ERRORS = 8;
// OpenAPI 3.1 keywords that JSON Schema 2020-12 does not define (OpenAPI 3.1 §4.8.24).
const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A validator compiled on first use (or at load, when eager). */
type LazyValidator = () => ValidateFunction;

interface OperationValidators {
  /** Undefined for an operation without a request body (a GET). */
  readonly request: LazyValidator | undefined;
  readonly responses: ReadonlyMap<number, LazyValidator>;
}

export interface LoadOptions {
  /**
   * Compile every validator at load (default), so a document with a broken schema fails there; lazy
   * compiles each on first use (about a second less at start, for short-lived processes and workers).
   */
  readonly compile?: 'eager' | 'lazy';
}

function lazy(compile: () => ValidateFunction): LazyValidator {
  let compiled: ValidateFunction | undefined;
  return () => {
    if (compiled) return compiled;
    try {
      compiled = compile();
    } catch (err) {
      throw new ContractError('CONTRACT_INVALID', `the central-service document does not compile: ${(err as Error).message}`, { cause: err });
    }
    return compiled;
  };
}

// ajv-formats is CommonJS with a default export; under ESM the function sits on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/**
 * The compiled contract. `load` reads and compiles the document once (see LoadOptions); the validators
 * are then cheap to call per request. Validation never throws: it returns the first few errors as one-line texts that
 * name the JSON pointer and the rule, never the value (which may be personal data).
 */
export class CentralContract {
  private constructor(
    readonly document: { readonly info: { readonly version: string } } & Record<string, unknown>,
    private readonly operations: ReadonlyMap<OperationId, OperationValidators>,
    private readonly schemas: ReadonlyMap<string, LazyValidator>,
  ) {}

  /** Loads the document from `path` (default: the repository's). Throws ContractError when it is not a usable OpenAPI 3.1 document. */
  static load(path: string = DEFAULT_CONTRACT_PATH, options: LoadOptions = {}): CentralContract {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new ContractError('CONTRACT_UNREADABLE', `cannot read the central-service document ${path}`, { cause: err });
    }
    return CentralContract.fromText(text, options);
  }

  static fromText(text: string, options: LoadOptions = {}): CentralContract {
    let document: Json;
    try {
      document = parseYaml(text, { maxAliasCount: 0 }) as Json;
    } catch (err) {
      throw new ContractError('CONTRACT_INVALID', 'the central-service document is not valid YAML', { cause: err });
    }
    if (!isObject(document) || typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi)) {
      throw new ContractError('CONTRACT_INVALID', 'the central-service document is not OpenAPI 3.1');
    }
    const components = isObject(document.components) ? document.components : {};
    const schemas = isObject(components.schemas) ? components.schemas : {};
    const responses = isObject(components.responses) ? components.responses : {};
    const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false, validateFormats: true });
    addFormats(ajv);
    ajv.addVocabulary(OPENAPI_KEYWORDS);
    try {
      ajv.addSchema({ $id: SCHEMA_ID, $defs: rewriteRefs(schemas) as Record<string, Json> });
      const operations = new Map<OperationId, OperationValidators>();
      for (const [id, { method, path }] of Object.entries(OPERATIONS) as [OperationId, (typeof OPERATIONS)[OperationId]][]) {
        const operation = lookup(document, ['paths', path, method.toLowerCase()]);
        if (!isObject(operation) || operation.operationId !== id) throw new Error(`operation ${id} (${method} ${path}) is missing`);
        const requestSchema = lookup(operation, ['requestBody', 'content', 'application/json', 'schema']);
        if (!isObject(requestSchema) && method !== 'GET') throw new Error(`operation ${id} has no JSON request body`);
        const compiledResponses = new Map<number, LazyValidator>();
        for (const [status, response] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
          const resolved = resolveResponse(response, responses);
          const content = isObject(resolved) && isObject(resolved.content) ? resolved.content : {};
          const schema = lookup(content, ['application/json', 'schema']) ?? lookup(content, ['application/problem+json', 'schema']);
          if (isObject(schema)) compiledResponses.set(Number(status), lazy(() => ajv.compile(rewriteRefs(schema) as object)));
        }
        operations.set(id, { request: isObject(requestSchema) ? lazy(() => ajv.compile(rewriteRefs(requestSchema) as object)) : undefined, responses: compiledResponses });
      }
      const named = new Map<string, LazyValidator>();
      for (const name of Object.keys(schemas)) named.set(name, lazy(() => ajv.compile({ $ref: `${SCHEMA_ID}#/$defs/${name}` })));
      if ((options.compile ?? 'eager') === 'eager') {
        for (const op of operations.values()) [...(op.request ? [op.request] : []), ...op.responses.values()].forEach((v) => v());
        for (const v of named.values()) v();
      }
      return new CentralContract(document as CentralContract['document'], operations, named);
    } catch (err) {
      if (err instanceof ContractError) throw err;
      throw new ContractError('CONTRACT_INVALID', `the central-service document does not compile: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * Checks a request body of `operation`; an operation without a body (a GET) accepts only `undefined`.
   * Throws ContractError only for a lazily loaded document that does not compile.
   */
  validateRequest(operation: OperationId, body: unknown): ValidationResult {
    const validate = this.operation(operation).request;
    if (!validate) return body === undefined ? { ok: true } : { ok: false, errors: [`(body): ${operation} takes no body`] };
    return run(validate(), body);
  }

  /** Checks a reply body; a status the document does not list for the operation is an error. */
  validateResponse(operation: OperationId, status: number, body: unknown): ValidationResult {
    const validate = this.operation(operation).responses.get(status);
    if (!validate) return { ok: false, errors: [`status ${status} is not defined for ${operation}`] };
    return run(validate(), body);
  }

  /** Checks `value` against a named schema of components.schemas (e.g. `CheckInRecord`). */
  validateSchema(name: string, value: unknown): ValidationResult {
    const validate = this.schemas.get(name);
    if (!validate) return { ok: false, errors: [`schema ${name} is not defined`] };
    return run(validate(), value);
  }

  /** The statuses the document lists for an operation. */
  statuses(operation: OperationId): readonly number[] {
    return [...this.operation(operation).responses.keys()];
  }

  /** The operation a method and path address, or undefined. */
  static operationFor(method: string, path: string): OperationId | undefined {
    return CentralContract.match(method, path)?.operation;
  }

  /**
   * The operation a method and path address, with its path parameters (`{kioskId}` matches one
   * non-empty segment); undefined when none does, or when a segment's percent-encoding is broken.
   */
  static match(method: string, path: string): OperationMatch | undefined {
    for (const [id, op] of Object.entries(OPERATIONS) as [OperationId, (typeof OPERATIONS)[OperationId]][]) {
      if (op.method !== method) continue;
      const { pattern, names } = compiledTemplate(op.path);
      const m = pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      try {
        names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      } catch {
        return undefined;
      }
      return { operation: id, params: Object.freeze(params) };
    }
    return undefined;
  }

  /** The path of `operation` with its parameters filled in (percent-encoded). Throws RangeError for a missing one. */
  static pathOf(operation: OperationId, params: Readonly<Record<string, string>> = {}): string {
    return OPERATIONS[operation].path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined || value === '') throw new RangeError(`${operation} needs the path parameter ${name}`);
      return encodeURIComponent(value);
    });
  }

  private operation(id: OperationId): OperationValidators {
    const operation = this.operations.get(id);
    if (!operation) throw new ContractError('CONTRACT_INVALID', `unknown operation ${id}`);
    return operation;
  }
}

const templates = new Map<string, { readonly pattern: RegExp; readonly names: readonly string[] }>();

/** `/v1/kiosks/{kioskId}/departments` as an anchored pattern with one group per parameter. */
function compiledTemplate(template: string): { readonly pattern: RegExp; readonly names: readonly string[] } {
  let compiled = templates.get(template);
  if (!compiled) {
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      })
      .join('');
    compiled = { pattern: new RegExp(`^${source}$`), names };
    templates.set(template, compiled);
  }
  return compiled;
}

function run(validate: ValidateFunction, value: unknown): ValidationResult {
  if (validate(value)) return { ok: true };
  return { ok: false, errors: (validate.errors ?? []).slice(0, MAX_ERRORS).map(describeError) };
}

/** `/items/3/person/sex: must be equal to one of the allowed values`: the place and the rule, never the value. */
function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(body)' : error.instancePath;
  const extra = error.keyword === 'additionalProperties' ? ` '${String((error.params as { additionalProperty?: string }).additionalProperty)}'` : '';
  return `${where}: ${error.message ?? error.keyword}${extra}`;
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lookup(value: Json | undefined, path: readonly string[]): Json | undefined {
  let current: Json | undefined = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

function resolveResponse(response: Json | undefined, responses: { [key: string]: Json }): Json | undefined {
  if (isObject(response) && typeof response.$ref === 'string') {
    const m = /^#\/components\/responses\/([\w.-]+)$/.exec(response.$ref);
    return m ? responses[m[1]!] : undefined;
  }
  return response;
}

/** `#/components/schemas/X` becomes a reference into the single schema resource that holds them all. */
function rewriteRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof v === 'string' ? v.replace(/^#\/components\/schemas\//, `${SCHEMA_ID}#/$defs/`) : rewriteRefs(v);
  }
  return out;
}
