// The local kernel's tie counts (src/lib/moran.ts, localPermutationCounts)
// against the direct definition: for each cell and permutation, the sum of z_y
// over the k drawn cells, compared with the observed I_i. moran.test.ts checks
// the "≥" counts on continuous data, where no draw ties; here y takes two
// values, so most draws tie the observed value and the tie search is reached
// on both sides of x (z_x > 0 and z_x < 0) and at z_x = 0.
import {describe, expect, it} from "vitest";
import {gridContiguity} from "../src/lib/weights.js";
import {LOCAL_BLOCK, foldedP, localDraws, localPermutationCounts, prepareBV} from "../src/lib/moran.js";
import {rng} from "../src/lib/rng.js";

/** The direct loop: M_i = #{r : x·(T_r/k) ≥ I_i} and ties_i = #{r : x·(T_r/k) = I_i}, T_r summed in draw order. */
function direct(zx: Float64Array, zy: Float64Array, lag: Float64Array, offsets: Int32Array, maxK: number, R: number, seed: number) {
  const n = zx.length,
    counts = new Int32Array(n),
    ties = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = offsets[i + 1] - offsets[i];
    if (k === 0) {
      counts[i] = -1;
      continue;
    }
    const ids = localDraws(seed, Math.floor(i / LOCAL_BLOCK), n, maxK, R);
    const obs = zx[i] * lag[i];
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let m = 0; m < k; m++) {
        const c = ids[r * maxK + m];
        s += zy[c === i ? n - 1 : c];
      }
      const v = zx[i] * (s / k);
      if (v >= obs) counts[i]++;
      if (v === obs) ties[i]++;
    }
  }
  return {counts, ties};
}

describe("local permutation ties", () => {
  // 10 × 10 grid; y is 0 or 1; x is −2, −1, 0, 1, 2 by (row + 2·col) mod 5, each 20 times, so mean 0 and z_x = 0 where x = 0
  const g = rng(4242);
  const row: number[] = [],
    col: number[] = [],
    x: number[] = [],
    y: number[] = [];
  for (let r = 0; r < 10; r++)
    for (let c = 0; c < 10; c++) {
      row.push(r);
      col.push(c);
      x.push([-2, -1, 0, 1, 2][(r + 2 * c) % 5]);
      y.push(g.next() < 0.5 ? 0 : 1);
    }

  for (const kind of ["rook", "queen"] as const)
    it(`${kind}: counts and ties equal the direct loop, for any split of the cells`, () => {
      const w = gridContiguity(row, col, kind);
      const prep = prepareBV(x, y, w);
      const R = 99,
        seed = 3;
      const inp = {zx: prep.zx, zy: prep.zy, lag: prep.lag, offsets: w.offsets, maxK: w.maxK, perms: R, seed};
      const counts = new Int32Array(prep.n),
        ties = new Int32Array(prep.n);
      localPermutationCounts(inp, 0, 40, counts, ties);
      localPermutationCounts(inp, 40, prep.n, counts, ties);
      const ref = direct(prep.zx, prep.zy, prep.lag, w.offsets, w.maxK, R, seed);
      expect(Array.from(counts)).toEqual(Array.from(ref.counts));
      expect(Array.from(ties)).toEqual(Array.from(ref.ties));
      // the case is what it claims: many partial ties on both sides of x, and cells with z_x = 0 (all R tie)
      const partial = (sign: number) => prep.zx.filter((v, i) => Math.sign(v) === sign && ties[i] > 0 && ties[i] < R).length;
      expect(partial(1)).toBeGreaterThan(5);
      expect(partial(-1)).toBeGreaterThan(5);
      const zero = Array.from(prep.zx.keys()).filter((i) => prep.zx[i] === 0);
      expect(zero.length).toBeGreaterThan(5);
      for (const i of zero) expect([counts[i], ties[i]]).toEqual([R, R]);
      // without a ties array the counts are the same
      const alone = new Int32Array(prep.n);
      localPermutationCounts(inp, 0, prep.n, alone);
      expect(Array.from(alone)).toEqual(Array.from(counts));
      // and a cell whose draws all tie gets p = 1, the others the reference formula
      const p = foldedP(counts, R, ties);
      for (const i of zero) expect(p[i]).toBe(1);
    });
});

describe("continuous data", () => {
  it("ties equal the direct loop where no draw ties the observed value, and around a cell with no neighbour", () => {
    // a 6 × 6 grid, rook, with cell (0, 0) cut off (its neighbours (0, 1) and (1, 0) removed); x and y seeded uniform
    const g = rng(77);
    const row: number[] = [],
      col: number[] = [],
      x: number[] = [],
      y: number[] = [];
    for (let r = 0; r < 6; r++)
      for (let c = 0; c < 6; c++) {
        if (r + c === 1) continue;
        row.push(r);
        col.push(c);
        x.push(g.next());
        y.push(g.next());
      }
    const w = gridContiguity(row, col, "rook");
    expect(Array.from(w.isolates)).toEqual([0]);
    const prep = prepareBV(x, y, w);
    const inp = {zx: prep.zx, zy: prep.zy, lag: prep.lag, offsets: w.offsets, maxK: w.maxK, perms: 49, seed: 9};
    const counts = new Int32Array(prep.n),
      ties = new Int32Array(prep.n).fill(-9);
    localPermutationCounts(inp, 0, prep.n, counts, ties);
    const ref = direct(prep.zx, prep.zy, prep.lag, w.offsets, w.maxK, 49, 9);
    expect(Array.from(counts)).toEqual(Array.from(ref.counts));
    expect(Array.from(ties)).toEqual(Array.from(ref.ties));
    // without a ties array, the neighbourless cell is still −1
    const alone = new Int32Array(prep.n);
    localPermutationCounts(inp, 0, prep.n, alone);
    expect(alone[0]).toBe(-1);
  });
});

describe("cell ranges", () => {
  const w = gridContiguity([0, 0, 0, 0], [0, 1, 2, 3], "rook");
  const prep = prepareBV([1, 3, 2, 4], [2, 1, 4, 3], w);
  const inp = {zx: prep.zx, zy: prep.zy, lag: prep.lag, offsets: w.offsets, maxK: w.maxK, perms: 9, seed: 1};
  it("refuses a range outside the cells or reversed, naming it", () => {
    const out = new Int32Array(4);
    for (const [a, b] of [
      [-1, 2],
      [0, 5],
      [3, 2]
    ])
      expect(() => localPermutationCounts(inp, a, b, out)).toThrow(`localPermutationCounts: bad range [${a}, ${b}) for 4 cells`);
  });
  it("an empty range writes nothing; the whole range writes every cell", () => {
    const out = new Int32Array(4).fill(-7);
    localPermutationCounts(inp, 2, 2, out);
    localPermutationCounts(inp, 4, 4, out);
    expect(Array.from(out)).toEqual([-7, -7, -7, -7]);
    localPermutationCounts(inp, 0, 4, out);
    expect(Array.from(out).every((m) => m >= 0 && m <= 9)).toBe(true);
  });
});

describe("a grid where no cell has a neighbour", () => {
  it("every count is −1 and every tie 0, with or without a ties array", () => {
    // four cells two steps apart: no rook neighbours, maxK = 0
    const w = gridContiguity([0, 0, 2, 2], [0, 2, 0, 2], "rook");
    expect(w.maxK).toBe(0);
    const prep = prepareBV([1, 2, 3, 4], [4, 1, 3, 2], w);
    const inp = {zx: prep.zx, zy: prep.zy, lag: prep.lag, offsets: w.offsets, maxK: 0, perms: 9, seed: 1};
    const counts = new Int32Array(4),
      ties = new Int32Array(4).fill(5);
    localPermutationCounts(inp, 0, 4, counts);
    expect(Array.from(counts)).toEqual([-1, -1, -1, -1]);
    localPermutationCounts(inp, 1, 3, counts.fill(0), ties);
    expect(Array.from(counts)).toEqual([0, -1, -1, 0]);
    expect(Array.from(ties)).toEqual([5, 0, 0, 5]);
  });
});
