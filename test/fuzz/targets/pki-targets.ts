// Fuzz targets for the trust-store inputs and public keys: X.509 certificates, CRLs, CSCA master lists,
// PEM armour, passive authentication of a (mutated) EF.SOD, and SubjectPublicKeyInfo as DG15/AA and DG14 (CA, PACE-CAM) read it. Seeds are the
// committed synthetic test PKI and keys in every encoding the project writes.
import { generateKeyPairSync, type KeyPairKeyObjectResult } from 'node:crypto';
import { readTlv } from '../../../native/card/lds/tlv.ts';
import { parseCertificate } from '../../../native/card/lds/sod/certificate.ts';
import { parseCrl } from '../../../native/card/pa/crl.ts';
import { parseMasterList } from '../../../native/card/pa/master-list.ts';
import { verifyPassiveAuthentication } from '../../../native/card/pa/passive-authentication.ts';
import { decodePem } from '../../../native/card/pa/pem.ts';
import { TrustStore } from '../../../native/card/pa/trust-store.ts';
import { parseSignaturePublicKey } from '../../../native/card/lds/signature-public-key.ts';
import { decodeSubjectPublicKeyInfo, encodeSubjectPublicKeyInfo } from '../../../native/card/protocol/domain-parameters/public-key-info.ts';
import { standardDomainParameters } from '../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { loadTestPki } from '../../../native/sim/pki/test-pki.ts';
import { profileKey } from '../../../native/sim/profiles/profile-keys.ts';
import { explicitSpki } from '../../unit/native/card/protocol/ca/explicit-ec-parameters.ts';
import type { FuzzTarget } from '../fuzz-target.ts';
import { dataGroupSeeds, profileFiles, utf8 } from './profile-seeds.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
/** @types/node 20 lacks the 'dh' overload that Node 20 implements. */
const dhKeyPair = generateKeyPairSync as unknown as (type: 'dh', options: { readonly group: string }) => KeyPairKeyObjectResult;
let trustStore: TrustStore | undefined;

function pem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * SubjectPublicKeyInfo in the forms each reader takes: RSA and EC (named, explicit, compressed) for the
 * signature-key reader of DG15; for the key-agreement reader of DG14 (CA, PACE-CAM), EC named, explicit,
 * compressed and standardized (ICAO 9303-11 Appendix I), X9.42 DH named and standardized, PKCS #3 DH.
 */
function spkiSeeds(reader: 'signature' | 'key-agreement'): Uint8Array[] {
  const [ecDg15, rsaDg15] = dataGroupSeeds(15).map((dg15) => readTlv(dg15).value);
  const ec = profileKey('cccd.ca', { type: 'ec', curve: 'brainpoolP256r1' }).publicKey;
  const common = [ecDg15!, explicitSpki(ec, 'brainpoolP256r1'), explicitSpki(ec, 'brainpoolP256r1', true)];
  if (reader === 'signature') return [...common, rsaDg15!];
  const dh = standardDomainParameters(0);
  const dhPublic = dh.encodePublicKey(dh.generator);
  const pkcs3 = dhKeyPair('dh', { group: 'modp2' }).publicKey;
  const brainpool = standardDomainParameters(13);
  return [
    ...common,
    encodeSubjectPublicKeyInfo(dh, dhPublic, 'named'),
    encodeSubjectPublicKeyInfo(brainpool, brainpool.encodePublicKey(brainpool.generator), 'standardized'),
    encodeSubjectPublicKeyInfo(dh, dhPublic, 'standardized'),
    new Uint8Array(pkcs3.export({ type: 'spki', format: 'der' })),
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
  { name: 'spki-signature', seeds: () => spkiSeeds('signature'), parse: (b) => parseSignaturePublicKey(b) },
  { name: 'spki-key-agreement', seeds: () => spkiSeeds('key-agreement'), parse: (b) => decodeSubjectPublicKeyInfo(b) },
];
