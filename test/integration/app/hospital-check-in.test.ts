// The kiosk core end to end through the contract, as the demo's screen and control panel drive it: the
// real composition root over the simulators, the central simulator on loopback, the SQLite store in a
// temporary folder.

import { afterEach, describe, expect, it } from 'vitest';
import { hasPersonalData } from '../../../electron/contract/index.ts';
import { startCoreRig, type CoreRig } from './kiosk-core-rig.ts';

let rig: CoreRig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('startKioskCore (hospital flow, demo profile)', () => {
  it('greets a screen with the kiosk and the welcome snapshot', async () => {
    rig = await startCoreRig();
    const screen = await rig.screen();
    const hello = screen.client.messages.find((m) => m.type === 'ok');
    expect(hello).toMatchObject({ result: { kind: 'hello', kiosk: { kioskId: 'demo-kiosk', flow: 'hospital', languages: ['vi', 'en', 'zh'], demo: true } } });
    const welcome = await screen.reach('welcome');
    expect(welcome).toMatchObject({ flow: 'hospital', language: 'vi', actions: expect.arrayContaining(['flow.start']), kioskId: 'demo-kiosk', view: { screen: 'welcome' } });
    expect(welcome.banners.map((b) => b.kind)).toEqual(['demo']);
    expect(hasPersonalData(welcome)).toBe(false);
  });

  it('checks a patient in from the card to a printed ticket, saved and synced to the central service', async () => {
    rig = await startCoreRig();
    const screen = await rig.screen();
    await screen.reach('welcome');
    await screen.ok({ type: 'demo.removeCard' });
    await screen.ok({ type: 'flow.start' });
    await screen.reach('presentCard');
    await screen.ok({ type: 'demo.scanDocument', kind: 'qr', profile: 'cccd' });
    await screen.ok({ type: 'demo.insertCard', profile: 'cccd' });
    const reading = await screen.reach('reading');
    expect(reading.view.screen).toBe('reading');
    // Nobody touches the scanner: the flow waits for the panel to place the finger.
    const finger = await screen.reach('fingerprint');
    expect(finger.view).toMatchObject({ screen: 'fingerprint', holder: { fullName: expect.any(String) } });
    await screen.ok({ type: 'demo.placeFinger', outcome: 'match' });
    const choose = await screen.reach('chooseDepartment');
    expect(choose.actions).toContain('flow.chooseDepartment');
    expect(hasPersonalData(choose)).toBe(true);
    await screen.ok({ type: 'flow.chooseDepartment', departmentId: 'kham-noi' });
    await screen.reach('confirm');
    await screen.ok({ type: 'flow.confirm' });
    const done = await screen.reach('done');
    expect(done.view).toMatchObject({ screen: 'done', printed: true, queuedOffline: false, ticket: { queueNumber: 'K001' } });

    const sync = await screen.event('sync', (e) => e.queue.accepted === 1);
    expect(sync.queue).toMatchObject({ pending: 0, accepted: 1 });
    expect(rig.core.services.centralSimulator()?.counts().stored).toBe(1);
    const stored = await rig.core.services.store.snapshot();
    expect(stored.counts).toMatchObject({ accepted: 1 });
  });

  it('checks a patient in from the front QR alone when the patient chooses the QR', async () => {
    rig = await startCoreRig({ env: { KIOSK_HOSPITAL_FINGERPRINT: 'off' } });
    const screen = await rig.screen();
    await screen.reach('welcome');
    await screen.ok({ type: 'demo.removeCard' });
    await screen.ok({ type: 'flow.useQr' });
    await screen.reach('presentCard');
    await screen.ok({ type: 'demo.scanDocument', kind: 'qr', profile: 'cccd' });
    await screen.reach('chooseDepartment');
    await screen.ok({ type: 'flow.chooseDepartment', departmentId: 'nhi' });
    await screen.ok({ type: 'flow.confirm' });
    const done = await screen.reach('done');
    expect(done.view).toMatchObject({ screen: 'done', printed: true, ticket: { queueNumber: 'N001' } });
  });

  it('refuses an intent the screen does not offer, naming the state', async () => {
    rig = await startCoreRig();
    const screen = await rig.screen();
    await screen.reach('welcome');
    const reply = await screen.request({ type: 'flow.confirm' });
    expect(reply).toMatchObject({ type: 'error', error: { code: 'NOT_ALLOWED', reason: 'welcome' } });
    expect(await screen.request({ type: 'flow.activity' })).toMatchObject({ type: 'ok', result: { kind: 'accepted' } });
  });
});
