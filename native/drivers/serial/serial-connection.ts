// One device's connection to its serial link: opens it through the opener (again after an unplug),
// forwards received chunks, and marks the device absent when the link vanishes. Shared by the scanner,
// printer and gate drivers so they agree on reconnect behaviour.

import { DeviceUnavailableError } from '../../hal/errors.ts';
import type { Disposable } from '../../hal/event.ts';
import type { DeviceHealthTracker } from './device-health-tracker.ts';
import type { SerialLink, SerialLinkOpener } from './serial-link.ts';

export interface SerialConnectionOptions {
  readonly id: string;
  readonly opener: SerialLinkOpener;
  readonly health: DeviceHealthTracker;
  /** Every chunk the device sends. */
  readonly onData: (chunk: Uint8Array) => void;
  /** Called after the link vanished or was closed (pending requests should fail now). */
  readonly onClosed?: (error: Error | undefined) => void;
}

export class SerialConnection implements Disposable {
  private current: SerialLink | undefined;
  private opening: Promise<SerialLink> | undefined;
  private subscriptions: Disposable[] = [];
  private disposed = false;

  constructor(private readonly options: SerialConnectionOptions) {}

  get link(): SerialLink | undefined {
    return this.current?.isOpen ? this.current : undefined;
  }

  /**
   * Resolves with the open link, opening it when needed (concurrent callers share one attempt).
   * Rejects with DeviceUnavailableError when the port cannot be opened; health becomes absent then.
   */
  open(): Promise<SerialLink> {
    if (this.disposed) return Promise.reject(this.gone('serial.open'));
    const link = this.link;
    if (link) return Promise.resolve(link);
    this.opening ??= this.doOpen().finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** The open link, or DeviceUnavailableError `DEVICE_DISCONNECTED` naming `step`. */
  require(step: string): SerialLink {
    const link = this.link;
    if (!link) throw this.gone(step);
    return link;
  }

  gone(step: string, cause?: unknown): DeviceUnavailableError {
    return new DeviceUnavailableError('DEVICE_DISCONNECTED', `device "${this.options.id}" is not connected`, { step, cause });
  }

  private async doOpen(): Promise<SerialLink> {
    const { health } = this.options;
    let link: SerialLink;
    try {
      link = await this.options.opener();
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      health.set('absent', 'NOT_CONNECTED', detail);
      throw err instanceof DeviceUnavailableError ? err : this.gone('serial.open', err);
    }
    if (this.disposed) {
      await link.close();
      throw this.gone('serial.open');
    }
    this.current = link;
    this.subscriptions = [
      link.onDidReceive((chunk) => this.options.onData(chunk)),
      link.onDidClose(({ error }) => {
        if (this.current !== link) return;
        this.current = undefined;
        this.unsubscribe();
        if (!this.disposed) health.set('absent', 'DISCONNECTED', error ? `${link.name}: ${error.message}` : `${link.name} closed`);
        this.options.onClosed?.(error);
      }),
    ];
    return link;
  }

  private unsubscribe(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  /** Closes the link; the device is then absent until `open()` again. */
  async close(): Promise<void> {
    const link = this.current;
    if (link) await link.close();
  }

  dispose(): void {
    this.disposed = true;
    const link = this.current;
    this.current = undefined;
    this.unsubscribe();
    if (link) void link.close();
  }
}
