// What crosses the page's contract WebSocket, as Playwright observes it: the requests the renderer sends
// and the core's replies. Tests read it only where the screen cannot say when something has been
// decided, e.g. that a PIN was refused because of the lockout rather than not yet answered. Nothing is
// injected or altered: it is a read-only tap.

import type { Page, WebSocket } from '@playwright/test';

interface Frame {
  readonly type?: string;
  readonly id?: string | number | null;
  readonly error?: { readonly code?: string };
  readonly result?: { readonly kind?: string };
}

export interface Reply {
  readonly type: 'ok' | 'error';
  /** The error's code when refused (PIN_WRONG, LOCKED_OUT, ...). */
  readonly code: string | undefined;
}

function parse(payload: string | Buffer): Frame | undefined {
  try {
    const value: unknown = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Frame) : undefined;
  } catch {
    return undefined;
  }
}

export class ContractWire {
  private readonly sent: Frame[] = [];
  private readonly received: Frame[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(page: Page) {
    page.on('websocket', (socket: WebSocket) => {
      if (!new URL(socket.url()).pathname.endsWith('/contract')) return;
      socket.on('framesent', ({ payload }) => this.record(this.sent, payload));
      socket.on('framereceived', ({ payload }) => this.record(this.received, payload));
    });
  }

  /** How many requests of `type` the page has sent so far. */
  sentCount(type: string): number {
    return this.sent.filter((f) => f.type === type).length;
  }

  /**
   * The core's reply to the `nth` (1-based) request of `type` the page sent, waiting for both.
   * Errors: a timeout when the request is not sent or not answered within `timeoutMs`.
   */
  async reply(type: string, nth: number, timeoutMs = 10_000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const request = this.sent.filter((f) => f.type === type)[nth - 1];
      const answer = request && this.received.find((f) => (f.type === 'ok' || f.type === 'error') && f.id === request.id);
      if (answer) return { type: answer.type as Reply['type'], code: answer.error?.code };
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply to ${type} #${nth} within ${timeoutMs} ms (${this.sentCount(type)} sent)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  private record(list: Frame[], payload: string | Buffer): void {
    const frame = parse(payload);
    if (frame) list.push(frame);
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
  }
}
