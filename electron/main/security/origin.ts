// Origins compared as the URL standard computes them, never by string prefix: a prefix test would let
// `http://127.0.0.1:41000.evil.example` pass for `http://127.0.0.1:41000` (Electron security
// checklist, 13: use a URL parser). A blob: URL has the origin of the page that made it.

/** `origin` of a URL, or null when it has none (about:blank, data:, file:, a malformed URL). */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The URL's scheme without the colon, lower case and at most 16 characters: what logs may carry. */
export function schemeOf(url: string): string {
  const at = url.indexOf(':');
  return (at > 0 ? url.slice(0, at) : 'none').slice(0, 16).toLowerCase();
}
