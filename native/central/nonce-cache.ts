// Remembers the signature nonces seen within the acceptance window, so a captured request cannot be
// replayed. A nonce is kept until its signature could no longer be accepted anyway. Memory is bounded
// by `maxEntries`: past it the oldest entries go first, so set it well above the number of requests
// all kiosks send within one signature lifetime.

export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 1_000_000) {}

  /**
   * Records `nonce` (scoped by `keyId`) as used until `expiresAtMs`. Returns false when it was already
   * recorded and has not expired: a replay.
   */
  use(keyId: string, nonce: string, expiresAtMs: number, nowMs: number): boolean {
    const key = `${keyId}\u0000${nonce}`;
    const known = this.seen.get(key);
    if (known !== undefined && known > nowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, expiresAtMs);
    if (this.seen.size > this.maxEntries) this.prune(nowMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Drops expired entries; when still over the bound, the oldest inserted. */
  prune(nowMs: number): void {
    for (const [key, expires] of this.seen) if (expires <= nowMs) this.seen.delete(key);
    for (const key of this.seen.keys()) {
      if (this.seen.size <= this.maxEntries) break;
      this.seen.delete(key);
    }
  }
}
