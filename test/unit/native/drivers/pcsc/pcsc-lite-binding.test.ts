import { describe, expect, it } from 'vitest';
import { loadPcscLite } from '../../../../../native/drivers/pcsc/pcsc-lite-binding.ts';
import type { PcscLiteFactory, PcscLiteLoader } from '../../../../../native/drivers/pcsc/pcsc-lite-binding.ts';
import { DeviceUnavailableError } from '../../../../../native/hal/errors.ts';
import type { KioskError } from '../../../../../native/hal/errors.ts';

function loadError(loader: PcscLiteLoader): KioskError {
  try {
    loadPcscLite(loader);
  } catch (err) {
    return err as KioskError;
  }
  throw new Error('loadPcscLite did not throw');
}

describe('loadPcscLite', () => {
  it('throws PCSC_NOT_INSTALLED naming pcscd and libpcsclite-dev when the module is missing', () => {
    const error = loadError(() => {
      throw Object.assign(new Error("Cannot find module 'pcsclite'"), { code: 'MODULE_NOT_FOUND' });
    });
    expect(error).toBeInstanceOf(DeviceUnavailableError);
    expect(error.code).toBe('PCSC_NOT_INSTALLED');
    expect(error.userMessageKey).toBe('PCSC_NOT_INSTALLED');
    expect(error.step).toBe('pcsc.load');
    expect(error.message).toMatch(/pcscd and libpcsclite-dev/);
    expect(error.message).toContain('MODULE_NOT_FOUND');
  });

  it('throws PCSC_NOT_INSTALLED when libpcsclite cannot be opened by the native build', () => {
    const error = loadError(() => {
      throw Object.assign(new Error('libpcsclite.so.1: cannot open shared object file'), { code: 'ERR_DLOPEN_FAILED' });
    });
    expect(error.code).toBe('PCSC_NOT_INSTALLED');
    expect(error.message).toContain('ERR_DLOPEN_FAILED');
  });

  it('throws PCSC_NOT_INSTALLED when the module does not export the pcsclite factory', () => {
    const error = loadError(() => ({}) as unknown as PcscLiteFactory);
    expect(error.code).toBe('PCSC_NOT_INSTALLED');
  });

  it('returns the factory the loader provides, without calling it', () => {
    let calls = 0;
    const factory = (): never => {
      calls++;
      throw new Error('not expected');
    };
    expect(loadPcscLite(() => factory)).toBe(factory);
    expect(calls).toBe(0);
  });
});
