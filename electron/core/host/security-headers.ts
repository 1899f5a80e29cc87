// Response headers for everything the host serves. The renderer is the kiosk's whole UI and it shows a
// person's name and photo, so the page may load only its own files, talk only to its own core, and
// never be framed, sniffed, referred or given device permissions.

/**
 * The page's Content-Security-Policy. `img-src data:` admits the holder's photo, which arrives inside a
 * snapshot as a data URL; `connect-src` names the contract's WebSocket explicitly because older
 * browsers do not let 'self' cover ws:. No inline script or style: React sets styles through the DOM
 * (element.style), which CSP does not restrict.
 */
export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http:/, 'ws:');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers set on every HTTP response of the host, files and refusals alike. */
export function securityHeaders(origin: string): Readonly<Record<string, string>> {
  return Object.freeze({
    'Content-Security-Policy': contentSecurityPolicy(origin),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()',
    // A kiosk updates in place: never show a stale UI against a newer core.
    'Cache-Control': 'no-store',
  });
}
