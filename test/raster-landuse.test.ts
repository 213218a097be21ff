// Land-use change arithmetic (src/lib/landuse.ts), checked by hand.
import {describe, expect, it} from "vitest";
import {collapseMatrix, comprehensiveDynamicDegree, margins, netChange, singleDynamicDegree} from "../src/lib/landuse.js";

// from \ to: cultivated, forest, construction (km²)
const M = [
  [80, 5, 15],
  [2, 190, 8],
  [0, 0, 50]
];

describe("landuse", () => {
  it("margins: start and end areas, persistence, gains and losses", () => {
    const m = margins(M);
    expect(m.from).toEqual([100, 200, 50]);
    expect(m.to).toEqual([82, 195, 73]);
    expect(m.persistence).toEqual([80, 190, 50]);
    expect(m.losses).toEqual([20, 10, 0]);
    expect(m.gains).toEqual([2, 5, 23]);
    expect(m.total).toBe(350);
  });
  it("net change", () => {
    expect(netChange([100, 200, 50], [82, 195, 73])).toEqual([-18, -5, 23]);
    expect(() => netChange([1], [1, 2])).toThrow(/1 start areas but 2 end areas/);
  });
  it("single dynamic degree K = (Ub − Ua)/Ua / T × 100", () => {
    expect(singleDynamicDegree(100, 82, 20)).toBeCloseTo(-0.9, 12); // −18 % over 20 years
    expect(singleDynamicDegree(50, 73, 20)).toBeCloseTo(2.3, 12);
    expect(singleDynamicDegree(0, 5, 5)).toBeNaN();
    expect(() => singleDynamicDegree(1, 2, 0)).toThrow(/positive period/);
  });
  it("comprehensive dynamic degree LC = Σ converted / (2 Σ start) / T × 100", () => {
    // converted = 20 + 10 + 0 = 30; start total 350; T = 20
    expect(comprehensiveDynamicDegree(M, 20)).toBeCloseTo((30 / 700 / 20) * 100, 12);
  });
  it("collapses code matrices onto classes", () => {
    const codes = [
      [1, 2, 0],
      [3, 4, 5],
      [0, 6, 7]
    ];
    // codes 0 and 1 → class 0, code 2 → class 1
    expect(collapseMatrix(codes, [0, 0, 1], 2)).toEqual([
      [10, 5],
      [6, 7]
    ]);
    expect(() => margins([[1, 2]])).toThrow(/square/);
  });
  it("refuses what has no meaning, naming it", () => {
    expect(() => margins([[1, 2], [3]])).toThrow("transition matrix must be square, got 2 rows and a row of 1");
    expect(() => comprehensiveDynamicDegree(M, 0)).toThrow("dynamic degree needs a positive period in years, got 0");
    expect(() => comprehensiveDynamicDegree(M, -5)).toThrow(/positive period in years, got -5/);
    expect(() => singleDynamicDegree(1, 2, NaN)).toThrow(/positive period in years, got NaN/);
    expect(() => collapseMatrix(M, [0, 1], 2)).toThrow("collapseMatrix: 3 codes but 2 class assignments");
    // nothing at the start: no rate
    expect(comprehensiveDynamicDegree([[0]], 5)).toBeNaN();
    expect(
      comprehensiveDynamicDegree(
        [
          [0, 0],
          [0, 0]
        ],
        5
      )
    ).toBeNaN();
  });
  it("one year and a class that only grows, by hand", () => {
    // 1 → 0.5 in one year: −50 %/yr; 4 → 6 over 2 years: +25 %/yr
    expect(singleDynamicDegree(1, 0.5, 1)).toBe(-50);
    expect(singleDynamicDegree(4, 6, 2)).toBe(25);
    // everything converted: [[0, 10], [10, 0]] over 1 year: 20 / (2 × 20) × 100 = 50 %/yr
    expect(
      comprehensiveDynamicDegree(
        [
          [0, 10],
          [10, 0]
        ],
        1
      )
    ).toBe(50);
    // nothing converted
    expect(
      comprehensiveDynamicDegree(
        [
          [3, 0],
          [0, 7]
        ],
        10
      )
    ).toBe(0);
    const m = margins([
      [0, 10],
      [4, 1]
    ]);
    expect(m).toEqual({from: [10, 5], to: [4, 11], persistence: [0, 1], losses: [10, 4], gains: [4, 10], total: 15});
  });
});
