// Bivariate Moran's I / LISA against R spdep (fixtures made by
// test/fixtures/moran/make-spdep.R) and against a direct O(R·k) permutation
// loop, calling src/lib/moran.ts in this process (the worker wrapper, the CLI
// and libpysal: moran-tools.test.ts).
import {describe, expect, it} from "vitest";
import {gridContiguity, type Contiguity} from "../src/lib/weights.js";
import {
  LOCAL_BLOCK,
  bivariateMoran,
  globalPermutationSims,
  localDraws,
  localPermutationCounts,
  prepareBV,
  significanceCutoff,
  spatialLag,
  standardise,
  subSeed
} from "../src/lib/moran.js";
import {rng} from "../src/lib/rng.js";
import {close, expected, GRIDS, grid, KINDS, synthetic} from "./moran-fixtures.js";

describe("contiguity weights", () => {
  for (const g of GRIDS)
    for (const kind of KINDS)
      it(`${g} ${kind}: neighbour sets equal spdep's (dnearneigh on the unit grid)`, () => {
        const d = grid(g),
          e = expected(g, kind);
        const w = gridContiguity(d.row, d.col, kind);
        expect(w.n).toBe(e.n);
        e.local.forEach((cell, i) => {
          expect(d.ids[i]).toBe(cell.id);
          const mine = Array.from(w.neighbours.subarray(w.offsets[i], w.offsets[i + 1]), (j) => d.ids[j]);
          expect(mine).toEqual(cell.neighbours);
        });
        expect(Array.from(w.isolates, (i) => d.ids[i])).toEqual(e.local.filter((c) => c.card === 0).map((c) => c.id));
      });

  it("irregular grid: the corner-touching cell is a queen neighbour but a rook isolate", () => {
    const d = grid("irregular");
    const ids = (w: ReturnType<typeof gridContiguity>) => Array.from(w.isolates, (i) => d.ids[i]);
    expect(ids(gridContiguity(d.row, d.col, "queen"))).toEqual([39]);
    expect(ids(gridContiguity(d.row, d.col, "rook"))).toEqual([36, 39]);
  });

  it("rejects duplicate and non-integer positions", () => {
    expect(() => gridContiguity([0, 1, 0], [0, 0, 0])).toThrow(/duplicate cell at row 0, col 0/);
    expect(() => gridContiguity([0, 1.5], [0, 0])).toThrow(/non-integer/);
  });
});

describe("statistics equal spdep to 1e-9", () => {
  for (const g of GRIDS)
    for (const kind of KINDS)
      it(`${g} ${kind}: global I and every local I_i`, () => {
        const d = grid(g),
          e = expected(g, kind);
        const w = gridContiguity(d.row, d.col, kind);
        const prep = prepareBV(d.x, d.y, w);
        expect(close(prep.I, e.I)).toBe(true);
        e.local.forEach((cell, i) => expect(close(prep.Ii[i], cell.Ii), `cell ${cell.id}: ${prep.Ii[i]} vs ${cell.Ii}`).toBe(true));
      });

  it("standardisation: sample sd, and population sd leaves I unchanged", () => {
    const z = standardise([1, 2, 3, 4]);
    expect(Array.from(z)).toEqual([-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(5 / 3)));
    const d = grid("grid-15x15"),
      w = gridContiguity(d.row, d.col);
    const c = Math.sqrt(d.x.length / (d.x.length - 1)); // z_pop = c · z_sample for both variables
    const zx = standardise(d.x).map((v) => v * c),
      lag = spatialLag(
        w,
        standardise(d.y).map((v) => v * c)
      );
    let num = 0,
      den = 0;
    zx.forEach((v, i) => ((num += v * lag[i]), (den += v * v)));
    expect(close(num / den, prepareBV(d.x, d.y, w).I, 1e-12)).toBe(true);
  });
});

describe("local conditional permutation", () => {
  // The direct definition: for each cell and permutation, sum z_y over the
  // k_i drawn cells (index c stands for cell c, or for cell n−1 when c = i).
  function naiveCounts(zx: Float64Array, zy: Float64Array, lag: Float64Array, offsets: Int32Array, maxK: number, R: number, seed: number) {
    const n = zx.length,
      out = new Int32Array(n);
    let ids: Int32Array = new Int32Array(0),
      block = -1,
      valid = true;
    for (let i = 0; i < n; i++) {
      const k = offsets[i + 1] - offsets[i];
      if (k === 0) {
        out[i] = -1;
        continue;
      }
      if (Math.floor(i / LOCAL_BLOCK) !== block) ids = localDraws(seed, (block = Math.floor(i / LOCAL_BLOCK)), n, maxK, R);
      const obs = zx[i] * lag[i];
      for (let r = 0; r < R; r++) {
        let s = 0;
        for (let m = 0; m < k; m++) {
          const c = ids[r * maxK + m],
            cell = c === i ? n - 1 : c;
          // k distinct cells, never i itself
          if (cell === i) valid = false;
          for (let q = 0; q < m; q++) if (ids[r * maxK + q] === c) valid = false;
          s += zy[cell];
        }
        if (zx[i] * (s / k) >= obs) out[i]++;
      }
    }
    expect(valid).toBe(true);
    return out;
  }

  it("the sorted/binary-search kernel equals the direct loop bit for bit, for any split of the cells", () => {
    const d = synthetic(40, 60, 3, 0.08); // > 2 blocks, holes, a few low-k cells
    const w = gridContiguity(d.row, d.col);
    const prep = prepareBV(d.x, d.y, w);
    const inp = {zx: prep.zx, zy: prep.zy, lag: prep.lag, offsets: w.offsets, maxK: w.maxK, perms: 199, seed: 11};
    const full = new Int32Array(prep.n),
      split = new Int32Array(prep.n);
    localPermutationCounts(inp, 0, prep.n, full);
    for (const [a, b] of [
      [0, 700],
      [700, 1500],
      [1500, prep.n]
    ])
      localPermutationCounts(inp, a, b, split);
    expect(Array.from(split)).toEqual(Array.from(full));
    expect(Array.from(full)).toEqual(Array.from(naiveCounts(prep.zx, prep.zy, prep.lag, w.offsets, w.maxK, 199, 11)));
  });

  // Our p, averaged over S seeds of R = 999, against a reference of 9999 draws:
  // sd of the difference ≈ sqrt(p(1−p)(1/(S·1000) + 1/10000)); allow 5 sd plus
  // one step of the 1/(R+1) grid.
  function seedsMeanP(g: string, kind: Contiguity, S: number) {
    const d = grid(g),
      w = gridContiguity(d.row, d.col, kind);
    const mean = new Float64Array(d.x.length);
    for (let s = 0; s < S; s++) bivariateMoran(d.x, d.y, w, {seed: 1000 + s, global: false}).p.forEach((p, i) => (mean[i] += p / S));
    return mean;
  }
  const S = 5;
  const tol = (p: number) => 5 * Math.sqrt(Math.max(p * (1 - p), 1e-3) * (1 / (S * 1000) + 1 / 10000)) + 1 / 1000;

  for (const g of GRIDS)
    for (const kind of KINDS)
      it(`${g} ${kind}: p statistically consistent with the exact conditional permutation (R, 9999 draws)`, () => {
        const e = expected(g, kind),
          mean = seedsMeanP(g, kind, S);
        e.local.forEach((cell, i) => {
          if (cell.card === 0) return expect(mean[i]).toBeNaN();
          expect(Math.abs(mean[i] - cell.p_cond!), `cell ${cell.id}: ${mean[i]} vs ${cell.p_cond}`).toBeLessThanOrEqual(tol(cell.p_cond!));
        });
      });

  // spdep 1.2-7's localmoran_bv draws neighbours WITH replacement: its null is
  // a little wider (variance × (N−1)/(N−k), N = n−1 others), so its p values
  // sit slightly above ours in the tails. Allow that shift on top of the noise,
  // and require the 0.05 verdict to agree on nearly every cell.
  for (const g of ["grid-7x9-holes", "grid-15x15"])
    for (const kind of KINDS)
      it(`${g} ${kind}: p consistent with spdep localmoran_bv (9999 sims)`, () => {
        const e = expected(g, kind),
          mean = seedsMeanP(g, kind, S);
        let differ = 0;
        e.local.forEach((cell, i) => {
          const widen = Math.sqrt((e.n - 1 - 1) / (e.n - 1 - cell.card)) - 1; // relative sd gap
          expect(Math.abs(mean[i] - cell.p!), `cell ${cell.id}`).toBeLessThanOrEqual(tol(cell.p!) + 2 * widen * Math.min(cell.p!, 0.5));
          if (mean[i] <= 0.05 !== cell.p! <= 0.05) differ++;
        });
        expect(differ / e.n).toBeLessThanOrEqual(0.05);
      });

  it("pseudo p exactly at 0.05 (M = 49, R = 999) is significant under GeoDa's p ≤ α", () => {
    // A strip, cell 0 has one neighbour (cell 1). Read the draws the kernel will
    // use, then give y = 10 to cell 1 and to cells drawn in exactly 49 of the
    // 999 permutations: those ties count (≥), so M = 49, p = 50/1000.
    const n = 3000,
      R = 999,
      seed = 7;
    const row = new Array(n).fill(0),
      col = Array.from({length: n}, (_, i) => i);
    const w = gridContiguity(row, col, "rook");
    const ids = localDraws(seed, 0, n, w.maxK, R);
    const mult = new Map<number, number>();
    for (let r = 0; r < R; r++) {
      const c = ids[r * w.maxK];
      const cell = c === 0 ? n - 1 : c;
      mult.set(cell, (mult.get(cell) ?? 0) + 1);
    }
    const high = new Set([1]);
    let M = mult.get(1) ?? 0;
    for (const [cell, m] of mult) {
      if (high.has(cell) || M + m > 49) continue;
      high.add(cell);
      M += m;
    }
    expect(M).toBe(49);
    const g = rng(1);
    const x = Array.from({length: n}, (_, i) => (i === 0 ? 10 : g.next()));
    const y = Array.from({length: n}, (_, i) => (high.has(i) ? 10 : g.next()));
    const res = bivariateMoran(x, y, w, {perms: R, seed, alpha: 0.05, global: false});
    expect(res.counts[0]).toBe(49);
    expect(res.p[0]).toBe(0.05);
    expect(res.cluster[0]).toBe(1); // HH: p ≤ α (GeoDa); esda's p < α would call it not significant
    expect(res.p[0] < 0.05).toBe(false);
  });

  it("neighbourless cells: cluster 'neighborless', p NaN, never counted as tests", () => {
    const d = grid("irregular"),
      w = gridContiguity(d.row, d.col, "rook");
    const res = bivariateMoran(d.x, d.y, w, {correction: "bonferroni"});
    const iso = Array.from(w.isolates);
    expect(iso.map((i) => d.ids[i])).toEqual([36, 39]);
    for (const i of iso) {
      expect(res.p[i]).toBeNaN();
      expect(res.counts[i]).toBe(-1);
      expect(res.cluster[i]).toBe(5);
      expect(res.quadrant[i]).toBe(0);
    }
    expect(res.neighborless).toBe(2);
    expect(res.cutoff).toBe(0.05 / (d.x.length - 2));
    expect(close(res.I, expected("irregular", "rook").I)).toBe(true);
  });

  it("same seed → identical output; another seed → different draws", () => {
    const d = synthetic(30, 30, 5);
    const w = gridContiguity(d.row, d.col);
    const a = bivariateMoran(d.x, d.y, w, {seed: 99, perms: 199});
    const b = bivariateMoran(d.x, d.y, w, {seed: 99, perms: 199});
    const c = bivariateMoran(d.x, d.y, w, {seed: 100, perms: 199});
    expect(Buffer.from(a.counts.buffer).equals(Buffer.from(b.counts.buffer))).toBe(true);
    expect([a.p_sim, a.z_sim, a.p_sim_pairs, a.z_sim_pairs]).toEqual([b.p_sim, b.z_sim, b.p_sim_pairs, b.z_sim_pairs]);
    expect(Buffer.from(a.counts.buffer).equals(Buffer.from(c.counts.buffer))).toBe(false);
    expect(a.z_sim).not.toBe(c.z_sim);
  });
});

describe("errors", () => {
  it("a one-cell grid is an error (standardisation needs n ≥ 2)", () => {
    const w = gridContiguity([0], [0]);
    expect(w.isolates.length).toBe(1);
    expect(() => bivariateMoran([1], [2], w)).toThrow(/at least 2 cells, got 1/);
  });
  it("a constant column is an error naming the column", () => {
    const w = gridContiguity([0, 0, 0], [0, 1, 2]);
    expect(() => bivariateMoran([1, 2, 3], [4, 4, 4], w, {names: {x: "carbon", y: "esv"}})).toThrow(/column "esv" has zero variance/);
  });
});

describe("global permutation inference", () => {
  it("each simulated I is the statistic of an explicitly permuted grid (both nulls)", () => {
    const d = synthetic(12, 17, 8, 0.1),
      w = gridContiguity(d.row, d.col);
    const prep = prepareBV(d.x, d.y, w),
      R = 6,
      seed = 5;
    const simsY = new Float64Array(R),
      simsP = new Float64Array(R);
    globalPermutationSims(prep.zx, prep.zy, w, prep.den, seed, 0, R, simsY, simsP);
    for (let r = 0; r < R; r++) {
      const g = rng(subSeed(seed, 2, r)),
        perm = Array.from({length: prep.n}, (_, i) => i);
      for (let i = prep.n - 1; i > 0; i--) {
        const j = g.int(i + 1);
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      const lagP = spatialLag(
        w,
        perm.map((p) => prep.zy[p])
      );
      let numY = 0,
        numP = 0;
      for (let i = 0; i < prep.n; i++) {
        if (w.offsets[i + 1] === w.offsets[i]) continue;
        numY += prep.zx[i] * lagP[i];
        numP += prep.zx[perm[i]] * lagP[i];
      }
      expect(simsY[r]).toBe(numY / prep.den);
      expect(simsP[r]).toBe(numP / prep.den);
    }
  });

  for (const g of ["grid-7x9-holes", "grid-15x15"])
    for (const kind of KINDS)
      it(`${g} ${kind}: p_sim and z_sim consistent with R under both nulls`, () => {
        const d = grid(g),
          e = expected(g, kind);
        const res = bivariateMoran(d.x, d.y, gridContiguity(d.row, d.col, kind), {seed: 31});
        const ptol = (p: number) => 5 * Math.sqrt(Math.max(p * (1 - p), 1e-3) * (1 / 1000 + 1 / 1000)) + 1 / 1000;
        expect(Math.abs(res.p_sim_pairs - e.p_sim_pairs!)).toBeLessThanOrEqual(ptol(e.p_sim_pairs!));
        expect(Math.abs(res.p_sim - e.p_sim)).toBeLessThanOrEqual(ptol(e.p_sim));
        // z: the sd of 999 sims is known to ~2.2 %, the mean to 1/√999 sd
        expect(Math.abs(res.z_sim_pairs - e.z_sim_pairs!)).toBeLessThanOrEqual(0.2 + 0.1 * Math.abs(e.z_sim_pairs!));
        expect(Math.abs(res.z_sim - e.z_sim)).toBeLessThanOrEqual(0.2 + 0.1 * Math.abs(e.z_sim));
      });
});

describe("multiple-testing cut-offs", () => {
  const p = Float64Array.from([0.004, 0.025, 0.026, 0.027, 0.9, NaN]);
  it("Bonferroni divides α by the cells tested", () => expect(significanceCutoff(p, 0.05, "bonferroni")).toBe(0.01));
  it("FDR is Benjamini–Hochberg step-up (a gap at j = 2 does not stop it)", () => expect(significanceCutoff(p, 0.05, "fdr")).toBe(0.027));
  it("FDR keeps a p that lies exactly on its line (p_(j) ≤ j·α/m, not <)", () => {
    // By hand, α = 0.25, m = 4 (powers of two, so every j·α/m is exact): the lines are
    // 1/16, 2/16, 3/16, 4/16; p_(1) = 0.03 ≤ 1/16, p_(2) = 0.125 = 2/16, p_(3) = 0.5 and
    // p_(4) = 0.9 lie above. The largest j on or under its line is 2: cut-off 0.125.
    expect(significanceCutoff(Float64Array.from([0.9, 0.125, 0.5, 0.03]), 0.25, "fdr")).toBe(0.125);
    // With 999 permutations: p = 2/1000 and 10/1000 among m = 10 at α = 0.05; lines j·0.005.
    // p_(2) = 0.01 = 2·0.005 is kept, so the cut-off is 0.01, not 0.002.
    expect(significanceCutoff(Float64Array.from([0.002, 0.01, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]), 0.05, "fdr")).toBe(0.01);
  });
  it("FDR when only the smallest p is under its line", () =>
    // m = 2, α = 0.05: p_(1) = 0.01 ≤ 0.025, p_(2) = 0.9 > 0.05; the cut-off is p_(1)
    expect(significanceCutoff(Float64Array.from([0.9, 0.01]), 0.05, "fdr")).toBe(0.01));
  it("refuses an α outside (0, 1) and an unknown correction, naming them", () => {
    const p = Float64Array.from([0.01, 0.5]);
    for (const a of [0, 1, -0.1, 1.5, NaN]) expect(() => significanceCutoff(p, a, "none")).toThrow(`alpha must be in (0, 1), got ${a}`);
    expect(significanceCutoff(p, 0.5, "none")).toBe(0.5);
    expect(significanceCutoff(p, 1e-9, "none")).toBe(1e-9);
    expect(() => significanceCutoff(p, 0.05, "holm" as "fdr")).toThrow('unknown correction "holm" (expected none, bonferroni or fdr)');
  });
  it("FDR with nothing below its line selects nothing", () =>
    expect(significanceCutoff(Float64Array.from([0.5, 0.6]), 0.05, "fdr")).toBe(-1));
});
