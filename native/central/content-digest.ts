// RFC 9530 Content-Digest: the digest of the message content, carried as an RFC 8941 dictionary
// (`sha-256=:BASE64:`). The request signature covers this field, so it binds the body to the signature.

import { createHash, timingSafeEqual } from 'node:crypto';
import { parseDictionary, serializeDictionary } from 'structured-headers';

/** RFC 9530 §5 algorithms this code computes, by their registered keys. */
const ALGORITHMS = Object.freeze({ 'sha-256': 'sha256', 'sha-512': 'sha512' } as const);
type DigestKey = keyof typeof ALGORITHMS;

/** The Content-Digest field value for `body` (sha-256 unless told). */
export function contentDigest(body: Uint8Array, algorithm: DigestKey = 'sha-256'): string {
  const digest = createHash(ALGORITHMS[algorithm]).update(body).digest();
  return serializeDictionary(new Map([[algorithm, [digest, new Map()]]]));
}

export type DigestCheck = 'match' | 'mismatch' | 'malformed' | 'unsupported';

/**
 * Checks a Content-Digest field against `body`. Every digest it lists with an algorithm this code
 * knows must match; a field with none it knows is `unsupported`, one that does not parse `malformed`.
 */
export function checkContentDigest(field: string, body: Uint8Array): DigestCheck {
  let dictionary: ReturnType<typeof parseDictionary>;
  try {
    dictionary = parseDictionary(field);
  } catch {
    return 'malformed';
  }
  let checked = 0;
  for (const [key, member] of dictionary) {
    if (!(key in ALGORITHMS)) continue;
    const value = member[0];
    if (!(value instanceof ArrayBuffer)) return 'malformed';
    const expected = createHash(ALGORITHMS[key as DigestKey]).update(body).digest();
    const given = Buffer.from(value);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'mismatch';
    checked += 1;
  }
  return checked > 0 ? 'match' : 'unsupported';
}
