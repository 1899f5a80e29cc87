// What a reader talks to: a contactless card at the level of power and APDU bytes. Implemented by the
// chip simulator; carried in-process by SimCardReader or over TCP to vsmartcard's vpcd by VpcdBridge.

export interface VirtualCard {
  /** Powers the card (or warm-resets it) and returns its ATR. All session state is lost. */
  powerOn(): Uint8Array;
  /** Powers the card off; session state is lost. */
  powerOff(): void;
  /** The ATR the card answers with while powered. */
  readonly atr: Uint8Array;
  /**
   * Processes one command APDU and resolves with the response (data ‖ SW1 SW2). Never throws for bad
   * input: a malformed APDU is answered with a status word, as a real chip does. May reject with
   * CardRemovedError when a fault injection removes the card.
   */
  transmit(command: Uint8Array): Promise<Uint8Array>;
}
