import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { parseCertificate } from '../../../../../native/card/lds/sod/certificate.ts';
import { parseCrl } from '../../../../../native/card/pa/crl.ts';
import { parseMasterList } from '../../../../../native/card/pa/master-list.ts';
import { loadTestPki } from '../../../../../native/sim/pki/test-pki.ts';

// Every trust-store parser, fed mutated and truncated versions of valid input, must either parse or
// throw MalformedDataError: never a TypeError, RangeError or a crash.
const pki = loadTestPki();
const cases: [string, Uint8Array, (bytes: Uint8Array) => unknown][] = [
  ['parseCertificate', pki.ds.certificate, parseCertificate],
  ['parseCertificate (RSA)', pki.cscaRsa.certificate, parseCertificate],
  ['parseCrl', pki.crl, parseCrl],
  ['parseMasterList', pki.masterList, parseMasterList],
];

describe.each(cases)('%s', (_name, valid, parse) => {
  it('parses the valid input', () => {
    expect(() => parse(valid)).not.toThrow();
  });

  it('only ever throws MalformedDataError on mutated or truncated input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.nat({ max: valid.length }),
        (mutations, cut) => {
          const bytes = valid.slice(0, cut);
          for (const [at, value] of mutations) if (at < bytes.length) bytes[at] = value;
          try {
            parse(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(MalformedDataError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
