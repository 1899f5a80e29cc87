// Whole reads with readDocument over SimCardReader and the simulated documents: access control with every
// kind of key, the files a person needs, the security verdicts and the assurance they earn, the order of
// the events a screen shows, and a trace that carries no personal data.

import { describe, expect, it } from 'vitest';
import { canAccessKey, mrzAccessKey } from '../../native/card/access-key.ts';
import { cccdAccessKeys } from '../../native/card/cccd/cccd-access.ts';
import { parseCccdQr } from '../../native/card/cccd/cccd-qr.ts';
import { CardError } from '../../native/card/errors.ts';
import { chipProfiles, createChip } from '../../native/sim/profiles/index.ts';
import { cccdQrText, personalStrings, RecordedRead, testTrustStore } from './sim-read.ts';

const cccd = chipProfiles.cccd;
const passport = chipProfiles['passport-td3'];

describe('readDocument', () => {
  describe('on the CCCD profile', () => {
    it('opens with PACE-CAM on the MRZ key and earns PA_AA_OR_CA from PA, AA and chip authentication', async () => {
      const chip = createChip('cccd');
      const run = new RecordedRead(chip);
      const result = await run.read({ keys: [cccd.mrzKey], trustStore: testTrustStore() });

      expect(result.access).toEqual({ method: 'PACE', mapping: 'CAM', cipher: 'AES-128', attempts: 1, keyKind: 'mrz' });
      expect(result.verification.passive.verdict).toBe('passed');
      expect(result.verification.active.verdict).toBe('passed');
      expect(result.verification.chip).toEqual({ verdict: 'passed', method: 'PACE-CAM' });
      expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
      expect(result.document.mrz?.documentNumber).toBe(cccd.mrz.documentNumber);
      expect(result.document.dg2?.faces[0]?.mimeType).toBe('image/jpeg');
      expect(result.files.get('DG2')).toEqual(chip.fileSystem.dataGroup(2)!.content);
      expect(result.document.problems).toEqual([]);
    });

    it('reads every data group EF.COM lists except the EAC-protected DG3', async () => {
      const run = new RecordedRead(createChip('cccd'));
      const result = await run.read({ keys: [cccd.mrzKey] });

      expect([...result.files.keys()].sort()).toEqual(['COM', 'CardAccess', 'DG1', 'DG13', 'DG14', 'DG15', 'DG2', 'SOD']);
      expect(run.trace.some((entry) => entry.step.includes('DG3'))).toBe(false);
      expect(result.verification.passive.detail?.dataGroupHashes.get(3)).toBe('not-read');
    });

    it('opens with PACE-CAM on the CAN', async () => {
      const result = await new RecordedRead(createChip('cccd')).read({ keys: [cccd.canKey!], trustStore: testTrustStore() });

      expect(result.access).toMatchObject({ method: 'PACE', mapping: 'CAM', keyKind: 'can', attempts: 1 });
      expect(result.verification.assurance).toBe('PA_AA_OR_CA');
    });

    it('opens with the keys derived from the front QR alone and returns the DG13 fields', async () => {
      const qr = parseCccdQr(cccdQrText());
      const keys = cccdAccessKeys({ idNumber: qr.idNumber, dateOfBirth: qr.dateOfBirth, dateOfIssue: qr.dateOfIssue });
      const result = await new RecordedRead(createChip('cccd')).read({ keys, trustStore: testTrustStore() });

      expect(result.access).toMatchObject({ method: 'PACE', mapping: 'CAM' });
      expect(result.verification.assurance).toBe('PA_AA_OR_CA');
      expect(result.document.dg13).toMatchObject({
        idNumber: qr.idNumber,
        fullName: qr.fullName,
        dateOfBirth: '15/03/1999',
        sex: qr.sexText,
        placeOfResidence: qr.address,
        dateOfIssue: '10/05/2024',
        dateOfExpiry: '15/03/2039',
        oldIdNumber: qr.oldIdNumber,
      });
      expect(result.document.dg13?.parents).toHaveLength(2);
    });

    it('opens a PACE-only chip with nothing but the MRZ key', async () => {
      const run = new RecordedRead(createChip('cccd', { paceOnly: true }));
      const result = await run.read({ keys: [cccd.mrzKey], trustStore: testTrustStore() });

      expect(result.access).toMatchObject({ method: 'PACE', keyKind: 'mrz', attempts: 1 });
      expect(run.trace.some((entry) => entry.step.startsWith('bac.'))).toBe(false);
      expect(result.verification.trusted).toBe(true);
    });

    it('refuses wrong keys with ACCESS_DENIED and a message that does not contain them', async () => {
      const wrongMrz = mrzAccessKey('123456789', '800101', '300101');
      const wrongCan = canAccessKey('314159');
      const error = await new RecordedRead(createChip('cccd')).failure({ keys: [wrongCan, wrongMrz] });

      expect(error).toBeInstanceOf(CardError);
      expect(error).toMatchObject({ code: 'ACCESS_DENIED', step: 'access' });
      for (const secret of ['314159', '123456789', '800101', '300101']) expect(error.message).not.toContain(secret);
    });
  });

  describe('on the TD3 passport profile', () => {
    it('opens with BAC under 3DES and earns PA_AA_OR_CA from PA and RSA active authentication', async () => {
      const run = new RecordedRead(createChip('passport-td3'));
      const result = await run.read({ keys: [passport.mrzKey], trustStore: testTrustStore() });

      expect(result.access).toEqual({ method: 'BAC', cipher: '3DES', attempts: 1, keyKind: 'mrz' });
      expect(result.verification.passive.verdict).toBe('passed');
      expect(result.verification.active.verdict).toBe('passed');
      expect(result.verification.chip.verdict).toBe('not-performed');
      expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
      expect(result.document.mrz?.format).toBe('TD3');
      expect(result.document.dg11).toBeDefined();
      expect(result.document.dg12).toBeDefined();
      expect(result.files.has('CardAccess')).toBe(false);
    });

    it('refuses a wrong MRZ key with ACCESS_DENIED and a message that does not contain it', async () => {
      const error = await new RecordedRead(createChip('passport-td3')).failure({ keys: [mrzAccessKey('XX0000000', '850704', '330101')] });

      expect(error).toMatchObject({ code: 'ACCESS_DENIED', step: 'access' });
      expect(error.message).not.toContain('XX0000000');
    });
  });

  describe('passive authentication', () => {
    it('fails an EF.SOD signed by an expired Document Signer', async () => {
      const result = await new RecordedRead(createChip('cccd', { signer: 'ds-expired' })).read({ keys: [cccd.canKey!], trustStore: testTrustStore() });

      expect(result.verification.passive.verdict).toBe('failed');
      expect(result.verification.passive.detail?.dsCertificateValidity.status).toBe('expired');
      expect(result.verification).toMatchObject({ assurance: 'CHIP_READ', trusted: false });
    });

    it('fails an EF.SOD signed by a revoked Document Signer when the CRL is in the trust store', async () => {
      const result = await new RecordedRead(createChip('passport-td3', { signer: 'ds-revoked' })).read({ keys: [passport.mrzKey], trustStore: testTrustStore() });

      expect(result.verification.passive.verdict).toBe('failed');
      expect(result.verification.passive.detail?.crl.status).toBe('revoked');
      expect(result.verification).toMatchObject({ assurance: 'CHIP_READ', trusted: false });
    });

    it('cannot know of the revocation without the CRL', async () => {
      const result = await new RecordedRead(createChip('passport-td3', { signer: 'ds-revoked' })).read({ keys: [passport.mrzKey], trustStore: testTrustStore(false) });

      expect(result.verification.passive.detail?.crl.status).toBe('no-crl');
      expect(result.verification.passive.verdict).toBe('passed');
    });

    it('leaves PA unverified and the assurance at CHIP_READ without a trust store', async () => {
      const result = await new RecordedRead(createChip('cccd')).read({ keys: [cccd.mrzKey] });

      expect(result.verification.passive.verdict).toBe('unverified');
      expect(result.verification.passive.detail?.dsChain.status).toBe('no-trust-store');
      expect(result.verification).toMatchObject({ assurance: 'CHIP_READ', trusted: true });
    });
  });

  describe('events', () => {
    it('reports access, then the holder before any DG2 progress, then DG2 progress rising to its size', async () => {
      const chip = createChip('cccd', { extendedLength: false });
      const run = new RecordedRead(chip);
      await run.read({ keys: [cccd.canKey!] });

      const types = run.events.map((event) => event.type);
      const holder = types.indexOf('holder');
      const dg2 = run.events.flatMap((event, i) => (event.type === 'progress' && event.progress.file === 'DG2' ? [{ i, ...event.progress }] : []));
      expect(types[0]).toBe('access');
      expect(types.filter((t) => t === 'access' || t === 'holder')).toEqual(['access', 'holder']);
      const holderEvent = run.events[holder];
      expect(holderEvent?.type === 'holder' && holderEvent.document.dg13?.fullName).toBeTruthy();
      expect(dg2.length).toBeGreaterThan(10);
      expect(dg2[0]!.i).toBeGreaterThan(holder);
      for (let k = 1; k < dg2.length; k++) expect(dg2[k]!.bytesRead).toBeGreaterThan(dg2[k - 1]!.bytesRead);
      const total = chip.fileSystem.dataGroup(2)!.content.length;
      expect(dg2.every((p) => p.totalBytes === total)).toBe(true);
      expect(dg2.at(-1)!.bytesRead).toBe(total);
    });
  });

  describe('the APDU trace', () => {
    it.each(['cccd', 'passport-td3'] as const)('carries headers and lengths but no personal data on the %s profile', async (name) => {
      const run = new RecordedRead(createChip(name));
      await run.read({ keys: [chipProfiles[name].mrzKey] });

      expect(run.trace.length).toBeGreaterThan(10);
      for (const entry of run.trace) {
        expect(Object.keys(entry).sort()).toEqual(['command', 'commandBytes', 'ms', 'responseBytes', 'secureMessaging', 'step', 'sw']);
        expect(entry.command).toMatch(/^[0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} Lc=\d+ Le=\d+( ext)?$/);
      }
      const text = JSON.stringify(run.trace).toUpperCase();
      for (const personal of personalStrings(name)) expect(text).not.toContain(personal.toUpperCase());
    });
  });
});
