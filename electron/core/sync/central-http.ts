// The HTTP(S) transport of the central-service client: keep-alive connections, a per-request deadline,
// TLS with an optional client certificate (mutual TLS), and pinning of the service's certificate or
// public key (SHA-256 of the DER certificate or of its SubjectPublicKeyInfo, base64) on top of normal
// chain and host-name validation. Every failure becomes a SyncTransportError the sync engine can act on.

import { createHash, X509Certificate } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { SyncTransportError } from './sync-transport.ts';

export interface CentralTlsOptions {
  /** PEM CA certificate(s) to trust instead of the system store. */
  readonly ca?: string;
  /** PEM client certificate and key for mutual TLS. */
  readonly clientCertificate?: string;
  readonly clientKey?: string;
  /** Accept the service only if a certificate of its chain has one of these SHA-256 SPKI hashes (base64). */
  readonly pinnedSpkiSha256?: readonly string[];
  /** ... or one of these SHA-256 certificate hashes (base64). */
  readonly pinnedCertificateSha256?: readonly string[];
}

export interface CentralHttpOptions {
  readonly timeoutMs: number;
  readonly tls?: CentralTlsOptions;
  /** Parallel connections to the service (default 4). */
  readonly maxSockets?: number;
  /** Largest reply body read (default 16 MiB). */
  readonly maxReplyBytes?: number;
}

/** Per-request overrides of the transport's defaults. */
export interface SendOptions {
  /** This request's deadline instead of the client's (a person waiting needs a short one). */
  readonly timeoutMs?: number;
  /** Abandons the request: rejects with SyncTransportError `timeout` and closes its connection. */
  readonly signal?: AbortSignal;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The certificate the service presented matches no pin: the connection is refused before any byte is sent. */
export class PinMismatchError extends Error {
  readonly code = 'CERT_PIN_MISMATCH';
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** SHA-256 of the certificate's SubjectPublicKeyInfo (PeerCertificate.pubkey is the bare EC point, not SPKI). */
function spkiSha256(certificate: Buffer): string {
  return sha256(new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' }));
}

/** node:tls checkServerIdentity plus the pins: leaf first, then each issuer up the presented chain. */
export function pinningCheck(tls: CentralTlsOptions): ((host: string, cert: PeerCertificate) => Error | undefined) | undefined {
  const spki = new Set(tls.pinnedSpkiSha256 ?? []);
  const whole = new Set(tls.pinnedCertificateSha256 ?? []);
  if (spki.size === 0 && whole.size === 0) return undefined;
  return (host, cert) => {
    const identityError = checkServerIdentity(host, cert);
    if (identityError) return identityError;
    const seen = new Set<string>();
    let current: PeerCertificate | undefined = cert;
    while (current && current.raw && !seen.has(current.fingerprint256)) {
      seen.add(current.fingerprint256);
      if (whole.has(sha256(current.raw)) || spki.has(spkiSha256(current.raw))) return undefined;
      current = (current as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate;
    }
    return new PinMismatchError('the service certificate matches none of the pinned keys');
  };
}

export class CentralHttp {
  private readonly base: URL;
  private readonly agent: HttpAgent;
  private readonly secure: boolean;

  constructor(
    baseUrl: string,
    private readonly options: CentralHttpOptions,
  ) {
    this.base = new URL(baseUrl);
    this.secure = this.base.protocol === 'https:';
    const maxSockets = options.maxSockets ?? 4;
    if (this.secure) {
      const tls = options.tls ?? {};
      const check = pinningCheck(tls);
      this.agent = new HttpsAgent({
        keepAlive: true,
        maxSockets,
        ...(tls.ca ? { ca: tls.ca } : {}),
        ...(tls.clientCertificate ? { cert: tls.clientCertificate } : {}),
        ...(tls.clientKey ? { key: tls.clientKey } : {}),
        ...(check ? { checkServerIdentity: check } : {}),
      });
    } else {
      this.agent = new HttpAgent({ keepAlive: true, maxSockets });
    }
  }

  /** The absolute URL of a path under the base URL (what the request signature covers). */
  urlOf(path: string): URL {
    const prefix = this.base.pathname.endsWith('/') ? this.base.pathname.slice(0, -1) : this.base.pathname;
    return new URL(`${prefix}${path}`, this.base);
  }

  /**
   * Sends one request and reads the whole reply. Rejects with SyncTransportError `timeout` past the
   * deadline (connection, upload and reply together) and `network` for refused or reset connections,
   * TLS failures and pin mismatches, `timeout` too when `options.signal` aborts. HTTP statuses are not
   * judged here. An empty body on a GET is sent without Content-Length (RFC 9110 §8.6).
   */
  send(method: string, url: URL, headers: OutgoingHttpHeaders, body: Uint8Array, options: SendOptions = {}): Promise<HttpReply> {
    const limit = this.options.maxReplyBytes ?? 16 * 1024 * 1024;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abandoned(signal));
    return new Promise<HttpReply>((resolve, reject) => {
      let settled = false;
      const onAbort = () => fail(abandoned(signal!));
      const finish = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (err: SyncTransportError) => {
        if (settled) return;
        finish();
        req.destroy();
        reject(err);
      };
      const requester = this.secure ? httpsRequest : httpRequest;
      const length = method === 'GET' && body.length === 0 ? {} : { 'content-length': body.length };
      const req = requester(url, { method, headers: { ...headers, ...length }, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) fail(new SyncTransportError('server', `the reply is larger than ${limit} bytes`, { status: res.statusCode }));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          finish();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('aborted', () => fail(new SyncTransportError('network', 'the connection closed in the middle of the reply')));
        res.on('error', (err) => fail(networkError(err)));
      });
      const timer = setTimeout(() => fail(new SyncTransportError('timeout', `no complete reply within ${timeoutMs} ms`)), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => fail(networkError(err)));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The caller gave up (its own deadline, or the person left): as retryable as a timeout. */
function abandoned(signal: AbortSignal): SyncTransportError {
  return new SyncTransportError('timeout', 'the request was abandoned by its caller', { cause: signal.reason });
}

function networkError(err: Error): SyncTransportError {
  const code = (err as NodeJS.ErrnoException).code;
  if (err instanceof PinMismatchError) return new SyncTransportError('network', err.message, { cause: err });
  const what = code === 'ECONNREFUSED' ? 'the service refused the connection' : code === 'ECONNRESET' ? 'the connection was reset' : `the connection failed${code ? ` (${code})` : ''}`;
  return new SyncTransportError('network', what, { cause: err });
}
