// Serves the built renderer folder: GET and HEAD only, files inside the folder only (no `..`, no encoded
// separators, no dot-files, no symlink leading out), correct content types, and the security headers on
// every answer. Extension-less paths that name no file get index.html, so client-side routes reload.

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { mimeTypeOf } from './mime-types.ts';

export type StaticRefusal = 'method' | 'path' | 'not-found';

export interface StaticFilesOptions {
  /** Absolute path of the built renderer folder. */
  readonly rootDir: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Why a request path is refused before touching the file system, or its safe relative segments. */
export function safeSegments(rawUrl: string): readonly string[] | null {
  const pathPart = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!pathPart.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of pathPart.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '') continue;
    // `..` and `.` by any spelling, separators smuggled in by encoding, NUL, and hidden files.
    if (segment.startsWith('.') || segment.includes('/') || segment.includes('\\') || segment.includes('\0')) return null;
    segments.push(segment);
  }
  return segments;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function plain(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function fileAt(candidate: string, realRoot: string): Promise<{ path: string; size: number } | null> {
  try {
    const real = await realpath(candidate);
    if (!isInside(real, realRoot)) return null;
    const info = await stat(real);
    if (info.isDirectory()) return fileAt(path.join(real, 'index.html'), realRoot);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

/**
 * Answers one HTTP request from the renderer folder. Resolves with the refusal when it refused (for the
 * host's log), or null when it served a file. Never throws: stream errors end the response.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, options: StaticFilesOptions): Promise<StaticRefusal | null> {
  const { headers } = options;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    plain(res, 405, headers, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return 'method';
  }
  const segments = safeSegments(req.url ?? '/');
  if (segments === null) {
    plain(res, 400, headers, 'Bad Request\n');
    return 'path';
  }
  let realRoot: string;
  try {
    realRoot = await realpath(options.rootDir);
  } catch {
    plain(res, 404, headers, 'Not Found\n');
    return 'not-found';
  }
  const last = segments[segments.length - 1] ?? '';
  let file = await fileAt(path.join(realRoot, ...segments), realRoot);
  if (file === null && !last.includes('.')) file = await fileAt(path.join(realRoot, 'index.html'), realRoot);
  if (file === null) {
    plain(res, 404, headers, 'Not Found\n');
    return 'not-found';
  }
  res.writeHead(200, { ...headers, 'Content-Type': mimeTypeOf(file.path), 'Content-Length': file.size });
  if (req.method === 'HEAD') {
    res.end();
    return null;
  }
  try {
    await pipeline(createReadStream(file.path), res);
  } catch {
    res.destroy();
  }
  return null;
}
