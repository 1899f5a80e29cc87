// Turns the raw files read from a chip into parsed, frozen objects. A malformed optional file (DG2,
// DG11, DG12...) is recorded as a problem instead of failing the whole read, so the person can still be
// served at a lower assurance; a malformed DG1 leaves `mrz` undefined, which callers must treat as fatal.

import { KioskError } from '../../hal/errors.ts';
import { parseDg1 } from '../lds/dg1.ts';
import { parseDg11, type Dg11Info } from '../lds/dg11.ts';
import { parseDg12, type Dg12Info } from '../lds/dg12.ts';
import { parseDg13, type Dg13Info } from '../lds/dg13.ts';
import { parseDg14, type Dg14Info } from '../lds/dg14.ts';
import { parseDg15, type Dg15Info } from '../lds/dg15.ts';
import { parseDg2, type Dg2Info } from '../lds/dg2.ts';
import { parseEfCom, type EfComInfo } from '../lds/ef-com.ts';
import type { LdsFileName } from '../lds/lds-files.ts';
import type { MrzInfo } from '../lds/mrz/mrz.ts';
import { parseSecurityInfos } from '../lds/security-infos/security-infos.ts';
import type { SecurityInfo } from '../lds/security-infos/security-info.ts';
import { parseSod, type SodInfo } from '../lds/sod.ts';

export interface FileProblem {
  readonly file: LdsFileName;
  readonly code: string;
  readonly message: string;
}

export interface DecodedDocument {
  readonly cardAccess?: readonly SecurityInfo[];
  readonly com?: EfComInfo;
  readonly mrz?: MrzInfo;
  readonly dg2?: Dg2Info;
  readonly dg11?: Dg11Info;
  readonly dg12?: Dg12Info;
  readonly dg13?: Dg13Info;
  readonly dg14?: Dg14Info;
  readonly dg15?: Dg15Info;
  readonly sod?: SodInfo;
  readonly problems: readonly FileProblem[];
}

type Parsers = { [K in LdsFileName]?: (bytes: Uint8Array) => unknown };

const PARSERS: Parsers = {
  CardAccess: parseSecurityInfos,
  COM: parseEfCom,
  DG1: (b) => parseDg1(b).mrz,
  DG2: parseDg2,
  DG11: parseDg11,
  DG12: parseDg12,
  DG13: parseDg13,
  DG14: parseDg14,
  DG15: parseDg15,
  SOD: parseSod,
};

const FIELD: Partial<Record<LdsFileName, keyof DecodedDocument>> = {
  CardAccess: 'cardAccess',
  COM: 'com',
  DG1: 'mrz',
  DG2: 'dg2',
  DG11: 'dg11',
  DG12: 'dg12',
  DG13: 'dg13',
  DG14: 'dg14',
  DG15: 'dg15',
  SOD: 'sod',
};

/** Parses every known file in `files`; unknown files are left raw. Never throws for bad file content. */
export function decodeDocument(files: ReadonlyMap<LdsFileName, Uint8Array>): DecodedDocument {
  const out: Record<string, unknown> = {};
  const problems: FileProblem[] = [];
  for (const [name, bytes] of files) {
    const parse = PARSERS[name];
    const field = FIELD[name];
    if (!parse || !field) continue;
    try {
      out[field] = parse(bytes);
    } catch (err) {
      if (!(err instanceof KioskError)) throw err;
      problems.push(Object.freeze({ file: name, code: err.code, message: err.message }));
    }
  }
  out.problems = Object.freeze(problems);
  return Object.freeze(out) as unknown as DecodedDocument;
}
