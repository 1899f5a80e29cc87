// The event and state plumbing every real ByteLink shares (SerialByteLink, HidByteLink): the two
// emitters, the open flag behind `isOpen`, and `dispose`. A subclass fires `received` for incoming bytes
// and, on loss, clears `open` and fires `disconnected` once, in the order its transport needs.

import { Emitter } from '../../hal/event.ts';
import type { ByteLink } from './byte-link.ts';

export abstract class EventedByteLink implements ByteLink {
  protected readonly received = new Emitter<Uint8Array>();
  protected readonly disconnected = new Emitter<Error>();
  /** True until `close()` or a loss; `write` must reject once it is false. */
  protected open = true;

  readonly onDidReceive = this.received.event;
  readonly onDidDisconnect = this.disconnected.event;

  abstract readonly name: string;

  get isOpen(): boolean {
    return this.open;
  }

  abstract write(bytes: Uint8Array): Promise<void>;

  abstract close(): Promise<void>;

  /** Closes the link without waiting and drops every listener. */
  dispose(): void {
    void this.close();
    this.received.dispose();
    this.disconnected.dispose();
  }
}
