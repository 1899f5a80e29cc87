// The Node host's data key: 32 random bytes in a file only the kiosk's user may read (mode 0600). The file
// is created on first use when asked; a file anyone else can read, or of the wrong length, is refused.

import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, writeSync, fsyncSync } from 'node:fs';
import { dirname } from 'node:path';
import { DATA_KEY_BYTES } from './key-provider.ts';
import { SingleKeyProvider } from './single-key-provider.ts';
import { StoreError } from './store-error.ts';

export interface FileKeyProviderOptions {
  readonly path: string;
  /** Create a fresh key when the file does not exist (default false: a missing key is an error). */
  readonly create?: boolean;
}

export class FileKeyProvider extends SingleKeyProvider {
  constructor(private readonly options: FileKeyProviderOptions) {
    super();
  }

  /** Throws STORE_KEY_UNAVAILABLE: missing file (without `create`), mode wider than 0600, wrong length. */
  protected load(): Buffer {
    const { path } = this.options;
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && this.options.create) return this.createKey();
      const why = code === 'ENOENT' ? 'does not exist' : `cannot be opened (${code ?? 'error'})`;
      throw new StoreError('STORE_KEY_UNAVAILABLE', `the store key file ${path} ${why}`, { step: 'store.key', cause: err });
    }
    try {
      const stat = fstatSync(fd);
      if ((stat.mode & 0o077) !== 0) {
        const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
        throw new StoreError('STORE_KEY_UNAVAILABLE', `the store key file ${path} has mode ${mode}; it must be 0600 (chmod 600 ${path})`, { step: 'store.key' });
      }
      if (stat.size !== DATA_KEY_BYTES) {
        throw new StoreError('STORE_KEY_UNAVAILABLE', `the store key file ${path} holds ${stat.size} bytes; a key is exactly ${DATA_KEY_BYTES}`, { step: 'store.key' });
      }
      const key = Buffer.alloc(DATA_KEY_BYTES);
      if (readSync(fd, key, 0, DATA_KEY_BYTES, 0) !== DATA_KEY_BYTES) {
        throw new StoreError('STORE_KEY_UNAVAILABLE', `the store key file ${path} could not be read whole`, { step: 'store.key' });
      }
      return key;
    } finally {
      closeSync(fd);
    }
  }

  private createKey(): Buffer {
    const { path } = this.options;
    const key = randomBytes(DATA_KEY_BYTES);
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // O_EXCL: two processes starting at once cannot both write a key; the loser reads the winner's.
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      try {
        writeSync(fd, key);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return this.load();
      throw new StoreError('STORE_KEY_UNAVAILABLE', `cannot create the store key file ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { step: 'store.key', cause: err });
    }
    return key;
  }
}
