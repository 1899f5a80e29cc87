// The department step through the running kiosk core (demo profile, `departmentsFromCentral: true`):
// the list comes from the central-service simulator on loopback, with its waits and its closed
// department, and from the config when the service is off the network.

import { afterEach, describe, expect, it } from 'vitest';
import type { StateSnapshot } from '../../../electron/contract/index.ts';
import { SYNTHETIC_DEPARTMENTS } from '../../../native/sim/central/synthetic-departments.ts';
import { demoConfig, startCoreRig, type CoreRig, type KioskScreen } from './kiosk-core-rig.ts';

let rig: CoreRig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** From the welcome screen (already reached) to the department step with the front QR alone (fingerprint off). */
async function toDepartments(screen: KioskScreen): Promise<Extract<StateSnapshot['view'], { screen: 'chooseDepartment' }>> {
  await screen.ok({ type: 'demo.removeCard' });
  await screen.ok({ type: 'flow.useQr' });
  await screen.reach('presentCard');
  await screen.ok({ type: 'demo.scanDocument', kind: 'qr', profile: 'cccd' });
  const snapshot = await screen.reach('chooseDepartment');
  if (snapshot.view.screen !== 'chooseDepartment') throw new Error(`expected the department screen, got ${snapshot.view.screen}`);
  return snapshot.view;
}

describe('startKioskCore (hospital flow, departments from the central service)', () => {
  it("lists the central service's departments with their waits, and takes a patient only to an open one", async () => {
    rig = await startCoreRig({ env: { KIOSK_HOSPITAL_FINGERPRINT: 'off' } });
    const screen = await rig.screen();
    await screen.reach('welcome');
    const view = await toDepartments(screen);

    expect(view.source).toBe('central');
    expect(view.departments).toEqual(
      SYNTHETIC_DEPARTMENTS.map((d) => ({ id: d.id, name: d.name, ...(d.waitMinutes === undefined ? {} : { waitMinutes: d.waitMinutes }), available: d.available })),
    );
    expect(view.departments.find((d) => d.id === 'kham-noi')).toMatchObject({ waitMinutes: 25, available: true });
    expect(view.departments.find((d) => d.id === 'rang-ham-mat')).toMatchObject({ available: false });
    expect(rig.core.services.centralSimulator()?.counts().byOperation.listDepartments).toBe(1);

    // The closed department is accepted as an intent but not taken: the screen stays, so choosing an
    // open one next is still offered (it would be refused NOT_ALLOWED from the confirm screen).
    await screen.ok({ type: 'flow.chooseDepartment', departmentId: 'rang-ham-mat' });
    await screen.ok({ type: 'flow.chooseDepartment', departmentId: 'mat' });
    const confirm = await screen.reach('confirm');
    expect(confirm.view).toMatchObject({ screen: 'confirm', department: { id: 'mat', waitMinutes: 5, available: true } });
    await screen.ok({ type: 'flow.confirm' });
    const done = await screen.reach('done');
    expect(done.view).toMatchObject({ screen: 'done', printed: true, queuedOffline: false, ticket: { queueNumber: 'M001', lines: expect.arrayContaining(['Khoa: Mắt — Phòng 207']) } });
  });

  it("lists the config's departments, without waits, while the central service is off the network", async () => {
    rig = await startCoreRig({ env: { KIOSK_HOSPITAL_FINGERPRINT: 'off' } });
    const screen = await rig.screen();
    await screen.reach('welcome');
    await screen.ok({ type: 'demo.setCentral', online: false });
    await screen.reach((s) => s.banners.some((b) => b.kind === 'offline'));
    const view = await toDepartments(screen);

    expect(view.source).toBe('config');
    const configured = (await demoConfig(rig.dataDir)).config.flows.hospital?.departments ?? [];
    expect(configured.length).toBeGreaterThan(0);
    expect(view.departments).toEqual(configured.map((d) => ({ id: d.id, name: d.name, available: true })));
  });
});
