// Fuzz targets for the protocol messages a chip (or a terminal, for the simulator) sends: secure
// messaging bodies in both directions under fixed session keys, and the PACE data objects (MSE:Set AT,
// dynamic authentication data). The seeds are
// sealed by the real counterpart, so unmutated seeds pass the MAC and reach decryption and unpadding.
import { CommandApdu } from '../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../native/card/apdu/response-apdu.ts';
import { OID } from '../../../native/card/lds/security-infos/security-info-oids.ts';
import { encodeTlv } from '../../../native/card/lds/tlv.ts';
import {
  encodeDynamicAuthenticationData,
  encodeMseSetAt,
  PACE_TAG,
  parseDynamicAuthenticationData,
  parseMseSetAt,
  requireObject,
} from '../../../native/card/protocol/pace/pace-messages.ts';
import { standardDomainParameters } from '../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { createSecureMessaging } from '../../../native/card/protocol/secure-messaging/create-secure-messaging.ts';
import { SecureMessagingChip } from '../../../native/sim/chip/secure-messaging-chip.ts';
import { concat, fromHex } from '../../../native/util/bytes.ts';
import type { FuzzTarget } from '../fuzz-target.ts';

const KS_ENC = fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5');
const KS_MAC = fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8');
const SSC = { '3DES': fromHex('887022120C06C226'), 'AES-128': new Uint8Array(16) } as const;

/** Input byte 0: bit 0 picks the cipher (3DES, AES-128), bit 1 the direction (response to the terminal, command to the chip). */
function session(selector: number): { algorithm: '3DES' | 'AES-128'; toChip: boolean } {
  return { algorithm: selector & 1 ? 'AES-128' : '3DES', toChip: (selector & 2) !== 0 };
}

const terminal = (a: '3DES' | 'AES-128') => createSecureMessaging(a, KS_ENC, KS_MAC, SSC[a]);
const chip = (a: '3DES' | 'AES-128') => new SecureMessagingChip(a, KS_ENC, KS_MAC, SSC[a]);

function smSeeds(): Uint8Array[] {
  const seeds: Uint8Array[] = [];
  for (const [bit, a] of [[0, '3DES'], [1, 'AES-128']] as const) {
    for (const data of [new Uint8Array(0), fromHex('6003010203'), new Uint8Array(300).fill(0x5a)]) {
      seeds.push(concat(Uint8Array.of(bit), chip(a).wrapResponse(new ResponseApdu(data, 0x9000)).encode()));
    }
    const odd = terminal(a).seal(null, fromHex('53020102'), true, encodeTlv(0x99, fromHex('9000')));
    seeds.push(concat(Uint8Array.of(bit), odd, fromHex('9000')), Uint8Array.of(bit, 0x69, 0x82));
    const commands = [
      new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0101') }),
      new CommandApdu({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, ne: 223 }),
      new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0xdf, ne: 21126, extended: true }),
      new CommandApdu({ cla: 0, ins: 0xb1, p1: 0, p2: 0, data: fromHex('54020100'), ne: 256 }),
      new CommandApdu({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: fromHex('0102030405060708'), ne: 256 }),
    ];
    for (const command of commands) seeds.push(concat(Uint8Array.of(bit | 2), terminal(a).wrap(command).encode()));
  }
  return seeds;
}

function dynamicAuthenticationSeeds(): Uint8Array[] {
  const group = standardDomainParameters(13);
  return [
    encodeDynamicAuthenticationData(),
    encodeDynamicAuthenticationData([PACE_TAG.ENCRYPTED_NONCE, fromHex('95A3A016522EE98D01E76CB6B98B42C3')]),
    encodeDynamicAuthenticationData([PACE_TAG.MAPPING_DATA_TERMINAL, group.encodePublicKey(group.generator)]),
    encodeDynamicAuthenticationData([PACE_TAG.AUTHENTICATION_TOKEN_CHIP, fromHex('917F37B5C0E6D8D1')], [PACE_TAG.CAR_1, fromHex('4445435643413030303031')]),
    encodeDynamicAuthenticationData([PACE_TAG.AUTHENTICATION_TOKEN_CHIP, fromHex('917F37B5C0E6D8D1')], [PACE_TAG.CHIP_AUTHENTICATION_DATA, new Uint8Array(32).fill(7)]),
  ];
}

export const PROTOCOL_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'secure-messaging',
    seeds: smSeeds,
    parse: (b) => {
      if (b.length === 0) return undefined;
      const { algorithm, toChip } = session(b[0]!);
      const wire = b.subarray(1);
      if (toChip) return chip(algorithm).unwrapCommand(CommandApdu.decode(wire));
      return terminal(algorithm).unwrap(ResponseApdu.decode(wire));
    },
  },
  {
    name: 'pace-mse-set-at',
    seeds: () => [
      encodeMseSetAt({ protocol: `${OID.PACE_ECDH_GM}.2`, passwordReference: 1, parameterId: 13 }),
      encodeMseSetAt({ protocol: `${OID.PACE_ECDH_CAM}.2`, passwordReference: 2 }),
    ],
    parse: (b) => parseMseSetAt(b),
  },
  {
    name: 'pace-dynamic-auth-data',
    seeds: dynamicAuthenticationSeeds,
    parse: (b) => {
      const objects = parseDynamicAuthenticationData(b, 'fuzz.pace');
      return objects.length === 0 ? objects : requireObject(objects, objects[0]!.tag, 'fuzz.pace');
    },
  },
];
