// The hospital check-in machine driven like a patient would, over the simulated chip, scanner,
// fingerprint scanner, printer, store and central service: every path to a ticket, BACK and CANCEL from
// each step, each error ending somewhere useful, timeouts on the simulated clock, and the idle reset.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChip } from '../../../../../../native/sim/profiles/index.ts';
import { DailyTicketNumbers } from '../../../../../../electron/core/flows/adapters/daily-ticket-numbers.ts';
import { CentralDepartmentList, FallbackDepartmentSource } from '../../../../../../electron/core/flows/adapters/department-sources.ts';
import { hospitalSettings } from '../../../../../../electron/core/flows/flow-settings.ts';
import { FlowRunner } from '../../../../../../electron/core/flows/flow-runner.ts';
import { createHospitalCheckInMachine, type HospitalCheckInMachine, type HospitalFlowDeps } from '../../../../../../electron/core/flows/hospital/hospital-check-in-machine.ts';
import { hospitalView } from '../../../../../../electron/core/flows/hospital/hospital-view.ts';
import type { Department } from '../../../../../../electron/core/flows/ports.ts';
import { EMPTY_SESSION } from '../../../../../../electron/core/flows/person-session.ts';
import { StoreError } from '../../../../../../electron/core/store/store-error.ts';
import { ScreenViewSchema } from '../../../../../../electron/contract/screens.ts';
import { CCCD_MRZ_LINES, CCCD_QR_TEXT, dump, FlowRig, OTHER_QR_TEXT, PERSONAL_STRINGS, reach } from '../flow-rig.ts';

const DEPARTMENTS: readonly Department[] = [
  { id: 'noi', name: { vi: 'Khoa Nội tổng hợp', en: 'General internal medicine' }, room: 'Phòng khám số 3', ticketPrefix: 'A' },
  { id: 'nhi', name: { vi: 'Khoa Nhi', en: 'Paediatrics' }, ticketPrefix: 'B' },
];

let rig: FlowRig;
let runner: FlowRunner<HospitalCheckInMachine> | undefined;

beforeEach(async () => {
  rig = await FlowRig.start();
});

afterEach(async () => {
  runner?.dispose();
  runner = undefined;
  await rig.close();
});

function start(settings: NonNullable<Parameters<typeof hospitalSettings>[0]> = {}, deps: Partial<HospitalFlowDeps> = {}): FlowRunner<HospitalCheckInMachine> {
  const resolved = hospitalSettings({
    kioskId: 'kiosk-test-01',
    siteName: 'BỆNH VIỆN ĐA KHOA THỬ NGHIỆM',
    fingerprint: 'required',
    departments: DEPARTMENTS,
    ...settings,
    timeouts: { fingerprintMs: 1_500, ...settings.timeouts },
  });
  const machine = createHospitalCheckInMachine({
    settings: resolved,
    card: rig.card,
    scanner: rig.scanner,
    fingerprint: rig.fingerprint,
    ticketNumbers: new DailyTicketNumbers(),
    outbox: rig.store,
    printer: rig.printer,
    ...(rig.central ? { verifier: rig.verifier() } : {}),
    ...deps,
  });
  runner = new FlowRunner(machine, (snapshot) => hospitalView(snapshot, resolved), { clock: rig.clock });
  return runner;
}

/** From the welcome screen to the department list with the chip (keys from the front QR). */
async function throughChip(flow: FlowRunner<HospitalCheckInMachine>): Promise<void> {
  flow.send({ type: 'START' });
  await rig.scannerSim.scanQr(CCCD_QR_TEXT);
  await reach(flow, 'presentCard');
  rig.insert(createChip('cccd'));
  await reach(flow, 'chooseDepartment');
}

async function savedRecord(flow: FlowRunner<HospitalCheckInMachine>) {
  const key = flow.snapshot.context.session.idempotencyKey;
  expect(key).toBeDefined();
  return rig.store.read(key!);
}

describe('createHospitalCheckInMachine', () => {
  describe('a check-in that goes to plan', () => {
    it('goes from the card on the reader to a printed ticket, verified online with the fingerprint', async () => {
      const flow = start();
      expect(flow.view.view).toMatchObject({ screen: 'welcome', methods: ['chip', 'qr'] });
      await throughChip(flow);

      const choose = flow.view.view;
      expect(choose).toMatchObject({ screen: 'chooseDepartment', source: 'config', holder: { fullName: 'NGUYỄN VĂN THỬ', documentKind: 'CCCD', documentNumberTail: '2345' } });
      expect(choose.screen === 'chooseDepartment' && choose.holder.photo?.startsWith('data:image/jpeg;base64,')).toBe(true);
      expect(flow.snapshot.context.session.online?.verdict).toBe('verified');

      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      expect(flow.view.view).toMatchObject({ screen: 'confirm', department: { id: 'noi' }, fingerprint: 'matched' });
      flow.send({ type: 'CONFIRM' });
      await reach(flow, 'done');

      expect(flow.view.view).toMatchObject({ screen: 'done', printed: true, queuedOffline: false, ticket: { queueNumber: 'A001', title: 'BỆNH VIỆN ĐA KHOA THỬ NGHIỆM' } });
      expect(rig.printerSim.tickets).toHaveLength(1);
      const record = await savedRecord(flow);
      expect(record).toMatchObject({
        profile: 'hospital',
        assurance: 'PA_AA_OR_CA',
        verdicts: { passive: 'passed', active: 'passed', chip: 'passed', fingerprint: 'captured' },
        person: { documentType: 'CCCD', personalNumber: '001099012345', fullName: 'NGUYỄN VĂN THỬ', dateOfBirth: '1999-03-15', sex: 'M' },
        visit: { departmentId: 'noi', ticketNumber: 'A001' },
      });
    });

    it('shows each screen as a valid contract view while the chip is read', async () => {
      const flow = start();
      const screens: string[] = [];
      flow.onDidChangeView((model) => {
        expect(ScreenViewSchema.safeParse(model.view).success).toBe(true);
        screens.push(`${model.view.screen}${model.view.screen === 'reading' ? `:${model.view.step}` : ''}`);
      });
      await throughChip(flow);
      expect(screens).toEqual(expect.arrayContaining(['presentCard', 'reading:access', 'reading:holder', 'reading:photo', 'fingerprint', 'chooseDepartment']));
      expect(screens.indexOf('reading:holder')).toBeLessThan(screens.indexOf('reading:photo'));
    });

    it('moves the progress bar only forward through one read, file after file', async () => {
      const flow = start();
      const fractions: number[] = [];
      flow.onDidChangeView((model) => {
        if (model.view.screen === 'reading') fractions.push(model.view.fraction);
      });
      await throughChip(flow);
      expect(fractions.length).toBeGreaterThan(5);
      expect(fractions).toEqual(fractions.toSorted((a, b) => a - b));
      expect(fractions.at(-1)).toBeGreaterThan(0.9);
    });

    it('checks in from the CCCD QR alone when the patient chooses the QR', async () => {
      const flow = start({ fingerprint: 'off' });
      flow.send({ type: 'USE_QR' });
      expect(flow.view.view).toMatchObject({ screen: 'presentCard', method: 'qr' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      await reach(flow, 'chooseDepartment');
      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'nhi' });
      flow.send({ type: 'CONFIRM' });
      await reach(flow, 'done');

      const record = await savedRecord(flow);
      expect(record).toMatchObject({ assurance: 'QR_ONLY', verdicts: { passive: 'not-performed', fingerprint: 'not-performed' }, person: { fullName: 'Nguyễn Văn Thử', personalNumber: '001099012345' }, visit: { ticketNumber: 'B001' } });
      expect(rig.printerSim.tickets).toHaveLength(1);
    });

    it('starts by itself when a QR is scanned on the welcome screen, and reads the chip placed after it', async () => {
      const flow = start({ fingerprint: 'off' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      await reach(flow, 'presentCard');
      rig.insert(createChip('cccd'));
      await reach(flow, 'chooseDepartment');
      expect(flow.snapshot.context.session.read?.assurance).toBe('PA_AA_OR_CA');
    });

    it('reads a card with the key of its scanned MRZ', async () => {
      const flow = start({ fingerprint: 'off' });
      flow.send({ type: 'START' });
      await rig.scannerSim.scanMrz(CCCD_MRZ_LINES);
      await reach(flow, 'presentCard');
      rig.insert(createChip('cccd'));
      await reach(flow, 'chooseDepartment');
    });

    it('asks for a scan of the card when it is placed before anything was scanned', async () => {
      const flow = start({ fingerprint: 'off' });
      rig.insert(createChip('cccd'));
      flow.send({ type: 'START' });
      expect(flow.view.view).toMatchObject({ screen: 'presentCard', notice: { en: expect.stringContaining('scan the front of your card') } });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      await reach(flow, 'chooseDepartment');
    });

    it('leaves the fingerprint out when it is off, and lets an optional one be skipped', async () => {
      const off = start({ fingerprint: 'off' });
      await throughChip(off);
      expect(off.view.view).toMatchObject({ screen: 'chooseDepartment' });
      off.dispose();

      rig.fingerCondition = undefined;
      rig.reader.removeCard();
      const optional = start({ fingerprint: 'optional' });
      optional.send({ type: 'START' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      rig.insert(createChip('cccd'));
      await reach(optional, 'fingerprint');
      expect(optional.view.actions).toContain('flow.skipFingerprint');
      optional.send({ type: 'SKIP' });
      await reach(optional, 'chooseDepartment');
      optional.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      expect(optional.view.view).toMatchObject({ screen: 'confirm', fingerprint: 'skipped' });
    });

    it('offers the departments of a live source', async () => {
      const live: Department[] = [{ id: 'mat', name: { vi: 'Khoa Mắt', en: 'Ophthalmology' } }];
      const flow = start({ fingerprint: 'off' }, { departments: { list: async () => ({ departments: live, online: true }) } });
      await throughChip(flow);
      expect(flow.view.view).toMatchObject({ screen: 'chooseDepartment', source: 'central', departments: [{ id: 'mat' }] });
    });

    it("shows the central service's waits and closed departments, refuses a closed one, and prints the service's room and prefix", async () => {
      const source = new FallbackDepartmentSource(new CentralDepartmentList(rig.central!.client()), DEPARTMENTS);
      const flow = start({ fingerprint: 'off' }, { departments: source });
      await throughChip(flow);
      const choose = flow.view.view;
      expect(choose).toMatchObject({ screen: 'chooseDepartment', source: 'central' });
      if (choose.screen !== 'chooseDepartment') throw new Error('not on the department screen');
      expect(choose.departments.find((d) => d.id === 'kham-noi')).toEqual({ id: 'kham-noi', name: { vi: 'Khám Nội', en: 'Internal medicine', zh: '内科' }, waitMinutes: 25, available: true });
      expect(choose.departments.find((d) => d.id === 'rang-ham-mat')).toEqual({ id: 'rang-ham-mat', name: { vi: 'Răng Hàm Mặt', en: 'Dentistry', zh: '口腔科' }, available: false });

      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'rang-ham-mat' });
      expect(flow.view.view).toMatchObject({ screen: 'chooseDepartment' });
      expect(flow.snapshot.context.session.department).toBeUndefined();

      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'xet-nghiem' });
      expect(flow.view.view).toMatchObject({ screen: 'confirm', department: { id: 'xet-nghiem', available: true } });
      flow.send({ type: 'CONFIRM' });
      await reach(flow, 'done');
      expect(flow.view.view).toMatchObject({ screen: 'done', printed: true, ticket: { queueNumber: 'XN001', lines: expect.arrayContaining(['Khoa: Xét nghiệm — Tầng 1']) } });
      expect((await savedRecord(flow))?.visit).toEqual({ departmentId: 'xet-nghiem', ticketNumber: 'XN001' });
    });
  });

  describe('BACK and CANCEL', () => {
    it('go back one step from the present-card, department and confirm screens', async () => {
      const flow = start({ fingerprint: 'off' });
      flow.send({ type: 'START' });
      flow.send({ type: 'BACK' });
      expect(flow.view.state).toBe('welcome');

      await throughChip(flow);
      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      flow.send({ type: 'BACK' });
      expect(flow.view.view).toMatchObject({ screen: 'chooseDepartment' });
      expect(flow.snapshot.context.session.department).toBeUndefined();
      flow.send({ type: 'BACK' });
      expect(flow.view.view).toMatchObject({ screen: 'presentCard', notice: { en: expect.stringContaining('scan') } });
      expect(flow.snapshot.context.session.read).toBeUndefined();
    });

    it('go back from reading and from the fingerprint to the present-card screen without the scan', async () => {
      const flow = start();
      rig.reader.setLatency(20);
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      rig.insert(createChip('cccd'));
      await reach(flow, 'reading');
      flow.send({ type: 'BACK' });
      expect(flow.view.state).toBe('presentCard');
      expect(flow.snapshot.context.session.scan).toBeUndefined();

      rig.reader.setLatency(0);
      rig.fingerCondition = undefined;
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      await reach(flow, 'fingerprint');
      flow.send({ type: 'BACK' });
      expect(flow.view.state).toBe('presentCard');
      expect(flow.snapshot.context.session).toEqual(EMPTY_SESSION);
    });

    it('cancel from any step returns to welcome with no personal data left', async () => {
      const flow = start({ fingerprint: 'off' });
      await throughChip(flow);
      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      flow.send({ type: 'CANCEL' });
      expect(flow.view.state).toBe('welcome');
      const text = dump(flow.snapshot.context) + dump(flow.view);
      for (const s of PERSONAL_STRINGS) expect(text).not.toContain(s);
    });
  });

  describe('errors that end in a useful outcome', () => {
    it('says the card does not match the scanned QR (wrong card) and reads the right one on retry', async () => {
      const flow = start({ fingerprint: 'off' });
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(OTHER_QR_TEXT);
      rig.insert(createChip('cccd'));
      await reach(flow, 'error');
      expect(flow.view.view).toMatchObject({ screen: 'error', code: 'WRONG_CARD', outcome: 'retry' });
      expect(flow.view.actions).toEqual(expect.arrayContaining(['flow.retry', 'flow.back', 'flow.cancel']));

      flow.send({ type: 'RETRY' });
      expect(flow.view.view).toMatchObject({ screen: 'presentCard' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      await reach(flow, 'chooseDepartment');
    });

    it('sends a patient whose chip fails passive authentication to the desk', async () => {
      const flow = start({ fingerprint: 'off' });
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      rig.insert(createChip('cccd', { faults: { tamper: { dataGroup: 2 } } }));
      await reach(flow, 'error');
      expect(flow.view.view).toMatchObject({ screen: 'error', code: 'CHIP_NOT_GENUINE', outcome: 'desk' });
    });

    it('waits for a card lifted mid-read and goes on when it comes back', async () => {
      const flow = start({ fingerprint: 'off' });
      const chip = createChip('cccd', { faults: { cardLostAtApdu: 14 } });
      const lost = new Promise<void>((resolve) => flow.onDidChangeView((m) => m.view.screen === 'reading' && m.view.cardLost && resolve()));
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      const fractions: number[] = [];
      flow.onDidChangeView((model) => {
        if (model.view.screen === 'reading') fractions.push(model.view.fraction);
      });
      rig.insert(chip);
      await lost;
      rig.insert(chip);
      await reach(flow, 'chooseDepartment');
      // The resumed read re-announces the file it was in: the bar holds, it does not jump back.
      expect(fractions).toEqual(fractions.toSorted((a, b) => a - b));
    });

    it('says the card was removed when it does not come back, and reads it when presented again', async () => {
      await rig.close();
      rig = await FlowRig.start({ resumeWithinMs: 100 });
      const flow = start({ fingerprint: 'off' });
      const chip = createChip('cccd', { faults: { cardLostAtApdu: 14 } });
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      rig.insert(chip);
      await reach(flow, 'error');
      expect(flow.view.view).toMatchObject({ screen: 'error', code: 'CARD_REMOVED' });
      flow.send({ type: 'RETRY' });
      expect(flow.view.state).toBe('presentCard');
      rig.insert(chip);
      await reach(flow, 'chooseDepartment');
    });

    it('shows what to do after an unusable fingerprint and tries again, then sends the patient to the desk', async () => {
      const flow = start({ fingerprint: 'required', fingerprintAttempts: 2 });
      rig.fingerCondition = 'dry';
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      rig.insert(createChip('cccd'));
      await reach(flow, 'fingerprint.retryWait');
      expect(flow.view.view).toMatchObject({ screen: 'fingerprint', phase: 'retry', attempt: 1, hint: { en: expect.stringContaining('dry') } });
      flow.send({ type: 'RETRY' });
      await reach(flow, 'error');
      expect(flow.view.view).toMatchObject({ screen: 'error', code: 'FINGERPRINT_NOT_CONFIRMED', outcome: 'desk' });
      flow.send({ type: 'RETRY' });
      expect(flow.view.state.startsWith('fingerprint')).toBe(true);
    });

    it('goes on without an optional fingerprint that cannot be read', async () => {
      const flow = start({ fingerprint: 'optional', fingerprintAttempts: 1 });
      rig.fingerCondition = 'smudged';
      await throughChip(flow);
      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      expect(flow.view.view).toMatchObject({ screen: 'confirm', fingerprint: 'skipped' });
    });

    it('sends the patient to the desk when the fingerprint does not match the holder', async () => {
      const flow = start({ fingerprint: 'required', fingerprintAttempts: 2 }, { matcher: { match: async () => 'not-matched' } });
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      rig.insert(createChip('cccd'));
      await reach(flow, 'fingerprint.retryWait');
      expect(flow.view.view).toMatchObject({ screen: 'fingerprint', phase: 'mismatch' });
      rig.clock.increment(2_500);
      await reach(flow, 'error');
      expect(flow.view.view).toMatchObject({ screen: 'error', code: 'FINGERPRINT_MISMATCH', outcome: 'desk' });
    });

    it('records a matched fingerprint when the matcher confirms it', async () => {
      const flow = start({ fingerprint: 'required' }, { matcher: { match: async () => 'matched' } });
      await throughChip(flow);
      expect(flow.snapshot.context.session.fingerprintVerdict).toBe('matched');
    });

    it('keeps the check-in and shows its queue number when the printer is out of paper', async () => {
      rig.printerSim.setPaperOut(true);
      const flow = start({ fingerprint: 'off' });
      await throughChip(flow);
      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      flow.send({ type: 'CONFIRM' });
      await reach(flow, 'done');

      expect(flow.view.view).toMatchObject({ screen: 'done', printed: false, ticket: { queueNumber: 'A001' }, message: { en: expect.stringContaining('show the queue number') } });
      expect(flow.snapshot.context.problem?.code).toBe('PAPER_OUT');
      expect(await savedRecord(flow)).toMatchObject({ visit: { ticketNumber: 'A001' } });
      expect(rig.printerSim.tickets).toHaveLength(0);
    });

    it('checks in offline with the kiosk’s own assurance when the central service is down', async () => {
      const verifier = rig.verifier();
      await rig.goOffline();
      const flow = start({ fingerprint: 'off' }, { verifier });
      await throughChip(flow);
      expect(flow.snapshot.context.offline).toBe(true);
      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      flow.send({ type: 'CONFIRM' });
      await reach(flow, 'done');
      expect(flow.view.view).toMatchObject({ screen: 'done', printed: true, queuedOffline: true });
      expect(await savedRecord(flow)).toMatchObject({ assurance: 'PA_AA_OR_CA', verdicts: { passive: 'passed' } });
    });

    it('tells the patient to go to the desk when the check-in cannot be saved', async () => {
      const outbox = { enqueue: () => Promise.reject(new StoreError('STORE_FULL', 'the database is full')) };
      const flow = start({ fingerprint: 'off' }, { outbox });
      await throughChip(flow);
      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      flow.send({ type: 'CONFIRM' });
      await reach(flow, 'error');
      expect(flow.view.view).toMatchObject({ screen: 'error', message: { en: 'Your check-in cannot be saved. Please go to the desk.' }, outcome: 'desk' });
      expect(flow.snapshot.context.problem?.code).toBe('STORE_FULL');
      expect(rig.printerSim.tickets).toHaveLength(0);
    });
  });

  describe('timeouts and the idle reset', () => {
    it('returns to welcome when nobody presents a card', () => {
      const flow = start();
      flow.send({ type: 'START' });
      rig.clock.increment(59_000);
      expect(flow.view.state).toBe('presentCard');
      flow.send({ type: 'ACTIVITY' });
      rig.clock.increment(59_000);
      expect(flow.view.state).toBe('presentCard');
      rig.clock.increment(1_000);
      expect(flow.view.state).toBe('welcome');
    });

    it('wipes the person from the machine and the screen when a department is never chosen', async () => {
      const flow = start();
      await throughChip(flow);
      expect(dump(flow.view)).toContain('NGUYỄN VĂN THỬ');
      const photo = flow.snapshot.context.session.identity?.photo?.bytes;
      expect(flow.view.timeoutMs).toBe(60_000);

      rig.clock.increment(60_000);
      expect(flow.view.state).toBe('welcome');
      expect(flow.snapshot.context.session).toEqual(EMPTY_SESSION);
      const text = dump(flow.snapshot.context) + dump(flow.view);
      for (const s of PERSONAL_STRINGS) expect(text).not.toContain(s);
      expect(photo?.every((b) => b === 0)).toBe(true);
    });

    it('resets from any step on RESET', async () => {
      const flow = start({ fingerprint: 'off' });
      await throughChip(flow);
      flow.send({ type: 'SET_LANGUAGE', language: 'en' });
      flow.send({ type: 'RESET' });
      expect(flow.view).toMatchObject({ state: 'welcome', language: 'vi' });
      expect(flow.snapshot.context.session).toEqual(EMPTY_SESSION);
    });

    it('gives up on a finger that never comes and sends the patient to the desk after the last attempt', async () => {
      const flow = start({ fingerprint: 'required', fingerprintAttempts: 2, timeouts: { fingerprintMs: 200 } });
      rig.fingerCondition = undefined;
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(CCCD_QR_TEXT);
      rig.insert(createChip('cccd'));
      await reach(flow, 'fingerprint.retryWait');
      expect(flow.snapshot.context.problem?.code).toBe('TIMEOUT');
      rig.clock.increment(2_500);
      await reach(flow, 'error');
      expect(flow.view.view).toMatchObject({ code: 'FINGERPRINT_NOT_CONFIRMED' });
    });

    it('leaves an error screen and a done screen by themselves', async () => {
      const flow = start({ fingerprint: 'off' });
      flow.send({ type: 'START' });
      await rig.scannerSim.scanQr(OTHER_QR_TEXT);
      rig.insert(createChip('cccd'));
      await reach(flow, 'error');
      rig.clock.increment(30_000);
      expect(flow.view.state).toBe('welcome');

      rig.reader.removeCard();
      await throughChip(flow);
      flow.send({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
      flow.send({ type: 'CONFIRM' });
      await reach(flow, 'done');
      rig.clock.increment(10_000);
      expect(flow.view.state).toBe('welcome');
    });
  });
});
