// The physical limit of a read under the latency model: the least time any reading strategy could take
// to move the same files over the same link. Everything that is not reading an LDS file (access control,
// CA/AA) is protocol-fixed and taken as measured; each file costs the fewest READ BINARY exchanges the link
// allows and only its own content bytes on the air (no command header, SM wrapping or status word).
//
//   limit = (protocolApdus + sum over files of ceil(size / maxPayload)) * perApduMs
//         + (protocolBytes + sum of file sizes) * 8 / bitsPerSecond

export interface LinkModel {
  readonly perApduMs: number;
  readonly bitsPerSecond: number;
}

export interface PhysicalLimitInput {
  readonly model: LinkModel;
  /** Whether the link (reader and chip) carries extended-length APDUs. */
  readonly extendedLength: boolean;
  /** Cipher block size of the secure messaging in force: 16 (AES) or 8 (3DES). */
  readonly smBlockSize: number;
  /** APDUs and wire bytes of everything but file reading (access control, CA, AA), as measured. */
  readonly protocolApdus: number;
  readonly protocolBytes: number;
  readonly fileSizes: Iterable<number>;
}

export interface PhysicalLimit {
  readonly apdus: number;
  readonly bytes: number;
  readonly ms: number;
  /** The most file bytes one protected response can carry on this link. */
  readonly maxPayload: number;
}

/**
 * The most plain bytes one SM-protected response can carry within `responseLimit` bytes (256 short,
 * 65536 extended): DO87 (tag, length, padding indicator, data padded to a full block) + DO99 (4) +
 * DO8E (10) must fit (ICAO 9303-11 §9.8.6). 223 for AES and 231 for 3DES in a short response.
 */
export function maxProtectedPayload(responseLimit: number, smBlockSize: number): number {
  for (let padded = Math.floor(responseLimit / smBlockSize) * smBlockSize; padded > 0; padded -= smBlockSize) {
    const do87 = 1 + padded;
    const header = do87 < 0x80 ? 2 : do87 <= 0xff ? 3 : do87 <= 0xffff ? 4 : 5;
    // Padding always adds at least one byte (ISO 9797-1 method 2), so a full block holds block - 1 data bytes at most.
    if (header + do87 + 4 + 10 <= responseLimit) return padded - 1;
  }
  throw new RangeError(`no data fits a protected response of ${responseLimit} bytes`);
}

export function physicalLimit(input: PhysicalLimitInput): PhysicalLimit {
  const maxPayload = maxProtectedPayload(input.extendedLength ? 65536 : 256, input.smBlockSize);
  let fileApdus = 0;
  let fileBytes = 0;
  for (const size of input.fileSizes) {
    fileApdus += Math.ceil(size / maxPayload);
    fileBytes += size;
  }
  const apdus = input.protocolApdus + fileApdus;
  const bytes = input.protocolBytes + fileBytes;
  const ms = apdus * input.model.perApduMs + (input.model.bitsPerSecond > 0 ? (bytes * 8 * 1000) / input.model.bitsPerSecond : 0);
  return Object.freeze({ apdus, bytes, ms, maxPayload });
}
