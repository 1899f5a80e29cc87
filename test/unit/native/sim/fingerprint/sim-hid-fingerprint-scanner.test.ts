import { describe, expect, it } from 'vitest';
import { HidByteLink } from '../../../../../native/drivers/hid/hid-byte-link.ts';
import { createSimFingerprintScanner } from '../../../../../native/sim/fingerprint/create-sim-fingerprint-scanner.ts';
import { KEEP_WRITTEN_REPORTS, SimHidBus, SimHidDevice } from '../../../../../native/sim/fingerprint/sim-hid-device.ts';
import { KEEP_COMMANDS, SimR30xDevice } from '../../../../../native/sim/fingerprint/sim-r30x-device.ts';
import { encodeR30xPacket, R30xPacketId } from '../../../../../native/drivers/fingerprint/r30x/r30x-packet.ts';
import { R30xInstruction } from '../../../../../native/drivers/fingerprint/r30x/r30x-instructions.ts';
import { concat, fromHex, toHex } from '../../../../../native/util/bytes.ts';
import { fingerprintScannerContract } from '../../../../contract/fingerprint-scanner.contract.ts';

fingerprintScannerContract('R30x over HID reports, simulated module', async () => {
  const { scanner, device, bus } = createSimFingerprintScanner({ options: { commandTimeoutMs: 500, packetTimeoutMs: 300 } });
  return {
    scanner,
    place: (condition) => device.placeFinger(condition),
    lift: () => device.liftFinger(),
    corruptNextPackets: (count) => device.failNextChecksum(count),
    disconnectMidUpload: () => device.disconnectMidUpload(),
    replug: () => bus.plugIn(),
    close: async () => device.dispose(),
  };
});

describe('HidByteLink over SimHidDevice', () => {
  it('carries a command in one report with report id 0 and gets the answer back', async () => {
    const device = new SimR30xDevice();
    const hid = new SimHidDevice(device);
    const link = new HidByteLink(hid, 'sim');
    const received: Uint8Array[] = [];
    link.onDidReceive((bytes) => received.push(bytes));
    await link.write(encodeR30xPacket({ address: 0xffffffff, pid: R30xPacketId.COMMAND, payload: fromHex('01') }));
    await new Promise((r) => setTimeout(r, 10));
    expect(toHex(hid.writtenReports[0]!.subarray(0, 14))).toBe('000CEF01FFFFFFFF010003010005');
    expect(hid.writtenReports[0]!.length).toBe(65);
    expect(toHex(concat(...received))).toBe('EF01FFFFFFFF07000302000C');
  });

  it('fires onDidDisconnect once and rejects writes after the device reports a read error', async () => {
    const device = new SimR30xDevice();
    const hid = new SimHidDevice(device);
    const link = new HidByteLink(hid, 'sim');
    const causes: Error[] = [];
    link.onDidDisconnect((cause) => causes.push(cause));
    hid.unplug();
    hid.unplug();
    expect(causes.map((c) => c.message)).toEqual(['could not read from HID device']);
    expect(link.isOpen).toBe(false);
    await expect(link.write(fromHex('00'))).rejects.toMatchObject({ code: 'FINGERPRINT_DISCONNECTED' });
  });

  it('keeps only the latest reports and commands however many the host sends, each report in memory of its own', async () => {
    const device = new SimR30xDevice();
    const hid = new SimHidDevice(device);
    const link = new HidByteLink(hid, 'sim');
    const sent = KEEP_COMMANDS + 44;
    for (let i = 0; i < sent; i++) await link.write(encodeR30xPacket({ address: 0xffffffff, pid: R30xPacketId.COMMAND, payload: Uint8Array.of(R30xInstruction.READ_SYS_PARA) }));
    await device.whenIdle();
    expect(hid.reportsWritten).toBe(sent);
    expect(hid.writtenReports).toHaveLength(KEEP_WRITTEN_REPORTS);
    // A slice of Node's 8 KB Buffer pool would keep the whole slab alive for 65 bytes.
    expect(hid.writtenReports.map((report) => report.buffer.byteLength)).toEqual(new Array(KEEP_WRITTEN_REPORTS).fill(65));
    expect(toHex(hid.writtenReports.at(-1)!.subarray(0, 14))).toBe('000CEF01FFFFFFFF0100030F0013');
    expect(device.commands).toEqual(new Array(KEEP_COMMANDS).fill(R30xInstruction.READ_SYS_PARA));
  });

  it('drops a malformed input report and counts it', () => {
    const hid = new SimHidDevice(new SimR30xDevice());
    const link = new HidByteLink(hid, 'sim');
    hid.emit('data', Buffer.alloc(10));
    expect(link.malformedReports).toBe(1);
  });
});

describe('SimHidBus', () => {
  it('refuses to open while unplugged or for another vendor and product id, as node-hid would', async () => {
    const bus = new SimHidBus(new SimR30xDevice());
    await expect(bus.open({ vendorId: 1, productId: 2 })).rejects.toMatchObject({ code: 'HID_DEVICE_NOT_FOUND' });
    bus.unplug();
    await expect(bus.open(bus.endpoint)).rejects.toMatchObject({ code: 'HID_DEVICE_NOT_FOUND' });
    bus.plugIn();
    await expect(bus.open(bus.endpoint)).resolves.toBeInstanceOf(SimHidDevice);
  });
});

describe('ProtocolFingerprintScanner health', () => {
  it('is faulted with WRONG_PASSWORD when the module refuses the configured password', async () => {
    const { scanner } = createSimFingerprintScanner({ device: { password: 1 }, options: { password: 2 } });
    await expect(scanner.open()).rejects.toMatchObject({ code: 'R30X_WRONG_PASSWORD' });
    expect(scanner.health).toMatchObject({ state: 'faulted', reason: 'WRONG_PASSWORD' });
    scanner.dispose();
  });

  it('is faulted with PROTOCOL_ERRORS after corrupt packets outlast the retries, and ready after the next good capture', async () => {
    const { scanner, device } = createSimFingerprintScanner({ options: { retries: 1, packetTimeoutMs: 200 } });
    await scanner.open();
    device.placeFinger('good');
    device.failNextChecksum(1000);
    await expect(scanner.capture({ timeoutMs: 2000 })).rejects.toMatchObject({ code: 'R30X_BAD_CHECKSUM' });
    expect(scanner.health).toMatchObject({ state: 'faulted', reason: 'PROTOCOL_ERRORS' });
    device.failNextChecksum(0);
    await scanner.capture({ timeoutMs: 2000 });
    expect(scanner.health.state).toBe('ready');
    scanner.dispose();
  });

  it('is faulted with NO_ANSWER when the module stops answering, and re-runs the handshake next time', async () => {
    const { scanner, device, bus } = createSimFingerprintScanner({ options: { commandTimeoutMs: 100 } });
    await scanner.open();
    device.setLatency(300);
    await expect(scanner.capture({ timeoutMs: 1000 })).rejects.toMatchObject({ code: 'TIMEOUT', userMessageKey: 'FINGERPRINT_UNAVAILABLE' });
    expect(scanner.health).toMatchObject({ state: 'faulted', reason: 'NO_ANSWER' });
    device.setLatency(0);
    await new Promise((r) => setTimeout(r, 700)); // let the late answers drain
    await scanner.open();
    expect(scanner.health.state).toBe('ready');
    expect(bus.openCount).toBe(2);
    scanner.dispose();
  });

  it('captures on a module without the LED ring, asking for the LED only once', async () => {
    const { scanner, device } = createSimFingerprintScanner({ device: { auraLed: false } });
    device.placeFinger('good');
    await scanner.capture({ timeoutMs: 2000 });
    await scanner.capture({ timeoutMs: 2000 });
    const ledCommands = device.commands.filter((c) => c === 0x35).length;
    expect(ledCommands).toBe(3); // the first request and its two retries, then never again
    expect(device.led).toBeUndefined();
    scanner.dispose();
  });

  it('places a finger for its own self-test and lifts it when asked', async () => {
    const { scanner, device } = createSimFingerprintScanner();
    const result = await scanner.selfTest();
    expect(result.ok).toBe(true);
    expect(device.fingerPresent).toBe(false);
    expect(device.led).toEqual({ control: 3, color: 2 }); // steady blue: success
    scanner.dispose();
  });

  it('reports absent with DISPOSED and refuses to open after dispose', async () => {
    const { scanner } = createSimFingerprintScanner();
    await scanner.open();
    scanner.dispose();
    expect(scanner.health).toMatchObject({ state: 'absent', reason: 'DISPOSED' });
    await expect(scanner.open()).rejects.toMatchObject({ code: 'FINGERPRINT_DISCONNECTED' });
  });
});
