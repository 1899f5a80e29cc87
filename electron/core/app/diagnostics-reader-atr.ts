// Where the diagnostics screen's ATR comes from when no read has shown it yet: the registry's card
// readers announce each inserted card with its ATR (CardPresence), and a card already lying on a reader
// is asked for with `waitForCard(0)`, which answers at once without touching the card. The reader of a
// device changes with hot-plug, so the subscription follows the registry's health changes.

import type { CardReaderDevice } from '../../../native/hal/card-reader-device.ts';
import type { CardReader } from '../../../native/hal/card-reader.ts';
import type { DeviceRegistry } from '../../../native/hal/device-registry.ts';
import type { Disposable } from '../../../native/hal/event.ts';

/** The ATR of the card on a reader right now, if one is there (never connects to it). */
export async function presentCardAtr(reader: CardReader): Promise<Uint8Array | undefined> {
  if (!reader.cardPresent) return undefined;
  try {
    return (await reader.waitForCard(0)).atr;
  } catch {
    return undefined; // The card left in between.
  }
}

/** Calls `onAtr` with the ATR of every card put on any card reader of `registry` (and one already there). */
export function followReaderAtr(registry: DeviceRegistry, onAtr: (atr: Uint8Array) => void): Disposable {
  const bound = new Map<string, { reader: CardReader; subscription: Disposable }>();
  let disposed = false;
  const bind = (): void => {
    if (disposed) return;
    for (const entry of registry.list()) {
      if (entry.role !== 'cardReader') continue;
      const reader = (entry.device as CardReaderDevice | undefined)?.reader;
      const current = bound.get(entry.id);
      if (current?.reader === reader) continue;
      current?.subscription.dispose();
      bound.delete(entry.id);
      if (reader === undefined) continue;
      bound.set(entry.id, { reader, subscription: reader.onDidInsertCard((presence) => onAtr(presence.atr)) });
      void presentCardAtr(reader).then((atr) => {
        if (atr !== undefined && !disposed) onAtr(atr);
      });
    }
  };
  const health = registry.onDidChangeHealth(bind);
  bind();
  return {
    dispose: () => {
      disposed = true;
      health.dispose();
      for (const { subscription } of bound.values()) subscription.dispose();
      bound.clear();
    },
  };
}
