import { describe, expect, it } from 'vitest';
import { decodeR30xPacket, encodeR30xPacket, R30xPacketId } from '../../../../../native/drivers/fingerprint/r30x/r30x-packet.ts';
import { R30xConfirmation, R30xInstruction } from '../../../../../native/drivers/fingerprint/r30x/r30x-instructions.ts';
import { SimR30xDevice } from '../../../../../native/sim/fingerprint/sim-r30x-device.ts';
import { syntheticFingerprint } from '../../../../../native/sim/fingerprint/synthetic-fingerprint.ts';
import { fromHex, toHex } from '../../../../../native/util/bytes.ts';

/** Sends raw bytes and collects everything the module answers until it goes quiet. */
async function exchange(device: SimR30xDevice, hex: string | Uint8Array): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const sub = device.onDidTransmit((bytes) => out.push(bytes));
  device.receive(typeof hex === 'string' ? fromHex(hex) : hex);
  await new Promise((r) => setTimeout(r, 5));
  sub.dispose();
  return out;
}

const command = (payload: string, address = 0xffffffff) => encodeR30xPacket({ address, pid: R30xPacketId.COMMAND, payload: fromHex(payload) });

describe('SimR30xDevice', () => {
  it('answers GenImg without a finger with the acknowledge the manual lists (confirmation 02)', async () => {
    expect((await exchange(new SimR30xDevice(), 'EF01FFFFFFFF010003010005')).map(toHex)).toEqual(['EF01FFFFFFFF07000302000C']);
  });

  it('answers a command with a bad checksum with confirmation 01', async () => {
    expect((await exchange(new SimR30xDevice(), 'EF01FFFFFFFF010003010006')).map(toHex)).toEqual(['EF01FFFFFFFF07000301000B']);
  });

  it('ignores packets for another address and answers from its own', async () => {
    const device = new SimR30xDevice({ address: 0x0a0b0c0d });
    expect(await exchange(device, command('01'))).toEqual([]);
    const [ack] = await exchange(device, command('01', 0x0a0b0c0d));
    expect(decodeR30xPacket(ack!).address).toBe(0x0a0b0c0d);
  });

  it('sends UpImage as 288 data packets of 128 bytes, the last an end-of-data packet, holding the 4-bit image', async () => {
    const device = new SimR30xDevice();
    device.placeFinger('good', 42);
    await exchange(device, command('01'));
    const packets = (await exchange(device, command('0A'))).map(decodeR30xPacket);
    expect(packets[0]).toMatchObject({ pid: R30xPacketId.ACK, payload: fromHex('00') });
    const data = packets.slice(1);
    expect(data).toHaveLength(288);
    expect(data.every((p, i) => p.payload.length === 128 && p.pid === (i === 287 ? R30xPacketId.END_OF_DATA : R30xPacketId.DATA))).toBe(true);
    const pixels = syntheticFingerprint({ width: 256, height: 288, condition: 'good', seed: 42 });
    expect(data[0]!.payload[0]).toBe((pixels[0]! & 0xf0) | (pixels[1]! >> 4));
  });

  it('requires VfyPwd first when a password is set (confirmation 21), then accepts the right one', async () => {
    const device = new SimR30xDevice({ password: 0x00000007 });
    expect(decodeR30xPacket((await exchange(device, command('01')))[0]!).payload[0]).toBe(R30xConfirmation.PASSWORD_REQUIRED);
    expect(decodeR30xPacket((await exchange(device, command('1300000006')))[0]!).payload[0]).toBe(R30xConfirmation.PASSWORD_FAIL);
    expect(decodeR30xPacket((await exchange(device, command('1300000007')))[0]!).payload[0]).toBe(R30xConfirmation.OK);
  });

  it('records the AuraLedConfig state, and a module without the LED ring refuses it', async () => {
    const device = new SimR30xDevice();
    await exchange(device, command('3501800200'));
    expect(device.led).toEqual({ control: 1, color: 2 });
    const plain = new SimR30xDevice({ auraLed: false });
    expect(decodeR30xPacket((await exchange(plain, command('3501800200')))[0]!).payload[0]).toBe(R30xConfirmation.PACKET_RECEIVE_ERROR);
  });

  it('answers an injected confirmation code once', async () => {
    const device = new SimR30xDevice();
    device.placeFinger('good');
    device.failNext(R30xInstruction.GEN_IMG, R30xConfirmation.IMAGE_FAIL);
    expect(decodeR30xPacket((await exchange(device, command('01')))[0]!).payload[0]).toBe(R30xConfirmation.IMAGE_FAIL);
    expect(decodeR30xPacket((await exchange(device, command('01')))[0]!).payload[0]).toBe(R30xConfirmation.OK);
  });

  it('drops off the bus part way through an upload when told to, and answers nothing after', async () => {
    const device = new SimR30xDevice();
    let gone = 0;
    device.onDidDisconnect(() => gone++);
    device.placeFinger('good');
    await exchange(device, command('01'));
    device.disconnectMidUpload(5);
    expect(await exchange(device, command('0A'))).toHaveLength(6);
    expect([gone, device.isConnected]).toEqual([1, false]);
    expect(await exchange(device, command('01'))).toEqual([]);
    device.reconnect();
    expect(await exchange(device, command('01'))).toHaveLength(1);
  });
});
