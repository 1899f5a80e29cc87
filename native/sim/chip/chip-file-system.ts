// The chip's file tree (ISO 7816-4 §7.1, ICAO 9303-10 §3.6 and §4.6): a master file holding
// EF.CardAccess, and the eMRTD application (LDS1) holding EF.COM, EF.SOD and the data groups.
// Contents are plain bytes; what may be read when is decided by the simulator's access rules.

import { AID_MRTD, EF_CARD_ACCESS, EF_COM, EF_DG, EF_SOD, type LdsFile } from '../../card/lds/lds-files.ts';
import { equal } from '../../util/bytes.ts';

/** Where a file lives: the master file or the eMRTD application. */
export type ChipDirectory = 'mf' | 'mrtd';

/** The files a profile puts on a chip. Absent entries are absent on the chip (6A82). */
export interface ChipFileContents {
  /** EF.CardAccess (PACE SecurityInfos). Omit for BAC-only documents. */
  readonly cardAccess?: Uint8Array;
  readonly com: Uint8Array;
  readonly sod: Uint8Array;
  /** Data group contents by number (1..16), each the full TLV as signed in the SOD. */
  readonly dataGroups: Readonly<Record<number, Uint8Array>>;
}

export interface ChipFile {
  readonly lds: LdsFile;
  readonly directory: ChipDirectory;
  /** Current content; replaced (never mutated in place) by fault injection. */
  content: Uint8Array;
}

export class ChipFileSystem {
  private readonly files = new Map<number, ChipFile>();

  constructor(contents: ChipFileContents) {
    if (contents.cardAccess) this.add(EF_CARD_ACCESS, 'mf', contents.cardAccess);
    this.add(EF_COM, 'mrtd', contents.com);
    this.add(EF_SOD, 'mrtd', contents.sod);
    for (const [key, bytes] of Object.entries(contents.dataGroups)) {
      const lds = EF_DG[Number(key)];
      if (!lds) throw new RangeError(`no data group ${key}`);
      this.add(lds, 'mrtd', bytes);
    }
  }

  /** True when `aid` names an application on this chip (only the eMRTD LDS1 application). */
  hasApplication(aid: Uint8Array): boolean {
    return equal(aid, AID_MRTD);
  }

  /**
   * The EF with file identifier `fid` visible from `directory`: its own children first, then the
   * master file's, since chips let EF.CardAccess be selected from inside the application too.
   */
  byFid(fid: number, directory: ChipDirectory): ChipFile | undefined {
    const f = this.files.get(fid);
    if (!f) return undefined;
    return f.directory === directory || f.directory === 'mf' ? f : undefined;
  }

  /** The EF with short file identifier `sfi` in `directory` (ISO 7816-4 §7.2.2: SFIs are per DF). */
  bySfi(sfi: number, directory: ChipDirectory): ChipFile | undefined {
    for (const f of this.files.values()) {
      if (f.lds.sfi === sfi && f.directory === directory) return f;
    }
    return undefined;
  }

  /** The file that holds data group `n`, or undefined when the chip has none. */
  dataGroup(n: number): ChipFile | undefined {
    const lds = EF_DG[n];
    return lds ? this.files.get(lds.fid) : undefined;
  }

  /**
   * Replaces a file's content, e.g. to tamper with a data group after the SOD was signed.
   * Throws RangeError when the file does not exist (a test set-up mistake, not card input).
   */
  replace(fid: number, content: Uint8Array): void {
    const f = this.files.get(fid);
    if (!f) throw new RangeError(`no file ${fid.toString(16)}`);
    f.content = content;
  }

  private add(lds: LdsFile, directory: ChipDirectory, content: Uint8Array): void {
    this.files.set(lds.fid, { lds, directory, content: new Uint8Array(content) });
  }
}
