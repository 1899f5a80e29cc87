// The R30x/ZFM family as a FingerprintSession: handshake = VfyPwd + ReadSysPara, finger detection =
// GenImg, image = UpImage (4-bit packed), features = Img2Tz into CharBuffer1, template = UpChar,
// indication = AuraLedConfig where the module has the LED ring (R503); modules without it answer
// with an error code once and are not asked again.

import type { FingerprintImage, UploadProgress } from '../../../hal/fingerprint-scanner.ts';
import { FingerprintProtocolError } from '../../../hal/fingerprint-errors.ts';
import type { ByteLink } from '../byte-link.ts';
import type { FingerprintDeviceInfo, FingerprintFamily, FingerprintFamilyOptions, FingerprintIndication, FingerprintSession } from '../fingerprint-family.ts';
import { R30X_PACKED_IMAGE_LENGTH, unpackR30xImage } from './r30x-image.ts';
import { R30xLedColor, R30xLedControl } from './r30x-instructions.ts';
import { R30xProtocol } from './r30x-protocol.ts';

/** R307 templates are 512 bytes, R503 up to 1536; anything beyond this is refused. */
export const R30X_MAX_TEMPLATE = 4096;

const INDICATIONS: Readonly<Record<FingerprintIndication, readonly [control: number, color: number, count: number]>> = Object.freeze({
  waiting: [R30xLedControl.BREATHING, R30xLedColor.BLUE, 0],
  capturing: [R30xLedControl.ON, R30xLedColor.PURPLE, 0],
  success: [R30xLedControl.ON, R30xLedColor.BLUE, 0],
  failure: [R30xLedControl.FLASHING, R30xLedColor.RED, 3],
  off: [R30xLedControl.OFF, R30xLedColor.BLUE, 0],
});

class R30xSession implements FingerprintSession {
  private readonly protocol: R30xProtocol;
  private ledSupported = true;

  constructor(link: ByteLink, options: FingerprintFamilyOptions) {
    this.protocol = new R30xProtocol(link, options);
  }

  get stats() {
    return { corruptPackets: this.protocol.corruptPackets, retries: this.protocol.retries };
  }

  async handshake(): Promise<FingerprintDeviceInfo> {
    await this.protocol.verifyPassword();
    const p = await this.protocol.readSystemParameters();
    const detail = `R30x system id 0x${p.systemId.toString(16).padStart(4, '0')}, library ${p.librarySize}, security level ${p.securityLevel}, packet ${p.packetSize} B, ${p.baudRate} bps`;
    return Object.freeze({ family: R30X_FAMILY.name, detail });
  }

  detectFinger(): Promise<boolean> {
    return this.protocol.generateImage();
  }

  async uploadImage(onProgress: (progress: UploadProgress) => void): Promise<FingerprintImage> {
    const packed = await this.protocol.uploadImage(R30X_PACKED_IMAGE_LENGTH, (bytes) => onProgress({ bytes, total: R30X_PACKED_IMAGE_LENGTH }));
    return unpackR30xImage(packed);
  }

  checkFeatures(): Promise<void> {
    return this.protocol.imageToTemplate(1);
  }

  uploadTemplate(): Promise<Uint8Array> {
    return this.protocol.uploadTemplate(1, R30X_MAX_TEMPLATE);
  }

  async indicate(state: FingerprintIndication): Promise<void> {
    if (!this.ledSupported) return;
    const [control, color, count] = INDICATIONS[state];
    try {
      await this.protocol.auraLed(control, color, 0x80, count);
    } catch (err) {
      if (err instanceof FingerprintProtocolError && (err.code === 'R30X_DEVICE_ERROR' || err.code === 'R30X_PACKET_RECEIVE_ERROR')) this.ledSupported = false;
      else throw err;
    }
  }

  dispose(): void {
    this.protocol.dispose();
  }
}

export const R30X_FAMILY: FingerprintFamily = Object.freeze({
  name: 'r30x',
  createSession: (link: ByteLink, options: FingerprintFamilyOptions): FingerprintSession => new R30xSession(link, options),
});
