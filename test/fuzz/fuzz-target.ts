// A parser under fuzz: seeds (valid inputs) and the function that parses bytes.
export interface FuzzTarget {
  readonly name: string;
  /** Valid inputs the mutations start from. */
  seeds(): Uint8Array[] | Promise<Uint8Array[]>;
  /** Parses; may throw only typed errors (KioskError and subclasses). May be async. */
  parse(input: Uint8Array): unknown;
}
