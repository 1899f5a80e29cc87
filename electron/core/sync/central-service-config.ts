// The `centralService` section of the kiosk's config and how it becomes CentralClientOptions: the
// service URL, the kiosk's identity and Ed25519 signing key file, and TLS (CA, client certificate for
// mutual TLS, pins of the service's key or certificate). Files are read here, once, with clear errors
// that name the setting and the file, never a key's content.

import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { KioskError } from '../../../native/hal/errors.ts';
import type { CentralClientOptions } from './central-client.ts';

/** SHA-256, base64: 44 characters ending in '='. */
const sha256Base64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a SHA-256 hash in base64 (44 characters)');

export const CentralServiceConfigSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    kioskId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    /** The keyid registered with the service for this kiosk's public key. */
    keyId: z.string().min(1).max(128),
    /** PKCS#8 PEM Ed25519 private key; relative paths are resolved against the config file's folder. */
    signingKeyFile: z.string().min(1),
    timeoutMs: z.number().int().min(100).max(600_000).default(15_000),
    tls: z
      .object({
        caFile: z.string().min(1).optional(),
        clientCertificateFile: z.string().min(1).optional(),
        clientKeyFile: z.string().min(1).optional(),
        pinnedSpkiSha256: z.array(sha256Base64).max(16).default([]),
        pinnedCertificateSha256: z.array(sha256Base64).max(16).default([]),
      })
      .strict()
      .refine((t) => (t.clientCertificateFile === undefined) === (t.clientKeyFile === undefined), 'clientCertificateFile and clientKeyFile go together')
      .optional(),
  })
  .strict();

export type CentralServiceConfig = z.infer<typeof CentralServiceConfigSchema>;

export class CentralConfigError extends KioskError {
  constructor(message: string, cause?: unknown) {
    super('CENTRAL_CONFIG_INVALID', message, { step: 'central.config', userMessage: 'INTERNAL', cause });
  }
}

function readText(setting: string, path: string, baseDir: string): string {
  const full = isAbsolute(path) ? path : resolve(baseDir, path);
  try {
    return readFileSync(full, 'utf8');
  } catch (err) {
    throw new CentralConfigError(`centralService.${setting}: cannot read ${full} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
  }
}

/**
 * Validates the section and reads its files. `baseDir` resolves relative paths (the config file's
 * folder). Throws CentralConfigError naming the first bad setting or unreadable file.
 */
export function centralClientOptions(section: unknown, baseDir: string): Omit<CentralClientOptions, 'contract' | 'logger'> {
  const parsed = CentralServiceConfigSchema.safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CentralConfigError(`centralService.${issue?.path.join('.') || '(section)'}: ${issue?.message ?? 'invalid'}`);
  }
  const config = parsed.data;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readText('signingKeyFile', config.signingKeyFile, baseDir));
  } catch (err) {
    if (err instanceof CentralConfigError) throw err;
    throw new CentralConfigError('centralService.signingKeyFile: not a PEM private key', err);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new CentralConfigError(`centralService.signingKeyFile: an ${privateKey.asymmetricKeyType} key; kiosks sign with Ed25519`);
  const tls = config.tls;
  return {
    baseUrl: config.url,
    kioskId: config.kioskId,
    signingKey: { keyId: config.keyId, privateKey },
    timeoutMs: config.timeoutMs,
    ...(tls
      ? {
          tls: {
            ...(tls.caFile ? { ca: readText('tls.caFile', tls.caFile, baseDir) } : {}),
            ...(tls.clientCertificateFile ? { clientCertificate: readText('tls.clientCertificateFile', tls.clientCertificateFile, baseDir) } : {}),
            ...(tls.clientKeyFile ? { clientKey: readText('tls.clientKeyFile', tls.clientKeyFile, baseDir) } : {}),
            pinnedSpkiSha256: tls.pinnedSpkiSha256,
            pinnedCertificateSha256: tls.pinnedCertificateSha256,
          },
        }
      : {}),
  };
}
