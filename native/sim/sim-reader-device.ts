// The simulated card reader as a registry Device: one SimCardReader in a SimCardReaderManager, with a
// card in the field when the config asks for one. The control surface (unplug, replug, insertCard,
// removeCard) drives the same health changes and reconnection as USB hot-plug does for PC/SC.

import type { CardReaderManager } from '../hal/card-reader.ts';
import { ReaderManagerDevice } from '../hal/card-reader-device.ts';
import type { VirtualCard } from './chip/virtual-card.ts';
import { SimCardReaderManager } from './sim-card-reader-manager.ts';
import type { SimCardReader, SimCardReaderOptions } from './sim-card-reader.ts';

export interface SimReaderDeviceOptions extends SimCardReaderOptions {
  readonly id: string;
  /** The simulated reader's name (default `Simulated Reader 00`). */
  readonly readerName?: string;
  /** A card placed on the reader when it is plugged in (the demo's self-test reads its ATR). */
  readonly card?: VirtualCard;
  /** Start unplugged (default false), to model a reader plugged in later. */
  readonly startUnplugged?: boolean;
  readonly now?: () => number;
}

export class SimReaderDevice extends ReaderManagerDevice {
  private readonly simManager = new SimCardReaderManager();
  private readonly readerName: string;
  private readonly readerOptions: SimCardReaderOptions;
  private readonly card: VirtualCard | undefined;

  constructor(options: SimReaderDeviceOptions) {
    const readerName = options.readerName ?? 'Simulated Reader 00';
    super({ id: options.id, driver: 'sim', readerName, ...(options.now ? { now: options.now } : {}) });
    this.readerName = readerName;
    this.card = options.card;
    this.readerOptions = {
      ...(options.extendedLengthSupported === undefined ? {} : { extendedLengthSupported: options.extendedLengthSupported }),
      ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    };
    if (!options.startUnplugged) this.replug();
  }

  /** The simulated reader while plugged in. */
  get simReader(): SimCardReader | undefined {
    return this.simManager.get(this.readerName);
  }

  /** Unplugs the reader: its card leaves, open sessions fail with CardRemovedError, health turns absent. */
  unplug(): void {
    this.simManager.removeReader(this.readerName);
  }

  /** Plugs the reader in (again), with the configured card on it. No-op when already plugged in. */
  replug(): void {
    if (this.simManager.get(this.readerName)) return;
    const reader = this.simManager.addReader(this.readerName, this.readerOptions);
    if (this.card) reader.insertCard(this.card);
  }

  insertCard(card: VirtualCard): void {
    this.simReader?.insertCard(card);
  }

  removeCard(): void {
    this.simReader?.removeCard();
  }

  protected createManager(): CardReaderManager {
    return this.simManager;
  }

  protected shouldRenew(): boolean {
    return false;
  }

  override dispose(): void {
    super.dispose();
    this.simManager.dispose();
  }
}
