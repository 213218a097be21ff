// The benches' synthetic rasters draw their patches and speckle from this
// hash: deterministic, stateless, the same in every bench that makes rasters.

/** 32-bit integer hash (deterministic, no state). */
export function hash(a: number, b: number, seed: number): number {
  let h = Math.imul(a, 0x27d4eb2d) ^ Math.imul(b, 0x165667b1) ^ seed;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
