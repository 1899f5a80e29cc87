// Opens a chip: reads EF.CardAccess, runs PACE with each candidate password on the best PACE
// parameters the chip offers, and falls back to BAC with the MRZ candidates (ICAO 9303-11 §4.2: the
// terminal SHALL try PACE when EF.CardAccess offers it, and MAY fall back to BAC).

import { describeAccessKey, type AccessKey, type MrzAccessKey } from '../access-key.ts';
import type { ApduTransport } from '../apdu/apdu-transport.ts';
import { CardError } from '../errors.ts';
import { EF_CARD_ACCESS } from '../lds/lds-files.ts';
import { parseSecurityInfos } from '../lds/security-infos/security-infos.ts';
import type { PaceDomainParameterInfo, PaceInfo, SecurityInfo } from '../lds/security-infos/security-info.ts';
import { BacProtocol } from '../protocol/bac/bac-protocol.ts';
import { PaceProtocol, type PaceResult } from '../protocol/pace/pace-protocol.ts';
import { BinaryReader, PartialFile } from './binary-reader.ts';
import type { ReadCapability } from './read-capabilities.ts';

export interface AccessControlResult {
  readonly method: 'PACE' | 'BAC';
  /** PACE mapping (GM / IM / CAM), when PACE. */
  readonly mapping?: PaceResult['mapping'];
  readonly cipher: string;
  /** The candidate that opened the chip (kept to re-authenticate after a lost card). */
  readonly key: AccessKey;
  /** How many candidate keys were tried, including the one that worked. */
  readonly attempts: number;
  readonly pace?: PaceResult;
  readonly paceInfo?: PaceInfo;
  /** EF.CardAccess bytes, or undefined when the chip has none (BAC-only passports). */
  readonly cardAccess?: Uint8Array;
}

const CIPHER_RANK: Record<string, number> = { 'AES-256': 4, 'AES-192': 3, 'AES-128': 2, '3DES': 1 };
const MAPPING_RANK: Record<string, number> = { CAM: 3, GM: 2, IM: 1 };

/** The PACE parameters to try, best first: ECDH before DH, CAM before GM before IM, stronger ciphers first. */
export function rankPaceInfos(infos: readonly SecurityInfo[]): PaceInfo[] {
  const pace = infos.filter((i): i is PaceInfo => i.kind === 'PaceInfo');
  const score = (i: PaceInfo) => (i.keyAgreement === 'ECDH' ? 100 : 0) + (MAPPING_RANK[i.mapping] ?? 0) * 10 + (CIPHER_RANK[i.cipher] ?? 0);
  return [...pace].sort((a, b) => score(b) - score(a));
}

function isWrongKey(err: unknown): boolean {
  return err instanceof CardError && (err.code === 'ACCESS_DENIED' || err.code === 'AUTHENTICATION_FAILED');
}

export interface AccessControlOptions {
  readonly capability: ReadCapability;
  readonly extendedAllowed: boolean;
  /** Reuse a known EF.CardAccess (re-authentication after a lost card) instead of reading it again. */
  readonly cardAccess?: Uint8Array | null;
  readonly random?: (n: number) => Uint8Array;
}

/**
 * Tries `keys` in order. Errors: CardError ACCESS_DENIED when no candidate opens the chip (the message
 * says how many were tried, never the keys), UNSUPPORTED when the chip offers neither usable PACE nor BAC;
 * CardRemovedError passes through.
 */
export async function establishAccess(transport: ApduTransport, keys: readonly AccessKey[], options: AccessControlOptions): Promise<AccessControlResult> {
  if (keys.length === 0) throw new CardError('INVALID_INPUT', 'no access key candidates given', { step: 'access' });
  transport.wrapper = null;
  const cardAccess = options.cardAccess === undefined ? await readCardAccess(transport, options) : (options.cardAccess ?? undefined);
  const infos = cardAccess ? parseSecurityInfos(cardAccess) : [];
  const paceInfos = rankPaceInfos(infos);
  const domainParameters = infos.filter((i): i is PaceDomainParameterInfo => i.kind === 'PaceDomainParameterInfo');
  let attempts = 0;
  let lastError: unknown;

  for (const paceInfo of paceInfos) {
    const domain = domainParameters.find((d) => d.parameterId === paceInfo.parameterId);
    let unsupported = false;
    for (const key of keys) {
      attempts++;
      try {
        const pace = await new PaceProtocol(transport, options.random).run(key, paceInfo, domain);
        transport.wrapper = pace.wrapper;
        return Object.freeze({ method: 'PACE', mapping: pace.mapping, cipher: paceInfo.cipher, key, attempts, pace, paceInfo, cardAccess });
      } catch (err) {
        transport.wrapper = null;
        lastError = err;
        if (isWrongKey(err)) continue;
        if (err instanceof CardError && (err.code === 'UNSUPPORTED' || err.code === 'UNEXPECTED_STATUS' || err.code === 'MALFORMED_DATA')) {
          unsupported = true;
          break;
        }
        throw err;
      }
    }
    if (!unsupported) break; // every key was refused with these parameters; other parameters will not help.
  }

  const mrzKeys = keys.filter((k): k is MrzAccessKey => k.kind === 'mrz');
  for (const key of mrzKeys) {
    attempts++;
    try {
      const bac = await new BacProtocol(transport, options.random).run(key);
      transport.wrapper = bac.wrapper;
      return Object.freeze({ method: 'BAC', cipher: '3DES', key, attempts, cardAccess });
    } catch (err) {
      transport.wrapper = null;
      lastError = err;
      if (isWrongKey(err)) continue;
      if (err instanceof CardError && err.code === 'UNSUPPORTED' && paceInfos.length > 0) break;
      throw err;
    }
  }
  if (lastError instanceof CardError && !isWrongKey(lastError) && lastError.code !== 'UNSUPPORTED') throw lastError;
  if (attempts === 0) {
    throw new CardError('UNSUPPORTED', `no usable access control: ${paceInfos.length} PACE option(s), ${mrzKeys.length} MRZ key(s) for BAC`, { step: 'access' });
  }
  throw new CardError('ACCESS_DENIED', `the chip refused all ${attempts} access attempt(s) (${keys.map(describeAccessKey).join(', ')})`, {
    step: 'access',
    cause: lastError,
  });
}

/** Reads EF.CardAccess before access control; absent on BAC-only chips (returns undefined). */
async function readCardAccess(transport: ApduTransport, options: AccessControlOptions): Promise<Uint8Array | undefined> {
  const reader = new BinaryReader(transport, { capability: options.capability, extendedAllowed: false });
  try {
    return await reader.read(new PartialFile(EF_CARD_ACCESS));
  } catch (err) {
    if (err instanceof CardError && (err.code === 'FILE_NOT_FOUND' || err.code === 'UNEXPECTED_STATUS' || err.code === 'ACCESS_DENIED')) return undefined;
    throw err;
  }
}
