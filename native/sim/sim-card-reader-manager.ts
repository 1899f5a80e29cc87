// The simulated profile's set of readers: readers are added and removed by the control surface (tests,
// the demo) instead of by USB hot-plug.

import type { CardReader, CardReaderManager } from '../hal/card-reader.ts';
import type { Event } from '../hal/event.ts';
import { Emitter } from '../hal/event.ts';
import type { SimCardReaderOptions } from './sim-card-reader.ts';
import { SimCardReader } from './sim-card-reader.ts';

export class SimCardReaderManager implements CardReaderManager {
  private readonly byName = new Map<string, SimCardReader>();
  private readonly added = new Emitter<CardReader>();
  private readonly removed = new Emitter<{ readonly name: string }>();
  private disposed = false;

  readonly onDidAddReader: Event<CardReader> = this.added.event;
  readonly onDidRemoveReader: Event<{ readonly name: string }> = this.removed.event;

  get readers(): readonly SimCardReader[] {
    return [...this.byName.values()];
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  /** Plugs in a reader. Throws an Error when the name is taken or the manager is disposed (a test bug). */
  addReader(name = `Simulated Reader ${String(this.byName.size).padStart(2, '0')}`, options: SimCardReaderOptions = {}): SimCardReader {
    if (this.disposed) throw new Error('SimCardReaderManager is disposed');
    if (this.byName.has(name)) throw new Error(`a simulated reader named "${name}" already exists`);
    const reader = new SimCardReader(name, options);
    this.byName.set(name, reader);
    this.added.fire(reader);
    return reader;
  }

  /** Unplugs a reader: its card is removed and an open session's exchanges fail with CardRemovedError. */
  removeReader(name: string): void {
    const reader = this.byName.get(name);
    if (reader === undefined) return;
    this.byName.delete(name);
    reader.unplug();
    this.removed.fire(Object.freeze({ name }));
  }

  get(name: string): SimCardReader | undefined {
    return this.byName.get(name);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const reader of this.byName.values()) reader.dispose();
    this.byName.clear();
    this.added.dispose();
    this.removed.dispose();
  }
}
