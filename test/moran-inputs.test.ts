// The bivariate Moran's preparation (src/lib/moran.ts): standardisation
// against R's scale(), lags and I by hand, the seeds against a Python
// transcription of MurmurHash3's finaliser, and every refusal with its message.
import {describe, expect, it} from "vitest";
import {gridContiguity} from "../src/lib/weights.js";
import {
  bivariateMoran,
  checkPerms,
  checkSeed,
  countColumn,
  globalInference,
  globalPermutationSims,
  localDraws,
  prepareBV,
  spatialLag,
  standardise,
  subSeed
} from "../src/lib/moran.js";

describe("standardisation", () => {
  it("the mean's rounding is corrected as R's mean() does: scale() of 2^52 + (1, 2, 4)", () => {
    // Rscript -e 'print(as.vector(scale(c(2^52+1, 2^52+2, 2^52+4))), digits = 17)'
    // → -0.63245553203367588 0 1.26491106406735176. The exact mean 2^52 + 7/3 rounds to 2^52 + 2;
    // the sum alone (3·2^52 + 7, rounded to an even step) gives 2^52 + 3, a whole unit off.
    const B = 2 ** 52;
    expect(Array.from(standardise([B + 1, B + 2, B + 4]))).toEqual([-0.6324555320336759, 0, 1.2649110640673518]);
  });

  it("refuses fewer than 2 values, a non-finite value and an overflowing column, naming the column", () => {
    expect(() => standardise([1], "carbon")).toThrow('bivariate Moran: needs at least 2 cells, got 1 (column "carbon")');
    expect(() => standardise([1, NaN, 3], "esv")).toThrow('bivariate Moran: column "esv" has a non-finite value (NaN) at cell 1');
    expect(() => standardise([1, 2, Infinity], "esv")).toThrow("(Infinity) at cell 2");
    expect(() => standardise([1e308, -1e307, 0], "esv")).toThrow(
      'bivariate Moran: column "esv" has values too large to standardise (their sum or sum of squares overflows, largest |value| 1e+308); rescale the column'
    );
    expect(() => standardise([2, 2])).toThrow('column "values" has zero variance (every value is 2)');
  });
});

describe("lag and I", () => {
  it("a cell with no neighbour has lag 0 (spdep's zero.policy), and one listed before the others is left out of I", () => {
    // Cell 0 alone at (0, 0); cells 1 and 2 rook neighbours at (2, 0), (2, 1).
    // x = (2, 1, 3): mean 2, sd 1, z_x = (0, −1, 1); y = (2, 3, 1): z_y = (0, 1, −1).
    // lag = (0, z_y[2], z_y[1]) = (0, −1, 1); I_i = (0, 1, 1); Σz_x² = 2; I = 2/2 = 1.
    const w = gridContiguity([0, 2, 2], [0, 0, 1], "rook");
    expect(Array.from(w.isolates)).toEqual([0]);
    const prep = prepareBV([2, 1, 3], [2, 3, 1], w);
    expect(Array.from(prep.lag)).toEqual([0, -1, 1]);
    expect(Array.from(spatialLag(w, [5, 6, 7]))).toEqual([0, 7, 6]);
    expect(Array.from(prep.Ii)).toEqual([0, 1, 1]);
    expect(prep.den).toBe(2);
    expect(prep.I).toBe(1);
  });

  it("refuses columns of the wrong length and a one-cell grid, naming the column", () => {
    const w = gridContiguity([0, 0, 0], [0, 1, 2]);
    expect(() => prepareBV([1, 2, 3], [1, 2], w)).toThrow("bivariate Moran: 3 x values and 2 y values for 3 cells");
    expect(() => prepareBV([1, 2], [1, 2, 3], w)).toThrow("2 x values and 3 y values");
    expect(() => prepareBV([1], [1], gridContiguity([0], [0]))).toThrow(/^bivariate Moran: needs at least 2 cells, got 1$/);
    expect(() => prepareBV([1, 1, 1], [1, 2, 3], w)).toThrow('column "x" has zero variance');
    expect(() => prepareBV([1, 2, 3], [1, 1, 1], w)).toThrow('column "y" has zero variance');
  });
});

describe("seeds and limits", () => {
  it("subSeed equals MurmurHash3's fmix32 composed as documented, computed in Python", () => {
    // M = 2**32 - 1; fmix(h): h ^= h >> 16; h = h * 0x85ebca6b & M; h ^= h >> 13; h = h * 0xc2b2ae35 & M; h ^= h >> 16
    // subSeed = fmix(fmix(seed ^ (stream * 0x9e3779b1 & M)) ^ fmix(index + 0x6a09e667 & M))
    expect(subSeed(0, 1, 0)).toBe(2611698983);
    expect(subSeed(123456789, 1, 5)).toBe(426515340);
    expect(subSeed(123456789, 2, 998)).toBe(622216697);
    expect(subSeed(0xffffffff, 2, 3)).toBe(3171678213);
  });

  it("seeds: integers in [0, 2^32)", () => {
    for (const s of [0, 1, 0xffffffff]) expect(checkSeed(s)).toBe(s);
    for (const s of [-1, 2 ** 32, 1.5, NaN])
      expect(() => checkSeed(s)).toThrow(`bivariate Moran: seed must be an integer in [0, 2^32), got ${s}`);
  });

  it("permutations: integers in [1, 1e6]", () => {
    for (const p of [1, 2, 1e6]) expect(checkPerms(p)).toBe(p);
    for (const p of [0, -1, 1e6 + 1, 2.5])
      expect(() => checkPerms(p)).toThrow(`bivariate Moran: perms must be an integer in [1, 1e6], got ${p}`);
  });

  it("draws: a cell cannot have more neighbours than there are other cells", () => {
    expect(localDraws(1, 0, 3, 2, 4).length).toBe(8);
    expect(() => localDraws(1, 0, 3, 3, 4)).toThrow("bivariate Moran: 3 neighbours cannot be drawn from 2 other cells");
  });

  it("count columns are the labels in lower case", () => {
    expect(["HH", "LL", "LH", "HL", "NS"].map((l) => countColumn(l as "HH"))).toEqual(["hh", "ll", "lh", "hl", "ns"]);
  });
});

describe("options", () => {
  it("without the global permutations the global p and z are NaN, not numbers", () => {
    // a 3 × 3 grid, rook
    const w = gridContiguity([0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 1, 2, 0, 1, 2, 0, 1, 2], "rook");
    const x = [1, 5, 2, 8, 3, 9, 4, 7, 6],
      y = [2, 4, 6, 8, 1, 3, 5, 7, 9];
    const off = bivariateMoran(x, y, w, {perms: 19, global: false});
    for (const v of [off.p_sim, off.z_sim, off.p_sim_pairs, off.z_sim_pairs]) expect(v).toBeNaN();
    const on = bivariateMoran(x, y, w, {perms: 19});
    for (const v of [on.p_sim, on.z_sim, on.p_sim_pairs, on.z_sim_pairs]) expect(Number.isFinite(v)).toBe(true);
  });
});

describe("global inference", () => {
  it("z of the observed I against the simulated ones, with their population sd, by hand", () => {
    // sims 1…9: mean 5, Σ(s − 5)² = 60, population sd √(60/9); I = 2.5 → z = −2.5/√(20/3) = −0.968…
    const r = globalInference(2.5, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(r.z_sim).toBeCloseTo(-2.5 / Math.sqrt(20 / 3), 14);
    // sims −1, 0, 4: mean 1, Σ(s − 1)² = 4 + 1 + 9 = 14, sd √(14/3); I = 3 → z = 2/√(14/3)
    expect(globalInference(3, Float64Array.from([-1, 0, 4])).z_sim).toBeCloseTo(2 / Math.sqrt(14 / 3), 14);
    // every simulated I the same: no spread, z undefined, even when I differs from them
    expect(globalInference(2, Float64Array.from([1, 1, 1])).z_sim).toBeNaN();
  });

  it("a chunk of permutations writes its own entries only", () => {
    const w = gridContiguity([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2], "rook");
    const prep = prepareBV([1, 5, 2, 8, 3, 9], [2, 4, 6, 8, 1, 3], w);
    const y = new Float64Array(12).fill(7),
      pairs = new Float64Array(12).fill(7);
    // permutations 1…6 (one group of four, then two alone) and 8…10 (three alone)
    globalPermutationSims(prep.zx, prep.zy, w, prep.den, 5, 1, 7, y, pairs);
    globalPermutationSims(prep.zx, prep.zy, w, prep.den, 5, 8, 11, y, pairs);
    for (const a of [y, pairs]) {
      expect([a[0], a[7], a[11]]).toEqual([7, 7, 7]);
      for (const r of [1, 2, 3, 4, 5, 6, 8, 9, 10]) expect(a[r]).not.toBe(7);
    }
  });
});
