// The kiosk core through the contract when things go their other ways: the border gate's pass and its
// refusal of a tampered chip, a check-in while the central service is down that syncs when it returns,
// a card lifted mid-read and presented again, and the idle reset after the screen has gone.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasPersonalData } from '../../../electron/contract/index.ts';
import { loadKioskConfig, profileConfigFile } from '../../../electron/core/config/load-kiosk-config.ts';
import { startCoreRig, type CoreRig } from './kiosk-core-rig.ts';

let rig: CoreRig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('startKioskCore (border-gate flow, demo profile)', () => {
  it('opens the gate for a traveller with a genuine passport and a matching finger', async () => {
    rig = await startCoreRig({ env: { KIOSK_FLOW: 'border-gate' } });
    const screen = await rig.screen();
    const idle = await screen.reach('idle');
    expect(idle).toMatchObject({ flow: 'border-gate', languages: ['vi', 'en', 'zh'] });
    await screen.ok({ type: 'demo.removeCard' });
    await screen.ok({ type: 'flow.start' });
    await screen.reach('presentDocument');
    await screen.ok({ type: 'demo.scanDocument', kind: 'mrz', profile: 'passport-td3' });
    await screen.ok({ type: 'demo.insertCard', profile: 'passport-td3' });
    await screen.reach('fingerprint');
    await screen.ok({ type: 'demo.placeFinger', outcome: 'match' });
    const verdict = await screen.reach((s) => s.view.screen === 'verdict');
    expect(verdict.view).toMatchObject({ screen: 'verdict', decision: 'open' });
  });

  it('sends a traveller with a tampered chip to a booth with the reason code for the officer', async () => {
    rig = await startCoreRig({ env: { KIOSK_FLOW: 'border-gate' } });
    const screen = await rig.screen();
    await screen.reach('idle');
    await screen.ok({ type: 'demo.removeCard' });
    await screen.ok({ type: 'flow.start' });
    await screen.ok({ type: 'demo.scanDocument', kind: 'mrz', profile: 'cccd' });
    await screen.ok({ type: 'demo.insertCard', profile: 'cccd', tampered: true });
    const verdict = await screen.reach((s) => s.view.screen === 'verdict');
    expect(verdict.view).toMatchObject({ screen: 'verdict', decision: 'booth', booth: expect.any(String), reasonCode: expect.stringMatching(/^[A-Z_]+$/) });
  });
});

describe('startKioskCore (hospital flow, faults)', () => {
  it('queues a check-in while the central service is down and syncs it when the service returns', async () => {
    rig = await startCoreRig({ env: { KIOSK_HOSPITAL_FINGERPRINT: 'off' } });
    const screen = await rig.screen();
    await screen.reach('welcome');
    await screen.ok({ type: 'demo.setCentral', online: false });
    const offline = await screen.reach((s) => s.banners.some((b) => b.kind === 'offline'));
    expect(offline.banners.map((b) => b.kind)).toEqual(['offline', 'demo']);
    await screen.ok({ type: 'flow.start' });
    await screen.ok({ type: 'demo.scanDocument', kind: 'qr', profile: 'cccd' });
    await screen.reach('chooseDepartment');
    await screen.ok({ type: 'flow.chooseDepartment', departmentId: 'mat' });
    await screen.ok({ type: 'flow.confirm' });
    const done = await screen.reach('done');
    expect(done.view).toMatchObject({ screen: 'done', queuedOffline: true, printed: true });
    await screen.event('sync', (e) => e.queue.pending + e.queue.sending === 1);

    await screen.ok({ type: 'demo.setCentral', online: true });
    const synced = await screen.event('sync', (e) => e.queue.accepted === 1);
    expect(synced.queue).toMatchObject({ pending: 0, sending: 0, accepted: 1 });
    expect(rig.core.services.centralSimulator()?.counts().stored).toBe(1);
    await screen.reach((s) => !s.banners.some((b) => b.kind === 'offline'));
  });

  it('goes on reading when a card lifted mid-read is presented again', async () => {
    // A reader at contactless speed, so the read lasts long enough to lift the card in the middle of it.
    rig = await startCoreRig({
      env: { KIOSK_HOSPITAL_FINGERPRINT: 'off' },
      config: (dataDir) => {
        const override = join(dataDir, 'slow-reader.yaml');
        writeFileSync(
          override,
          [
            'devices:',
            '  - { id: card-reader, role: cardReader, driver: sim, options: { card: none, latencyMs: 15 } }',
            '  - { id: fingerprint, role: fingerprint, driver: sim }',
            '  - { id: document-scanner, role: documentScanner, driver: sim }',
            '  - { id: printer, role: printer, driver: sim }',
          ].join('\n'),
        );
        return loadKioskConfig({ file: profileConfigFile('demo'), overrideFile: override, env: { KIOSK_DATA_DIR: dataDir, KIOSK_HOSPITAL_FINGERPRINT: 'off' } });
      },
    });
    const screen = await rig.screen();
    await screen.reach('welcome');
    await screen.ok({ type: 'flow.start' });
    await screen.ok({ type: 'demo.scanDocument', kind: 'qr', profile: 'cccd' });
    await screen.ok({ type: 'demo.insertCard', profile: 'cccd' });
    await screen.reach((s) => s.view.screen === 'reading' && s.view.step === 'photo');
    await screen.ok({ type: 'demo.removeCard' });
    const lost = await screen.reach((s) => s.view.screen === 'reading' && s.view.cardLost);
    expect(lost.state).toMatch(/^reading/);
    await screen.ok({ type: 'demo.insertCard', profile: 'cccd' });
    const choose = await screen.reach('chooseDepartment');
    expect(choose.view).toMatchObject({ screen: 'chooseDepartment', holder: { documentKind: 'CCCD' } });
  });

  it('resets the flow and wipes the person from the snapshot once no screen has been connected for the idle period', async () => {
    rig = await startCoreRig({ env: { KIOSK_HOSPITAL_FINGERPRINT: 'off' }, idleResetMs: 300 });
    const screen = await rig.screen();
    await screen.reach('welcome');
    await screen.ok({ type: 'flow.start' });
    await screen.ok({ type: 'demo.scanDocument', kind: 'qr', profile: 'cccd' });
    const choose = await screen.reach('chooseDepartment');
    expect(hasPersonalData(choose)).toBe(true);
    // A local agent watches; it is no screen, so it does not hold the person's data on the kiosk.
    const agent = await rig.screen('agent');
    await agent.ok({ type: 'flow.activity' });
    await screen.client.close();
    const welcome = await agent.reach('welcome');
    expect(welcome.view.screen).toBe('welcome');
    expect(hasPersonalData(welcome)).toBe(false);
    expect(JSON.stringify(welcome)).not.toMatch(/NGUY|001099012345/i);
  });
});
