// X.501 Name handling for matching issuers: certificates, CRLs and CMS signer identifiers of one
// country often encode the same name with different string types (PrintableString vs UTF8String), so
// names are compared on a canonical form in the spirit of RFC 5280 §7.1 (case-folded, whitespace
// collapsed), never byte for byte.

import { DER, type DerNode, decodeOid, decodeString, expectChildren } from '../../asn1/der-reader.ts';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

export interface NameAttribute {
  readonly type: string;
  readonly value: string;
}

/** The attributes of a Name in order (RDNs flattened; multi-valued RDNs are rare in this PKI). */
export function parseName(node: DerNode | undefined, step: string): readonly NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of expectChildren(node, DER.SEQUENCE, step, 'name', 32)) {
    for (const atv of expectChildren(rdn, DER.SET, step, 'relative distinguished name', 8)) {
      const [type, value] = expectChildren(atv, DER.SEQUENCE, step, 'attribute', 2);
      const oid = decodeOid(type, step, 'attribute type');
      out.push(Object.freeze({ type: oid, value: value ? decodeString(value, step, 'attribute value') : '' }));
    }
  }
  return Object.freeze(out);
}

/** A canonical key: equal for names that RFC 5280 §7.1 would match. */
export function canonicalName(attributes: readonly NameAttribute[]): string {
  return attributes.map((a) => `${a.type}=${a.value.trim().replace(/\s+/g, ' ').toLowerCase()}`).join(',');
}

/** Readable `C=VN, O=…, CN=…` form for reports. Names of CAs and signers are not personal data. */
export function formatName(attributes: readonly NameAttribute[]): string {
  return attributes.map((a) => `${SHORT_NAMES[a.type] ?? a.type}=${a.value}`).join(', ');
}
