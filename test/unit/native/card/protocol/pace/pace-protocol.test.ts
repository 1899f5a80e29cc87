import { describe, expect, it } from 'vitest';
import { canAccessKey, mrzAccessKey } from '../../../../../../native/card/access-key.ts';
import { ApduTransport } from '../../../../../../native/card/apdu/apdu-transport.ts';
import type { ChipAuthenticationPublicKeyInfo, PaceInfo } from '../../../../../../native/card/lds/security-infos/security-info.ts';
import { paceAlgorithm } from '../../../../../../native/card/lds/security-infos/security-info-oids.ts';
import { createPaceInfo, parseSecurityInfos } from '../../../../../../native/card/lds/security-infos/security-infos.ts';
import { encodeTlv } from '../../../../../../native/card/lds/tlv.ts';
import { standardDomainParameters } from '../../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { PaceProtocol, verifyChipAuthenticationMapping } from '../../../../../../native/card/protocol/pace/pace-protocol.ts';
import { fromHex, toHex, uintBE } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { queuedRandom, ReplayChannel, type ApduStep, type CamVector, type DhGmVector, type EcdhGmVector, type ImVector } from './pace-test-support.ts';

const g1 = loadVector<EcdhGmVector>('pace_9303p11_appG1_ecdh_gm.json');
const g2 = loadVector<DhGmVector>('pace_9303p11_appG2_dh_gm.json');
const h = loadVector<ImVector>('pace_9303p11_appH_im.json');
const i1 = loadVector<CamVector>('pace_9303p11_appI_cam.json');
const g1Key = mrzAccessKey(g1.password.document_number, g1.password.date_of_birth, g1.password.date_of_expiry);

function paceInfoFrom(efCardAccess: string): PaceInfo {
  const info = parseSecurityInfos(fromHex(efCardAccess))[0];
  if (info?.kind !== 'PaceInfo') throw new Error('vector EF.CardAccess holds no PACEInfo');
  return info;
}

function paceInfo(protocol: string, parameterId: number): PaceInfo {
  return createPaceInfo(paceAlgorithm(protocol)!, parameterId);
}

/** G.1 exchange: the gmrtd MSE form (with 84) or the appendix form, then the four GA steps. */
function g1Steps(form: 'with84' | 'appendix', override: Partial<Record<number, string>> = {}): ApduStep[] {
  const mse = g1.apdus[form === 'with84' ? 1 : 0]!;
  return [mse, ...g1.apdus.slice(2)].map((step, i) => ({ ...step, response: override[i] ?? step.response }));
}

function g1Run(steps: ApduStep[], sendParameterId = true) {
  const channel = new ReplayChannel(steps);
  const transport = new ApduTransport(channel);
  const pace = new PaceProtocol(transport, queuedRandom(g1.ifd_mapping_private, g1.ifd_ephemeral_private), { sendParameterId });
  return { channel, transport, run: () => pace.run(g1Key, paceInfoFrom(g1.ef_card_access)) };
}

describe('PaceProtocol', () => {
  describe('run with ECDH Generic Mapping (Appendix G.1)', () => {
    it('sends every APDU of the worked example byte for byte and derives its session keys', async () => {
      const { channel, transport, run } = g1Run(g1Steps('with84'));
      const result = await run();
      expect(channel.remaining).toBe(0);
      expect([toHex(result.ksEnc), toHex(result.ksMac)]).toEqual([g1.ks_enc, g1.ks_mac]);
      expect(result.mapping).toBe('GM');
      expect(toHex(result.icEphemeralPublicKey)).toBe(`04${g1.ic_ephemeral_public_x}${g1.ic_ephemeral_public_y}`);
      expect(toHex(result.icMappingPublicKey!)).toBe(`04${g1.ic_mapping_public_x}${g1.ic_mapping_public_y}`);
      expect(result.chipAuthenticationData).toBeUndefined();
      expect(result.wrapper.kind).toBe('AES');
      expect(transport.wrapper).toBe(result.wrapper);
    });

    it('sends the appendix form of MSE:Set AT when told not to send the parameter id', async () => {
      const { channel, run } = g1Run(g1Steps('appendix'), false);
      await run();
      expect(channel.remaining).toBe(0);
    });

    it('reports a refused terminal token (6300) as ACCESS_DENIED at mutual authentication', async () => {
      const { run } = g1Run(g1Steps('with84', { 4: '6300' }));
      await expect(run()).rejects.toMatchObject({ code: 'ACCESS_DENIED', step: 'pace.mutualAuthenticate', sw: 0x6300 });
    });

    it('reports 6982 at mutual authentication as ACCESS_DENIED', async () => {
      const { run } = g1Run(g1Steps('with84', { 4: '6982' }));
      await expect(run()).rejects.toMatchObject({ code: 'ACCESS_DENIED', step: 'pace.mutualAuthenticate' });
    });

    it('rejects a wrong chip token as AUTHENTICATION_FAILED and installs no session', async () => {
      const { run, transport } = g1Run(g1Steps('with84', { 4: `7C0A8608${'00'.repeat(8)}9000` }));
      await expect(run()).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED', step: 'pace.mutualAuthenticate' });
      expect(transport.wrapper).toBeNull();
    });

    it('rejects a chip mapping key off the curve as AUTHENTICATION_FAILED', async () => {
      const bad = g1.apdus[3]!.response.replace(/(..)9000$/, (_, last: string) => `${((parseInt(last, 16) ^ 1) & 0xff).toString(16).padStart(2, '0').toUpperCase()}9000`);
      const { run } = g1Run(g1Steps('with84', { 2: bad }));
      await expect(run()).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED', step: 'pace.mapNonce' });
    });

    it('rejects a chip that echoes the terminal ephemeral key as AUTHENTICATION_FAILED', async () => {
      const echo = `7C43844104${g1.ifd_ephemeral_public_x}${g1.ifd_ephemeral_public_y}9000`;
      const { run } = g1Run(g1Steps('with84', { 3: echo }));
      await expect(run()).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED', step: 'pace.keyAgreement' });
    });

    it('rejects a nonce response without tag 80 as MALFORMED_DATA', async () => {
      const { run } = g1Run(g1Steps('with84', { 1: `7C128110${g1.encrypted_nonce_z}9000` }));
      await expect(run()).rejects.toMatchObject({ code: 'MALFORMED_DATA', step: 'pace.getNonce' });
    });

    it('asks again without the parameter id when the chip refuses it with 6A80', async () => {
      const steps = g1Steps('with84');
      const { channel, run } = g1Run([{ ...steps[0]!, response: '6A80' }, g1.apdus[0]!, ...steps.slice(1)]);
      await run();
      expect(channel.remaining).toBe(0);
    });

    it('reports a refused MSE:Set AT with its status word', async () => {
      const { run } = g1Run([
        { ...g1.apdus[1]!, response: '6A80' },
        { ...g1.apdus[0]!, response: '6A80' },
      ]);
      await expect(run()).rejects.toMatchObject({ code: 'UNEXPECTED_STATUS', step: 'pace.mseSetAt', sw: 0x6a80 });
    });

    it('reports a blocked password at MSE:Set AT as ACCESS_DENIED', async () => {
      const { run } = g1Run([{ ...g1.apdus[1]!, response: '6983' }]);
      await expect(run()).rejects.toMatchObject({ code: 'ACCESS_DENIED', step: 'pace.mseSetAt' });
    });
  });

  describe('run with DH Generic Mapping (Appendix G.2)', () => {
    it('sends every APDU of the worked example and derives its session keys', async () => {
      const steps = g2.apdus.map((s, i) => (i === g2.apdus.length - 1 ? { ...s, response: `${s.response}9000` } : s));
      const channel = new ReplayChannel(steps);
      const pace = new PaceProtocol(new ApduTransport(channel), queuedRandom(g2.ifd_mapping_private, g2.ifd_ephemeral_private), { sendParameterId: false });
      const result = await pace.run(g1Key, paceInfoFrom(g2.ef_card_access));
      expect(channel.remaining).toBe(0);
      expect([toHex(result.ksEnc), toHex(result.ksMac)]).toEqual([g2.ks_enc, g2.ks_mac]);
      expect(toHex(result.icEphemeralPublicKey)).toBe(g2.ic_ephemeral_public);
    });
  });

  describe('run with Integrated Mapping (Appendix H)', () => {
    it('sends the ECDH exchange of H.1 with the nonce t and derives its session keys', async () => {
      const v = h.h1_ecdh;
      const channel = new ReplayChannel([
        { command: '0022C1A412800A04007F0007020204040283010284010D', response: '9000' },
        { command: '10860000027C0000', response: `7C128010${v.encrypted_nonce_z}9000` },
        { command: v.ga2_command_nonce_t, response: '7C009000' },
        { command: `10860000457C43834104${v.ifd_ephemeral_public_x}${v.ifd_ephemeral_public_y}00`, response: `7C43844104${v.ic_ephemeral_public_x}${v.ic_ephemeral_public_y}9000` },
        { command: v.ga4_command, response: `7C0A8608${v.t_ic}9000` },
      ]);
      const pace = new PaceProtocol(new ApduTransport(channel), queuedRandom(v.nonce_t, v.ifd_ephemeral_private));
      const result = await pace.run(canAccessKey('123456'), paceInfo(v.pace_oid, v.parameter_id));
      expect(channel.remaining).toBe(0);
      expect(result.mapping).toBe('IM');
      expect([toHex(result.ksEnc), toHex(result.ksMac)]).toEqual([v.ks_enc, v.ks_mac]);
      expect(result.icMappingPublicKey).toBeUndefined();
    });

    it('runs the DH exchange of H.2 and derives its session keys', async () => {
      const v = h.h2_dh;
      const group = standardDomainParameters(0);
      // The appendix's 1024-bit private key acts through its residue mod q (the generator has order q).
      const ephemeral = toHex(uintBE(BigInt(`0x${v.ifd_ephemeral_private}`) % group.order, 20));
      const channel = new ReplayChannel([
        { command: '0022C1A412800A04007F00070202040302830102840100', response: '9000' },
        { command: '10860000027C0000', response: `7C128010${v.encrypted_nonce_z}9000` },
        { command: `10860000147C128110${v.nonce_t}00`, response: '7C009000' },
        { command: `10860000867C8183838180${v.ifd_ephemeral_public}00`, response: `7C8183848180${v.ic_ephemeral_public}9000` },
        { command: `008600000C7C0A8508${v.t_ifd}00`, response: `7C0A8608${v.t_ic}9000` },
      ]);
      const pace = new PaceProtocol(new ApduTransport(channel), queuedRandom(v.nonce_t, ephemeral));
      const result = await pace.run(canAccessKey('123456'), paceInfo(v.pace_oid, v.parameter_id));
      expect(channel.remaining).toBe(0);
      expect([toHex(result.ksEnc), toHex(result.ksMac)]).toEqual([v.ks_enc, v.ks_mac]);
    });
  });

  describe('run with Chip Authentication Mapping (Appendix I)', () => {
    it('sends every APDU of the worked example, decrypts CA_IC, and the mapping verifies against DG14', async () => {
      const channel = new ReplayChannel(i1.apdus);
      const pace = new PaceProtocol(new ApduTransport(channel), queuedRandom(i1.ifd_mapping_private, i1.ifd_ephemeral_private), { sendParameterId: false });
      const result = await pace.run(mrzAccessKey('C11T002JM', '960812', '231031'), paceInfo(i1.pace_oid, i1.parameter_id));
      expect(channel.remaining).toBe(0);
      expect(result.mapping).toBe('CAM');
      expect([toHex(result.ksEnc), toHex(result.ksMac)]).toEqual([i1.ks_enc, i1.ks_mac]);
      expect(toHex(result.chipAuthenticationData!)).toBe(i1.chip_authentication_data_ca_ic);

      const keyInfo = parseSecurityInfos(encodeTlv(0x31, fromHex(i1.chip_authentication_public_key_info)))[0] as ChipAuthenticationPublicKeyInfo;
      expect(keyInfo.kind).toBe('ChipAuthenticationPublicKeyInfo');
      expect(verifyChipAuthenticationMapping(result, keyInfo.subjectPublicKeyInfo)).toBe(true);
    });

    it('fails when the chip leaves out the chip authentication data', async () => {
      const steps = i1.apdus.map((s, i) => (i === 4 ? { ...s, response: `7C0A8608${i1.t_ic}9000` } : s));
      const pace = new PaceProtocol(new ApduTransport(new ReplayChannel(steps)), queuedRandom(i1.ifd_mapping_private, i1.ifd_ephemeral_private), { sendParameterId: false });
      await expect(pace.run(mrzAccessKey('C11T002JM', '960812', '231031'), paceInfo(i1.pace_oid, i1.parameter_id))).rejects.toMatchObject({
        code: 'AUTHENTICATION_FAILED',
      });
    });
  });

  describe('run with parameters that cannot work', () => {
    it('refuses a DH protocol on an elliptic curve before sending anything', async () => {
      const channel = new ReplayChannel([]);
      const pace = new PaceProtocol(new ApduTransport(channel), queuedRandom());
      await expect(pace.run(g1Key, paceInfo('0.4.0.127.0.7.2.2.4.1.2', 13))).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    });

    it('refuses the integrated mapping with a cipher other than AES-128 before sending anything', async () => {
      const pace = new PaceProtocol(new ApduTransport(new ReplayChannel([])), queuedRandom());
      await expect(pace.run(g1Key, paceInfo('0.4.0.127.0.7.2.2.4.4.4', 13))).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    });

    it('refuses an unknown standard parameter id as UNSUPPORTED', async () => {
      const pace = new PaceProtocol(new ApduTransport(new ReplayChannel([])), queuedRandom());
      await expect(pace.run(g1Key, paceInfo(g1.pace_oid, 5))).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    });
  });
});
