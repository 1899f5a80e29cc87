// The parsers `npm run fuzz` attacks, each with valid seeds to mutate from.
import { CommandApdu } from '../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../native/card/apdu/response-apdu.ts';
import { readTlvList } from '../../native/card/lds/tlv.ts';
import { fromHex } from '../../native/util/bytes.ts';
import type { FuzzTarget } from './fuzz-target.ts';

export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'tlv',
    seeds: () => [fromHex('60165F0104303130375F36063034303030305C046175636D'), fromHex('7F618201020201017F608180A10E')],
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
];
