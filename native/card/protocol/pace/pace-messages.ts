// The APDU payloads of PACE (ICAO 9303-11 §4.4.4): MSE:Set AT data and the dynamic authentication data
// (tag 7C) of the GENERAL AUTHENTICATE chain. Shared by the terminal and the chip simulator.

import { concat } from '../../../util/bytes.ts';
import { MalformedDataError } from '../../errors.ts';
import { decodeOid } from '../../asn1/der-reader.ts';
import { derOidValue } from '../../asn1/der-writer.ts';
import { encodeTlv, readTlv, type Tlv } from '../../lds/tlv.ts';

/** Dynamic authentication data objects (ICAO 9303-11 §4.4.4.2, Table 5). */
export const PACE_TAG = Object.freeze({
  DYNAMIC_AUTHENTICATION_DATA: 0x7c,
  ENCRYPTED_NONCE: 0x80,
  /** Terminal mapping data: the mapping public key (GM, CAM) or the nonce t (IM). */
  MAPPING_DATA_TERMINAL: 0x81,
  MAPPING_DATA_CHIP: 0x82,
  EPHEMERAL_PUBLIC_KEY_TERMINAL: 0x83,
  EPHEMERAL_PUBLIC_KEY_CHIP: 0x84,
  AUTHENTICATION_TOKEN_TERMINAL: 0x85,
  AUTHENTICATION_TOKEN_CHIP: 0x86,
  /** Certification authority references for terminal authentication (ignored by this terminal). */
  CAR_1: 0x87,
  CAR_2: 0x88,
  /** Encrypted chip authentication data A_IC (CAM). */
  CHIP_AUTHENTICATION_DATA: 0x8a,
});

/** MSE:Set AT data objects (ICAO 9303-11 §4.4.4.1). */
export const MSE_TAG = Object.freeze({ PROTOCOL: 0x80, PASSWORD_REFERENCE: 0x83, PARAMETER_ID: 0x84 });

export interface MseSetAtPace {
  readonly protocol: string;
  /** 1 = MRZ, 2 = CAN, 3 = PIN, 4 = PUK. */
  readonly passwordReference: number;
  readonly parameterId?: number;
}

/** MSE:Set AT data: 80 OID ‖ 83 password reference ‖ [84 parameter id]. */
export function encodeMseSetAt(mse: MseSetAtPace): Uint8Array {
  return concat(
    encodeTlv(MSE_TAG.PROTOCOL, derOidValue(mse.protocol)),
    encodeTlv(MSE_TAG.PASSWORD_REFERENCE, Uint8Array.of(mse.passwordReference)),
    mse.parameterId === undefined ? new Uint8Array(0) : encodeTlv(MSE_TAG.PARAMETER_ID, Uint8Array.of(mse.parameterId)),
  );
}

/** Parses MSE:Set AT data (the chip's side). Throws MalformedDataError on missing or malformed objects. */
export function parseMseSetAt(data: Uint8Array): MseSetAtPace {
  const step = 'pace.mseSetAt';
  const objects = readObjects(data, step, 8);
  const protocol = objects.find((o) => o.tag === MSE_TAG.PROTOCOL);
  const reference = objects.find((o) => o.tag === MSE_TAG.PASSWORD_REFERENCE);
  const parameter = objects.find((o) => o.tag === MSE_TAG.PARAMETER_ID);
  if (!protocol || !reference || reference.value.length !== 1) throw new MalformedDataError('MSE:Set AT lacks the protocol or password reference', { step });
  if (parameter && parameter.value.length !== 1) throw new MalformedDataError('MSE:Set AT parameter id is not one byte', { step });
  const oid = decodeOid({ tag: 0x06, value: protocol.value, raw: protocol.value }, step, 'MSE:Set AT protocol');
  const mse: MseSetAtPace = { protocol: oid, passwordReference: reference.value[0]! };
  return Object.freeze(parameter ? { ...mse, parameterId: parameter.value[0]! } : mse);
}

/** 7C { objects }; an empty list gives 7C 00 (the first GENERAL AUTHENTICATE). */
export function encodeDynamicAuthenticationData(...objects: readonly (readonly [number, Uint8Array])[]): Uint8Array {
  return encodeTlv(PACE_TAG.DYNAMIC_AUTHENTICATION_DATA, concat(...objects.map(([tag, value]) => encodeTlv(tag, value))));
}

/**
 * The objects inside 7C, which must fill `bytes` exactly. Throws MalformedDataError (with `step`) when
 * the wrapper or an object is malformed.
 */
export function parseDynamicAuthenticationData(bytes: Uint8Array, step: string): readonly Tlv[] {
  const outer = readTlv(bytes, 0, step);
  if (outer.tag !== PACE_TAG.DYNAMIC_AUTHENTICATION_DATA || outer.encodedLength !== bytes.length) {
    throw new MalformedDataError('expected one dynamic authentication data object (7C)', { step });
  }
  return readObjects(outer.value, step, 8);
}

/** The value of `tag` among `objects`, or a MalformedDataError naming it. */
export function requireObject(objects: readonly Tlv[], tag: number, step: string): Uint8Array {
  const found = objects.find((o) => o.tag === tag);
  if (!found) throw new MalformedDataError(`missing data object ${tag.toString(16).toUpperCase()}`, { step });
  return found.value;
}

function readObjects(bytes: Uint8Array, step: string, max: number): Tlv[] {
  const out: Tlv[] = [];
  let p = 0;
  while (p < bytes.length) {
    if (out.length >= max) throw new MalformedDataError(`more than ${max} data objects`, { step });
    const tlv = readTlv(bytes, p, step);
    out.push(tlv);
    p += tlv.encodedLength;
  }
  return out;
}
