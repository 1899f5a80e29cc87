import { describe, expect, it } from 'vitest';
import { createHostToken, tokenMatches } from '../../../../../electron/core/host/host-token.ts';
import { DEFAULT_MIME_TYPE, mimeTypeOf } from '../../../../../electron/core/host/mime-types.ts';
import { contentSecurityPolicy } from '../../../../../electron/core/host/security-headers.ts';
import { safeSegments } from '../../../../../electron/core/host/static-files.ts';

describe('safeSegments', () => {
  it('splits a plain path into its segments and ignores the query', () => {
    expect(safeSegments('/assets/app.js?v=3')).toEqual(['assets', 'app.js']);
    expect(safeSegments('/')).toEqual([]);
    expect(safeSegments('/fonts/Be%20Vietnam.woff2')).toEqual(['fonts', 'Be Vietnam.woff2']);
  });

  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/assets%2f..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/index.html%00.png',
    '/.env',
    '/./index.html',
    '/%E0%A4%A',
    'index.html',
  ])('refuses %s', (url) => {
    expect(safeSegments(url)).toBeNull();
  });
});

describe('mimeTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.JS', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
    ['fonts/a.woff2', 'font/woff2'],
    ['logo.svg', 'image/svg+xml'],
    ['manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['archive.tar.gz', DEFAULT_MIME_TYPE],
    ['dir.v2/README', DEFAULT_MIME_TYPE],
  ])('gives %s the type %s', (name, type) => {
    expect(mimeTypeOf(name)).toBe(type);
  });
});

describe('contentSecurityPolicy', () => {
  it('admits only its own files, data: images and its own WebSocket, and forbids framing', () => {
    const csp = contentSecurityPolicy('http://127.0.0.1:4123');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4123");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
  });
});

describe('host token', () => {
  it('is 256 random bits in base64url, different at every start', () => {
    const a = createHostToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createHostToken()).not.toBe(a);
  });

  it('matches only the exact token', () => {
    const token = createHostToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(1), token)).toBe(false);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
  });
});
