// The chip's side of PACE (ICAO 9303-11 §4.4): answers MSE:Set AT and the four chained GENERAL
// AUTHENTICATE steps with the document's passwords, for Generic, Integrated and Chip Authentication
// Mapping over ECDH and DH, then opens secure messaging. The arithmetic and encodings are the
// terminal's own (native/card/protocol/pace), run from the other end.

import { randomBytes } from 'node:crypto';
import { bytesToBigInt, equal } from '../../util/bytes.ts';
import { canAccessKey, type AccessKey, type MrzAccessKey } from '../../card/access-key.ts';
import type { CommandApdu } from '../../card/apdu/command-apdu.ts';
import { SW } from '../../card/apdu/status-word.ts';
import { KioskError } from '../../hal/errors.ts';
import type { PaceDomainParameterInfo, PaceInfo } from '../../card/lds/security-infos/security-info.ts';
import type { KeyAgreementGroup } from '../../card/protocol/domain-parameters/key-agreement-group.ts';
import { groupFromAlgorithmIdentifier } from '../../card/protocol/domain-parameters/public-key-info.ts';
import { standardDomainParameters } from '../../card/protocol/domain-parameters/standard-domain-parameters.ts';
import { chipAuthenticationData } from '../../card/protocol/pace/chip-authentication-mapping.ts';
import {
  authenticationToken,
  blockLength,
  encryptChipAuthenticationData,
  encryptNonce,
  passwordKey,
  sessionKeys,
  tokenInput,
} from '../../card/protocol/pace/pace-crypto.ts';
import { genericMapping, integratedMapping } from '../../card/protocol/pace/pace-mapping.ts';
import { encodeDynamicAuthenticationData, PACE_TAG, parseDynamicAuthenticationData, parseMseSetAt, requireObject } from '../../card/protocol/pace/pace-messages.ts';
import type { PaceResponder } from './chip-protocol-roles.ts';
import { SecureMessagingChip } from './secure-messaging-chip.ts';

export interface PaceChipOptions {
  /** The PACEInfos of EF.CardAccess; MSE:Set AT must name one of them. */
  readonly paceInfos: readonly PaceInfo[];
  /** Proprietary domain parameters (ids 32-63), matched to PACEInfos by parameter id. */
  readonly domainParameters?: readonly PaceDomainParameterInfo[];
  readonly passwords: { readonly mrz?: MrzAccessKey; readonly can?: string };
  /** CAM: the static chip-authentication private key (the DG14 key), a big-endian scalar. */
  readonly camStaticPrivateKey?: Uint8Array;
  /**
   * Supplies, in this order per run: the nonce s (block length), the mapping private key (GM, CAM), the
   * ephemeral private key. Defaults to the system CSPRNG.
   */
  readonly random?: (n: number) => Uint8Array;
}

export interface GeneralAuthenticateAnswer {
  readonly sw: number;
  readonly data: Uint8Array;
  /** The new session, set after a successful last step. */
  readonly sm?: SecureMessagingChip;
}

/** Refusal inside a step: the status word the chip answers with, after which the run is over. */
class Refusal extends Error {
  constructor(readonly sw: number) {
    super(`refused with ${sw.toString(16)}`);
  }
}

interface Run {
  readonly info: PaceInfo;
  readonly group: KeyAgreementGroup;
  readonly kPi: Uint8Array;
  step: number;
  nonce?: Uint8Array;
  mapped?: KeyAgreementGroup;
  mappingPrivateKey?: bigint;
  ephemeralPublic?: Uint8Array;
  terminalEphemeralPublic?: Uint8Array;
  keys?: { readonly ksEnc: Uint8Array; readonly ksMac: Uint8Array };
}

const EMPTY = new Uint8Array(0);

export class PaceChip implements PaceResponder {
  private readonly random: (n: number) => Uint8Array;
  private readonly camStaticPrivateKey: bigint | undefined;
  private run: Run | null = null;

  /** Throws RangeError when a CAM PACEInfo is offered without a static private key. */
  constructor(private readonly options: PaceChipOptions) {
    this.random = options.random ?? ((n) => new Uint8Array(randomBytes(n)));
    this.camStaticPrivateKey = options.camStaticPrivateKey ? bytesToBigInt(options.camStaticPrivateKey) : undefined;
    if (options.paceInfos.some((i) => i.mapping === 'CAM') && this.camStaticPrivateKey === undefined) {
      throw new RangeError('PACE-CAM needs the static chip-authentication private key');
    }
  }

  /**
   * MSE:Set AT (ICAO 9303-11 §4.4.4.1). Answers 9000 and starts a run; 6A80 for malformed data or a
   * protocol / parameter id the chip does not offer; 6A88 for a password the chip does not have.
   */
  mseSetAt(data: Uint8Array): number {
    this.run = null;
    let mse;
    try {
      mse = parseMseSetAt(data);
    } catch {
      return SW.WRONG_DATA;
    }
    const info = this.options.paceInfos.find((i) => i.protocol === mse.protocol && (mse.parameterId === undefined || i.parameterId === mse.parameterId));
    if (!info) return SW.WRONG_DATA;
    const key = this.password(mse.passwordReference);
    if (!key) return SW.REFERENCED_DATA_NOT_FOUND;
    const group = this.groupOf(info);
    if (!group) return SW.WRONG_DATA;
    this.run = { info, group, kPi: passwordKey(key, info.cipher), step: 0 };
    return SW.NO_ERROR;
  }

  /**
   * One GENERAL AUTHENTICATE step (ICAO 9303-11 §4.4.4.2). Refusals end the run: 6985 without MSE:Set AT
   * or with the wrong chaining bit, 6A80 for malformed data or invalid public keys, 6300 when the
   * terminal's token is wrong (a wrong password).
   */
  generalAuthenticate(command: CommandApdu): GeneralAuthenticateAnswer {
    const run = this.run;
    if (!run) return { sw: SW.CONDITIONS_NOT_SATISFIED, data: EMPTY };
    try {
      const last = run.step === 3;
      if (((command.cla & 0x10) !== 0) === last) throw new Refusal(SW.CONDITIONS_NOT_SATISFIED);
      const objects = parseOrRefuse(() => parseDynamicAuthenticationData(command.data, 'pace.chip'));
      const answer = this.step(run, objects);
      run.step++;
      if (answer.sm) this.run = null;
      return answer;
    } catch (err) {
      this.run = null;
      if (err instanceof Refusal) return { sw: err.sw, data: EMPTY };
      throw err;
    }
  }

  private step(run: Run, objects: ReturnType<typeof parseDynamicAuthenticationData>): GeneralAuthenticateAnswer {
    const { info, group } = run;
    const value = (tag: number) => parseOrRefuse(() => requireObject(objects, tag, 'pace.chip'));
    switch (run.step) {
      case 0: {
        if (objects.length !== 0) throw new Refusal(SW.WRONG_DATA);
        run.nonce = this.draw(blockLength(info.cipher));
        return ok([PACE_TAG.ENCRYPTED_NONCE, encryptNonce(run.kPi, run.nonce, info.cipher)]);
      }
      case 1: {
        const mappingData = value(PACE_TAG.MAPPING_DATA_TERMINAL);
        if (info.mapping === 'IM') {
          if (mappingData.length !== blockLength(info.cipher)) throw new Refusal(SW.WRONG_DATA);
          run.mapped = parseOrRefuse(() => integratedMapping(group, run.nonce!, mappingData, info.cipher));
          return ok();
        }
        const terminalKey = parseOrRefuse(() => group.decodePublicKey(mappingData));
        const privateKey = group.randomPrivateKey(this.random);
        const publicKey = group.multiply(group.generator, privateKey);
        if (group.equals(publicKey, terminalKey)) throw new Refusal(SW.WRONG_DATA);
        run.mappingPrivateKey = privateKey;
        run.mapped = parseOrRefuse(() => genericMapping(group, run.nonce!, privateKey, terminalKey));
        return ok([PACE_TAG.MAPPING_DATA_CHIP, group.encodePublicKey(publicKey)]);
      }
      case 2: {
        const mapped = run.mapped!;
        const terminalEncoded = new Uint8Array(value(PACE_TAG.EPHEMERAL_PUBLIC_KEY_TERMINAL));
        const terminalKey = parseOrRefuse(() => mapped.decodePublicKey(terminalEncoded));
        const privateKey = mapped.randomPrivateKey(this.random);
        const publicKey = mapped.encodePublicKey(mapped.multiply(mapped.generator, privateKey));
        // ICAO 9303-11 §4.4.3.4: the chip must check that the terminal's key differs from its own.
        if (equal(publicKey, terminalEncoded)) throw new Refusal(SW.WRONG_DATA);
        run.ephemeralPublic = publicKey;
        run.terminalEphemeralPublic = terminalEncoded;
        run.keys = sessionKeys(parseOrRefuse(() => mapped.sharedSecret(mapped.multiply(terminalKey, privateKey))), info.cipher);
        return ok([PACE_TAG.EPHEMERAL_PUBLIC_KEY_CHIP, publicKey]);
      }
      default: {
        const { ksEnc, ksMac } = run.keys!;
        const expected = authenticationToken(ksMac, info.cipher, tokenInput(info.protocol, info.keyAgreement, run.ephemeralPublic!));
        if (!equal(value(PACE_TAG.AUTHENTICATION_TOKEN_TERMINAL), expected)) throw new Refusal(SW.VERIFICATION_FAILED);
        const token = authenticationToken(ksMac, info.cipher, tokenInput(info.protocol, info.keyAgreement, run.terminalEphemeralPublic!));
        const objects: [number, Uint8Array][] = [[PACE_TAG.AUTHENTICATION_TOKEN_CHIP, token]];
        if (info.mapping === 'CAM') {
          const caIc = chipAuthenticationData(group, this.camStaticPrivateKey!, run.mappingPrivateKey!);
          objects.push([PACE_TAG.CHIP_AUTHENTICATION_DATA, encryptChipAuthenticationData(ksEnc, caIc)]);
        }
        const sm = new SecureMessagingChip(info.cipher, ksEnc, ksMac, new Uint8Array(blockLength(info.cipher)));
        return { ...ok(...objects), sm };
      }
    }
  }

  private password(reference: number): AccessKey | undefined {
    const { mrz, can } = this.options.passwords;
    if (reference === 1) return mrz;
    if (reference === 2 && can !== undefined) return canAccessKey(can);
    return undefined;
  }

  private groupOf(info: PaceInfo): KeyAgreementGroup | undefined {
    try {
      const proprietary = this.options.domainParameters?.find((d) => d.parameterId === info.parameterId);
      if (proprietary) return groupFromAlgorithmIdentifier(proprietary.domainParameter);
      return info.parameterId === undefined ? undefined : standardDomainParameters(info.parameterId);
    } catch (err) {
      if (err instanceof KioskError) return undefined;
      throw err;
    }
  }

  private draw(n: number): Uint8Array {
    const bytes = this.random(n);
    if (bytes.length !== n) throw new RangeError('random source returned the wrong length');
    return new Uint8Array(bytes);
  }
}

function ok(...objects: readonly (readonly [number, Uint8Array])[]): GeneralAuthenticateAnswer {
  return { sw: SW.NO_ERROR, data: encodeDynamicAuthenticationData(...objects) };
}

/** Typed errors from parsing or group checks become 6A80, as a chip answers bad data. */
function parseOrRefuse<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof KioskError) throw new Refusal(SW.WRONG_DATA);
    throw err;
  }
}
