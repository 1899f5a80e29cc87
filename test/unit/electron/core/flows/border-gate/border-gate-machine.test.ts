// The border-gate machine driven like a traveller would, over the simulated passport and CCCD chips,
// scanner, fingerprint scanner, Modbus gate, store and central service: passes that open the gate,
// refusals that send the traveller to a booth with a reason code, retries, timeouts and the idle reset.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeMrz } from '../../../../../../native/card/lds/mrz/mrz.ts';
import { chipProfiles, createChip } from '../../../../../../native/sim/profiles/index.ts';
import { createBorderGateMachine, type BorderGateFlowDeps, type BorderGateMachine } from '../../../../../../electron/core/flows/border-gate/border-gate-machine.ts';
import { borderGateView } from '../../../../../../electron/core/flows/border-gate/border-gate-view.ts';
import { borderGateSettings } from '../../../../../../electron/core/flows/flow-settings.ts';
import { FlowRunner } from '../../../../../../electron/core/flows/flow-runner.ts';
import { EMPTY_SESSION } from '../../../../../../electron/core/flows/person-session.ts';
import { ScreenViewSchema } from '../../../../../../electron/contract/screens.ts';
import { until } from '../../../../../helpers/serial-fixtures.ts';
import { CCCD_QR_TEXT, dump, FlowRig, OTHER_QR_TEXT, PASSPORT_MRZ_LINES, PERSONAL_STRINGS, reach } from '../flow-rig.ts';

let rig: FlowRig;
let runner: FlowRunner<BorderGateMachine> | undefined;

beforeEach(async () => {
  rig = await FlowRig.start();
});

afterEach(async () => {
  runner?.dispose();
  runner = undefined;
  await rig.close();
});

function start(settings: NonNullable<Parameters<typeof borderGateSettings>[0]> = {}, deps: Partial<BorderGateFlowDeps> = {}): FlowRunner<BorderGateMachine> {
  const resolved = borderGateSettings({ kioskId: 'kiosk-test-01', booths: ['1', '2'], ...settings, timeouts: { fingerprintMs: 1_500, ...settings.timeouts } });
  const machine = createBorderGateMachine({
    settings: resolved,
    card: rig.card,
    scanner: rig.scanner,
    fingerprint: rig.fingerprint,
    outbox: rig.store,
    gate: rig.gate,
    ...(rig.central ? { verifier: rig.verifier() } : {}),
    ...deps,
  });
  runner = new FlowRunner(machine, (snapshot) => borderGateView(snapshot, resolved), { clock: rig.clock });
  return runner;
}

async function passport(flow: FlowRunner<BorderGateMachine>, chip = createChip('passport-td3'), mrzLines = PASSPORT_MRZ_LINES): Promise<void> {
  await rig.scannerSim.scanMrz(mrzLines);
  await reach(flow, 'presentDocument');
  rig.insert(chip);
}

async function saved(flow: FlowRunner<BorderGateMachine>) {
  const [record] = (await rig.store.claimDue(10)).items;
  expect(flow.view.state).not.toBe('saving');
  return record?.record;
}

describe('createBorderGateMachine', () => {
  describe('a traveller who may pass', () => {
    it('opens the gate for a passport with PA, AA, the fingerprint and online verification', async () => {
      const flow = start();
      const screens: string[] = [];
      flow.onDidChangeView((model) => {
        expect(ScreenViewSchema.safeParse(model.view).success).toBe(true);
        screens.push(model.view.screen);
      });
      await passport(flow);
      await reach(flow, 'open');

      expect(flow.view.view).toMatchObject({ screen: 'verdict', decision: 'open', assurance: 'PA_AA_OR_CA', message: { zh: expect.any(String) } });
      expect(rig.gateSim.counts.pulses).toBe(1);
      expect(screens).toEqual(expect.arrayContaining(['presentCard', 'reading', 'fingerprint', 'verifying', 'verdict']));
      expect(await saved(flow)).toMatchObject({
        profile: 'border-gate',
        assurance: 'PA_AA_OR_CA',
        verdicts: { passive: 'passed', active: 'passed', fingerprint: 'captured' },
        person: { documentType: 'PASSPORT' },
        gate: { decision: 'open' },
      });
    });

    it('opens the gate for a CCCD unlocked with its front QR', async () => {
      const flow = start({ fingerprint: 'off' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      await reach(flow, 'presentDocument');
      rig.insert(createChip('cccd'));
      await reach(flow, 'open');
      expect(rig.gateSim.counts.pulses).toBe(1);
    });

    it('decides on the local checks while offline when configured to', async () => {
      const verifier = rig.verifier();
      await rig.goOffline();
      const flow = start({ fingerprint: 'off', offlineDecision: 'local' }, { verifier });
      await passport(flow);
      await reach(flow, 'open');
      expect(flow.snapshot.context.offline).toBe(true);
    });
  });

  describe('a traveller sent to a booth', () => {
    it('sends a tampered chip to booth 1 with PA_FAILED for the officer, and saves the refusal', async () => {
      const flow = start();
      await passport(flow, createChip('passport-td3', { faults: { tamper: { dataGroup: 2 } } }));
      await reach(flow, 'booth');

      expect(flow.view.view).toMatchObject({ screen: 'verdict', decision: 'booth', booth: '1', reasonCode: 'PA_FAILED', message: { en: expect.stringContaining('staffed booth') } });
      expect(rig.gateSim.counts.pulses).toBe(0);
      expect(await saved(flow)).toMatchObject({ gate: { decision: 'booth', reasonCode: 'PA_FAILED', booth: '1' } });
    });

    it('sends a cloned chip to a booth with AA_FAILED', async () => {
      const flow = start({ fingerprint: 'off' });
      await passport(flow, createChip('passport-td3', { faults: { clonedChip: true } }));
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'AA_FAILED' });
    });

    it('refuses a chip whose DG1 differs from the scanned MRZ', async () => {
      const flow = start({ fingerprint: 'off' });
      const altered = encodeMrz({ ...chipProfiles['passport-td3'].mrz, primaryIdentifier: 'SOMEONE ELSE' });
      await passport(flow, createChip('passport-td3'), altered);
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'MRZ_MISMATCH' });
    });

    it('refuses an expired document', async () => {
      const flow = start({ fingerprint: 'off' }, { clock: { now: () => new Date('2040-01-02T08:00:00') } });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      await reach(flow, 'presentDocument');
      rig.insert(createChip('cccd'));
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'DOCUMENT_EXPIRED', message: { en: 'The document has expired. Please go to a staffed booth.' } });
    });

    it('lets a traveller present again after a wrong document, then sends them to a booth', async () => {
      const flow = start({ fingerprint: 'off', readAttempts: 2 });
      await rig.scannerSim.scanQr(OTHER_QR_TEXT);
      rig.insert(createChip('cccd'));
      await until(() => flow.snapshot.context.readAttempts === 1, 'the first read to fail');
      expect(flow.view.state).toBe('presentDocument');
      expect(flow.view.view).toMatchObject({ screen: 'presentCard', notice: { en: expect.stringContaining('does not match') } });

      await rig.scannerSim.scanQr(OTHER_QR_TEXT);
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'WRONG_DOCUMENT', booth: '1' });
      expect((await rig.store.claimDue(10)).items).toHaveLength(0);
    });

    it('sends the traveller to a booth when the fingerprint cannot be read', async () => {
      const flow = start({ fingerprintAttempts: 1 });
      rig.fingerCondition = 'wet';
      await passport(flow);
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'FINGERPRINT_FAILED' });
    });

    it('sends the traveller to a booth when the fingerprint does not match', async () => {
      const flow = start({ fingerprintAttempts: 1 }, { matcher: { match: async () => 'not-matched' } });
      await passport(flow);
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'FINGERPRINT_MISMATCH', message: { en: expect.stringContaining('does not match') } });
    });

    it('sends the traveller to a booth when the central service is offline', async () => {
      const verifier = rig.verifier();
      await rig.goOffline();
      const flow = start({ fingerprint: 'off' }, { verifier });
      await passport(flow);
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'OFFLINE' });
      expect(await saved(flow)).toMatchObject({ gate: { decision: 'booth', reasonCode: 'OFFLINE' } });
    });

    it('sends the traveller to a booth when the gate does not answer', async () => {
      rig.gateSim.setFault({ kind: 'no-answer' });
      const flow = start({ fingerprint: 'off' });
      await passport(flow);
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'GATE_FAULT', message: { en: 'The gate is not ready. Please go to a staffed booth.' } });
    });

    it('does not open the gate for a traveller it cannot record', async () => {
      const { StoreError } = await import('../../../../../../electron/core/store/store-error.ts');
      const flow = start({ fingerprint: 'off' }, { outbox: { enqueue: () => Promise.reject(new StoreError('STORE_FULL', 'the database is full')) } });
      await passport(flow);
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'NOT_SAVED' });
      expect(rig.gateSim.counts.pulses).toBe(0);
    });

    it('sends the next refused traveller to the next booth', async () => {
      const flow = start({ fingerprint: 'off' });
      await passport(flow, createChip('passport-td3', { faults: { tamper: { dataGroup: 1 } } }));
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ booth: '1' });
      flow.send({ type: 'CANCEL' });
      rig.reader.removeCard();
      await passport(flow, createChip('passport-td3', { faults: { tamper: { dataGroup: 1 } } }));
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ booth: '2' });
    });
  });

  describe('BACK, CANCEL, timeouts and the idle reset', () => {
    it('goes back from the present-document and fingerprint screens, and cancels to idle', async () => {
      const flow = start();
      flow.send({ type: 'START' });
      flow.send({ type: 'BACK' });
      expect(flow.view.state).toBe('idle');

      rig.fingerCondition = undefined;
      await passport(flow);
      await reach(flow, 'fingerprint');
      flow.send({ type: 'BACK' });
      expect(flow.view.state).toBe('presentDocument');
      expect(flow.snapshot.context.session).toEqual(EMPTY_SESSION);
      await rig.scannerSim.scanMrz(PASSPORT_MRZ_LINES);
      await reach(flow, 'fingerprint');
      flow.send({ type: 'CANCEL' });
      expect(flow.view.state).toBe('idle');
    });

    it('returns to idle and forgets the scan when no document is placed', async () => {
      const flow = start();
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      await reach(flow, 'presentDocument');
      rig.clock.increment(30_000);
      expect(flow.view.state).toBe('idle');
      expect(flow.snapshot.context.session).toEqual(EMPTY_SESSION);
    });

    it('leaves the verdict by itself and wipes the traveller, keeping only the booth turn', async () => {
      const flow = start({ fingerprint: 'off' });
      await passport(flow);
      await reach(flow, 'open');
      expect(dump(flow.snapshot.context)).toContain('ALEX JORDAN');
      rig.clock.increment(6_000);
      expect(flow.view.state).toBe('idle');
      const text = dump(flow.snapshot.context) + dump(flow.view);
      for (const s of [...PERSONAL_STRINGS, 'ALEX JORDAN', 'SAMPLE', 'UT4839201', 'ZE184226B']) expect(text).not.toContain(s);
      expect(flow.snapshot.context.session).toEqual(EMPTY_SESSION);
    });

    it('refuses a read that outlasts its watchdog', async () => {
      rig.reader.setLatency(200);
      const flow = start({ fingerprint: 'off' });
      await passport(flow);
      await reach(flow, 'reading.chip');
      rig.clock.increment(30_000);
      await reach(flow, 'booth');
      expect(flow.view.view).toMatchObject({ reasonCode: 'READ_TIMEOUT' });
    });
  });
});
