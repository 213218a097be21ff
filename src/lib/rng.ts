// Seeded pseudo-random numbers. Pure, no imports.
//
// Written by hand (about 20 lines) because the permutation tests draw
// hundreds of millions of integers and need a generator that is fast,
// seedable, identical in Node and browsers, and free of global state;
// xoshiro128** (Blackman & Vigna) with splitmix32 seeding does that.

export interface Rng {
  /** uniform float in [0, 1) */
  next(): number;
  /** uniform integer in [0, n), n < 2^32 */
  int(n: number): number;
  /** raw 32-bit unsigned output */
  u32(): number;
}

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(),
    b = split(),
    c = split(),
    d = split();
  const u32 = () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  return {
    u32,
    next: () => u32() / 4294967296,
    // Scaled float: the bias for n ≪ 2^32 is far below what a permutation test can see.
    int: (n: number) => Math.floor((u32() / 4294967296) * n)
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
