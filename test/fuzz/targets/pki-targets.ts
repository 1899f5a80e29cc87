// Fuzz targets for the trust-store inputs and public keys: X.509 certificates, CRLs, CSCA master lists,
// PEM armour, passive authentication of a (mutated) EF.SOD, and SubjectPublicKeyInfo as DG14/DG15 and the CA and PACE code read it. Seeds are the
// committed synthetic test PKI and keys in every encoding the project writes.
import { readTlv } from '../../../native/card/lds/tlv.ts';
import { parseCertificate } from '../../../native/card/lds/sod/certificate.ts';
import { parseCrl } from '../../../native/card/pa/crl.ts';
import { parseMasterList } from '../../../native/card/pa/master-list.ts';
import { verifyPassiveAuthentication } from '../../../native/card/pa/passive-authentication.ts';
import { decodePem } from '../../../native/card/pa/pem.ts';
import { TrustStore } from '../../../native/card/pa/trust-store.ts';
import { encodeDhPublicKeyInfo, parseSubjectPublicKeyInfo } from '../../../native/card/protocol/ca/subject-public-key-info.ts';
import { DhGroup } from '../../../native/card/protocol/domain-parameters/dh-group.ts';
import { decodeSubjectPublicKeyInfo, encodeSubjectPublicKeyInfo } from '../../../native/card/protocol/domain-parameters/public-key-info.ts';
import { standardDomainParameters } from '../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { loadTestPki } from '../../../native/sim/pki/test-pki.ts';
import { profileKey } from '../../../native/sim/profiles/profile-keys.ts';
import { uintBE } from '../../../native/util/bytes.ts';
import { explicitSpki } from '../../unit/native/card/protocol/ca/explicit-ec-parameters.ts';
import type { FuzzTarget } from '../fuzz-target.ts';
import { dataGroupSeeds, profileFiles, utf8 } from './profile-seeds.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
let trustStore: TrustStore | undefined;

function pem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * SubjectPublicKeyInfo in the forms each reader takes: DG15's keys (EC and RSA) and DG14's CA keys
 * (named or explicit EC, X9.42 DH) for the CA reader; named, explicit and standardized (ICAO 9303-11
 * Appendix I) EC and DH for the PACE/CA domain-parameter reader, which takes neither RSA nor compressed points.
 */
function spkiSeeds(reader: 'ca' | 'domain-parameters'): Uint8Array[] {
  const [ecDg15, rsaDg15] = dataGroupSeeds(15).map((dg15) => readTlv(dg15).value);
  const ec = profileKey('cccd.ca', { type: 'ec', curve: 'brainpoolP256r1' }).publicKey;
  const dh = standardDomainParameters(0);
  const dhPublic = dh.encodePublicKey(dh.generator);
  const common = [ecDg15!, explicitSpki(ec, 'brainpoolP256r1'), encodeSubjectPublicKeyInfo(dh, dhPublic, 'named')];
  if (dh instanceof DhGroup) {
    const { p, g, q } = dh.parameters;
    common.push(encodeDhPublicKeyInfo({ p: uintBE(p, dhPublic.length), g: uintBE(g, dhPublic.length), q: uintBE(q, 20) }, dhPublic));
  }
  if (reader === 'ca') return [...common, rsaDg15!, explicitSpki(ec, 'brainpoolP256r1', true)];
  const brainpool = standardDomainParameters(13);
  return [
    ...common,
    encodeSubjectPublicKeyInfo(brainpool, brainpool.encodePublicKey(brainpool.generator), 'standardized'),
    encodeSubjectPublicKeyInfo(dh, dhPublic, 'standardized'),
  ];
}

export const PKI_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'certificate',
    seeds: () => {
      const pki = loadTestPki();
      return [pki.csca.certificate, pki.ds.certificate, pki.cscaRsa.certificate, pki.dsRsa.certificate, pki.masterListSigner.certificate];
    },
    parse: (b) => parseCertificate(b),
  },
  { name: 'crl', seeds: () => [loadTestPki().crl, loadTestPki().crlRsa], parse: (b) => parseCrl(b) },
  {
    // EF.SOD from the chip, verified end to end: signature, DS certificate, chain and CRL, hashes.
    name: 'passive-authentication',
    seeds: () => [profileFiles().cccd.sod, profileFiles().passport.sod],
    parse: (b) => {
      const { cccd } = profileFiles();
      const pki = loadTestPki();
      trustStore ??= TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]);
      const dataGroups = new Map(Object.entries(cccd.dataGroups).map(([n, bytes]) => [Number(n), bytes]));
      return verifyPassiveAuthentication({ sod: b, dataGroups, trustStore, now: NOW });
    },
  },
  { name: 'master-list', seeds: () => [loadTestPki().masterList], parse: (b) => parseMasterList(b) },
  {
    name: 'pem',
    seeds: () => {
      const pki = loadTestPki();
      return [utf8(pem('CERTIFICATE', pki.csca.certificate) + pem('X509 CRL', pki.crl)), utf8(`# trust store\r\n${pem('CMS', pki.masterList.subarray(0, 300))}`)];
    },
    parse: (b) => decodePem(b),
  },
  { name: 'spki-ca', seeds: () => spkiSeeds('ca'), parse: (b) => parseSubjectPublicKeyInfo(b) },
  { name: 'spki-domain-parameters', seeds: () => spkiSeeds('domain-parameters'), parse: (b) => decodeSubjectPublicKeyInfo(b) },
];
