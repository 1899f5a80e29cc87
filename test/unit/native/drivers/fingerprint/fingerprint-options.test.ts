import { describe, expect, it } from 'vitest';
import { createFingerprintScanner } from '../../../../../native/drivers/fingerprint/create-fingerprint-scanner.ts';
import { fingerprintFamilyNames, getFingerprintFamily, registerFingerprintFamily } from '../../../../../native/drivers/fingerprint/fingerprint-families.ts';
import { FingerprintDriverOptionsSchema, splitFingerprintDriver } from '../../../../../native/drivers/fingerprint/fingerprint-options.ts';
import { R30X_FAMILY } from '../../../../../native/drivers/fingerprint/r30x/r30x-family.ts';
import { KioskError } from '../../../../../native/hal/errors.ts';

describe('FingerprintDriverOptionsSchema', () => {
  it('fills the R30x defaults', () => {
    expect(FingerprintDriverOptionsSchema.parse({})).toEqual({
      address: 0xffffffff,
      password: 0,
      commandTimeoutMs: 2000,
      packetTimeoutMs: 1000,
      retries: 2,
      pollIntervalMs: 50,
      selfTestTimeoutMs: 10000,
    });
  });

  it('names the field and the range of a bad value, and refuses unknown fields', () => {
    const result = FingerprintDriverOptionsSchema.safeParse({ retries: 9, pasword: 1 });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${i.path.join('.')} ${i.code}`);
    expect(issues).toContain('retries too_big');
    expect(issues).toContain(' unrecognized_keys');
  });
});

describe('fingerprint families', () => {
  it('maps driver names to a family and a transport', () => {
    expect(splitFingerprintDriver('r30x-hid')).toEqual({ family: 'r30x', transport: 'hid' });
    expect(splitFingerprintDriver('r30x-serial')).toEqual({ family: 'r30x', transport: 'serial' });
    expect(splitFingerprintDriver('r30x-usb')).toBeUndefined();
  });

  it('registers a new family by name without touching the others', () => {
    registerFingerprintFamily({ name: 'test-family', createSession: R30X_FAMILY.createSession });
    expect(fingerprintFamilyNames()).toEqual(expect.arrayContaining(['r30x', 'test-family']));
    expect(() => registerFingerprintFamily(R30X_FAMILY)).toThrow(KioskError);
  });

  it('names the known families when config asks for an unknown one', () => {
    expect(() => getFingerprintFamily('zfm99')).toThrow(/unknown fingerprint family "zfm99"; known: r30x/);
    expect(() => createFingerprintScanner({ id: 'fp', family: 'zfm99', transport: { type: 'serial', path: '/dev/null', baudRate: 57600 } })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('names the driver after the family and the transport, and starts absent', () => {
    const scanner = createFingerprintScanner({ id: 'fp', family: 'r30x', transport: { type: 'hid', vendorId: 1, productId: 2 } });
    expect([scanner.driver, scanner.role, scanner.health.state, scanner.health.reason]).toEqual(['r30x-hid', 'fingerprint', 'absent', 'NOT_CONNECTED']);
    scanner.dispose();
  });
});
