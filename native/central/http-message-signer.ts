// Signs a request with HTTP Message Signatures (RFC 9421) and the kiosk's Ed25519 key (§3.3.6):
// adds Content-Digest (RFC 9530) for the body, Signature-Input and Signature. The central service
// verifies them with http-message-verifier.ts.

import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { serializeDictionary } from 'structured-headers';
import { contentDigest } from './content-digest.ts';
import { type SignableRequest, type SignatureParameters, signatureBase, toInnerList } from './signature-base.ts';

/** The label of the kiosk's signature in Signature-Input and Signature. */
export const SIGNATURE_LABEL = 'kiosk';
/** Components every kiosk request covers; requests with a body add content-digest and content-type. */
export const BASE_COMPONENTS = Object.freeze(['@method', '@authority', '@path']);
export const BODY_COMPONENTS = Object.freeze(['content-digest', 'content-type']);
/** How long a signature stays valid after `created` (the verifier may be stricter). */
export const DEFAULT_SIGNATURE_LIFETIME_SECONDS = 300;

export interface SigningKey {
  readonly keyId: string;
  /** An Ed25519 private key. */
  readonly privateKey: KeyObject;
}

export interface SignOptions {
  /** Unix seconds; default now. */
  readonly created?: number;
  readonly lifetimeSeconds?: number;
  /** Default 16 random bytes, base64url. */
  readonly nonce?: string;
}

export interface SignedHeaders {
  readonly 'content-digest'?: string;
  readonly 'signature-input': string;
  readonly signature: string;
}

/** Ed25519 over the signature base (RFC 9421 §3.3.6): 64 bytes. */
export function signBase(base: string, privateKey: KeyObject): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sign(null, Buffer.from(base, 'utf8'), privateKey));
}

/**
 * Signs `request` (whose headers must already hold content-type when there is a body) and returns the
 * fields to add. Throws SignatureError `missing-component` when content-type is absent for a body, and
 * Error from node:crypto when the key is not Ed25519.
 */
export function signRequest(request: SignableRequest, body: Uint8Array | undefined, key: SigningKey, options: SignOptions = {}): SignedHeaders {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const params: SignatureParameters = {
    created,
    expires: created + (options.lifetimeSeconds ?? DEFAULT_SIGNATURE_LIFETIME_SECONDS),
    nonce: options.nonce ?? randomBytes(16).toString('base64url'),
    alg: 'ed25519',
    keyid: key.keyId,
  };
  const digest = body === undefined ? undefined : contentDigest(body);
  const components = body === undefined ? BASE_COMPONENTS : [...BASE_COMPONENTS, ...BODY_COMPONENTS];
  const headers = digest === undefined ? request.headers : { ...request.headers, 'content-digest': digest };
  const base = signatureBase({ ...request, headers }, components, params);
  const signature = signBase(base, key.privateKey);
  return {
    ...(digest === undefined ? {} : { 'content-digest': digest }),
    'signature-input': serializeDictionary(new Map([[SIGNATURE_LABEL, toInnerList(components, params)]])),
    signature: serializeDictionary(new Map([[SIGNATURE_LABEL, [signature, new Map()]]])),
  };
}
