// The RFC 9421 signature base (§2.5): one line per covered component, `"name": value`, then the
// `@signature-params` line, joined by LF with no trailing LF. Derived components (§2.2) come from the
// target URI; header fields (§2.1) are trimmed and, when repeated, joined with ", ".

import { type InnerList, type Item, type Parameters, serializeInnerList } from 'structured-headers';
import { SignatureError } from './central-errors.ts';

/** A request as signing and verification see it. Header names are matched case-insensitively. */
export interface SignableRequest {
  readonly method: string;
  /** The absolute target URI, e.g. `https://central.example/v1/check-ins/batch`. */
  readonly targetUri: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | number | undefined>>;
}

/** Signature parameters (RFC 9421 §2.3) in the order they are serialized. */
export interface SignatureParameters {
  readonly created?: number;
  readonly expires?: number;
  readonly nonce?: string;
  readonly alg?: string;
  readonly keyid?: string;
  readonly tag?: string;
}

const PARAMETER_ORDER = ['created', 'expires', 'nonce', 'alg', 'keyid', 'tag'] as const;
const DERIVED = new Set(['@method', '@target-uri', '@authority', '@scheme', '@request-target', '@path', '@query']);
const STEP = 'central.signature';

/** The serialized inner list of `@signature-params` and of the Signature-Input member (§2.3). */
export function serializeSignatureParams(components: readonly string[], params: SignatureParameters | Parameters): string {
  return serializeInnerList(toInnerList(components, params));
}

export function toInnerList(components: readonly string[], params: SignatureParameters | Parameters): InnerList {
  const items: Item[] = components.map((c) => [c, new Map()]);
  let map: Parameters;
  if (params instanceof Map) map = params;
  else {
    map = new Map();
    for (const key of PARAMETER_ORDER) {
      const value = params[key];
      if (value !== undefined) map.set(key, value);
    }
  }
  return [items, map];
}

/**
 * Builds the signature base. Throws SignatureError `missing-component` when a covered header field is
 * absent, `malformed` for a component name this code does not derive or a target URI that does not parse.
 */
export function signatureBase(request: SignableRequest, components: readonly string[], params: SignatureParameters | Parameters): string {
  let url: URL;
  try {
    url = new URL(request.targetUri);
  } catch {
    throw new SignatureError('malformed', 'the target URI does not parse', { step: STEP });
  }
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const name of components) {
    if (seen.has(name)) throw new SignatureError('malformed', `component ${name} is covered twice`, { step: STEP });
    seen.add(name);
    lines.push(`"${name}": ${componentValue(name, request, url)}`);
  }
  lines.push(`"@signature-params": ${serializeSignatureParams(components, params)}`);
  return lines.join('\n');
}

function componentValue(name: string, request: SignableRequest, url: URL): string {
  if (name.startsWith('@')) {
    if (!DERIVED.has(name)) throw new SignatureError('malformed', `derived component ${name} is not supported`, { step: STEP });
    switch (name) {
      case '@method':
        return request.method;
      case '@target-uri':
        return url.href;
      case '@authority':
        // §2.2.3: host and port, lowercased, default port omitted (URL.host already does that).
        return url.host.toLowerCase();
      case '@scheme':
        return url.protocol.slice(0, -1).toLowerCase();
      case '@request-target':
        return `${url.pathname || '/'}${url.search}`;
      case '@path':
        return url.pathname || '/';
      default:
        return url.search === '' ? '?' : url.search;
    }
  }
  if (name !== name.toLowerCase() || !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
    throw new SignatureError('malformed', `component name ${JSON.stringify(name)} is not a lowercase field name`, { step: STEP });
  }
  const value = headerValue(request.headers, name);
  if (value === undefined) throw new SignatureError('missing-component', `covered field ${name} is absent`, { step: STEP });
  // §2.1: obs-fold is not allowed; a value with a line break would forge extra base lines.
  if (/[\r\n]/.test(value)) throw new SignatureError('malformed', `field ${name} holds a line break`, { step: STEP });
  return value;
}

/** A header's value: trimmed, repeated values joined with ", " (RFC 9421 §2.1); undefined when absent. */
export function headerValue(headers: SignableRequest['headers'], name: string): string | undefined {
  for (const [key, raw] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || raw === undefined) continue;
    if (Array.isArray(raw)) return (raw as readonly string[]).map((v) => v.trim()).join(', ');
    return String(raw).trim();
  }
  return undefined;
}
