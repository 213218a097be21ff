// Seeded noise for the reconstruction: integer hashing for per-pixel speckle
// and hash-lattice value noise / fBm for smooth fields. Lattice values are
// hashed from integer coordinates and a salt rather than stored, so a field
// costs no memory, can be sampled in any order (rows, tiles, workers) and is
// defined in map coordinates (the same landscape at every pixel size). Salts
// come from the seeded generator of src/lib/rng.ts.
import {rng} from "../../../../src/lib/rng.js";

/** 32-bit integer hash of (i, j, salt): a multiply–xorshift mix, well spread in all bits. */
export function hash3(i: number, j: number, salt: number): number {
  let h = Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1) ^ salt;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform [0, 1) from hash3. */
export const hashUnit = (i: number, j: number, salt: number) => hash3(i, j, salt) / 4294967296;

/** Value noise in [−1, 1] at (x, y) in lattice units, smoothstep-interpolated. */
export function valueNoise(x: number, y: number, salt: number): number {
  const i = Math.floor(x);
  const j = Math.floor(y);
  return blend(hash3(i, j, salt), hash3(i + 1, j, salt), hash3(i, j + 1, salt), hash3(i + 1, j + 1, salt), x - i, y - j);
}

/**
 * valueNoise(x, y, salt) for one salt, remembering the last lattice cell's
 * four corner hashes: the pixels of a row mostly fall in the cell of the one
 * before, so a per-pixel pass hashes a few times less, for the same values.
 * A class rather than a closure, so that V8 inlines the one `at` that every
 * field of a pass shares.
 */
export class LatticeNoise {
  private ci = 0;
  private cj = 0;
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private empty = true;
  constructor(private readonly salt: number) {}

  at(x: number, y: number): number {
    const i = Math.floor(x);
    const j = Math.floor(y);
    if (this.empty || i !== this.ci || j !== this.cj) {
      const salt = this.salt;
      this.empty = false;
      this.ci = i;
      this.cj = j;
      this.a = hash3(i, j, salt);
      this.b = hash3(i + 1, j, salt);
      this.c = hash3(i, j + 1, salt);
      this.d = hash3(i + 1, j + 1, salt);
    }
    return blend(this.a, this.b, this.c, this.d, x - i, y - j);
  }
}

/** Corner values a (i, j), b (i+1, j), c (i, j+1), d (i+1, j+1) blended at (fx, fy) in the cell, to [−1, 1]. */
function blend(a: number, b: number, c: number, d: number, fx: number, fy: number): number {
  const u = fx * fx * (3 - 2 * fx);
  const v = fy * fy * (3 - 2 * fy);
  const top = a + (b - a) * u;
  const bottom = c + (d - c) * u;
  return ((top + (bottom - top) * v) / 4294967295) * 2 - 1;
}

export interface Fbm {
  /** value at lon/lat degrees, roughly in [−1, 1] */
  at(lon: number, lat: number): number;
}

/**
 * Fractal sum of value noise. `cellKm` is the largest octave's lattice spacing;
 * each next octave halves it and its amplitude is multiplied by `gain`.
 * Coordinates are scaled to km (at latitude 28°) so features are round on the ground.
 */
export function fbm(salt: number, cellKm: number, octaves: number, gain = 0.5): Fbm {
  const kx = (111.32 * Math.cos((28 * Math.PI) / 180)) / cellKm;
  const ky = 110.6 / cellKm;
  const salts = Array.from({length: octaves}, (_, k) => hash3(k, 0x51ed, salt) | 0);
  let norm = 0;
  for (let k = 0, a = 1; k < octaves; k++, a *= gain) norm += a;
  return {
    at(lon: number, lat: number) {
      let s = 0;
      let a = 1;
      let f = 1;
      for (let k = 0; k < octaves; k++) {
        // Shift each octave so lattice points of different octaves do not coincide.
        s += a * valueNoise(lon * kx * f + 17.3 * k, lat * ky * f - 5.1 * k, salts[k]);
        a *= gain;
        f *= 2;
      }
      return s / norm;
    }
  };
}

/** Independent salts for the named random components of the landscape, drawn from rng(seed). */
export function saltsFor<K extends string>(seed: number, names: readonly K[]): Record<K, number> {
  const r = rng(seed);
  const out = {} as Record<K, number>;
  for (const n of names) out[n] = r.u32() | 0;
  return out;
}
