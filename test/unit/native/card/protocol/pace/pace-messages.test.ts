import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../../native/card/errors.ts';
import {
  encodeDynamicAuthenticationData,
  encodeMseSetAt,
  parseDynamicAuthenticationData,
  parseMseSetAt,
  requireObject,
} from '../../../../../../native/card/protocol/pace/pace-messages.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';

describe('encodeMseSetAt', () => {
  it('builds the MSE:Set AT data of Appendix G.1 with and without the parameter id', () => {
    const protocol = '0.4.0.127.0.7.2.2.4.2.2';
    expect(toHex(encodeMseSetAt({ protocol, passwordReference: 1 }))).toBe('800A04007F00070202040202830101');
    expect(toHex(encodeMseSetAt({ protocol, passwordReference: 1, parameterId: 13 }))).toBe('800A04007F0007020204020283010184010D');
  });
});

describe('parseMseSetAt', () => {
  it('reads back what encodeMseSetAt wrote', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }), (passwordReference, parameterId) => {
        const mse = { protocol: '0.4.0.127.0.7.2.2.4.6.4', passwordReference, ...(parameterId === undefined ? {} : { parameterId }) };
        expect(parseMseSetAt(encodeMseSetAt(mse))).toEqual(mse);
      }),
    );
  });

  it('rejects data without a protocol or password reference', () => {
    for (const hex of ['830101', '800A04007F00070202040202', '800A04007F000702020402028302', '800A04007F0007020204020283010184020D0D']) {
      expect(() => parseMseSetAt(fromHex(hex))).toThrow(MalformedDataError);
    }
  });
});

describe('parseDynamicAuthenticationData', () => {
  it('reads the objects of the Appendix G.1 nonce response', () => {
    const objects = parseDynamicAuthenticationData(fromHex('7C12801095A3A016522EE98D01E76CB6B98B42C3'), 'test');
    expect(toHex(requireObject(objects, 0x80, 'test'))).toBe('95A3A016522EE98D01E76CB6B98B42C3');
    expect(() => requireObject(objects, 0x82, 'test')).toThrow(MalformedDataError);
  });

  it('round-trips what encodeDynamicAuthenticationData writes, including 7C 00', () => {
    expect(toHex(encodeDynamicAuthenticationData())).toBe('7C00');
    expect(parseDynamicAuthenticationData(fromHex('7C00'), 'test')).toEqual([]);
    const encoded = encodeDynamicAuthenticationData([0x86, fromHex('3ABB9674BCE93C08')], [0x8a, new Uint8Array(48)]);
    expect(parseDynamicAuthenticationData(encoded, 'test').map((o) => o.tag)).toEqual([0x86, 0x8a]);
  });

  it('rejects another outer tag, trailing bytes and overruns with the given step', () => {
    for (const hex of ['7D00', '7C0000', '7C0380', '7C02800500']) {
      expect(() => parseDynamicAuthenticationData(fromHex(hex), 'pace.test')).toThrow(expect.objectContaining({ code: 'MALFORMED_DATA', step: 'pace.test' }));
    }
  });
});
