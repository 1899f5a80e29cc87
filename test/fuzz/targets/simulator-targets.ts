// Fuzz targets for the simulator side: the chip simulator driven by mutated APDU scripts (the command
// sequences the reader really sends), and the vpcd frame decoder fed a mutated byte stream.
import { CommandApdu } from '../../../native/card/apdu/command-apdu.ts';
import { chipAuthenticationOid, OID } from '../../../native/card/lds/security-infos/security-info-oids.ts';
import { encodeTlv } from '../../../native/card/lds/tlv.ts';
import { derOidValue } from '../../../native/card/asn1/der-writer.ts';
import { standardDomainParameters } from '../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { encodeDynamicAuthenticationData, encodeMseSetAt, PACE_TAG } from '../../../native/card/protocol/pace/pace-messages.ts';
import { createSecureMessaging } from '../../../native/card/protocol/secure-messaging/create-secure-messaging.ts';
import { encodeVpcdFrame, VpcdFrameDecoder } from '../../../native/sim/vpcd/vpcd-frame-decoder.ts';
import { concat, equal, fromHex } from '../../../native/util/bytes.ts';
import type { FuzzTarget } from '../fuzz-target.ts';
import { chipScript, runChipScript, SCRIPT_MODE } from './chip-script.ts';

const apdu = (cla: number, ins: number, p1: number, p2: number, data?: Uint8Array, ne = 0, extended = false) =>
  new CommandApdu({ cla, ins, p1, p2, ...(data ? { data } : {}), ne, extended });
const SELECT_MRTD = apdu(0, 0xa4, 0x04, 0x0c, fromHex('A0000002471001'));
const selectEf = (fid: number) => apdu(0, 0xa4, 0x02, 0x0c, Uint8Array.of(fid >> 8, fid & 0xff));
const readSfi = (sfi: number, ne = 256) => apdu(0, 0xb0, 0x80 | sfi, 0, undefined, ne);
const GA = (data: Uint8Array, last = false) => apdu(last ? 0x00 : 0x10, 0x86, 0, 0, data, 256);

function chipSeeds(): Uint8Array[] {
  const curve = standardDomainParameters(13);
  const point = curve.encodePublicKey(curve.generator);
  const otherPoint = curve.encodePublicKey(curve.multiply(curve.generator, 7n));
  const caOid = chipAuthenticationOid({ keyAgreement: 'ECDH', cipher: 'AES-128' });
  // Protected commands under keys the chip does not share: their MACs fail, their structure is real.
  const stranger = createSecureMessaging('3DES', fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'), fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8'), fromHex('887022120C06C226'));
  return [
    chipScript('passport-td3', SCRIPT_MODE.PLAIN, SELECT_MRTD, apdu(0, 0x84, 0, 0, undefined, 8), apdu(0, 0x82, 0, 0, new Uint8Array(40).fill(3), 40), selectEf(0x011e), apdu(0, 0xb0, 0, 0, undefined, 4), readSfi(0x1e)),
    chipScript(
      'cccd',
      SCRIPT_MODE.PLAIN,
      readSfi(0x1c),
      apdu(0, 0x22, 0xc1, 0xa4, encodeMseSetAt({ protocol: `${OID.PACE_ECDH_GM}.2`, passwordReference: 2, parameterId: 13 })),
      GA(encodeDynamicAuthenticationData()),
      GA(encodeDynamicAuthenticationData([PACE_TAG.MAPPING_DATA_TERMINAL, point])),
      GA(encodeDynamicAuthenticationData([PACE_TAG.EPHEMERAL_PUBLIC_KEY_TERMINAL, otherPoint])),
      GA(encodeDynamicAuthenticationData([PACE_TAG.AUTHENTICATION_TOKEN_TERMINAL, fromHex('0102030405060708')]), true),
    ),
    chipScript('cccd', SCRIPT_MODE.PLAIN, apdu(0, 0x22, 0xc1, 0xa4, encodeMseSetAt({ protocol: `${OID.PACE_ECDH_CAM}.2`, passwordReference: 1 })), GA(encodeDynamicAuthenticationData())),
    chipScript(
      'passport-td3',
      SCRIPT_MODE.BAC_WRAPPED,
      SELECT_MRTD,
      selectEf(0x0101),
      apdu(0, 0xb0, 0, 0, undefined, 8),
      readSfi(0x02, 223),
      apdu(0, 0xb1, 0, 0, encodeTlv(0x54, fromHex('0100')), 256),
      apdu(0, 0xb0, 0, 0, undefined, 1024, true),
      apdu(0, 0x88, 0, 0, fromHex('0011223344556677'), 256),
      apdu(0, 0x84, 0, 0, undefined, 8),
    ),
    chipScript(
      'cccd',
      SCRIPT_MODE.BAC_WRAPPED,
      SELECT_MRTD,
      readSfi(0x0e, 223),
      apdu(0, 0x88, 0, 0, fromHex('0011223344556677'), 256),
      apdu(0, 0x22, 0x41, 0xa6, concat(encodeTlv(0x91, point), encodeTlv(0x84, Uint8Array.of(1)))),
      apdu(0, 0x22, 0x41, 0xa4, concat(encodeTlv(0x80, derOidValue(caOid)), encodeTlv(0x84, Uint8Array.of(1)))),
      apdu(0, 0x86, 0, 0, encodeTlv(0x7c, encodeTlv(0x80, otherPoint)), 256),
      readSfi(0x01, 223),
    ),
    chipScript(
      'passport-td3',
      SCRIPT_MODE.BAC_RAW,
      stranger.wrap(SELECT_MRTD).encode(),
      stranger.wrap(apdu(0, 0xb0, 0x81, 0, undefined, 223)).encode(),
      stranger.wrap(apdu(0, 0xb1, 0, 0, encodeTlv(0x54, fromHex('0100')), 256)).encode(),
    ),
  ];
}

export const SIMULATOR_TARGETS: readonly FuzzTarget[] = [
  { name: 'chip-simulator', seeds: chipSeeds, parse: (b) => runChipScript(b) },
  {
    name: 'vpcd-frames',
    // Byte 0 cuts the rest into chunks (TCP delivers the stream split anywhere).
    seeds: () => [
      concat(Uint8Array.of(3), encodeVpcdFrame(Uint8Array.of(1)), encodeVpcdFrame(Uint8Array.of(4)), encodeVpcdFrame(fromHex('00A4040C07A0000002471001'))),
      concat(Uint8Array.of(200), encodeVpcdFrame(new Uint8Array(300).fill(0xb0)), encodeVpcdFrame(new Uint8Array(0)), encodeVpcdFrame(Uint8Array.of(0))),
    ],
    parse: (b) => {
      const stream = b.subarray(1);
      const step = Math.max(1, b[0] ?? 1);
      const decoder = new VpcdFrameDecoder();
      const frames: Uint8Array[] = [];
      for (let p = 0; p < stream.length; p += step) frames.push(...decoder.push(stream.subarray(p, p + step)));
      // Invariant: the frames re-encode to the stream's complete prefix; the rest is held back.
      const complete = concat(...frames.map(encodeVpcdFrame));
      if (!equal(complete, stream.subarray(0, complete.length)) || complete.length + decoder.pendingBytes !== stream.length) {
        throw new Error('vpcd decoder lost or invented bytes');
      }
      return frames.length;
    },
  },
];
