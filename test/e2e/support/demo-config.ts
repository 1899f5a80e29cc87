// Config overrides of the demo profile for scenarios that need the simulated world at a person's pace.
// The simulated reader answers at memory speed, so a whole chip read is over before a person (or a test)
// could lift the card; a reader with per-APDU latency and no extended length (the photo read in ~100
// chunks, as on many real readers) makes the reading screen, its progress bar and a mid-read removal
// observable. A list replaces the profile's list, so every demo device is repeated here.

export interface SlowReaderOptions {
  /** Delay of each APDU exchange (card-reader-factories.ts sim option `latencyMs`). */
  readonly latencyMs: number;
}

/** The demo profile's devices with a slow, short-APDU-only simulated card reader. */
export function slowReaderOverride({ latencyMs }: SlowReaderOptions): string {
  return `# e2e: the demo devices, with a card reader at a real reader's pace
devices:
  - id: card-reader
    role: cardReader
    driver: sim
    options: { card: cccd, latencyMs: ${latencyMs}, extendedLength: false }
  - id: fingerprint
    role: fingerprint
    driver: sim
  - id: document-scanner
    role: documentScanner
    driver: sim
  - id: printer
    role: printer
    driver: sim
  - id: gate
    role: gate
    driver: sim
    required: false
`;
}
