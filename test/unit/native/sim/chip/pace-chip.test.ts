import { describe, expect, it } from 'vitest';
import { canAccessKey, mrzAccessKey, type AccessKey } from '../../../../../native/card/access-key.ts';
import { ApduTransport } from '../../../../../native/card/apdu/apdu-transport.ts';
import { CommandApdu } from '../../../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../../../native/card/apdu/response-apdu.ts';
import { SW } from '../../../../../native/card/apdu/status-word.ts';
import type { PaceInfo } from '../../../../../native/card/lds/security-infos/security-info.ts';
import type { PaceAlgorithm } from '../../../../../native/card/lds/security-infos/security-info-oids.ts';
import { createPaceInfo, parseSecurityInfos } from '../../../../../native/card/lds/security-infos/security-infos.ts';
import { encodeSubjectPublicKeyInfo } from '../../../../../native/card/protocol/domain-parameters/public-key-info.ts';
import { standardCurveId, standardDomainParameters } from '../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { PaceProtocol, verifyChipAuthenticationMapping } from '../../../../../native/card/protocol/pace/pace-protocol.ts';
import type { CardChannel } from '../../../../../native/hal/card-reader.ts';
import { PaceChip, type PaceChipOptions } from '../../../../../native/sim/chip/pace-chip.ts';
import type { SecureMessagingChip } from '../../../../../native/sim/chip/secure-messaging-chip.ts';
import { fromHex, toHex, uintBE } from '../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../helpers/vectors.ts';
import { queuedRandom, type DhGmVector, type EcdhGmVector } from '../../card/protocol/pace/pace-test-support.ts';

/** Carries APDUs to a PaceChip in-process; after PACE, answers READ BINARY under its secure messaging. */
class PaceChipChannel implements CardChannel {
  readonly atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
  readonly extendedLengthSupported = true;
  sm: SecureMessagingChip | null = null;

  constructor(readonly chip: PaceChip) {}

  async transmit(bytes: Uint8Array): Promise<Uint8Array> {
    const command = CommandApdu.decode(bytes);
    if (this.sm) {
      const plain = this.sm.unwrapCommand(command);
      const answer = plain.ins === 0xb0 ? new ResponseApdu(Uint8Array.of(0x60, 0x14, 0x5f, 0x01), SW.NO_ERROR) : ResponseApdu.status(SW.INS_NOT_SUPPORTED);
      return this.sm.wrapResponse(answer).encode();
    }
    if (command.ins === 0x22) return ResponseApdu.status(this.chip.mseSetAt(command.data)).encode();
    if (command.ins === 0x86) {
      const answer = this.chip.generalAuthenticate(command);
      if (answer.sm) this.sm = answer.sm;
      return new ResponseApdu(answer.data, answer.sw).encode();
    }
    return ResponseApdu.status(SW.INS_NOT_SUPPORTED).encode();
  }
}

const MRZ = mrzAccessKey('C01234567', '900101', '300101');
const CAN = canAccessKey('654321');
const CCCD: PaceAlgorithm = { keyAgreement: 'ECDH', mapping: 'GM', cipher: 'AES-128' };

function chipWith(info: PaceInfo, extra: Partial<PaceChipOptions> = {}) {
  const chip = new PaceChip({ paceInfos: [info], passwords: { mrz: MRZ, can: CAN.can }, ...extra });
  return new PaceChipChannel(chip);
}

async function paceThrough(channel: PaceChipChannel, key: AccessKey, info: PaceInfo) {
  const transport = new ApduTransport(channel);
  const result = await new PaceProtocol(transport).run(key, info);
  const read = await transport.expectOk(new CommandApdu({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, ne: 4 }), 'test.read');
  return { result, read };
}

describe('PaceChip', () => {
  describe('with the terminal in process', () => {
    const cases: readonly { name: string; algorithm: PaceAlgorithm; parameterId: number }[] = [
      { name: 'ECDH GM AES-128 on brainpoolP256r1 (the CCCD setting)', algorithm: CCCD, parameterId: standardCurveId('brainpoolP256r1') },
      { name: 'ECDH GM AES-128 on secp256r1', algorithm: CCCD, parameterId: standardCurveId('secp256r1') },
      { name: 'ECDH GM AES-256 on brainpoolP384r1', algorithm: { ...CCCD, cipher: 'AES-256' }, parameterId: standardCurveId('brainpoolP384r1') },
      { name: 'ECDH GM 3DES on secp224r1', algorithm: { ...CCCD, cipher: '3DES' }, parameterId: standardCurveId('secp224r1') },
      { name: 'DH GM AES-128 on the 1024-bit MODP group', algorithm: { keyAgreement: 'DH', mapping: 'GM', cipher: 'AES-128' }, parameterId: 0 },
      { name: 'DH GM 3DES on the 2048-bit MODP group (extended length)', algorithm: { keyAgreement: 'DH', mapping: 'GM', cipher: '3DES' }, parameterId: 2 },
      { name: 'ECDH IM AES-128 on brainpoolP256r1', algorithm: { ...CCCD, mapping: 'IM' }, parameterId: 13 },
      { name: 'DH IM AES-128 on the 1024-bit MODP group', algorithm: { keyAgreement: 'DH', mapping: 'IM', cipher: 'AES-128' }, parameterId: 0 },
    ];

    for (const { name, algorithm, parameterId } of cases) {
      it(`agrees on keys and secure messaging with ${name}, with MRZ and CAN`, async () => {
        const info = createPaceInfo(algorithm, parameterId);
        for (const key of [MRZ, CAN]) {
          const { result, read } = await paceThrough(chipWith(info), key, info);
          expect(result.mapping).toBe(algorithm.mapping);
          expect(toHex(read.data)).toBe('60145F01');
        }
      });
    }

    it('proves its static key with CAM, which verifies against the DG14 key and fails against another', async () => {
      const group = standardDomainParameters(13);
      const staticPrivate = 0x1234567890abcdefn;
      const staticPublic = group.encodePublicKey(group.multiply(group.generator, staticPrivate));
      const info = createPaceInfo({ ...CCCD, mapping: 'CAM' }, 13);
      const channel = chipWith(info, { camStaticPrivateKey: uintBE(staticPrivate, 32) });
      const { result, read } = await paceThrough(channel, CAN, info);
      expect(toHex(read.data)).toBe('60145F01');
      expect(result.chipAuthenticationData).toBeDefined();
      for (const form of ['standardized', 'named'] as const) {
        expect(verifyChipAuthenticationMapping(result, encodeSubjectPublicKeyInfo(group, staticPublic, form))).toBe(true);
      }
      const other = group.encodePublicKey(group.multiply(group.generator, staticPrivate + 1n));
      expect(verifyChipAuthenticationMapping(result, encodeSubjectPublicKeyInfo(group, other))).toBe(false);
    });

    it('refuses a wrong password at mutual authentication, which the terminal reports as ACCESS_DENIED', async () => {
      const info = createPaceInfo(CCCD, 13);
      for (const key of [canAccessKey('000000'), mrzAccessKey('C01234568', '900101', '300101')]) {
        const transport = new ApduTransport(chipWith(info));
        await expect(new PaceProtocol(transport).run(key, info)).rejects.toMatchObject({ code: 'ACCESS_DENIED', step: 'pace.mutualAuthenticate', sw: 0x6300 });
        expect(transport.wrapper).toBeNull();
      }
    });
  });

  describe('against the worked examples', () => {
    it('answers the terminal commands of Appendix G.1 byte for byte', () => {
      const v = loadVector<EcdhGmVector>('pace_9303p11_appG1_ecdh_gm.json');
      const info = parseSecurityInfos(fromHex(v.ef_card_access))[0] as PaceInfo;
      const key = mrzAccessKey(v.password.document_number, v.password.date_of_birth, v.password.date_of_expiry);
      const chip = new PaceChip({ paceInfos: [info], passwords: { mrz: key }, random: queuedRandom(v.nonce_s, v.ic_mapping_private, v.ic_ephemeral_private) });
      const [mse, , ...ga] = v.apdus;
      expect(chip.mseSetAt(CommandApdu.decode(fromHex(mse!.command)).data)).toBe(SW.NO_ERROR);
      for (const step of ga) {
        const answer = chip.generalAuthenticate(CommandApdu.decode(fromHex(step.command)));
        expect(toHex(new ResponseApdu(answer.data, answer.sw).encode())).toBe(step.response);
        expect(answer.sm !== undefined).toBe(step === ga.at(-1));
      }
    });

    it('answers the terminal commands of Appendix G.2 byte for byte (DH)', () => {
      const v = loadVector<DhGmVector>('pace_9303p11_appG2_dh_gm.json');
      const info = parseSecurityInfos(fromHex(v.ef_card_access))[0] as PaceInfo;
      const chip = new PaceChip({
        paceInfos: [info],
        passwords: { mrz: mrzAccessKey('T22000129', '640812', '101031') },
        random: queuedRandom(v.nonce_s, v.ic_mapping_private, v.ic_ephemeral_private),
      });
      const [mse, ...ga] = v.apdus;
      expect(chip.mseSetAt(CommandApdu.decode(fromHex(mse!.command)).data)).toBe(SW.NO_ERROR);
      for (const step of ga) {
        const answer = chip.generalAuthenticate(CommandApdu.decode(fromHex(step.command)));
        // The appendix chip also names a CVCA (tag 87) in its last answer; ours does not do terminal authentication.
        const expected = step === ga.at(-1) ? `7C0A8608${v.t_ic}9000` : step.response;
        expect(toHex(new ResponseApdu(answer.data, answer.sw).encode())).toBe(expected);
      }
    });
  });

  describe('mseSetAt', () => {
    const info = createPaceInfo(CCCD, 13);

    it('refuses a protocol or parameter id it does not offer with 6A80', () => {
      const chip = new PaceChip({ paceInfos: [info], passwords: { mrz: MRZ } });
      const other = new PaceChip({ paceInfos: [createPaceInfo({ ...CCCD, cipher: 'AES-256' }, 13)], passwords: { mrz: MRZ } });
      expect(other.mseSetAt(fromHex('800A04007F00070202040202830101'))).toBe(SW.WRONG_DATA);
      expect(chip.mseSetAt(fromHex('800A04007F0007020204020283010184010C'))).toBe(SW.WRONG_DATA);
      expect(chip.mseSetAt(fromHex('8301'))).toBe(SW.WRONG_DATA);
    });

    it('refuses a password it does not hold with 6A88', () => {
      const chip = new PaceChip({ paceInfos: [info], passwords: { mrz: MRZ } });
      expect(chip.mseSetAt(fromHex('800A04007F00070202040202830102'))).toBe(SW.REFERENCED_DATA_NOT_FOUND);
      expect(chip.mseSetAt(fromHex('800A04007F00070202040202830101'))).toBe(SW.NO_ERROR);
    });

    it('needs a static key to offer CAM', () => {
      expect(() => new PaceChip({ paceInfos: [createPaceInfo({ ...CCCD, mapping: 'CAM' }, 13)], passwords: { mrz: MRZ } })).toThrow(RangeError);
    });
  });

  describe('generalAuthenticate', () => {
    const info = createPaceInfo(CCCD, 13);
    const first = CommandApdu.decode(fromHex('10860000027C0000'));

    it('answers 6985 without MSE:Set AT', () => {
      const chip = new PaceChip({ paceInfos: [info], passwords: { mrz: MRZ } });
      expect(chip.generalAuthenticate(first).sw).toBe(SW.CONDITIONS_NOT_SATISFIED);
    });

    it('answers 6985 to a step without the chaining bit, and ends the run', () => {
      const chip = new PaceChip({ paceInfos: [info], passwords: { mrz: MRZ } });
      chip.mseSetAt(fromHex('800A04007F00070202040202830101'));
      expect(chip.generalAuthenticate(first.with({ cla: 0x00 })).sw).toBe(SW.CONDITIONS_NOT_SATISFIED);
      expect(chip.generalAuthenticate(first).sw).toBe(SW.CONDITIONS_NOT_SATISFIED);
    });

    it('answers 6A80 to a mapping key that is not on the curve', () => {
      const chip = new PaceChip({ paceInfos: [info], passwords: { mrz: MRZ } });
      chip.mseSetAt(fromHex('800A04007F00070202040202830101'));
      expect(chip.generalAuthenticate(first).sw).toBe(SW.NO_ERROR);
      const offCurve = `04${'11'.repeat(32)}${'22'.repeat(32)}`;
      const answer = chip.generalAuthenticate(CommandApdu.decode(fromHex(`10860000457C438141${offCurve}00`)));
      expect(answer.sw).toBe(SW.WRONG_DATA);
    });

    it('answers 6A80 to malformed dynamic authentication data', () => {
      const chip = new PaceChip({ paceInfos: [info], passwords: { mrz: MRZ } });
      chip.mseSetAt(fromHex('800A04007F00070202040202830101'));
      expect(chip.generalAuthenticate(CommandApdu.decode(fromHex('10860000037C0500'))).sw).toBe(SW.WRONG_DATA);
    });
  });
});
