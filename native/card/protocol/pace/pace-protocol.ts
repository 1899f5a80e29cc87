// PACE, the terminal's side (ICAO 9303-11 §4.4; worked examples in Appendices G, H and I): MSE:Set AT,
// then four chained GENERAL AUTHENTICATE steps (encrypted nonce, mapping, key agreement, mutual
// authentication) that end in secure messaging keys. Generic, Integrated and Chip Authentication
// Mapping, over ECDH and DH.

import { randomBytes } from 'node:crypto';
import { equal } from '../../../util/bytes.ts';
import { pacePasswordReference, type AccessKey } from '../../access-key.ts';
import type { ApduTransport } from '../../apdu/apdu-transport.ts';
import { CommandApdu } from '../../apdu/command-apdu.ts';
import { SW } from '../../apdu/status-word.ts';
import { CardError, MalformedDataError } from '../../errors.ts';
import type { PaceDomainParameterInfo, PaceInfo } from '../../lds/security-infos/security-info.ts';
import type { KeyAgreementGroup } from '../domain-parameters/key-agreement-group.ts';
import { groupFromAlgorithmIdentifier } from '../domain-parameters/public-key-info.ts';
import { standardDomainParameters } from '../domain-parameters/standard-domain-parameters.ts';
import { createSecureMessaging } from '../secure-messaging/create-secure-messaging.ts';
import type { SecureMessaging } from '../secure-messaging/secure-messaging.ts';
import { blockLength, authenticationToken, decryptChipAuthenticationData, decryptNonce, passwordKey, sessionKeys, tokenInput } from './pace-crypto.ts';
import { genericMapping, integratedMapping } from './pace-mapping.ts';
import { encodeDynamicAuthenticationData, encodeMseSetAt, PACE_TAG, parseDynamicAuthenticationData, requireObject } from './pace-messages.ts';

export { verifyChipAuthenticationMapping } from './chip-authentication-mapping.ts';

export interface PaceResult {
  /** Secure messaging under KSenc/KSmac with SSC = 0, already installed on the transport. */
  readonly wrapper: SecureMessaging;
  readonly mapping: 'GM' | 'IM' | 'CAM';
  readonly paceInfo: PaceInfo;
  /** CAM: the decrypted CA_IC, to check with `verifyChipAuthenticationMapping` once DG14 is verified. */
  readonly chipAuthenticationData?: Uint8Array;
  /** GM and CAM: the chip's mapping public key PK_Map,IC (needed for the CAM check). */
  readonly icMappingPublicKey?: Uint8Array;
  readonly icEphemeralPublicKey: Uint8Array;
  readonly ksEnc: Uint8Array;
  readonly ksMac: Uint8Array;
}

export interface PaceOptions {
  /**
   * Send the parameter id (tag 84) in MSE:Set AT when the PACEInfo names one (default true; a chip that
   * answers 6A80 is asked again without it). ICAO 9303-11 §4.4.4.1 requires it only when the choice is
   * ambiguous, but chips accept it and some need it.
   */
  readonly sendParameterId?: boolean;
}

const STEP = Object.freeze({
  MSE: 'pace.mseSetAt',
  NONCE: 'pace.getNonce',
  MAP: 'pace.mapNonce',
  KEY_AGREEMENT: 'pace.keyAgreement',
  MUTUAL: 'pace.mutualAuthenticate',
});

export class PaceProtocol {
  /**
   * `random` supplies, in this order, the mapping private key (GM, CAM) or the nonce t (IM), then the
   * ephemeral private key; tests inject the worked examples' keys through it.
   */
  constructor(
    private readonly transport: ApduTransport,
    private readonly random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n)),
    private readonly options: PaceOptions = {},
  ) {}

  /**
   * Runs PACE with `key` for the variant `paceInfo`, in the group of its standard parameter id or of
   * `domainParameters` (proprietary ids). Starts without secure messaging; on success installs the new
   * session on the transport and returns it.
   *
   * Errors (CardError): ACCESS_DENIED (step `pace.mutualAuthenticate`) when the chip refuses the
   * terminal's token, i.e. a wrong password, or any step answers 6300/63Cx/6982/6983/6984;
   * AUTHENTICATION_FAILED when the chip's token, mapping data or public keys are invalid; UNSUPPORTED
   * when the parameters are unknown or do not fit the protocol; MALFORMED_DATA for unparsable responses;
   * UNEXPECTED_STATUS for other status words. CardRemovedError passes through.
   */
  async run(key: AccessKey, paceInfo: PaceInfo, domainParameters?: PaceDomainParameterInfo): Promise<PaceResult> {
    const group = resolveGroup(paceInfo, domainParameters);
    const { cipher, protocol, keyAgreement } = paceInfo;
    this.transport.wrapper = null;

    await this.mseSetAt(key, paceInfo);

    const nonceObjects = await this.generalAuthenticate([], STEP.NONCE, false);
    const s = decryptNonce(passwordKey(key, cipher), requireObject(nonceObjects, PACE_TAG.ENCRYPTED_NONCE, STEP.NONCE), cipher);

    let mapped: KeyAgreementGroup;
    let icMappingPublicKey: Uint8Array | undefined;
    if (paceInfo.mapping === 'IM') {
      const t = this.random(blockLength(cipher));
      await this.generalAuthenticate([[PACE_TAG.MAPPING_DATA_TERMINAL, t]], STEP.MAP, false);
      mapped = chipChecked(STEP.MAP, () => integratedMapping(group, s, t, cipher));
    } else {
      const privateKey = group.randomPrivateKey(this.random);
      const publicKey = group.multiply(group.generator, privateKey);
      const objects = await this.generalAuthenticate([[PACE_TAG.MAPPING_DATA_TERMINAL, group.encodePublicKey(publicKey)]], STEP.MAP, false);
      icMappingPublicKey = new Uint8Array(requireObject(objects, PACE_TAG.MAPPING_DATA_CHIP, STEP.MAP));
      mapped = chipChecked(STEP.MAP, () => {
        const icPublic = group.decodePublicKey(icMappingPublicKey!);
        if (group.equals(icPublic, publicKey)) throw new MalformedDataError('chip echoed the mapping key', { step: STEP.MAP });
        return genericMapping(group, s, privateKey, icPublic);
      });
    }

    const ephemeralPrivate = mapped.randomPrivateKey(this.random);
    const ephemeralPublic = mapped.encodePublicKey(mapped.multiply(mapped.generator, ephemeralPrivate));
    const agreement = await this.generalAuthenticate([[PACE_TAG.EPHEMERAL_PUBLIC_KEY_TERMINAL, ephemeralPublic]], STEP.KEY_AGREEMENT, false);
    const icEphemeralPublicKey = new Uint8Array(requireObject(agreement, PACE_TAG.EPHEMERAL_PUBLIC_KEY_CHIP, STEP.KEY_AGREEMENT));
    const sharedSecret = chipChecked(STEP.KEY_AGREEMENT, () => {
      // ICAO 9303-11 §4.4.3.4: the terminal must check that the chip's key differs from its own.
      if (equal(icEphemeralPublicKey, ephemeralPublic)) throw new MalformedDataError('chip echoed the ephemeral key', { step: STEP.KEY_AGREEMENT });
      return mapped.sharedSecret(mapped.multiply(mapped.decodePublicKey(icEphemeralPublicKey), ephemeralPrivate));
    });
    const { ksEnc, ksMac } = sessionKeys(sharedSecret, cipher);

    const terminalToken = authenticationToken(ksMac, cipher, tokenInput(protocol, keyAgreement, icEphemeralPublicKey));
    const final = await this.generalAuthenticate([[PACE_TAG.AUTHENTICATION_TOKEN_TERMINAL, terminalToken]], STEP.MUTUAL, true);
    const chipToken = requireObject(final, PACE_TAG.AUTHENTICATION_TOKEN_CHIP, STEP.MUTUAL);
    const expected = authenticationToken(ksMac, cipher, tokenInput(protocol, keyAgreement, ephemeralPublic));
    if (!equal(chipToken, expected)) throw new CardError('AUTHENTICATION_FAILED', 'the chip authentication token is wrong', { step: STEP.MUTUAL });

    let chipAuthenticationData: Uint8Array | undefined;
    if (paceInfo.mapping === 'CAM') {
      const encrypted = final.find((o) => o.tag === PACE_TAG.CHIP_AUTHENTICATION_DATA);
      if (!encrypted) throw new CardError('AUTHENTICATION_FAILED', 'the chip sent no chip authentication data', { step: STEP.MUTUAL });
      chipAuthenticationData = decryptChipAuthenticationData(ksEnc, encrypted.value);
    }

    const wrapper = createSecureMessaging(cipher, ksEnc, ksMac, new Uint8Array(blockLength(cipher)));
    this.transport.wrapper = wrapper;
    return Object.freeze({
      wrapper,
      mapping: paceInfo.mapping,
      paceInfo,
      ...(chipAuthenticationData ? { chipAuthenticationData } : {}),
      ...(icMappingPublicKey ? { icMappingPublicKey } : {}),
      icEphemeralPublicKey,
      ksEnc,
      ksMac,
    });
  }

  /**
   * MSE:Set AT (ICAO 9303-11 §4.4.4.1). The parameter id (84) is only required when the choice is
   * ambiguous; a chip that refuses it with 6A80 is asked once more without it.
   */
  private async mseSetAt(key: AccessKey, paceInfo: PaceInfo): Promise<void> {
    const send = (parameterId: number | undefined) => {
      const data = encodeMseSetAt({ protocol: paceInfo.protocol, passwordReference: pacePasswordReference(key), ...(parameterId === undefined ? {} : { parameterId }) });
      return this.transport.send(new CommandApdu({ cla: 0x00, ins: 0x22, p1: 0xc1, p2: 0xa4, data }), STEP.MSE);
    };
    const withId = (this.options.sendParameterId ?? true) ? paceInfo.parameterId : undefined;
    let response = await send(withId);
    if (response.sw === SW.WRONG_DATA && withId !== undefined) response = await send(undefined);
    if (response.sw !== SW.NO_ERROR) throw CardError.fromStatus(response.sw, STEP.MSE);
  }

  /** One GENERAL AUTHENTICATE (00/10 86 00 00, ICAO 9303-11 §4.4.4.2); returns the objects inside 7C. */
  private async generalAuthenticate(objects: readonly (readonly [number, Uint8Array])[], step: string, last: boolean) {
    const data = encodeDynamicAuthenticationData(...objects);
    const command = new CommandApdu({ cla: last ? 0x00 : 0x10, ins: 0x86, p1: 0x00, p2: 0x00, data, ne: data.length > 255 ? 65536 : 256 });
    const response = await this.transport.expectOk(command, step);
    return parseDynamicAuthenticationData(response.data, step);
  }
}

/** The group PACE runs in: a standard id, or the AlgorithmIdentifier of a PACEDomainParameterInfo. */
function resolveGroup(paceInfo: PaceInfo, domainParameters: PaceDomainParameterInfo | undefined): KeyAgreementGroup {
  const step = STEP.MSE;
  let group: KeyAgreementGroup;
  if (domainParameters) {
    group = groupFromAlgorithmIdentifier(domainParameters.domainParameter);
  } else if (paceInfo.parameterId !== undefined) {
    group = standardDomainParameters(paceInfo.parameterId);
  } else {
    throw new CardError('UNSUPPORTED', 'PACEInfo names no domain parameters', { step });
  }
  if (group.kind !== paceInfo.keyAgreement) {
    throw new CardError('UNSUPPORTED', `${paceInfo.keyAgreement} protocol with ${group.kind} domain parameters`, { step });
  }
  // The Integrated Mapping's pseudo-random function is implemented for AES-128 (ICAO 9303-11 Appendix H).
  if (paceInfo.mapping === 'IM' && paceInfo.cipher !== 'AES-128') throw new CardError('UNSUPPORTED', `integrated mapping with ${paceInfo.cipher}`, { step });
  return group;
}

/** Runs group arithmetic on chip-supplied values; invalid values become AUTHENTICATION_FAILED. */
function chipChecked<T>(step: string, compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof MalformedDataError) throw new CardError('AUTHENTICATION_FAILED', `${step}: the chip sent an invalid public key`, { step, cause: err });
    throw err;
  }
}
