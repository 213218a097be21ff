// The edges of the pattern measures and rules (src/lib/patterns.ts), by hand and
// against SciPy: terciles of sizes that are not multiples of 3, medians of odd
// and even counts, Spearman's ρ with ties, and the pass rules at exactly 0 and 1.
// patterns.test.ts measures whole patterns on a hand-made row.
import {describe, expect, it} from "vitest";
import {
  centreHigh,
  contrast,
  fallsFromCentre,
  fallsFromRiver,
  higherAlongRiver,
  riverHigh,
  segmentDistance2,
  spearman,
  terciles
} from "../src/lib/patterns.js";

describe("measures", () => {
  it("Spearman's ρ with ties equals SciPy's", () => {
    // python3 -c "from scipy.stats import spearmanr; print(spearmanr([3,1,4,1,5,9,2,6,5,3], [2,7,1,8,2,8,1,8,2,8]).statistic)"
    expect(spearman([3, 1, 4, 1, 5, 9, 2, 6, 5, 3], [2, 7, 1, 8, 2, 8, 1, 8, 2, 8])).toBeCloseTo(0.13471506281091267, 14);
  });

  it("refuses fewer than 3 values or unequal lengths, naming both lengths", () => {
    expect(() => spearman([1, 2], [1, 2])).toThrow("spearman: need two equal-length samples of 3 or more (got 2, 2)");
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow("(got 3, 2)");
  });

  it("terciles: the values at ⌊n/3⌋ and ⌈2n/3⌉ − 1 of the sorted distances", () => {
    // n = 7: indices 2 and 4; n = 8: indices 2 and 5 (given unsorted)
    expect(terciles([6, 0, 5, 1, 4, 2, 3])).toEqual([2, 4]);
    expect(terciles([70, 0, 60, 10, 50, 20, 40, 30])).toEqual([20, 50]);
  });

  it("contrast: medians of odd and even counts; no near cells is refused too", () => {
    // near (d = 0): 5, 1, 4 → median 4; far (d = 1): 5, 1, 4, 2 → median 3 (as numpy.median)
    const c = contrast(
      [5, 1, 4, 5, 1, 4, 2],
      [0, 0, 0, 1, 1, 1, 1],
      (d) => d === 0,
      (d) => d === 1
    );
    expect([c.nearMedian, c.farMedian, c.ratio, c.nNear, c.nFar]).toEqual([4, 3, 4 / 3, 3, 4]);
    expect(() =>
      contrast(
        [1, 2, 3],
        [0, 1, 2],
        () => false,
        () => true
      )
    ).toThrow("contrast: no near cells");
  });

  it("a cell that is neither near nor far counts in neither median", () => {
    const c = contrast(
      [10, 20, 30, 40],
      [0, 1, 2, 3],
      (d) => d === 0,
      (d) => d === 3
    );
    expect([c.nearMedian, c.farMedian, c.nNear, c.nFar]).toEqual([10, 40, 1, 1]);
  });

  it("squared distance to a segment: inside, beyond either end, and a zero-length segment", () => {
    expect(segmentDistance2(5, 3, 0, 0, 10, 0)).toBe(9); // above the middle
    expect(segmentDistance2(-3, 4, 0, 0, 10, 0)).toBe(25); // before the start: to (0, 0)
    expect(segmentDistance2(13, 4, 0, 0, 10, 0)).toBe(25); // past the end: to (10, 0)
    expect(segmentDistance2(4, 5, 1, 1, 1, 1)).toBe(25); // a point
  });
});

describe("rules at their edges", () => {
  const p = {carbon_centre_rho: -0.5, carbon_centre_edge_ratio: 2, esv_river_rho: -0.5, esv_river_other_ratio: 2};
  it("ρ = 0 does not fall, a ratio of 1 is not higher", () => {
    expect(fallsFromCentre({carbon_centre_rho: 0})).toBe(false);
    expect(centreHigh({carbon_centre_rho: -0.5, carbon_centre_edge_ratio: 1})).toBe(false);
    expect(centreHigh({carbon_centre_rho: 0, carbon_centre_edge_ratio: 2})).toBe(false);
    expect(centreHigh(p)).toBe(true);
    expect(fallsFromRiver({...p, esv_river_rho: 0})).toBe(false);
    expect(higherAlongRiver({...p, esv_river_other_ratio: 1})).toBe(false);
    expect(riverHigh({...p, esv_river_other_ratio: 0.9})).toBe(false);
    expect(riverHigh(p)).toBe(true);
  });
});
