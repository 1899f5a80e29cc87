// Hands the kiosk renderer its contract port. The preload asks (REQUEST_PORT_CHANNEL); main answers
// only the main frame of the kiosk window showing the core's own origin — not a subframe, not the
// crash page, not another page a bug navigated to — and only while the core runs. A request made while
// the core is down is remembered and answered when it is up again. When the core goes down, every open
// session is closed and the renderer told, so it shows "reconnecting" and asks again.

import type { Logger } from '../../native/util/logger.ts';
import type { KioskCoreEndpoints } from '../core/app/kiosk-core-api.ts';
import { CONTRACT_CLOSED_CHANNEL, CONTRACT_PORT_CHANNEL } from '../preload/ipc-channels.ts';
import type { ContractRelay, RelayPort } from './contract-relay.ts';
import { originOf } from './kiosk-window.ts';

/** The parts of WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly routingId: number;
  readonly processId: number;
}

/** The parts of WebContents the broker uses. */
export interface KioskContentsLike {
  readonly mainFrame: FrameLike;
  postMessage(channel: string, message: unknown, transfer: unknown[]): void;
  send(channel: string): void;
  isDestroyed(): boolean;
}

export interface PortRequestEvent {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}

export interface ContractPortBrokerOptions {
  /** The kiosk window's contents (the only one served). */
  readonly contents: KioskContentsLike;
  /** A new MessageChannelMain. */
  readonly createChannel: () => { readonly port1: RelayPort; readonly port2: unknown };
  readonly openRelay: (endpoints: KioskCoreEndpoints) => Promise<ContractRelay>;
  readonly logger: Logger;
}

export type PortRequestOutcome = 'refused' | 'queued' | 'opening';

export class ContractPortBroker {
  private endpoints: KioskCoreEndpoints | null = null;
  private relay: ContractRelay | null = null;
  private pending = false;
  /** Bumped whenever the core or the session changes, so a late-opening socket is discarded. */
  private generation = 0;
  private readonly log: Logger;

  constructor(private readonly options: ContractPortBrokerOptions) {
    this.log = options.logger.child({ module: 'port-broker' });
  }

  /** The core's endpoints when it is running, null when it is not. */
  setCore(endpoints: KioskCoreEndpoints | null): void {
    this.endpoints = endpoints;
    this.generation += 1;
    this.closeSession();
    if (endpoints !== null && this.pending) this.open();
  }

  /** Whether `event` comes from the kiosk window's main frame at the core's origin. */
  isKioskFrame(event: PortRequestEvent): boolean {
    const frame = event.senderFrame;
    const main = this.options.contents.mainFrame;
    if (event.sender !== this.options.contents || frame === null) return false;
    if (frame.routingId !== main.routingId || frame.processId !== main.processId) return false;
    const origin = originOf(frame.url);
    return this.endpoints !== null && origin !== null && origin === originOf(this.endpoints.url);
  }

  /** Answers a port request (REQUEST_PORT_CHANNEL). */
  handleRequest(event: PortRequestEvent): PortRequestOutcome {
    if (this.endpoints === null) {
      // Nothing to check the origin against yet: remember that the kiosk frame asked, check it later.
      if (event.sender !== this.options.contents || event.senderFrame === null) return this.refuse('sender');
      this.pending = true;
      return 'queued';
    }
    if (!this.isKioskFrame(event)) return this.refuse('frame');
    this.generation += 1;
    this.closeSession();
    this.pending = true;
    this.open();
    return 'opening';
  }

  /** Closes the session (quit). */
  dispose(): void {
    this.endpoints = null;
    this.pending = false;
    this.generation += 1;
    this.closeSession();
  }

  private refuse(reason: string): 'refused' {
    this.log.warn({ event: 'port-refused', reason }, 'refused a contract port request');
    return 'refused';
  }

  private open(): void {
    const endpoints = this.endpoints;
    if (endpoints === null) return;
    const generation = this.generation;
    this.options.openRelay(endpoints).then(
      (relay) => {
        if (generation !== this.generation || this.options.contents.isDestroyed()) {
          relay.close();
          return;
        }
        const channel = this.options.createChannel();
        relay.attach(channel.port1);
        this.relay = relay;
        this.pending = false;
        relay.onDidClose(() => {
          if (this.relay !== relay) return;
          this.relay = null;
          this.notifyClosed();
        });
        this.options.contents.postMessage(CONTRACT_PORT_CHANNEL, null, [channel.port2]);
      },
      (err: Error & { status?: number }) => {
        if (generation !== this.generation) return;
        this.log.warn({ event: 'relay-connect-failed', status: err.status, error: err.name }, 'could not open the contract session');
        this.notifyClosed();
      },
    );
  }

  private closeSession(): void {
    const relay = this.relay;
    this.relay = null;
    if (relay !== null) {
      relay.close();
      this.notifyClosed();
    }
  }

  private notifyClosed(): void {
    if (!this.options.contents.isDestroyed()) this.options.contents.send(CONTRACT_CLOSED_CHANNEL);
  }
}
