import { describe, expect, it } from 'vitest';
import { R30xConfirmation, R30xInstruction } from '../../../../../../native/drivers/fingerprint/r30x/r30x-instructions.ts';
import { R30X_PACKED_IMAGE_LENGTH } from '../../../../../../native/drivers/fingerprint/r30x/r30x-image.ts';
import { encodeR30xPacket, R30xPacketId } from '../../../../../../native/drivers/fingerprint/r30x/r30x-packet.ts';
import { R30xProtocol, type R30xProtocolOptions } from '../../../../../../native/drivers/fingerprint/r30x/r30x-protocol.ts';
import { DeviceTimeoutError, DeviceUnavailableError } from '../../../../../../native/hal/errors.ts';
import { FingerprintProtocolError, FingerprintRejectedError } from '../../../../../../native/hal/fingerprint-errors.ts';
import { SimR30xDevice } from '../../../../../../native/sim/fingerprint/sim-r30x-device.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { SimR30xLink } from '../../../../../helpers/sim-r30x-link.ts';

const OPTIONS: R30xProtocolOptions = { address: 0xffffffff, password: 0, commandTimeoutMs: 300, packetTimeoutMs: 150, retries: 2, deviceId: 'fp-test' };

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 1));
}

function setup(device = new SimR30xDevice(), options: Partial<R30xProtocolOptions> = {}) {
  const link = new SimR30xLink(device);
  return { device, link, protocol: new R30xProtocol(link, { ...OPTIONS, ...options }) };
}

describe('R30xProtocol', () => {
  describe('verifyPassword', () => {
    it('sends VfyPwd with the configured password, big-endian', async () => {
      const { link, protocol } = setup(new SimR30xDevice({ password: 0x01020304 }), { password: 0x01020304 });
      await protocol.verifyPassword();
      expect(toHex(link.written[0]!)).toBe('EF01FFFFFFFF01000713010203040025');
    });

    it('rejects a wrong password with R30X_WRONG_PASSWORD, and the module then refuses other commands', async () => {
      const { protocol } = setup(new SimR30xDevice({ password: 1234 }), { password: 4321 });
      await expect(protocol.verifyPassword()).rejects.toMatchObject({ code: 'R30X_WRONG_PASSWORD', confirmationCode: 0x13 });
      await expect(protocol.generateImage()).rejects.toMatchObject({ code: 'R30X_WRONG_PASSWORD', confirmationCode: 0x21 });
    });
  });

  describe('readSystemParameters', () => {
    it('reads the packet size and baud rate the module reports', async () => {
      const { protocol } = setup(new SimR30xDevice({ packetSize: 64, baudRate: 115200 }));
      expect(await protocol.readSystemParameters()).toMatchObject({ packetSize: 64, baudRate: 115200, systemId: 9 });
    });
  });

  describe('generateImage', () => {
    it('answers false while no finger is on the sensor and true once one is', async () => {
      const { device, protocol } = setup();
      expect(await protocol.generateImage()).toBe(false);
      device.placeFinger('good');
      expect(await protocol.generateImage()).toBe(true);
      device.setNoFinger(true);
      expect(await protocol.generateImage()).toBe(false);
    });
  });

  describe('uploadImage', () => {
    it('collects the data packets up to the end-of-data packet, reporting progress', async () => {
      const { device, protocol } = setup(new SimR30xDevice({ packetSize: 256 }));
      device.placeFinger('good');
      await protocol.generateImage();
      const progress: number[] = [];
      const packed = await protocol.uploadImage(R30X_PACKED_IMAGE_LENGTH, (n) => progress.push(n));
      expect(packed.length).toBe(R30X_PACKED_IMAGE_LENGTH);
      expect(progress.length).toBe(R30X_PACKED_IMAGE_LENGTH / 256);
      expect(progress.at(-1)).toBe(R30X_PACKED_IMAGE_LENGTH);
    });

    it('re-sends UpImage after a data packet with a bad checksum and gets the same image', async () => {
      const { device, protocol } = setup();
      device.placeFinger('good');
      await protocol.generateImage();
      const first = await protocol.uploadImage(R30X_PACKED_IMAGE_LENGTH);
      device.failNextChecksum(1);
      const second = await protocol.uploadImage(R30X_PACKED_IMAGE_LENGTH);
      expect(Buffer.compare(first, second)).toBe(0);
      expect([protocol.corruptPackets, protocol.retries]).toEqual([1, 1]);
    });

    it('gives up with R30X_BAD_CHECKSUM when every retry is corrupt too', async () => {
      const { device, protocol } = setup(undefined, { retries: 1 });
      device.placeFinger('good');
      await protocol.generateImage();
      device.failNextChecksum(1000); // every packet of the first try and of the retry
      const error = await protocol.uploadImage(R30X_PACKED_IMAGE_LENGTH).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FingerprintProtocolError);
      expect(error).toMatchObject({ code: 'R30X_BAD_CHECKSUM', step: 'r30x.decode' });
    });

    it('refuses more data than the caller bounded with R30X_DATA_OVERFLOW', async () => {
      const { device, protocol } = setup();
      device.placeFinger('good');
      await protocol.generateImage();
      await expect(protocol.uploadImage(1000)).rejects.toMatchObject({ code: 'R30X_DATA_OVERFLOW' });
    });

    it('rejects with FINGERPRINT_DISCONNECTED when the module drops off mid-upload', async () => {
      const { device, protocol } = setup();
      device.placeFinger('good');
      await protocol.generateImage();
      device.disconnectMidUpload(10);
      const error = await protocol.uploadImage(R30X_PACKED_IMAGE_LENGTH).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error).toMatchObject({ code: 'FINGERPRINT_DISCONNECTED' });
    });

    it('answers "no valid image" before any GenImg with R30X_NO_IMAGE', async () => {
      const { protocol } = setup();
      await expect(protocol.uploadImage(R30X_PACKED_IMAGE_LENGTH)).rejects.toMatchObject({ code: 'R30X_NO_IMAGE', userMessageKey: 'FINGER_PLACE_AGAIN' });
    });
  });

  describe('imageToTemplate and uploadTemplate', () => {
    it('extracts and uploads the 512-byte template of a good finger', async () => {
      const { device, protocol } = setup();
      device.placeFinger('good');
      await protocol.generateImage();
      await protocol.imageToTemplate(1);
      expect((await protocol.uploadTemplate(1, 4096)).length).toBe(512);
    });

    it('turns the module\'s "too messy" answer into a TOO_MESSY rejection', async () => {
      const { device, protocol } = setup();
      device.placeFinger('smudged');
      await protocol.generateImage();
      const error = await protocol.imageToTemplate(1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FingerprintRejectedError);
      expect(error).toMatchObject({ reason: 'TOO_MESSY', userMessageKey: 'FINGER_PLACE_AGAIN' });
    });
  });

  describe('failures on the wire', () => {
    it('times out with DeviceTimeoutError when the module ignores another address', async () => {
      const { protocol } = setup(new SimR30xDevice({ address: 0x12345678 }), { address: 0x0000abcd });
      const error = await protocol.generateImage().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceTimeoutError);
      expect(error).toMatchObject({ step: 'r30x.GEN_IMG' });
    });

    it('reports R30X_FRAGMENT_TIMEOUT when a packet stops arriving part way', async () => {
      // A module at another address stays silent; the test delivers half of an answer in its place.
      const silent = new SimR30xLink(new SimR30xDevice({ address: 1 }));
      const protocol = new R30xProtocol(silent, { ...OPTIONS, retries: 0 });
      const pending = protocol.transact(R30xInstruction.GEN_IMG);
      await until(() => silent.written.length === 1);
      silent.inject(encodeR30xPacket({ address: 0xffffffff, pid: R30xPacketId.ACK, payload: fromHex('00') }).subarray(0, 6));
      await expect(pending).rejects.toMatchObject({ code: 'R30X_FRAGMENT_TIMEOUT' });
    });

    it('re-sends a command the module says it received corrupted (confirmation 0x01)', async () => {
      const { device, protocol } = setup();
      device.failNext(R30xInstruction.GEN_IMG, R30xConfirmation.PACKET_RECEIVE_ERROR);
      device.placeFinger('good');
      expect(await protocol.generateImage()).toBe(true);
      expect(device.commands.filter((c) => c === R30xInstruction.GEN_IMG)).toHaveLength(2);
    });

    it('answers an unexpected data packet with R30X_UNEXPECTED_PACKET', async () => {
      const silent = new SimR30xLink(new SimR30xDevice({ address: 1 }));
      const protocol = new R30xProtocol(silent, OPTIONS);
      const pending = protocol.transact(R30xInstruction.GEN_IMG);
      await until(() => silent.written.length === 1);
      silent.inject(encodeR30xPacket({ address: 0xffffffff, pid: R30xPacketId.DATA, payload: fromHex('00') }));
      await expect(pending).rejects.toMatchObject({ code: 'R30X_UNEXPECTED_PACKET' });
    });

    it('serialises overlapping commands', async () => {
      const { device, protocol } = setup();
      device.placeFinger('good');
      const [a, b, c] = await Promise.all([protocol.generateImage(), protocol.readSystemParameters(), protocol.generateImage()]);
      expect([a, b.packetSize, c]).toEqual([true, 128, true]);
      expect(device.commands).toEqual([R30xInstruction.GEN_IMG, R30xInstruction.READ_SYS_PARA, R30xInstruction.GEN_IMG]);
    });
  });
});
