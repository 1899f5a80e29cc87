// A PC/SC reader as a registry Device: the reader whose name matches the config's pattern, through
// pcscd. pcsclite is loaded on the first open, never at import. A reader unplugged and plugged back is
// picked up by the manager's hot-plug events; after pcscd restarts, the registry's retries open a fresh
// PC/SC context (a context that outlived its pcscd never sees readers again).

import type { CardReaderManager } from '../../hal/card-reader.ts';
import { ReaderManagerDevice } from '../../hal/card-reader-device.ts';
import type { PcscLogger } from './pcsc-card-reader.ts';
import { PcscCardReaderManager } from './pcsc-card-reader-manager.ts';
import type { PcscLiteLoader } from './pcsc-lite-binding.ts';

export interface PcscReaderDeviceOptions {
  readonly id: string;
  /** Case-insensitive part of the PC/SC reader name; absent: the first reader. */
  readonly readerName?: string;
  /** Where pcsclite comes from (tests inject a fake). */
  readonly loader?: PcscLiteLoader;
  readonly logger?: PcscLogger;
  /** How long a new context waits for the first reader announcement (default 300 ms). */
  readonly settleMs?: number;
  readonly now?: () => number;
}

export class PcscReaderDevice extends ReaderManagerDevice {
  constructor(private readonly pcsc: PcscReaderDeviceOptions) {
    super({
      id: pcsc.id,
      driver: 'pcsc',
      ...(pcsc.readerName === undefined ? {} : { readerName: pcsc.readerName }),
      ...(pcsc.now ? { now: pcsc.now } : {}),
    });
  }

  protected createManager(): CardReaderManager {
    return new PcscCardReaderManager({
      ...(this.pcsc.loader ? { loader: this.pcsc.loader } : {}),
      ...(this.pcsc.logger ? { logger: this.pcsc.logger } : {}),
      ...(this.pcsc.settleMs === undefined ? {} : { settleMs: this.pcsc.settleMs }),
    });
  }

  protected shouldRenew(manager: CardReaderManager): boolean {
    return manager.readers.length === 0;
  }
}
