// Verifies the kiosk's RFC 9421 signature on a request (§3.2) and applies the service's policy: the
// required components are covered, alg is ed25519, keyid is registered, created is recent and not in
// the future, expires has not passed, the nonce is new, and Content-Digest matches the body. Each
// refusal is a SignatureError whose `reason` a program can branch on.

import { verify, type KeyObject } from 'node:crypto';
import { type InnerList, type Parameters, parseDictionary, Token } from 'structured-headers';
import { SignatureError } from './central-errors.ts';
import { checkContentDigest } from './content-digest.ts';
import { BASE_COMPONENTS, BODY_COMPONENTS, SIGNATURE_LABEL } from './http-message-signer.ts';
import { NonceCache } from './nonce-cache.ts';
import { type SignableRequest, headerValue, signatureBase } from './signature-base.ts';

const STEP = 'central.signature';
const MAX_FIELD_LENGTH = 4096;

export interface VerifierPolicy {
  readonly label?: string;
  /** Components that must be covered (default: the kiosk's, with content-digest and content-type for a body). */
  readonly requiredComponents?: readonly string[];
  /** Oldest acceptable `created`, in seconds before now (default 300). */
  readonly maxAgeSeconds?: number;
  /** How far `created` may lie in the future (clock skew, default 30 s). */
  readonly clockSkewSeconds?: number;
  /** Require the nonce parameter and refuse one seen before (default true). */
  readonly requireNonce?: boolean;
  /** Require alg="ed25519" to be stated (default true); any other alg is always refused. */
  readonly requireAlg?: boolean;
  /** Unix milliseconds; default Date.now. */
  readonly now?: () => number;
}

export interface VerifiedSignature {
  readonly keyId: string;
  readonly created: number;
  readonly nonce: string | undefined;
  readonly components: readonly string[];
}

/** Looks up the Ed25519 public key registered under a keyid. */
export type KeyResolver = (keyId: string) => KeyObject | undefined;

export class HttpMessageVerifier {
  private readonly nonces: NonceCache;

  constructor(
    private readonly resolveKey: KeyResolver,
    private readonly policy: VerifierPolicy = {},
    nonces?: NonceCache,
  ) {
    this.nonces = nonces ?? new NonceCache();
  }

  /**
   * Verifies `request` with its `body` (undefined when it has none). Resolves with who signed it;
   * throws SignatureError (unsigned, malformed, missing-component, unsupported-algorithm,
   * unknown-key, bad-signature, digest-mismatch, expired, not-yet-valid, replayed).
   */
  verify(request: SignableRequest, body: Uint8Array | undefined): VerifiedSignature {
    const label = this.policy.label ?? SIGNATURE_LABEL;
    const inputField = headerValue(request.headers, 'signature-input');
    const signatureField = headerValue(request.headers, 'signature');
    if (inputField === undefined || signatureField === undefined) throw new SignatureError('unsigned', 'the request carries no signature', { step: STEP });
    if (inputField.length > MAX_FIELD_LENGTH || signatureField.length > MAX_FIELD_LENGTH) {
      throw new SignatureError('malformed', 'signature fields are too long', { step: STEP });
    }
    const { components, params, signature } = parseFields(inputField, signatureField, label);

    const required = this.policy.requiredComponents ?? (body === undefined || body.length === 0 ? BASE_COMPONENTS : [...BASE_COMPONENTS, ...BODY_COMPONENTS]);
    for (const name of required) {
      if (!components.includes(name)) throw new SignatureError('missing-component', `the signature does not cover ${name}`, { step: STEP });
    }
    const alg = params.get('alg');
    if (alg !== undefined && alg !== 'ed25519') throw new SignatureError('unsupported-algorithm', 'only alg="ed25519" is accepted', { step: STEP });
    if (alg === undefined && (this.policy.requireAlg ?? true)) throw new SignatureError('unsupported-algorithm', 'the signature states no alg', { step: STEP });
    const keyId = params.get('keyid');
    if (typeof keyId !== 'string') throw new SignatureError('malformed', 'keyid is missing or not a string', { step: STEP });
    const created = params.get('created');
    if (typeof created !== 'number' || !Number.isInteger(created)) throw new SignatureError('malformed', 'created is missing or not an integer', { step: STEP });
    const expires = params.get('expires');
    if (expires !== undefined && (typeof expires !== 'number' || !Number.isInteger(expires))) throw new SignatureError('malformed', 'expires is not an integer', { step: STEP });
    const nonce = params.get('nonce');
    if (nonce !== undefined && (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > 128)) {
      throw new SignatureError('malformed', 'nonce is not a string of 1-128 characters', { step: STEP });
    }
    const key = this.resolveKey(keyId);
    if (!key) throw new SignatureError('unknown-key', 'keyid is not registered', { step: STEP });

    // The signature before anything else that depends on message content, so a tampered request is
    // reported as tampered (not as expired) and no unauthenticated nonce enters the replay cache.
    const base = signatureBase(request, components, params as Parameters);
    let valid: boolean;
    try {
      valid = signature.length === 64 && verify(null, Buffer.from(base, 'utf8'), key, signature);
    } catch (err) {
      throw new SignatureError('bad-signature', 'the signature does not verify with the registered key', { step: STEP, cause: err });
    }
    if (!valid) throw new SignatureError('bad-signature', 'the signature does not verify', { step: STEP });

    if (components.includes('content-digest') || (body !== undefined && body.length > 0)) {
      const digestField = headerValue(request.headers, 'content-digest');
      if (digestField === undefined) throw new SignatureError('missing-component', 'Content-Digest is absent', { step: STEP });
      const check = checkContentDigest(digestField, body ?? new Uint8Array(0));
      if (check === 'mismatch') throw new SignatureError('digest-mismatch', 'Content-Digest does not match the body', { step: STEP });
      if (check !== 'match') throw new SignatureError('malformed', `Content-Digest is ${check}`, { step: STEP });
    }

    const nowMs = (this.policy.now ?? Date.now)();
    const now = Math.floor(nowMs / 1000);
    const maxAge = this.policy.maxAgeSeconds ?? 300;
    if (created > now + (this.policy.clockSkewSeconds ?? 30)) throw new SignatureError('not-yet-valid', 'created lies in the future', { step: STEP });
    if (now - created > maxAge) throw new SignatureError('expired', 'the signature is older than the acceptance window', { step: STEP });
    if (typeof expires === 'number' && now > expires) throw new SignatureError('expired', 'the signature has expired', { step: STEP });

    if (this.policy.requireNonce ?? true) {
      if (nonce === undefined) throw new SignatureError('missing-component', 'the signature has no nonce', { step: STEP });
      const until = Math.min(typeof expires === 'number' ? expires : Infinity, created + maxAge) * 1000 + 1000;
      if (!this.nonces.use(keyId, nonce as string, until, nowMs)) throw new SignatureError('replayed', 'the nonce was already used', { step: STEP });
    }
    return Object.freeze({ keyId, created, nonce: nonce as string | undefined, components: Object.freeze([...components]) });
  }
}

function parseFields(inputField: string, signatureField: string, label: string): { components: string[]; params: Map<string, unknown>; signature: Uint8Array } {
  let input: ReturnType<typeof parseDictionary>;
  let signatures: ReturnType<typeof parseDictionary>;
  try {
    input = parseDictionary(inputField);
    signatures = parseDictionary(signatureField);
  } catch (err) {
    throw new SignatureError('malformed', 'Signature-Input or Signature is not a structured dictionary', { step: STEP, cause: err });
  }
  const member = input.get(label);
  const signed = signatures.get(label);
  if (member === undefined || signed === undefined) throw new SignatureError('unsigned', `no signature labelled ${label}`, { step: STEP });
  if (!Array.isArray(member[0])) throw new SignatureError('malformed', 'Signature-Input member is not an inner list', { step: STEP });
  const [items, params] = member as InnerList;
  const components: string[] = [];
  for (const [value, itemParams] of items) {
    if (typeof value !== 'string' || itemParams.size > 0) throw new SignatureError('malformed', 'covered components must be plain strings', { step: STEP });
    components.push(value);
  }
  for (const value of params.values()) {
    if (value instanceof Token) throw new SignatureError('malformed', 'signature parameters must not be tokens', { step: STEP });
  }
  if (!(signed[0] instanceof ArrayBuffer)) throw new SignatureError('malformed', 'Signature member is not a byte sequence', { step: STEP });
  return { components, params: params as Map<string, unknown>, signature: new Uint8Array(signed[0]) };
}
