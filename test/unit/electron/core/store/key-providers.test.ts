import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openField, sealField } from '../../../../../electron/core/store/field-cipher.ts';
import { FileKeyProvider } from '../../../../../electron/core/store/file-key-provider.ts';
import { dataKey, keyIdOf } from '../../../../../electron/core/store/key-provider.ts';
import { SafeStorageKeyProvider, type SafeStorageLike } from '../../../../../electron/core/store/safe-storage-key-provider.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for Electron's safeStorage: XOR with a fixed pad, so sealed bytes differ from the plain text. */
function mockSafeStorage(available = true): SafeStorageLike {
  const pad = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => pad(Buffer.from(text, 'utf8')),
    decryptString: (sealed) => pad(sealed).toString('utf8'),
  };
}

describe('FileKeyProvider', () => {
  it('creates a 32-byte key file with mode 0600 on first use and reads the same key afterwards', async () => {
    const path = join(dir, 'keys', 'store.key');
    const created = await new FileKeyProvider({ path, create: true }).currentKey();
    const again = await new FileKeyProvider({ path }).currentKey();

    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path)).toHaveLength(32);
    expect(again.id).toBe(created.id);
    expect(again.key.equals(created.key)).toBe(true);
  });

  it('reports a missing key file as STORE_KEY_UNAVAILABLE unless asked to create one', async () => {
    await expect(new FileKeyProvider({ path: join(dir, 'absent.key') }).currentKey()).rejects.toMatchObject({
      code: 'STORE_KEY_UNAVAILABLE',
      message: expect.stringContaining('does not exist') as string,
    });
  });

  it('refuses a key file that others may read', async () => {
    const path = join(dir, 'store.key');
    writeFileSync(path, randomBytes(32), { mode: 0o644 });
    chmodSync(path, 0o644);

    await expect(new FileKeyProvider({ path }).currentKey()).rejects.toMatchObject({ code: 'STORE_KEY_UNAVAILABLE', message: expect.stringContaining('0644') as string });
  });

  it('refuses a key file of the wrong length', async () => {
    const path = join(dir, 'store.key');
    writeFileSync(path, randomBytes(16), { mode: 0o600 });

    await expect(new FileKeyProvider({ path }).currentKey()).rejects.toMatchObject({ code: 'STORE_KEY_UNAVAILABLE', message: expect.stringContaining('16 bytes') as string });
  });

  it('finds its key by id and no other', async () => {
    const provider = new FileKeyProvider({ path: join(dir, 'store.key'), create: true });
    const key = await provider.currentKey();

    expect(await provider.keyById(key.id)).toBe(key);
    expect(await provider.keyById(keyIdOf(randomBytes(32)))).toBeUndefined();
  });
});

describe('SafeStorageKeyProvider', () => {
  it('seals a fresh key through safeStorage and unseals the same key later', async () => {
    const sealedKeyPath = join(dir, 'store.key.sealed');
    const created = await new SafeStorageKeyProvider({ safeStorage: mockSafeStorage(), sealedKeyPath, create: true }).currentKey();
    const again = await new SafeStorageKeyProvider({ safeStorage: mockSafeStorage(), sealedKeyPath }).currentKey();

    expect(again.key.equals(created.key)).toBe(true);
    expect(readFileSync(sealedKeyPath).includes(created.key.toString('base64'))).toBe(false);
  });

  it('refuses to work when the OS keystore is not available', async () => {
    const provider = new SafeStorageKeyProvider({ safeStorage: mockSafeStorage(false), sealedKeyPath: join(dir, 'k'), create: true });
    await expect(provider.currentKey()).rejects.toMatchObject({ code: 'STORE_KEY_UNAVAILABLE', message: expect.stringContaining('safeStorage') as string });
    expect(existsSync(join(dir, 'k'))).toBe(false);
  });

  it('reports a sealed key that unseals to the wrong length', async () => {
    const sealedKeyPath = join(dir, 'k');
    writeFileSync(sealedKeyPath, mockSafeStorage().encryptString(randomBytes(20).toString('base64')));
    await expect(new SafeStorageKeyProvider({ safeStorage: mockSafeStorage(), sealedKeyPath }).currentKey()).rejects.toMatchObject({ code: 'STORE_KEY_UNAVAILABLE' });
  });
});

describe('field cipher', () => {
  const key = dataKey(randomBytes(32));
  const plaintext = Buffer.from('{"fullName":"synthetic"}');

  it('round-trips a field and never repeats a ciphertext', () => {
    const a = sealField(key, plaintext, 'row-1', 'personal');
    const b = sealField(key, plaintext, 'row-1', 'personal');

    expect(openField(key, a, 'row-1', 'personal').equals(plaintext)).toBe(true);
    expect(a.equals(b)).toBe(false);
  });

  it.each([
    ['another row', dataKey(key.key), 'row-2', 'personal'],
    ['another column', dataKey(key.key), 'row-1', 'other'],
    ['another key', dataKey(randomBytes(32)), 'row-1', 'personal'],
  ])('refuses a ciphertext opened for %s', (_what, openKey, row, column) => {
    const sealed = sealField(key, plaintext, 'row-1', 'personal');
    expect(() => openField(openKey, sealed, row, column)).toThrow(expect.objectContaining({ code: 'STORE_DECRYPT_FAILED' }));
  });

  it('refuses a truncated ciphertext', () => {
    expect(() => openField(key, sealField(key, plaintext, 'r', 'c').subarray(0, 20), 'r', 'c')).toThrow(expect.objectContaining({ code: 'STORE_DECRYPT_FAILED' }));
  });
});
