// ICAO 9303-10 §4.6 / Table 38-39: the LDS1 eMRTD application, its files, short file identifiers and
// the ASN.1 application tags of their contents.

/** eMRTD LDS1 application identifier (ICAO 9303-10 §3.6.2). */
export const AID_MRTD = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);

export interface LdsFile {
  /** Short name used in APIs, traces and the CLI. */
  readonly name: LdsFileName;
  /** Elementary file identifier. */
  readonly fid: number;
  /** Short EF identifier (READ BINARY with P1 = 0x80 | sfi). */
  readonly sfi: number;
  /** Outer tag of the file content; undefined for EF.CardAccess (a bare SET). */
  readonly tag: number | undefined;
  /** Lives in the master file (EF.CardAccess, EF.ATR/INFO) rather than in the eMRTD application. */
  readonly inMasterFile: boolean;
  /** Data group number, or 0 for EF.COM / EF.SOD / EF.CardAccess. */
  readonly dataGroup: number;
}

export type LdsFileName =
  | 'CardAccess'
  | 'COM'
  | 'SOD'
  | 'DG1'
  | 'DG2'
  | 'DG3'
  | 'DG4'
  | 'DG5'
  | 'DG6'
  | 'DG7'
  | 'DG8'
  | 'DG9'
  | 'DG10'
  | 'DG11'
  | 'DG12'
  | 'DG13'
  | 'DG14'
  | 'DG15'
  | 'DG16';

const file = (name: LdsFileName, fid: number, sfi: number, tag: number | undefined, dataGroup: number, inMasterFile = false): LdsFile =>
  Object.freeze({ name, fid, sfi, tag, dataGroup, inMasterFile });

export const EF_CARD_ACCESS = file('CardAccess', 0x011c, 0x1c, undefined, 0, true);
export const EF_COM = file('COM', 0x011e, 0x1e, 0x60, 0);
export const EF_SOD = file('SOD', 0x011d, 0x1d, 0x77, 0);

/** Data-group tags, ICAO 9303-10 Table 39. Index = DG number. */
const DG_TAGS = [0, 0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70] as const;

export const EF_DG: Readonly<Record<number, LdsFile>> = Object.freeze(
  Object.fromEntries(
    Array.from({ length: 16 }, (_, i) => i + 1).map((n) => [n, file(`DG${n}` as LdsFileName, 0x0100 + n, n, DG_TAGS[n], n)]),
  ),
);

export const ALL_LDS_FILES: readonly LdsFile[] = Object.freeze([EF_CARD_ACCESS, EF_COM, EF_SOD, ...Object.values(EF_DG)]);

export function ldsFileByName(name: string): LdsFile | undefined {
  return ALL_LDS_FILES.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

export function ldsFileByTag(tag: number): LdsFile | undefined {
  return ALL_LDS_FILES.find((f) => f.tag === tag);
}

export function dataGroup(n: number): LdsFile {
  const f = EF_DG[n];
  if (!f) throw new RangeError(`no data group ${n}`);
  return f;
}
