// Degenerate permutation tests (issue 13): a permutation that reproduces the
// observed statistic is as extreme as it, so a test whose permutations cannot
// differ from the observation reports p = 1, never significance; and inputs
// too big or not finite are refused up front, naming what to change.
// Expected values are worked out by hand in the comments.
import {describe, expect, it} from "vitest";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gridContiguity} from "../src/lib/weights.js";
import {MAX_CELL_PERMUTATIONS, bivariateMoran, checkWork, foldedP, globalInference, standardise} from "../src/lib/moran.js";
import {bivariateMoranParallel} from "../data-loaders/spatial/lisa-parallel.js";
import {run} from "../data-loaders/cli/moran.js";

const R = 199;

function csv(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "moran-degenerate-"));
  const file = join(dir, "grid.csv");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("no cell has a neighbour", () => {
  // Four cells two steps apart: no queen neighbours. Every lag is 0, so the
  // observed I = 0 / Σz_x² = 0 and every permuted I is 0 too: all R tie.
  const w = gridContiguity([0, 0, 2, 2], [0, 2, 0, 2], "queen");
  const x = [1, 2, 3, 4],
    y = [4, 1, 3, 2];

  it("global: I = 0, p = 1 under both nulls, z undefined", () => {
    const r = bivariateMoran(x, y, w, {perms: R});
    expect(r.I).toBe(0);
    expect(r.p_sim).toBe(1);
    expect(r.p_sim_pairs).toBe(1);
    expect(r.z_sim).toBeNaN();
    expect(r.z_sim_pairs).toBeNaN();
  });

  it("local: every cell 'neighborless', no p, nothing significant (also on worker threads)", async () => {
    for (const r of [
      bivariateMoran(x, y, w, {perms: R}),
      await bivariateMoranParallel(x, y, w, {perms: R, threads: 2, mainJoins: false})
    ]) {
      expect(Array.from(r.cluster)).toEqual([5, 5, 5, 5]);
      expect(Array.from(r.p).every(Number.isNaN)).toBe(true);
      expect(r.neighborless).toBe(4);
      expect(r.p_sim).toBe(1);
    }
  });

  it("CLI: p = 1, no cluster", async () => {
    const file = csv(["id,row,col,a,b", "1,0,0,1,4", "2,0,2,2,1", "3,2,0,3,3", "4,2,2,4,2"]);
    const out = (await run([file, "--x", "a", "--y", "b", "--perms", String(R)])) as {
      global: {I: number; p: number; p_sim: number; z: number | null};
      settings: {clusters: Record<string, number>};
    };
    expect(out.global.I).toBe(0);
    expect(out.global.p).toBe(1);
    expect(out.global.p_sim).toBe(1);
    expect(out.global.z).toBeNull();
    expect(out.settings.clusters).toEqual({NS: 0, HH: 0, LL: 0, LH: 0, HL: 0, neighborless: 4});
  });
});

describe("two cells", () => {
  // x = (1, 3): mean 2, sample sd √2, z_x = (−1, 1)/√2. y = (2, 5): mean 3.5,
  // sd √4.5, z_y = (−1.5, 1.5)/√4.5 = (−1, 1)/√2. Each cell's only neighbour is
  // the other: lag = (z_y1, z_y0) = (1, −1)/√2, I_i = z_x,i · lag_i = −1/2
  // each, Σz_x² = 1, I = −1.
  // Local: the conditional permutation draws 1 cell of the n − 1 = 1 others,
  // always the real neighbour: every permutation equals I_i, p = 1.
  // Global, pairs null: moving (z_x, z_y) pairs together cannot change I: p = 1.
  // Global, z_y null: swapping z_y gives lag = (−1, 1)/√2 and I = +1, the
  // identity gives −1. #{sim ≥ −1} = R, #{sim ≤ −1} = the identities ≈ R/2, so
  // p ≈ 1/2, not 1/(R+1): the observed I is the smallest possible, but half
  // the permutations equal it.
  const w = gridContiguity([0, 0], [0, 1], "queen");
  const r = bivariateMoran([1, 3], [2, 5], w, {perms: R});

  it("I, I_i by hand", () => {
    expect(r.I).toBeCloseTo(-1, 15);
    expect(r.Ii[0]).toBeCloseTo(-0.5, 15);
    expect(r.Ii[1]).toBeCloseTo(-0.5, 15);
  });

  it("local: p = 1 for both cells, not significant", () => {
    expect(Array.from(r.counts)).toEqual([R, R]);
    expect(Array.from(r.p)).toEqual([1, 1]);
    expect(Array.from(r.cluster)).toEqual([0, 0]);
  });

  it("global: p = 1 under the pairs null; about 1/2 under the z_y null", () => {
    expect(r.p_sim_pairs).toBe(1);
    expect(r.z_sim_pairs).toBeNaN();
    expect(r.p_sim).toBeGreaterThan(0.3);
    expect(r.p_sim).toBeLessThan(0.7);
  });

  it("the same with the CLI and on worker threads", async () => {
    const par = await bivariateMoranParallel([1, 3], [2, 5], w, {perms: R, threads: 2, mainJoins: false});
    expect(Array.from(par.p)).toEqual([1, 1]);
    expect(par.p_sim_pairs).toBe(1);
    expect(par.p_sim).toBe(r.p_sim);
    const file = csv(["id,row,col,a,b", "1,0,0,1,2", "2,0,1,3,5"]);
    const out = (await run([file, "--x", "a", "--y", "b", "--perms", String(R)])) as {
      global: {p: number; p_sim_pairs: number};
      local: {p: number; cluster: string}[];
    };
    expect(out.global.p).toBe(1);
    expect(out.local.map((c) => [c.p, c.cluster])).toEqual([
      [1, "NS"],
      [1, "NS"]
    ]);
  });
});

describe("a cell whose neighbours are all the other cells", () => {
  // Three cells in a row: the middle one's 2 neighbours are the n − 1 = 2
  // others, so every permutation draws exactly them: R ties, p = 1 whatever
  // the values; the old formula gave (min(R, 0) + 1)/(R + 1) = 1/(R + 1).
  it("p = 1 for the middle cell", () => {
    const w = gridContiguity([0, 0, 0], [0, 1, 2], "queen");
    const r = bivariateMoran([1, 5, 2], [3, 1, 7], w, {perms: R});
    expect(r.p[1]).toBe(1);
    expect(r.cluster[1]).toBe(0);
  });

  it("a cell with z_x = 0: every simulated I_i = 0 = observed, p = 1", () => {
    // x = (1, 2, 3) has z_x = 0 at the middle cell whatever its neighbours.
    const w = gridContiguity([0, 0, 0, 1], [0, 1, 2, 0], "rook");
    const r = bivariateMoran([1, 2, 3, 2], [5, 1, 4, 2], w, {perms: R});
    expect(standardise([1, 2, 3, 2])[1]).toBe(0);
    expect(r.Ii[1]).toBe(0);
    expect(r.p[1]).toBe(1);
    expect(r.p[3]).toBe(1);
  });
});

describe("inference formulas", () => {
  it("globalInference: ties count on both sides; continuous sims unchanged", () => {
    expect(globalInference(0, new Float64Array(9)).p_sim).toBe(1); // all 9 tie: (9 + 1)/10
    // sims 1..9 against I = 2.5: #≥ = 7, #≤ = 2 → (2 + 1)/10
    expect(globalInference(2.5, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])).p_sim).toBeCloseTo(0.3, 15);
    // I = 9, the largest, tied once: #≥ = 1, #≤ = 9 → (1 + 1)/10
    expect(globalInference(9, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])).p_sim).toBeCloseTo(0.2, 15);
    // I = 1, tied with 4 of 9: #≥ = 9, #≤ = 4 → (4 + 1)/10, where strict "<" gave (0 + 1)/10
    expect(globalInference(1, Float64Array.from([1, 1, 1, 1, 2, 3, 4, 5, 6])).p_sim).toBeCloseTo(0.5, 15);
  });

  it("foldedP: all ties → 1; otherwise (min(M, R − M) + 1)/(R + 1); neighbourless NaN", () => {
    const p = foldedP(Int32Array.from([9, 9, 0, -1, 3]), 9, Int32Array.from([9, 0, 0, 0, 1]));
    expect(Array.from(p)).toEqual([1, 0.1, 0.1, NaN, 0.4]);
  });
});

describe("inputs refused up front", () => {
  it("too many cells × permutations, before any allocation", () => {
    expect(checkWork(1e6, 999)).toBeUndefined(); // 1e9 ≤ 5e9: accepted
    expect(checkWork(5e6, 1000)).toBeUndefined(); // exactly 5e9: accepted
    expect(() => checkWork(3e8, 999)).toThrow(/300,000,000 cells × 999 permutations is more than the 5e\+9/);
    expect(MAX_CELL_PERMUTATIONS).toBe(5e9);
    // bivariateMoran checks before it allocates or draws anything: 6,000 cells × 1e6 permutations
    // is refused at once (the 1e6 permutations themselves are allowed: checkPerms).
    const rows = Array.from({length: 6000}, (_, i) => Math.floor(i / 100)),
      cols = rows.map((_, i) => i % 100);
    const big = gridContiguity(rows, cols);
    const v = rows.map((_, i) => i % 7);
    expect(() => bivariateMoran(v, cols, big, {perms: 1e6})).toThrow(/6,000 cells × 1,000,000 permutations is more than the 5e\+9/);
  });

  it("the CLI refuses too many permutations for the grid, naming the limit", async () => {
    const lines = ["id,row,col,a,b"];
    for (let i = 0; i < 6000; i++) lines.push(`${i},${Math.floor(i / 100)},${i % 100},${i % 7},${i % 11}`);
    await expect(run([csv(lines), "--x", "a", "--y", "b", "--perms", "1000000"])).rejects.toThrow(
      /6,000 cells × 1,000,000 permutations is more than the 5e\+9 cell-permutations allowed/
    );
    await expect(run([csv(lines), "--x", "a", "--y", "b", "--perms", "2000000"])).rejects.toThrow(
      /--perms must be an integer in \[1, 1e6\], got 2000000/
    );
  });

  it("a byte-order mark before the header is not part of the first column's name", async () => {
    const file = csv(["\uFEFFid,row,col,a,b", "1,0,0,1,2", "2,0,1,3,5"]);
    const out = (await run([file, "--x", "a", "--y", "b", "--perms", "9"])) as {global: {n: number}};
    expect(out.global.n).toBe(2);
  });

  it("NaN, Infinity and overflowing numbers are refused naming the line and column", async () => {
    const base = ["id,row,col,a,b", "1,0,0,1,2", "2,0,1,3,5"];
    for (const [value, message] of [
      ["NaN", /line 3, column "a": "NaN" is not a number/],
      ["Infinity", /line 3, column "a": "Infinity" is not a number/],
      ["-inf", /line 3, column "a": "-inf" is not a number/],
      ["1e999", /line 3, column "a": "1e999" is not a number/]
    ] as const) {
      const lines = [...base];
      lines[2] = `2,0,1,${value},5`;
      await expect(run([csv(lines), "--x", "a", "--y", "b"])).rejects.toThrow(message);
    }
    // Finite, but the sum of squares overflows: refused naming the column, not a NaN result.
    const file = csv(["id,row,col,a,b", "1,0,0,1e308,2", "2,0,1,-1e308,5", "3,0,2,0,1"]);
    await expect(run([file, "--x", "a", "--y", "b"])).rejects.toThrow(/column "a" has values too large to standardise/);
  });
});
