// Answer-to-reset parsing (ISO/IEC 7816-3 §8.2) just far enough to reach the historical bytes and the
// card-capabilities object (ISO/IEC 7816-4 §8.1.1.2.7), whose third software function byte says whether
// the card accepts extended Lc/Le. For contactless cards, PC/SC Part 3 builds the ATR from the ATS
// (type A) or ATQB (type B); the historical bytes are carried the same way.

export interface AtrInfo {
  readonly historicalBytes: Uint8Array;
  /** true/false when the card-capabilities object says so; undefined when the ATR does not tell. */
  readonly extendedLength: boolean | undefined;
  /** Short identity for per-card-type caches: the ATR in hex. */
  readonly key: string;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

/** Parses an ATR. Never throws: a malformed ATR yields no historical bytes and an unknown capability. */
export function parseAtr(atr: Uint8Array): AtrInfo {
  const key = hex(atr);
  const unknown = Object.freeze({ historicalBytes: new Uint8Array(0), extendedLength: undefined, key });
  if (atr.length < 2) return unknown;
  const t0 = atr[1]!;
  const k = t0 & 0x0f;
  let y = t0 >> 4;
  let p = 2;
  // Interface bytes: each TDi announces the next group with its high nibble.
  for (let guard = 0; guard < 16; guard++) {
    if (y & 0x1) p++; // TA
    if (y & 0x2) p++; // TB
    if (y & 0x4) p++; // TC
    if (y & 0x8) {
      if (p >= atr.length) return unknown;
      const td = atr[p++]!;
      y = td >> 4;
    } else {
      break;
    }
  }
  if (p + k > atr.length) return unknown;
  const historicalBytes = atr.slice(p, p + k);
  return Object.freeze({ historicalBytes, extendedLength: extendedLengthFromHistorical(historicalBytes), key });
}

/** Reads the card-capabilities compact-TLV object (tag 7, length 3) when the category indicator is 0x80. */
function extendedLengthFromHistorical(h: Uint8Array): boolean | undefined {
  if (h.length === 0 || h[0] !== 0x80) return undefined;
  let p = 1;
  while (p < h.length) {
    const tag = h[p]! >> 4;
    const len = h[p]! & 0x0f;
    p++;
    if (p + len > h.length) return undefined;
    if (tag === 0x7 && len >= 3) return (h[p + 2]! & 0x40) !== 0;
    p += len;
  }
  return undefined;
}
