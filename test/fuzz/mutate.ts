// Deterministic byte mutators for the parser fuzz run: bit flips, byte replacement, insertion, deletion,
// truncation, duplication of a span, and "interesting" length bytes (0x00, 0x7F, 0x80-0x84, 0xFF).

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xff, 0x30, 0x31, 0x04, 0x06];

export function mutate(input: Uint8Array, rng: Rng): Uint8Array {
  let out = new Uint8Array(input);
  const rounds = 1 + rng.below(4);
  for (let r = 0; r < rounds; r++) {
    const n = out.length;
    switch (rng.below(7)) {
      case 0:
        if (n) out[rng.below(n)]! ^= 1 << rng.below(8);
        break;
      case 1:
        if (n) out[rng.below(n)] = rng.below(256);
        break;
      case 2:
        if (n) out[rng.below(n)] = INTERESTING[rng.below(INTERESTING.length)]!;
        break;
      case 3: {
        const at = rng.below(n + 1);
        const ins = Uint8Array.from({ length: 1 + rng.below(8) }, () => rng.below(256));
        const next = new Uint8Array(n + ins.length);
        next.set(out.subarray(0, at));
        next.set(ins, at);
        next.set(out.subarray(at), at + ins.length);
        out = next;
        break;
      }
      case 4: {
        if (!n) break;
        const at = rng.below(n);
        const len = Math.min(n - at, 1 + rng.below(16));
        const next = new Uint8Array(n - len);
        next.set(out.subarray(0, at));
        next.set(out.subarray(at + len), at);
        out = next;
        break;
      }
      case 5:
        out = out.slice(0, rng.below(n + 1));
        break;
      case 6: {
        if (!n || n > 1 << 16) break;
        const at = rng.below(n);
        const len = Math.min(n - at, 1 + rng.below(32));
        const span = out.slice(at, at + len);
        const next = new Uint8Array(n + len);
        next.set(out.subarray(0, at + len));
        next.set(span, at + len);
        next.set(out.subarray(at + len), at + 2 * len);
        out = next;
        break;
      }
    }
  }
  return out;
}
