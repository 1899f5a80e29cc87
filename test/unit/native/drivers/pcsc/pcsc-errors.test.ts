import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectError, pcscErrorCode, SCARD, transmitError } from '../../../../../native/drivers/pcsc/pcsc-errors.ts';
import { CardRemovedError, DeviceUnavailableError } from '../../../../../native/hal/errors.ts';
import { pcscError } from './fake-pcsc-lite.ts';

describe('pcscErrorCode', () => {
  it('reads the code pcsclite appends to its messages', () => {
    expect(pcscErrorCode(new Error('SCardConnect error: No smart card inserted.(0x8010000c)'))).toBe(SCARD.E_NO_SMARTCARD);
    expect(pcscErrorCode(new Error('SCardTransmit error: Card was removed.(0x80100069)'))).toBe(SCARD.W_REMOVED_CARD);
  });

  it('returns undefined for anything else, never throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), (value) => {
        const code = pcscErrorCode(typeof value === 'string' ? new Error(value) : value);
        expect(code === undefined || (Number.isInteger(code) && code >= 0 && code <= 0xffffffff)).toBe(true);
      }),
    );
    expect(pcscErrorCode('SCardConnect error: (0x8010000c)')).toBeUndefined();
  });
});

describe('transmitError', () => {
  it.each([
    ['SCARD_W_REMOVED_CARD', SCARD.W_REMOVED_CARD],
    ['SCARD_E_NO_SMARTCARD', SCARD.E_NO_SMARTCARD],
    ['SCARD_W_RESET_CARD', SCARD.W_RESET_CARD],
    ['SCARD_W_UNRESPONSIVE_CARD', SCARD.W_UNRESPONSIVE_CARD],
    ['SCARD_E_NOT_TRANSACTED', SCARD.E_NOT_TRANSACTED],
    ['SCARD_E_READER_UNAVAILABLE', SCARD.E_READER_UNAVAILABLE],
    ['SCARD_E_UNKNOWN_READER', SCARD.E_UNKNOWN_READER],
  ])('treats %s as the card gone', (_name, code) => {
    const error = transmitError(pcscError('SCardTransmit', code), 'Reader', 'pcsc.transmit');
    expect(error).toBeInstanceOf(CardRemovedError);
    expect(error.step).toBe('pcsc.transmit');
  });

  it('treats a stopped service as PCSC_UNAVAILABLE', () => {
    expect(transmitError(pcscError('SCardTransmit', SCARD.E_SERVICE_STOPPED), 'Reader', 'pcsc.transmit').code).toBe('PCSC_UNAVAILABLE');
  });

  it('keeps an unknown failure as PCSC_ERROR with its cause', () => {
    const cause = new Error('something odd');
    const error = transmitError(cause, 'Reader', 'pcsc.transmit');
    expect(error).toBeInstanceOf(DeviceUnavailableError);
    expect(error.code).toBe('PCSC_ERROR');
    expect(error.cause).toBe(cause);
  });
});

describe('connectError', () => {
  it.each([
    ['SCARD_E_NO_SMARTCARD', SCARD.E_NO_SMARTCARD, 'NO_CARD'],
    ['SCARD_W_REMOVED_CARD', SCARD.W_REMOVED_CARD, 'NO_CARD'],
    ['SCARD_E_SHARING_VIOLATION', SCARD.E_SHARING_VIOLATION, 'READER_BUSY'],
    ['SCARD_W_UNRESPONSIVE_CARD', SCARD.W_UNRESPONSIVE_CARD, 'CARD_UNRESPONSIVE'],
    ['SCARD_E_PROTO_MISMATCH', SCARD.E_PROTO_MISMATCH, 'CARD_UNRESPONSIVE'],
    ['SCARD_E_UNKNOWN_READER', SCARD.E_UNKNOWN_READER, 'READER_GONE'],
    ['SCARD_E_NO_SERVICE', SCARD.E_NO_SERVICE, 'PCSC_UNAVAILABLE'],
    ['SCARD_E_TIMEOUT', SCARD.E_TIMEOUT, 'PCSC_ERROR'],
  ])('maps %s to %s', (_name, code, expected) => {
    expect(connectError(pcscError('SCardConnect', code), 'Reader', 'pcsc.connect').code).toBe(expected);
  });
});
