import {describe, expect, it} from "vitest";
import {rng} from "../src/lib/rng.js";

describe("rng", () => {
  it("repeats exactly for the same seed and differs for another", () => {
    const a = rng(42),
      b = rng(42),
      c = rng(43);
    const xa = Array.from({length: 8}, () => a.u32());
    expect(Array.from({length: 8}, () => b.u32())).toEqual(xa);
    expect(Array.from({length: 8}, () => c.u32())).not.toEqual(xa);
  });
  it("draws integers uniformly: chi-square over 10 bins stays below the 0.999 quantile", () => {
    const r = rng(7),
      bins = new Array(10).fill(0),
      n = 100_000;
    for (let i = 0; i < n; i++) bins[r.int(10)]++;
    const chi2 = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88); // χ²(9) 0.999 quantile
    expect(Math.min(...bins)).toBeGreaterThan(0);
  });
  it("keeps next() in [0, 1)", () => {
    const r = rng(1);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
