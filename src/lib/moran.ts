// Bivariate Moran's I (global) and bivariate LISA (local), as GeoDa, PySAL
// esda (Moran_BV, Moran_Local_BV) and R spdep (moran_bv, localmoran_bv)
// compute them. Pure: no Node, no DOM; the browser imports this very file.
//
//   z = (v − mean) / sd, sample sd (ddof 1) like R's scale(); esda's local
//       (n−1)·z_x·lag/Σz_x² with population z is the same number.
//   lag_i = (W z_y)_i = Σ_{j∈N(i)} z_y,j / k_i   (row-standardised; 0 if k_i = 0)
//   global I = Σ z_x,i lag_i / Σ z_x,i²     local I_i = z_x,i lag_i
//
// Neighbourless cells (k_i = 0) stay in the standardisation and in Σ z_x²
// and add 0 to the numerator (esda Moran_BV with islands; spdep's formula with
// zero.policy = TRUE; spdep's own moran_bv/localmoran_bv refuse them). They get
// no p value and the cluster "neighborless", never a cluster type.
// Fewer than 2 cells (so a one-cell grid) is an error rather than an
// all-neighborless answer: the z-scores are undefined there.
//
// Randomness is derived from (seed, stream, block or permutation index) only,
// so any split of the work between threads gives identical bits.
import {rng} from "./rng.js";
import type {GridWeights} from "./weights.js";

/** The four significant LISA cluster types (and Moran-scatterplot quadrants), in legend order. */
export const CLUSTER_TYPES = ["HH", "LL", "LH", "HL"] as const;
/** GeoDa's LISA codes: 0 not significant, 1 High-High, 2 Low-Low, 3 Low-High, 4 High-Low, 5 neighborless. */
export const CLUSTER_LABELS = ["NS", ...CLUSTER_TYPES, "neighborless"] as const;
export type ClusterLabel = (typeof CLUSTER_LABELS)[number];
/** The quadrant codes of quadrants(): 0 none (a zero on either axis), 1..4 as CLUSTER_TYPES. */
export const QUADRANT_LABELS = [null, ...CLUSTER_TYPES] as const;
/** Cluster codes in legend order: the four types, then not significant, then neighborless. */
export const LISA_ORDER = [...CLUSTER_TYPES, "NS", "neighborless"] as const satisfies readonly ClusterLabel[];
/** The labels whose cell counts moran.arrow publishes, each as a lower-case column (hh, ll, lh, hl, ns). */
export const COUNTED_LABELS = [...CLUSTER_TYPES, "NS"] as const;
export type CountColumn = Lowercase<(typeof COUNTED_LABELS)[number]>;
export const countColumn = (label: (typeof COUNTED_LABELS)[number]): CountColumn => label.toLowerCase() as CountColumn;
export type Correction = "none" | "bonferroni" | "fdr";
export type GlobalNull = "pairs" | "y";

export const DEFAULT_PERMS = 999;
/** Fixed default seed: outputs never depend on the clock (any fixed value would do). */
export const DEFAULT_SEED = 123456789;
/** Cells sharing one random draw matrix in the local kernel (see localPermutationCounts). */
export const LOCAL_BLOCK = 1024;

const STREAM_LOCAL = 1;
const STREAM_GLOBAL = 2;

// ---------------------------------------------------------------- statistics

/** (v − mean)/sd with the sample sd. Throws, naming the column, on n < 2, non-finite values or zero variance. */
export function standardise(values: ArrayLike<number>, name = "values"): Float64Array {
  const n = values.length;
  if (n < 2) throw new Error(`bivariate Moran: needs at least 2 cells, got ${n} (column "${name}")`);
  let min = Infinity,
    max = -Infinity,
    sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error(`bivariate Moran: column "${name}" has a non-finite value (${v}) at cell ${i}`);
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  if (min === max) throw new Error(`bivariate Moran: column "${name}" has zero variance (every value is ${min}); Moran's I is undefined`);
  // Two-pass mean (as R's mean()): the correction term removes most rounding error.
  let mean = sum / n,
    corr = 0;
  for (let i = 0; i < n; i++) corr += values[i] - mean;
  mean += corr / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  if (!Number.isFinite(mean) || !Number.isFinite(ss))
    throw new Error(
      `bivariate Moran: column "${name}" has values too large to standardise (their sum or sum of squares overflows, largest |value| ${Math.max(Math.abs(min), Math.abs(max))}); rescale the column`
    );
  const sd = Math.sqrt(ss / (n - 1));
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (values[i] - mean) / sd;
  return z;
}

/** (W z)_i with row-standardised W; 0 for neighbourless cells. Sums in CSR (ascending index) order. */
export function spatialLag(w: Pick<GridWeights, "offsets" | "neighbours">, z: ArrayLike<number>): Float64Array {
  const n = w.offsets.length - 1;
  const lag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = w.offsets[i],
      b = w.offsets[i + 1];
    if (a === b) continue;
    let s = 0;
    for (let t = a; t < b; t++) s += z[w.neighbours[t]];
    lag[i] = s / (b - a);
  }
  return lag;
}

export interface PreparedBV {
  n: number;
  zx: Float64Array;
  zy: Float64Array;
  /** (W z_y)_i */
  lag: Float64Array;
  /** local I_i = z_x,i · lag_i (0 for neighbourless cells) */
  Ii: Float64Array;
  /** Σ z_x,i² (over all cells) */
  den: number;
  /** global bivariate I */
  I: number;
}

/** Standardise, lag, and the observed global and local statistics. */
export function prepareBV(x: ArrayLike<number>, y: ArrayLike<number>, w: GridWeights, names = {x: "x", y: "y"}): PreparedBV {
  const n = w.n;
  if (x.length !== n || y.length !== n) throw new Error(`bivariate Moran: ${x.length} x values and ${y.length} y values for ${n} cells`);
  if (n < 2) throw new Error(`bivariate Moran: needs at least 2 cells, got ${n}`);
  const zx = standardise(x, names.x);
  const zy = standardise(y, names.y);
  const lag = spatialLag(w, zy);
  const Ii = new Float64Array(n);
  let num = 0,
    den = 0;
  for (let i = 0; i < n; i++) {
    den += zx[i] * zx[i];
    if (w.offsets[i + 1] === w.offsets[i]) continue;
    Ii[i] = zx[i] * lag[i];
    num += Ii[i];
  }
  return {n, zx, zy, lag, Ii, den, I: num / den};
}

// ---------------------------------------------------------------- seeds

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Independent-looking 32-bit seed for (seed, stream, index): no state shared between blocks or threads. */
export function subSeed(seed: number, stream: number, index: number): number {
  return fmix(fmix((seed >>> 0) ^ Math.imul(stream, 0x9e3779b1)) ^ fmix(index + 0x6a09e667));
}

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error(`bivariate Moran: seed must be an integer in [0, 2^32), got ${seed}`);
  return seed;
}

/**
 * Most cells × permutations one analysis may ask for. The local kernel is
 * O(n log R) but the global one O(R · links): 1,000,000 cells × 999
 * permutations (10⁹) take seconds, while 1 m cells over a district (hundreds of
 * millions) would run for minutes in gigabytes to say nothing useful.
 */
export const MAX_CELL_PERMUTATIONS = 5e9;

/** Refuses, before anything is allocated, an analysis over MAX_CELL_PERMUTATIONS. */
export function checkWork(cells: number, perms: number): void {
  if (cells * perms > MAX_CELL_PERMUTATIONS)
    throw new Error(
      `bivariate Moran: ${cells.toLocaleString("en-US")} cells × ${perms.toLocaleString("en-US")} permutations is more than the ${MAX_CELL_PERMUTATIONS.toExponential(0)} cell-permutations allowed (1,000,000 cells × 999 permutations is 1e9); use larger grid cells or fewer permutations`
    );
}

export function checkPerms(perms: number): number {
  if (!Number.isInteger(perms) || perms < 1 || perms > 1e6)
    throw new Error(`bivariate Moran: perms must be an integer in [1, 1e6], got ${perms}`);
  return perms;
}

// ---------------------------------------------------------------- local kernel

/**
 * The random draws shared by the cells of one block: perms rows of maxK
 * distinct indices in [0, n−2]. For cell i, index c stands for cell c, except
 * c = i which stands for cell n−1: a bijection onto the n−1 other cells, so the
 * first k_i entries of a row are k_i distinct other cells drawn uniformly, a
 * valid conditional permutation for every cell. (esda shares one such matrix
 * across all cells and maps by shifting; we share it within a block only.)
 */
export function localDraws(seed: number, block: number, n: number, maxK: number, perms: number): Int32Array {
  if (maxK > n - 1) throw new Error(`bivariate Moran: ${maxK} neighbours cannot be drawn from ${n - 1} other cells`);
  const g = rng(subSeed(seed, STREAM_LOCAL, block));
  const ids = new Int32Array(perms * maxK);
  for (let r = 0, o = 0; r < perms; r++, o += maxK) {
    for (let m = 0; m < maxK; m++) {
      let c = 0,
        dup = true;
      while (dup) {
        c = g.int(n - 1);
        dup = false;
        for (let t = 0; t < m; t++) if (ids[o + t] === c) dup = true;
      }
      ids[o + m] = c;
    }
  }
  return ids;
}

export interface LocalKernelInput {
  zx: Float64Array;
  zy: Float64Array;
  lag: Float64Array;
  offsets: Int32Array;
  maxK: number;
  perms: number;
  seed: number;
}

/**
 * Conditional permutation counts for cells [start, end): out[i] = M_i =
 * #{r : z_x,i · (T_r / k_i) ≥ I_i}, T_r the sum (left to right) of z_y over
 * the k_i cells drawn in row r; −1 for neighbourless cells. If given,
 * ties[i] = #{r : z_x,i · (T_r / k_i) = I_i} (0 for neighbourless cells): a
 * tie is as extreme as the observed value on either side (see foldedP).
 *
 * Equal, bit for bit, to that direct O(R·k) loop (test/moran.test.ts checks it),
 * but O(log R) per cell: within a block every cell with k neighbours sees the
 * same R sums T, so they are summed and sorted once and M is found by binary
 * search (x·(T/k) is monotone in T for fixed sign of x); the few rows where a
 * cell drew itself are then corrected one by one.
 */
export function localPermutationCounts(inp: LocalKernelInput, start: number, end: number, out: Int32Array, ties?: Int32Array): void {
  const {zx, zy, lag, offsets, maxK, perms: R, seed} = inp;
  const n = zx.length;
  if (start < 0 || end > n || start > end) throw new Error(`localPermutationCounts: bad range [${start}, ${end}) for ${n} cells`);
  const sums = new Float64Array(maxK * R); // row k−1: T_r for the first k draws
  const sorted = new Float64Array(maxK * R);
  for (let b = Math.floor(start / LOCAL_BLOCK); b * LOCAL_BLOCK < end; b++) {
    const b0 = b * LOCAL_BLOCK,
      b1 = Math.min(n, b0 + LOCAL_BLOCK);
    const lo = Math.max(start, b0),
      hi = Math.min(end, b1);
    if (maxK === 0) {
      out.fill(-1, lo, hi);
      ties?.fill(0, lo, hi);
      continue;
    }
    const ids = localDraws(seed, b, n, maxK, R);
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let m = 0; m < maxK; m++) {
        s += zy[ids[r * maxK + m]];
        sums[m * R + r] = s;
      }
    }
    sorted.set(sums);
    for (let m = 0; m < maxK; m++) sortRange(sorted, m * R, (m + 1) * R - 1);
    // Rows in which a cell of [lo, hi) drew its own index, bucketed by cell.
    const first = new Int32Array(hi - lo + 1);
    for (let t = 0; t < ids.length; t++) if (ids[t] >= lo && ids[t] < hi) first[ids[t] - lo + 1]++;
    for (let t = 0; t < hi - lo; t++) first[t + 1] += first[t];
    const hits = new Int32Array(first[hi - lo]); // entries r*maxK+m
    const fill = first.slice(0, hi - lo);
    for (let t = 0; t < ids.length; t++) if (ids[t] >= lo && ids[t] < hi) hits[fill[ids[t] - lo]++] = t;

    for (let i = lo; i < hi; i++) {
      const k = offsets[i + 1] - offsets[i];
      if (k === 0) {
        out[i] = -1;
        if (ties) ties[i] = 0;
        continue;
      }
      const x = zx[i],
        obs = x * lag[i],
        base = (k - 1) * R;
      let count: number,
        tie = 0;
      if (x > 0) {
        // ascending: [a, R) are ≥ obs, [a, e) equal to it
        let a = 0,
          z = R;
        while (a < z) {
          const mid = (a + z) >>> 1;
          if (x * (sorted[base + mid] / k) >= obs) z = mid;
          else a = mid + 1;
        }
        count = R - a;
        if (ties && a < R && !(x * (sorted[base + a] / k) > obs)) {
          let e = a + 1;
          z = R;
          while (e < z) {
            const mid = (e + z) >>> 1;
            if (x * (sorted[base + mid] / k) > obs) z = mid;
            else e = mid + 1;
          }
          tie = e - a;
        }
      } else if (x < 0) {
        // descending: [0, a) are ≥ obs, [e, a) equal to it
        let a = 0,
          z = R;
        while (a < z) {
          const mid = (a + z) >>> 1;
          if (x * (sorted[base + mid] / k) >= obs) a = mid + 1;
          else z = mid;
        }
        count = a;
        if (ties && a > 0 && !(x * (sorted[base + a - 1] / k) > obs)) {
          let e = 0;
          z = a - 1;
          while (e < z) {
            const mid = (e + z) >>> 1;
            if (x * (sorted[base + mid] / k) > obs) e = mid + 1;
            else z = mid;
          }
          tie = a - e;
        }
      } else {
        // z_x = 0: every simulated 0 equals the observed 0. GeoDa, esda and
        // spdep count them all as "≥" and report p = 1/(R+1); as ties they make p = 1.
        count = R;
        tie = R;
      }
      for (let h = first[i - lo]; h < first[i - lo + 1]; h++) {
        const t = hits[h],
          r = (t / maxK) | 0,
          m = t - r * maxK;
        if (m >= k) continue; // drawn in a column this cell does not use
        const before = x * (sums[base + r] / k);
        if (before >= obs) count--;
        if (before === obs) tie--;
        let s = 0;
        for (let q = 0; q < k; q++) {
          const c = ids[r * maxK + q];
          s += zy[c === i ? n - 1 : c];
        }
        const after = x * (s / k);
        if (after >= obs) count++;
        if (after === obs) tie++;
      }
      out[i] = count;
      if (ties) ties[i] = tie;
    }
  }
}

/**
 * In-place ascending sort of a[lo..hi] (inclusive). Hand-written because the
 * built-in TypedArray sort was the kernel's bottleneck (about 4× slower here).
 */
function sortRange(a: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot, moved to a[mid]
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    // recurse into the smaller side, loop on the larger: O(log n) stack
    if (j - lo < hi - i) {
      sortRange(a, lo, j);
      lo = i;
    } else {
      sortRange(a, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    for (; j >= lo && a[j] > v; j--) a[j + 1] = a[j];
    a[j + 1] = v;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Folded pseudo p (GeoDa, esda, spdep "Pr(folded) Sim"): (min(M, R−M) + 1)/(R + 1)
 * with M = #{sim ≥ observed}; NaN where M < 0 (neighbourless).
 *
 * Degenerate tests: when every permutation equals the observed value (T = R
 * ties: two cells, a cell whose neighbours are all the other cells, z_x = 0)
 * the permutations cannot tell anything, yet that formula gives the smallest
 * p there is, 1/(R+1), because R − M counts only the simulated values strictly
 * below the observed one. A tie is as extreme as the observed value, so there
 * p = 1. Partial ties (a cell with one neighbour drawing that very neighbour)
 * keep the reference formula, so that p stays the GeoDa / esda / spdep number
 * (test/moran.test.ts compares with R's exact conditional permutation).
 */
export function foldedP(counts: Int32Array, perms: number, ties?: Int32Array): Float64Array {
  const p = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const M = counts[i];
    p[i] = M < 0 ? NaN : ties && ties[i] === perms ? 1 : (Math.min(M, perms - M) + 1) / (perms + 1);
  }
  return p;
}

// ---------------------------------------------------------------- global kernel

/**
 * Global I under random relabelling, permutations [start, end), each from its
 * own seeded Fisher–Yates shuffle π. One π serves both nulls:
 *   outY[r]     esda Moran_BV: z_y permuted, z_x fixed;
 *   outPairs[r] GeoDa / spdep moran_bv (boot "permutation" of rows): (z_x, z_y) pairs moved together.
 * The identity π reproduces the observed I exactly (same summation order).
 *
 * Equal, bit for bit, to the direct loop (test/moran.test.ts checks it): each
 * π is the one rng(subSeed(seed, 2, r)).int() draws, and every sum is taken in
 * the same order. What makes it about twice as fast: the generator's state
 * lives in locals, the shuffle moves (z_x, z_y) pairs stored side by side
 * (one cache line per swap, no gather afterwards), and PERM_GROUP
 * permutations share one pass over the neighbour lists, whose additions form
 * independent chains the processor overlaps.
 */
export function globalPermutationSims(
  zx: Float64Array,
  zy: Float64Array,
  w: Pick<GridWeights, "offsets" | "neighbours">,
  den: number,
  seed: number,
  start: number,
  end: number,
  outY: Float64Array,
  outPairs: Float64Array,
  base: Float64Array<ArrayBufferLike> = interleavePairs(zx, zy)
): void {
  const n = zx.length,
    {offsets, neighbours} = w;
  const [A, B, C, D] = permScratch(n);
  let r = start;
  for (; r + PERM_GROUP <= end; r += PERM_GROUP) {
    shuffledPairs(base, A, n, subSeed(seed, STREAM_GLOBAL, r));
    shuffledPairs(base, B, n, subSeed(seed, STREAM_GLOBAL, r + 1));
    shuffledPairs(base, C, n, subSeed(seed, STREAM_GLOBAL, r + 2));
    shuffledPairs(base, D, n, subSeed(seed, STREAM_GLOBAL, r + 3));
    let yA = 0,
      pA = 0,
      yB = 0,
      pB = 0,
      yC = 0,
      pC = 0,
      yD = 0,
      pD = 0;
    for (let i = 0; i < n; i++) {
      const a = offsets[i],
        b = offsets[i + 1];
      if (a === b) continue;
      let sA = 0,
        sB = 0,
        sC = 0,
        sD = 0;
      for (let t = a; t < b; t++) {
        const q = 2 * neighbours[t] + 1;
        sA += A[q];
        sB += B[q];
        sC += C[q];
        sD += D[q];
      }
      const k = b - a,
        x = zx[i],
        i2 = 2 * i;
      const lA = sA / k,
        lB = sB / k,
        lC = sC / k,
        lD = sD / k;
      yA += x * lA;
      pA += A[i2] * lA;
      yB += x * lB;
      pB += B[i2] * lB;
      yC += x * lC;
      pC += C[i2] * lC;
      yD += x * lD;
      pD += D[i2] * lD;
    }
    outY[r] = yA / den;
    outPairs[r] = pA / den;
    outY[r + 1] = yB / den;
    outPairs[r + 1] = pB / den;
    outY[r + 2] = yC / den;
    outPairs[r + 2] = pC / den;
    outY[r + 3] = yD / den;
    outPairs[r + 3] = pD / den;
  }
  for (; r < end; r++) {
    shuffledPairs(base, A, n, subSeed(seed, STREAM_GLOBAL, r));
    let numY = 0,
      numP = 0;
    for (let i = 0; i < n; i++) {
      const a = offsets[i],
        b = offsets[i + 1];
      if (a === b) continue;
      let s = 0;
      for (let t = a; t < b; t++) s += A[2 * neighbours[t] + 1];
      const l = s / (b - a);
      numY += zx[i] * l;
      numP += A[2 * i] * l;
    }
    outY[r] = numY / den;
    outPairs[r] = numP / den;
  }
}

/** (z_x,0, z_y,0, z_x,1, z_y,1, …): what globalPermutationSims shuffles; callers running many chunks build it once. */
export function interleavePairs(
  zx: Float64Array,
  zy: Float64Array,
  out: Float64Array<ArrayBufferLike> = new Float64Array(2 * zx.length)
): Float64Array<ArrayBufferLike> {
  for (let i = 0; i < zx.length; i++) {
    out[2 * i] = zx[i];
    out[2 * i + 1] = zy[i];
  }
  return out;
}

/** Permutations sharing one pass over the neighbour lists in globalPermutationSims. */
const PERM_GROUP = 4;
let scratch: Float64Array[] = [];

/** PERM_GROUP buffers of 2n values, kept between calls (each thread has its own module). */
function permScratch(n: number): Float64Array[] {
  if (scratch.length !== PERM_GROUP || scratch[0].length !== 2 * n)
    scratch = Array.from({length: PERM_GROUP}, () => new Float64Array(2 * n));
  return scratch;
}

/**
 * out = the (z_x, z_y) pairs of `base` permuted by the Fisher–Yates shuffle
 * that rng(seed) drives (j = rng.int(i + 1) for i = n−1 … 1): rng.ts's
 * xoshiro128** with splitmix32 seeding, inlined so that its state stays in
 * registers. Swapping values in place gives what swapping indices and then
 * gathering gives.
 */
function shuffledPairs(base: Float64Array, out: Float64Array, n: number, seed: number): void {
  let s = seed >>> 0,
    z: number;
  s = (s + 0x9e3779b9) >>> 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  let a = (z ^ (z >>> 16)) >>> 0;
  s = (s + 0x9e3779b9) >>> 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  let b = (z ^ (z >>> 16)) >>> 0;
  s = (s + 0x9e3779b9) >>> 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  let c = (z ^ (z >>> 16)) >>> 0;
  s = (s + 0x9e3779b9) >>> 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  let d = (z ^ (z >>> 16)) >>> 0;
  out.set(base);
  for (let i = n - 1; i > 0; i--) {
    const m = Math.imul(b, 5);
    const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    const j = Math.floor((u / 4294967296) * (i + 1));
    const i2 = 2 * i,
      j2 = 2 * j;
    const x = out[i2],
      y = out[i2 + 1];
    out[i2] = out[j2];
    out[i2 + 1] = out[j2 + 1];
    out[j2] = x;
    out[j2 + 1] = y;
  }
}

/**
 * Folded pseudo p and z of the observed I against simulated values (esda's
 * convention: population sd). A simulated I equal to the observed one is as
 * extreme on either side: p = (min(#{sim ≥ I}, #{sim ≤ I}) + 1)/(R + 1). With
 * continuous data no simulated I ties the observed one and this is the usual
 * (min(M, R−M) + 1)/(R + 1); when every one does (no cell has a neighbour; two
 * cells under the pairs null) p = 1 and z is undefined (NaN), and with two
 * cells under the z_y null, where half the permutations give the observed I,
 * p ≈ 0.5 instead of 1/(R+1).
 */
export function globalInference(I: number, sims: Float64Array): {p_sim: number; z_sim: number} {
  const R = sims.length;
  let larger = 0,
    smaller = 0,
    sum = 0;
  for (let r = 0; r < R; r++) {
    if (sims[r] >= I) larger++;
    if (sims[r] <= I) smaller++;
    sum += sims[r];
  }
  const folded = Math.min(larger, smaller);
  const mean = sum / R;
  let ss = 0;
  for (let r = 0; r < R; r++) ss += (sims[r] - mean) ** 2;
  const sd = Math.sqrt(ss / R);
  return {p_sim: (folded + 1) / (R + 1), z_sim: sd > 0 ? (I - mean) / sd : NaN};
}

// ---------------------------------------------------------------- classification

/**
 * GeoDa codes 1 HH (z_x>0, lag>0), 2 LL (z_x≤0, lag≤0), 3 LH (z_x≤0, lag>0), 4 HL (z_x>0, lag≤0); 0 for neighbourless.
 * (esda numbers them 1 HH, 2 LH, 3 LL, 4 HL unless geoda_quads=True.)
 */
export function quadrants(prep: PreparedBV, w: GridWeights): Uint8Array {
  const q = new Uint8Array(prep.n);
  for (let i = 0; i < prep.n; i++) {
    if (w.offsets[i + 1] === w.offsets[i]) continue;
    const hx = prep.zx[i] > 0,
      hl = prep.lag[i] > 0;
    q[i] = hx ? (hl ? 1 : 4) : hl ? 3 : 2;
  }
  return q;
}

/**
 * The p cut-off for significance. "none": α. "bonferroni": α/m. "fdr":
 * Benjamini–Hochberg step-up, the largest p_(j) with p_(j) ≤ j·α/m; nothing
 * if none qualifies. m = number of cells with neighbours (the tests run).
 * GeoDa divides by all observations and its FDR loop stops at the first
 * p_(j) ≥ j·α/m (a step-down walk, never more discoveries than BH); with no
 * neighbourless cells and no such gap the two agree.
 */
export function significanceCutoff(p: Float64Array, alpha: number, correction: Correction): number {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`bivariate Moran: alpha must be in (0, 1), got ${alpha}`);
  const tested = p.filter((v) => !Number.isNaN(v));
  const m = tested.length;
  if (correction === "none") return alpha;
  if (correction === "bonferroni") return alpha / Math.max(1, m);
  if (correction !== "fdr")
    throw new Error(`bivariate Moran: unknown correction "${String(correction)}" (expected none, bonferroni or fdr)`);
  tested.sort();
  for (let j = m; j >= 1; j--) if (tested[j - 1] <= (j * alpha) / m) return tested[j - 1];
  return -1;
}

/**
 * Cluster codes (CLUSTER_LABELS). Significant when p ≤ cut-off, GeoDa's rule;
 * esda's Moran_Local_BV uses p < α, which differs exactly at attainable values
 * such as p = 50/1000 = 0.05 with 999 permutations.
 */
export function clusters(p: Float64Array, quadrant: Uint8Array, cutoff: number): Uint8Array {
  const c = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) c[i] = Number.isNaN(p[i]) ? 5 : p[i] <= cutoff ? quadrant[i] : 0;
  return c;
}

// ---------------------------------------------------------------- whole analysis

export interface BivariateMoranOptions {
  perms?: number;
  seed?: number;
  alpha?: number;
  correction?: Correction;
  /** column names, for error messages */
  names?: {x: string; y: string};
  /** skip the global permutations (they cost O(R·n·k); the local ones O(n log R)) */
  global?: boolean;
}

export interface BivariateMoranResult {
  n: number;
  perms: number;
  seed: number;
  I: number;
  /** esda Moran_BV null: z_y permuted */
  p_sim: number;
  z_sim: number;
  /** GeoDa / spdep null: (z_x, z_y) pairs permuted together */
  p_sim_pairs: number;
  z_sim_pairs: number;
  alpha: number;
  correction: Correction;
  /** p cut-off actually applied (−1: nothing significant under FDR) */
  cutoff: number;
  lag: Float64Array;
  Ii: Float64Array;
  /** M_i, −1 for neighbourless */
  counts: Int32Array;
  /** folded pseudo p, NaN for neighbourless */
  p: Float64Array;
  quadrant: Uint8Array;
  cluster: Uint8Array;
  neighborless: number;
}

export interface ResolvedOptions {
  perms: number;
  seed: number;
  alpha: number;
  correction: Correction;
  global: boolean;
}

export function resolveOptions(o: BivariateMoranOptions = {}): ResolvedOptions {
  return {
    perms: checkPerms(o.perms ?? DEFAULT_PERMS),
    seed: checkSeed(o.seed ?? DEFAULT_SEED),
    alpha: o.alpha ?? 0.05,
    correction: o.correction ?? "none",
    global: o.global ?? true
  };
}

/** Everything after the kernels: shared by the single-thread path and the worker wrapper. */
export function assembleBV(
  prep: PreparedBV,
  w: GridWeights,
  o: ResolvedOptions,
  counts: Int32Array,
  simsY: Float64Array | null,
  simsPairs: Float64Array | null,
  ties?: Int32Array
): BivariateMoranResult {
  const gy = simsY ? globalInference(prep.I, simsY) : {p_sim: NaN, z_sim: NaN};
  const gp = simsPairs ? globalInference(prep.I, simsPairs) : {p_sim: NaN, z_sim: NaN};
  const p = foldedP(counts, o.perms, ties);
  const quadrant = quadrants(prep, w);
  const cutoff = significanceCutoff(p, o.alpha, o.correction);
  return {
    n: prep.n,
    perms: o.perms,
    seed: o.seed,
    I: prep.I,
    p_sim: gy.p_sim,
    z_sim: gy.z_sim,
    p_sim_pairs: gp.p_sim,
    z_sim_pairs: gp.z_sim,
    alpha: o.alpha,
    correction: o.correction,
    cutoff,
    lag: prep.lag,
    Ii: prep.Ii,
    counts,
    p,
    quadrant,
    cluster: clusters(p, quadrant, cutoff),
    neighborless: w.isolates.length
  };
}

/** Global and local bivariate Moran with permutation inference, single thread. */
export function bivariateMoran(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w: GridWeights,
  opts: BivariateMoranOptions = {}
): BivariateMoranResult {
  const o = resolveOptions(opts);
  checkWork(w.n, o.perms);
  const prep = prepareBV(x, y, w, opts.names);
  const counts = new Int32Array(prep.n),
    ties = new Int32Array(prep.n);
  localPermutationCounts(
    {zx: prep.zx, zy: prep.zy, lag: prep.lag, offsets: w.offsets, maxK: w.maxK, perms: o.perms, seed: o.seed},
    0,
    prep.n,
    counts,
    ties
  );
  let simsY: Float64Array | null = null,
    simsPairs: Float64Array | null = null;
  if (o.global) {
    simsY = new Float64Array(o.perms);
    simsPairs = new Float64Array(o.perms);
    globalPermutationSims(prep.zx, prep.zy, w, prep.den, o.seed, 0, o.perms, simsY, simsPairs);
  }
  return assembleBV(prep, w, o, counts, simsY, simsPairs, ties);
}
