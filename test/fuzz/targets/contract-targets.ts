// Fuzz targets for the UI <-> core contract: frames a client sends (through the codec, and through a
// whole ContractSession whose every reply must itself be a valid contract message) and frames the core
// sends (as the renderer parses them). Nothing here may throw: a bad frame is a typed error reply.
import { CONTRACT_VERSION, encodeClientMessage, encodeServerMessage, parseClientMessage, parseServerMessage } from '../../../electron/contract/index.ts';
import { ContractSession } from '../../../electron/core/host/contract-session.ts';
import { silentLogger } from '../../../native/util/logger.ts';
import { SCREEN_VIEWS, snapshotOf } from '../../helpers/contract-fixtures.ts';
import type { FuzzTarget } from '../fuzz-target.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

const CLIENT_SEEDS = [
  encodeClientMessage({ type: 'hello', id: 'h1', version: CONTRACT_VERSION, role: 'agent', client: 'fuzz' }),
  encodeClientMessage({ type: 'flow.chooseLanguage', id: 'r1', language: 'zh' }),
  encodeClientMessage({ type: 'flow.chooseDepartment', id: 'r2', departmentId: 'noi-tong-quat' }),
  encodeClientMessage({ type: 'diagnostics.unlock', id: 'd1', pin: '246810' }),
  encodeClientMessage({ type: 'demo.insertCard', id: 's1', profile: 'cccd', tampered: true }),
  encodeClientMessage({ type: 'ping', id: 'p' }),
];

function parseOrThrow(text: string): void {
  const parsed = parseClientMessage(text);
  if (!parsed.ok && parsed.error.code === undefined) throw new Error('refusal without a code');
}

export const CONTRACT_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'contract-client-message',
    seeds: () => CLIENT_SEEDS.map((s) => encoder.encode(s)),
    parse: (b) => parseOrThrow(decoder.decode(b)),
  },
  {
    name: 'contract-session',
    seeds: () => CLIENT_SEEDS.map((s) => encoder.encode(s)),
    parse: async (b) => {
      const session = new ContractSession({
        transport: {
          send: (text) => {
            if (!parseServerMessage(text).ok) throw new Error('the session sent a frame that breaks the contract');
          },
          close: () => undefined,
        },
        handler: () => ({ kind: 'accepted' }),
        kiosk: { kioskId: 'kiosk-fuzz', flow: 'hospital', languages: ['vi', 'en'], appVersion: '0.0.0', demo: false },
        latestSnapshot: () => null,
        logger: silentLogger(),
      });
      const frame = decoder.decode(b);
      await session.receive(frame);
      await session.receive(JSON.stringify({ type: 'hello', id: 'h', version: CONTRACT_VERSION }));
      await session.receive(frame);
    },
  },
  {
    name: 'contract-server-message',
    seeds: () =>
      Object.values(SCREEN_VIEWS).map((view) => encoder.encode(encodeServerMessage({ type: 'snapshot', snapshot: snapshotOf(view) }))),
    parse: (b) => parseServerMessage(decoder.decode(b)),
  },
];
