// What we have learnt about a kind of card + reader: whether extended-length READ BINARY works, how big
// a chunk it takes, and whether short-EF-identifier reads work. Remembered per ATR so that the second
// card of the same type reads at full speed without probing again (DESIGN.md, "adaptive READ BINARY").

import { readFile, writeFile, rename } from 'node:fs/promises';

export interface ReadCapability {
  /** false once extended length failed on this card type; true once it worked. */
  extendedLength: boolean | undefined;
  /** Largest extended Le that worked (or the largest still believed to work). */
  maxExtendedLe: number;
  /** false once READ BINARY by short EF identifier was refused. */
  shortFileId: boolean | undefined;
  /** false once a whole-file first read (extended Le on the first READ BINARY) was refused. */
  extendedHead?: boolean;
}

/** Extended Le ladder tried from the top down when a size fails (ISO 7816-4 allows up to 65536). */
export const EXTENDED_LE_LADDER = Object.freeze([0xfff0, 0x7ff0, 0x4000, 0x2000, 0x1000, 0x0800, 0x0400]);

export class ReadCapabilityCache {
  private readonly entries = new Map<string, ReadCapability>();

  constructor(private readonly path?: string) {}

  get(atrKey: string): ReadCapability {
    let entry = this.entries.get(atrKey);
    if (!entry) {
      entry = { extendedLength: undefined, maxExtendedLe: EXTENDED_LE_LADDER[0]!, shortFileId: undefined };
      this.entries.set(atrKey, entry);
    }
    return entry;
  }

  /** Loads a cache file written by `save`; a missing or unreadable file starts empty (it is only a hint). */
  async load(): Promise<void> {
    if (!this.path) return;
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as Record<string, Partial<ReadCapability>>;
      for (const [key, v] of Object.entries(parsed)) {
        if (!/^[0-9A-F]{2,}$/.test(key) || typeof v !== 'object' || v === null) continue;
        this.entries.set(key, {
          extendedLength: typeof v.extendedLength === 'boolean' ? v.extendedLength : undefined,
          maxExtendedLe: typeof v.maxExtendedLe === 'number' && v.maxExtendedLe > 256 && v.maxExtendedLe <= 65536 ? v.maxExtendedLe : EXTENDED_LE_LADDER[0]!,
          shortFileId: typeof v.shortFileId === 'boolean' ? v.shortFileId : undefined,
        });
      }
    } catch {
      // No cache yet, or a damaged one: probing again is safe.
    }
  }

  async save(): Promise<void> {
    if (!this.path) return;
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, JSON.stringify(Object.fromEntries(this.entries), null, 1));
    await rename(tmp, this.path);
  }
}
