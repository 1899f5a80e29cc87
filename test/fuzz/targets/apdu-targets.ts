// Fuzz targets for the byte formats below the LDS: BER-TLV, command and response APDUs, and the ATR.
import { parseAtr } from '../../../native/card/apdu/atr.ts';
import { CommandApdu } from '../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../native/card/apdu/response-apdu.ts';
import { readTlv, readTlvList } from '../../../native/card/lds/tlv.ts';
import { contactlessAtr } from '../../../native/sim/chip/chip-atr.ts';
import { fromHex } from '../../../native/util/bytes.ts';
import type { FuzzTarget } from '../fuzz-target.ts';
import { dataGroupSeeds } from './profile-seeds.ts';

export const APDU_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'tlv',
    seeds: () => [fromHex('60165F0104303130375F36063034303030305C046175636D'), ...dataGroupSeeds(1), readTlv(dataGroupSeeds(13)[0]!).value],
    parse: (b) => readTlvList(b),
  },
  {
    name: 'command-apdu',
    seeds: () => [fromHex('00A4040C07A0000002471001'), fromHex('00B0000000'), fromHex('00B00000000100'), fromHex('0CB0000000000E970200008E08AABBCCDDEEFF00110000')],
    parse: (b) => CommandApdu.decode(b),
  },
  {
    name: 'response-apdu',
    seeds: () => [fromHex('9000'), fromHex('990290008E08FA855A5D4C50A8ED9000')],
    parse: (b) => ResponseApdu.decode(b),
  },
  {
    name: 'atr',
    seeds: () => [
      contactlessAtr(true),
      contactlessAtr(false),
      // Contact card with TA1..TD2 interface bytes and a compact-TLV card-capabilities object.
      fromHex('3BFF1300008131FE4580318065B0850300EF120FFF82900073'),
      fromHex('3B8880010000000000718100F9'),
    ],
    parse: (b) => parseAtr(b),
  },
];
