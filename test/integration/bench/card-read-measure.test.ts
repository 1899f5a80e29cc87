import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../../native/card/pa/trust-store.ts';
import { EcGroup } from '../../../native/card/protocol/domain-parameters/ec-group.ts';
import { SAFE_SHORT_LE } from '../../../native/card/reader/binary-reader.ts';
import { loadTestPki } from '../../../native/sim/pki/test-pki.ts';
import { chipProfiles, createChip, type CreateChipOptions, type ProfileName } from '../../../native/sim/profiles/index.ts';
import { SimCardReader } from '../../../native/sim/sim-card-reader.ts';
import { LINK_MODEL } from '../../bench/card-read-bench.ts';
import { measureRead, PHASES, type ReadSetup } from '../../bench/card-read-measure.ts';

const pki = loadTestPki();
const trustStore = TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]);

function setup(profile: ProfileName, options: { fixed?: boolean; extended?: boolean; chip?: CreateChipOptions } = {}): ReadSetup {
  return {
    reader: new SimCardReader('bench test reader', { extendedLengthSupported: options.extended ?? true }),
    chip: createChip(profile, { latency: LINK_MODEL, ...options.chip }),
    keys: [chipProfiles[profile].mrzKey],
    trustStore,
    ...(options.fixed ? { fixedChunkSize: SAFE_SHORT_LE } : {}),
  };
}

describe('measureRead', () => {
  it('counts every APDU of a CCCD read once across the phases, as the chip saw them', async () => {
    const sample = await measureRead(setup('cccd'));
    const byPhase = PHASES.reduce((n, p) => n + sample.phases[p].apdus, 0);
    const bytesByPhase = PHASES.reduce((n, p) => n + sample.phases[p].bytes, 0);
    expect(byPhase).toBe(sample.apdus);
    expect(bytesByPhase).toBe(sample.bytes);
    expect(sample.chipApdus).toBe(sample.apdus);
    expect(sample.phases.auth.apdus).toBe(1); // the AA INTERNAL AUTHENTICATE
    expect([...sample.fileSizes.keys()].sort()).toEqual(['COM', 'DG1', 'DG13', 'DG14', 'DG15', 'DG2', 'SOD']);
  });

  it('takes the modelled link time as 15 ms per APDU plus the wire bytes at 424 kbit/s', async () => {
    const sample = await measureRead(setup('passport-td3'));
    expect(sample.linkMs).toBeCloseTo(sample.apdus * 15 + (sample.bytes * 8 * 1000) / 424_000, 6);
  });

  it('reads each file with a SELECT and then chunks of 0xDF bytes in the fixed baseline', async () => {
    const sample = await measureRead(setup('cccd', { fixed: true }));
    const expected = [...sample.fileSizes.values()].reduce((n, size) => n + 1 + Math.ceil(size / SAFE_SHORT_LE), 0);
    expect(sample.phases.files.apdus).toBe(expected);
  });

  it('splits the EC scalar multiplications of PACE between terminal and chip, and finds none under BAC', async () => {
    const pace = await measureRead(setup('cccd'));
    const bac = await measureRead(setup('passport-td3'));
    expect(pace.ec.terminal.count).toBeGreaterThan(0);
    expect(pace.ec.chip.count).toBeGreaterThan(0);
    expect(bac.ec.terminal.count + bac.ec.chip.count).toBe(0);
  });

  it('restores EcGroup.multiply after the read', async () => {
    const before = EcGroup.prototype.multiply;
    await measureRead(setup('cccd'));
    expect(EcGroup.prototype.multiply).toBe(before);
  });

  it('refuses to measure a read whose passive authentication fails', async () => {
    const before = EcGroup.prototype.multiply;
    await expect(measureRead(setup('cccd', { chip: { faults: { tamper: { dataGroup: 2 } } } }))).rejects.toThrow(/not trusted/);
    expect(EcGroup.prototype.multiply).toBe(before);
  });
});
