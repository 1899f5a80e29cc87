import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../../native/card/errors.ts';
import {
  encodeSignatureAlgorithm,
  parseSignatureAlgorithm,
  signatureAlgorithmFor,
  signData,
  verifySignature,
} from '../../../../../../native/card/lds/sod/algorithms.ts';
import { readDerExact } from '../../../../../../native/card/asn1/der-reader.ts';
import { derNull, derOid, derSequence } from '../../../../../../native/card/asn1/der-writer.ts';

const STEP = 'test';
const data = new TextEncoder().encode('signed attributes');

describe('parseSignatureAlgorithm', () => {
  it('round-trips RSASSA-PSS parameters (RFC 4055 §3.1)', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pss = signatureAlgorithmFor(privateKey, 'SHA-384', 'rsa-pss');
    expect(parseSignatureAlgorithm(readDerExact(encodeSignatureAlgorithm(pss), STEP), STEP)).toEqual(pss);
    expect(pss.pss).toEqual({ mgfHash: 'SHA-384', saltLength: 48 });
  });

  it('applies the SHA-1 defaults of empty RSASSA-PSS parameters', () => {
    const alg = parseSignatureAlgorithm(readDerExact(derSequence(derOid('1.2.840.113549.1.1.10'), derSequence()), STEP), STEP);
    expect(alg).toMatchObject({ hash: 'SHA-1', pss: { mgfHash: 'SHA-1', saltLength: 20 } });
  });

  it('rejects an unknown algorithm', () => {
    expect(() => parseSignatureAlgorithm(readDerExact(derSequence(derOid('1.2.3.4'), derNull()), STEP), STEP)).toThrow(MalformedDataError);
  });
});

describe('verifySignature', () => {
  it('verifies BSI TR-03111 plain ECDSA signatures (r ‖ s)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
    const plain = parseSignatureAlgorithm(readDerExact(derSequence(derOid('0.4.0.127.0.7.1.1.4.1.3')), STEP), STEP);
    const signature = signData(plain, data, privateKey);
    expect(signature).toHaveLength(64);
    expect(verifySignature(plain, data, signature, publicKey)).toBe(true);
    expect(verifySignature(plain, data.slice(1), signature, publicKey)).toBe(false);
  });

  it('takes the hash from the digest algorithm when the OID names only the key type', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const keyOnly = parseSignatureAlgorithm(readDerExact(derSequence(derOid('1.2.840.10045.2.1')), STEP), STEP);
    const signature = signData(signatureAlgorithmFor(privateKey, 'SHA-384'), data, privateKey);
    expect(verifySignature(keyOnly, data, signature, publicKey, 'SHA-384')).toBe(true);
    expect(verifySignature(keyOnly, data, signature, publicKey, 'SHA-256')).toBe(false);
  });

  it('returns false rather than throwing when the key does not fit the algorithm', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const rsa = parseSignatureAlgorithm(readDerExact(derSequence(derOid('1.2.840.113549.1.1.11'), derNull()), STEP), STEP);
    expect(verifySignature(rsa, data, new Uint8Array(256), publicKey)).toBe(false);
  });
});
