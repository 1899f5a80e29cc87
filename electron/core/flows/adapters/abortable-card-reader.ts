// A view of a CardReader that stops working once a signal aborts: every later transmit, connect and wait
// rejects with KioskError READ_CANCELLED. readDocument has no signal of its own; handing it this view
// ends a read within one APDU when the flow leaves the reading step, and its `finally` releases the card.

import type { CardReader, CardSession, ConnectOptions } from '../../../../native/hal/card-reader.ts';
import { cancelledError } from '../flow-problem.ts';

const STEP = 'flow.read';

function check(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError(STEP);
}

function abortableSession(session: CardSession, signal: AbortSignal): CardSession {
  return {
    get atr() {
      return session.atr;
    },
    get extendedLengthSupported() {
      return session.extendedLengthSupported;
    },
    async transmit(command) {
      check(signal);
      return session.transmit(command);
    },
    reset: () => session.reset(),
    close: () => session.close(),
  };
}

export function abortableCardReader(reader: CardReader, signal: AbortSignal): CardReader {
  return {
    get name() {
      return reader.name;
    },
    get cardPresent() {
      return reader.cardPresent;
    },
    onDidInsertCard: reader.onDidInsertCard,
    onDidRemoveCard: reader.onDidRemoveCard,
    async connect(options?: ConnectOptions) {
      check(signal);
      return abortableSession(await reader.connect(options), signal);
    },
    waitForCard(timeoutMs: number) {
      check(signal);
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(cancelledError(STEP));
        signal.addEventListener('abort', onAbort, { once: true });
        reader.waitForCard(timeoutMs).then(
          (presence) => {
            signal.removeEventListener('abort', onAbort);
            resolve(presence);
          },
          (err: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(err);
          },
        );
      });
    },
    // The view does not own the reader.
    dispose: () => undefined,
  };
}
