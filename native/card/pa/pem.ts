// PEM (RFC 7468) decoding for trust-store files: certificates, CRLs and CMS in base64 armour.

export interface PemBlock {
  /** The label between BEGIN and END, e.g. 'CERTIFICATE', 'X509 CRL'. */
  readonly label: string;
  readonly der: Uint8Array;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([A-Za-z0-9+/=\s]*?)-----END \1-----/g;

/**
 * The PEM blocks of `bytes`, or undefined when the file is not PEM text (then it is taken as DER).
 * A text file with the BEGIN marker but no well-formed block gives an empty list.
 */
export function decodePem(bytes: Uint8Array): PemBlock[] | undefined {
  // DER starts with a SEQUENCE tag (0x30); PEM is ASCII text that contains a BEGIN line.
  if (bytes.length === 0 || bytes[0] === 0x30) return undefined;
  const text = new TextDecoder('latin1').decode(bytes);
  if (!text.includes('-----BEGIN ')) return undefined;
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    blocks.push(Object.freeze({ label: m[1]!, der: new Uint8Array(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64')) }));
  }
  return blocks;
}
