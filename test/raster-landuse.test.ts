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
});
