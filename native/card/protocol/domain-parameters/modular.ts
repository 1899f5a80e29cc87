// Modular arithmetic over BigInt for the DH groups and the PACE mappings (ICAO 9303-11 §4.4.3.3).
// These operations are not constant-time; the kiosk is the terminal side, where timing is not exposed
// to a remote attacker, and the simulator only plays a chip in tests.

/** The non-negative residue of `a` mod `m`. */
export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** `base`^`exponent` mod `modulus` by left-to-right square and multiply. `exponent` must be >= 0. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (exponent < 0n) throw new RangeError('negative exponent');
  if (modulus === 1n) return 0n;
  let result = 1n;
  const b = mod(base, modulus);
  for (let i = bitLength(exponent) - 1; i >= 0; i--) {
    result = (result * result) % modulus;
    if ((exponent >> BigInt(i)) & 1n) result = (result * b) % modulus;
  }
  return result;
}

/** The inverse of `a` mod `m` (extended Euclid). Throws RangeError when none exists. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError('not invertible');
  return mod(oldS, m);
}

export function bitLength(n: bigint): number {
  return n <= 0n ? 0 : n.toString(2).length;
}

export function byteLength(n: bigint): number {
  return Math.ceil(bitLength(n) / 8);
}

/**
 * A uniformly random integer in [1, upper - 1] from `random`: bytes are masked to the bit length of
 * `upper` and redrawn when out of range, so an injected source that returns a valid key yields that key.
 */
export function randomBelow(upper: bigint, random: (n: number) => Uint8Array): bigint {
  const bits = bitLength(upper);
  const bytes = Math.ceil(bits / 8);
  const mask = (1n << BigInt(bits)) - 1n;
  for (let attempt = 0; attempt < 128; attempt++) {
    const drawn = random(bytes);
    let k = 0n;
    for (const b of drawn) k = (k << 8n) | BigInt(b);
    k &= mask;
    if (k > 0n && k < upper) return k;
  }
  throw new RangeError('random source keeps returning out-of-range values');
}
