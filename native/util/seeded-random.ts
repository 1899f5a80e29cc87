// One small deterministic PRNG for everything that must replay from a seed: synthetic fingerprints, the
// central simulator's fault draws, the store crash test's kill moments. Not for keys or nonces: those
// come from node:crypto.

/**
 * mulberry32: returns a generator of numbers in [0, 1); the same seed gives the same sequence. Only the
 * low 32 bits of `seed` are used.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
