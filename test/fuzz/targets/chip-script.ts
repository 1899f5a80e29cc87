// Runs a mutated APDU script against the chip simulator. A script is one mode byte and then frames of
// a 2-byte big-endian length and the APDU bytes (a length past the end takes the rest):
//   bit 0 of the mode byte: the profile (0 passport-td3, 1 cccd);
//   bits 1-2: 0 plain commands from power-on; 1 BAC first (fixed terminal randoms), then each frame is a
//   plain command protected by the terminal's secure messaging; 2 BAC first, then frames go raw (so
//   mutated SM objects reach the chip's unwrap).
// The simulator answers every command with a status word and turns its own exceptions into 6F00 (or 6A80
// for a protocol responder). The fuzz makes both visible: a transmit that throws, an answer shorter than
// a status word, 6F00, or an untyped exception escaping a protocol responder all fail the run.
import { ApduTransport } from '../../../native/card/apdu/apdu-transport.ts';
import { CommandApdu } from '../../../native/card/apdu/command-apdu.ts';
import { BacProtocol } from '../../../native/card/protocol/bac/bac-protocol.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import { ChipSimulator } from '../../../native/sim/chip/chip-simulator.ts';
import type { ChipProtocols } from '../../../native/sim/chip/chip-protocol-roles.ts';
import { cccdProtocols } from '../../../native/sim/profiles/cccd-profile.ts';
import { chipProfiles } from '../../../native/sim/profiles/index.ts';
import { passportTd3Protocols } from '../../../native/sim/profiles/passport-td3-profile.ts';
import { concat } from '../../../native/util/bytes.ts';
import { profileFiles } from './profile-seeds.ts';

export const SCRIPT_MODE = Object.freeze({ PLAIN: 0, BAC_WRAPPED: 1, BAC_RAW: 2 });
const MAX_FRAMES = 24;
/** Largest frame sent through the terminal's SM wrap (its protected form must still fit an APDU). */
const MAX_WRAPPED = 4096;

/** Builds a script: mode byte, then length-prefixed frames. */
export function chipScript(profile: 'passport-td3' | 'cccd', mode: number, ...apdus: (CommandApdu | Uint8Array)[]): Uint8Array {
  const frames = apdus.map((a) => (a instanceof CommandApdu ? a.encode() : a));
  return concat(Uint8Array.of((profile === 'cccd' ? 1 : 0) | (mode << 1)), ...frames.map((f) => concat(Uint8Array.of(f.length >> 8, f.length & 0xff), f)));
}

/** Untyped exceptions thrown by the chip's protocol responders during the current script. */
const escaped: unknown[] = [];

/** Wraps a responder so that an untyped exception is recorded before the simulator masks it. */
function watch<T extends object>(responder: T): T {
  return new Proxy(responder, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args);
          if (result && typeof result === 'object' && 'sm' in result && result.sm && typeof result.sm === 'object') {
            return { ...result, sm: watch(result.sm) };
          }
          return result;
        } catch (err) {
          if (!(err instanceof KioskError)) escaped.push(err);
          throw err;
        }
      };
    },
  });
}

function watched(protocols: ChipProtocols): ChipProtocols {
  const out: Record<string, () => object> = {};
  for (const [name, factory] of Object.entries(protocols) as [string, (() => object) | undefined][]) {
    if (factory) out[name] = () => watch(factory());
  }
  return out as ChipProtocols;
}

let chips: readonly [ChipSimulator, ChipSimulator] | undefined;

function chip(profileBit: number): ChipSimulator {
  const files = profileFiles();
  chips ??= [
    new ChipSimulator({ files: files.passport, protocols: watched(passportTd3Protocols()) }),
    new ChipSimulator({ files: files.cccd, protocols: watched(cccdProtocols()) }),
  ];
  return chips[profileBit]!;
}

/** One exchange, checked: the chip must answer with at least a status word and never with 6F00. */
async function exchange(card: ChipSimulator, command: Uint8Array): Promise<Uint8Array> {
  escaped.length = 0;
  let response: Uint8Array;
  try {
    response = await card.transmit(command);
  } catch (err) {
    throw new Error(`chip transmit threw instead of answering: ${String(err)}`, { cause: err });
  }
  if (escaped.length > 0) throw escaped[0];
  if (response.length < 2) throw new Error(`chip answered ${response.length} bytes, less than a status word`);
  if (response[response.length - 2] === 0x6f && response[response.length - 1] === 0x00) {
    throw new Error('chip answered 6F00: an exception inside the simulator was masked');
  }
  return response;
}

function frames(script: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 1;
  while (p + 2 <= script.length && out.length < MAX_FRAMES) {
    const length = (script[p]! << 8) | script[p + 1]!;
    p += 2;
    out.push(script.subarray(p, Math.min(script.length, p + length)));
    p += length;
  }
  return out;
}

/** Runs a script (see the file comment). Resolves when every frame was answered; throws only on a finding. */
export async function runChipScript(script: Uint8Array): Promise<number> {
  if (script.length === 0) return 0;
  const card = chip(script[0]! & 1);
  const mode = (script[0]! >> 1) & 3;
  card.powerOn();
  const channel = { atr: card.atr, extendedLengthSupported: true, transmit: (c: Uint8Array) => exchange(card, c) };
  const transport = new ApduTransport(channel);
  if (mode === SCRIPT_MODE.BAC_WRAPPED || mode === SCRIPT_MODE.BAC_RAW) {
    const key = (script[0]! & 1 ? chipProfiles.cccd : chipProfiles['passport-td3']).mrzKey;
    await new BacProtocol(transport, (n) => new Uint8Array(n).fill(0x5a)).run(key);
  }
  let answered = 0;
  for (const frame of frames(script)) {
    if (mode === SCRIPT_MODE.BAC_WRAPPED && frame.length <= MAX_WRAPPED) {
      let command: CommandApdu | undefined;
      try {
        command = CommandApdu.decode(frame);
      } catch (err) {
        if (!(err instanceof KioskError)) throw err;
      }
      if (command) {
        try {
          await transport.send(command, 'fuzz.chip');
        } catch (err) {
          // The chip may end the session (6987/6988); the terminal's unwrap then refuses, typed.
          if (!(err instanceof KioskError)) throw err;
        }
        answered++;
        continue;
      }
    }
    await exchange(card, frame);
    answered++;
  }
  return answered;
}
