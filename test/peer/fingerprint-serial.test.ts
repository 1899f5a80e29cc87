// The FingerprintScanner contract over a real serial line: serialport on one end of a socat PTY pair,
// the simulated R30x module on the other (no physical scanner is available on this machine). The pair
// is started here and hung up by the disconnect test, as an unplugged USB serial adapter would be.
import { describe, expect, it } from 'vitest';
import { createFingerprintScanner } from '../../native/drivers/fingerprint/create-fingerprint-scanner.ts';
import { SimR30xDevice } from '../../native/sim/fingerprint/sim-r30x-device.ts';
import { SimSerialPeer } from '../../native/sim/fingerprint/sim-serial-peer.ts';
import { fingerprintScannerContract } from '../contract/fingerprint-scanner.contract.ts';
import { openPtyPair } from '../helpers/socat.ts';

fingerprintScannerContract('R30x over serial, socat PTY pair, simulated module', async () => {
  const pair = await openPtyPair();
  const device = new SimR30xDevice();
  const peer = await SimSerialPeer.open(device, { path: pair.simPath, baudRate: 57600, hangUp: () => pair.close() });
  const scanner = createFingerprintScanner({
    id: 'fingerprint-serial',
    family: 'r30x',
    transport: { type: 'serial', path: pair.devicePath, baudRate: 57600 },
    // serialport does not always report a pty hang-up as 'close'; the link's probe finds it after this
    // much silence.
    options: { commandTimeoutMs: 1000, packetTimeoutMs: 500 },
  }, { beforeSelfTestCapture: () => device.placeFinger('good') });
  scanner.onDidRequestLift(() => device.liftFinger());
  return {
    scanner,
    place: (condition) => device.placeFinger(condition),
    lift: () => device.liftFinger(),
    corruptNextPackets: (count) => device.failNextChecksum(count),
    disconnectMidUpload: () => device.disconnectMidUpload(),
    close: async () => {
      peer.dispose();
      await pair.close();
    },
  };
});

describe('SerialByteLink', () => {
  it('fails to open a path that does not exist with SERIAL_OPEN_FAILED and leaves the scanner absent', async () => {
    const scanner = createFingerprintScanner({ id: 'fp', family: 'r30x', transport: { type: 'serial', path: '/nonexistent/tty', baudRate: 57600 } });
    await expect(scanner.open()).rejects.toMatchObject({ code: 'SERIAL_OPEN_FAILED', userMessageKey: 'FINGERPRINT_UNAVAILABLE' });
    expect(scanner.health).toMatchObject({ state: 'absent', reason: 'NOT_CONNECTED' });
    scanner.dispose();
  });
});
