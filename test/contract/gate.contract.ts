// The Gate contract (native/hal/gate.ts), written once and run against ModbusGate over each path to the
// Modbus RTU slave simulator: an in-process link (test/integration) and a socat PTY pair (test/peer).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeviceTimeoutError } from '../../native/hal/errors.ts';
import { GateError, type Gate } from '../../native/hal/gate.ts';
import type { ModbusGateSim } from '../../native/sim/serial/modbus-gate-sim.ts';
import { until } from '../helpers/serial-fixtures.ts';

export interface GateHarness {
  /** Built with pulseMs 50, responseTimeoutMs of 300 and retries 1. */
  readonly gate: Gate & { readonly stats: { readonly retries: number } };
  /** Door closes 1 s after the coil is switched on (long enough to read it open under load). */
  readonly sim: ModbusGateSim;
  close(): Promise<void>;
}

export function gateContract(name: string, harness: () => Promise<GateHarness>): void {
  describe(`Gate contract (${name})`, () => {
    let h: GateHarness;

    beforeAll(async () => {
      h = await harness();
      await h.gate.open();
    });
    afterAll(() => h.close());
    beforeEach(async () => {
      h.sim.setFault(undefined);
      await until(() => h.sim.doorClosed, 'the door to close');
    });

    it('is ready once open and reads the door closed', async () => {
      expect(h.gate.health.state).toBe('ready');
      expect(await h.gate.isDoorClosed()).toBe(true);
    });

    it('opens the door with a pulse on the open coil, then switches the coil off', async () => {
      const pulses = h.sim.counts.pulses;
      await h.gate.pulse();
      expect(h.sim.counts.pulses).toBe(pulses + 1);
      expect(h.sim.coil(h.sim.openCoil)).toBe(false);
      expect(await h.gate.isDoorClosed()).toBe(false);
      await until(() => h.sim.doorClosed, 'the door to close again');
      expect(await h.gate.isDoorClosed()).toBe(true);
    });

    it('fires onDidChangeDoor when a read finds the door changed', async () => {
      const seen: boolean[] = [];
      const sub = h.gate.onDidChangeDoor((closed) => seen.push(closed));
      await h.gate.isDoorClosed();
      h.sim.setDoorClosed(false);
      await h.gate.isDoorClosed();
      h.sim.setDoorClosed(true);
      await h.gate.isDoorClosed();
      sub.dispose();
      expect(seen).toEqual([false, true]);
    });

    it('maps an exception reply to GateError MODBUS_EXCEPTION with its code, and faults', async () => {
      h.sim.setFault({ kind: 'exception', code: 4 });
      const error = await h.gate.pulse().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GateError);
      expect(error).toMatchObject({ code: 'MODBUS_EXCEPTION', exceptionCode: 4 });
      expect((error as GateError).message).toMatch(/SERVER DEVICE FAILURE/);
      expect(h.gate.health).toMatchObject({ state: 'faulted', reason: 'MODBUS_EXCEPTION' });
      h.sim.setFault(undefined);
      await h.gate.isDoorClosed();
      expect(h.gate.health.state).toBe('ready');
    });

    it('retries a reply with a bad CRC and succeeds', async () => {
      const retries = h.gate.stats.retries;
      h.sim.setFault({ kind: 'bad-crc' }, 1);
      expect(await h.gate.isDoorClosed()).toBe(true);
      expect(h.gate.stats.retries).toBe(retries + 1);
    });

    it('gives up on a silent controller with a timeout telling the traveller to use the booth', async () => {
      h.sim.setFault({ kind: 'no-answer' });
      const error = await h.gate.isDoorClosed().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceTimeoutError);
      expect((error as DeviceTimeoutError).userMessage.zh).toMatch(/人工/);
      expect(h.gate.health).toMatchObject({ state: 'faulted', reason: 'NOT_RESPONDING' });
    });

    it('reports bad CRCs that outlast the retries as MODBUS_BAD_CRC', async () => {
      h.sim.setFault({ kind: 'bad-crc' });
      const error = await h.gate.isDoorClosed().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MODBUS_BAD_CRC' });
    });

    it('passes its self-test: read, pulse and read back the door opened', async () => {
      const result = await h.gate.selfTest();
      expect(result.ok).toBe(true);
      expect(result.steps.map((s) => s.name)).toEqual(['port open', 'read door', 'pulse', 'read back']);
    });
  });
}
