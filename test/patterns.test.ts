import {describe, expect, it} from "vitest";
import {contrast, distanceToLines, spearman, terciles} from "../src/lib/patterns.js";

describe("patterns", () => {
  it("measures the distance to a polyline by hand", () => {
    const line = [
      [0, 0],
      [10, 0],
      [10, 10]
    ];
    expect(distanceToLines(5, 3, [line])).toBe(3); // above the first segment
    expect(distanceToLines(13, 5, [line])).toBe(3); // right of the second
    expect(distanceToLines(-3, -4, [line])).toBe(5); // nearest the first vertex: 3-4-5
  });
  it("gives Spearman's ρ of ±1 for monotone data and handles ties", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [9, 4, 1, 0])).toBeCloseTo(-1, 12);
    // ranks of [1, 1, 2] are [1.5, 1.5, 3]; of [1, 2, 3] are [1, 2, 3]: r = 1.5 / sqrt(1.5 · 2) = 0.866…
    expect(spearman([1, 1, 2], [1, 2, 3])).toBeCloseTo(Math.sqrt(3) / 2, 12);
  });
  it("contrasts near and far cells by medians", () => {
    const d = [0, 1, 2, 3, 4, 5];
    const v = [9, 8, 5, 5, 2, 1];
    const [t1, t2] = terciles(d);
    expect([t1, t2]).toEqual([2, 3]);
    const c = contrast(
      v,
      d,
      (x) => x < t1,
      (x) => x > t2
    );
    expect(c.nearMedian).toBe(8.5); // median of 9, 8
    expect(c.farMedian).toBe(1.5); // median of 2, 1
    expect(c.ratio).toBeCloseTo(8.5 / 1.5, 12);
    expect(c.nNear + c.nFar).toBe(4);
    expect(c.rho).toBeLessThan(-0.9);
  });
  it("refuses a contrast with no far cells", () => {
    expect(() =>
      contrast(
        [1, 2],
        [0, 0],
        () => true,
        () => false
      )
    ).toThrow(/no far cells/);
  });
});
