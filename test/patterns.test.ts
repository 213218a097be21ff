import {describe, expect, it} from "vitest";
import {rng} from "../src/lib/rng.js";
import {distancesToLines} from "../data-loaders/study/river-distance.js";
import {centreHigh, contrast, measurePatterns, publishedPattern, riverHigh, spearman, terciles} from "../src/lib/patterns.js";

describe("patterns", () => {
  it("measures the distance to a polyline by hand", () => {
    const line = [
      [0, 0],
      [10, 0],
      [10, 10]
    ];
    // above the first segment, right of the second, nearest the first vertex (3-4-5)
    expect(Array.from(distancesToLines([5, 13, -3], [3, 5, -4], [line]))).toEqual([3, 3, 5]);
  });
  it("measures many points through the R-tree exactly as every segment one by one", () => {
    /** The reference: every segment, the nearest point on it by its own parameter t, clamped to the segment. */
    const everySegment = (x: number, y: number, lines: number[][][]) => {
      let best = Infinity;
      for (const l of lines)
        for (let i = 1; i < l.length; i++) {
          const [[ax, ay], [bx, by]] = [l[i - 1], l[i]];
          const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
          const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2));
          best = Math.min(best, (ax + t * (bx - ax) - x) ** 2 + (ay + t * (by - ay) - y) ** 2);
        }
      return Math.sqrt(best);
    };
    // A random river: jagged lines, axis-aligned and zero-length segments (a box equal to the segment, a point),
    // a one-point line (no segment), points on the segments, on the vertices and far away.
    const r = rng(20260107);
    const lines: number[][][] = [[[500, 500]]];
    for (let l = 0; l < 4; l++) {
      const pts = [[r.next() * 1000, r.next() * 1000]];
      for (let i = 0; i < 60; i++) {
        const [x, y] = pts[pts.length - 1];
        const kind = r.int(4);
        pts.push(
          kind === 0
            ? [x + 30 * r.next(), y]
            : kind === 1
              ? [x, y - 30 * r.next()]
              : kind === 2
                ? [x, y]
                : [x + 40 * (r.next() - 0.5), y + 40 * (r.next() - 0.5)]
        );
      }
      lines.push(pts);
    }
    const xs: number[] = [],
      ys: number[] = [];
    for (let i = 0; i < 400; i++) {
      xs.push(r.next() * 1400 - 200);
      ys.push(r.next() * 1400 - 200);
    }
    for (const line of lines.slice(1))
      for (let i = 0; i + 1 < line.length; i += 7) {
        xs.push(line[i][0], (line[i][0] + line[i + 1][0]) / 2);
        ys.push(line[i][1], (line[i][1] + line[i + 1][1]) / 2);
      }
    const many = distancesToLines(xs, ys, lines);
    expect(many.length).toBe(xs.length);
    for (let i = 0; i < xs.length; i++) expect(many[i]).toBeCloseTo(everySegment(xs[i], ys[i], lines), 9);
    expect(Array.from(many).filter((d) => d === 0).length).toBeGreaterThan(10);
    // No segment at all: no distance.
    expect(Array.from(distancesToLines([1], [2], [[[0, 0]]]))).toEqual([Infinity]);
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
  it("measures both patterns on a hand-made row of six cells and judges them by the pass rules", () => {
    // Cells 0…5 at distances 0…5 km from the centre; carbon falls with distance, so the inner third
    // (cells 0, 1: distance < terciles' 2 km) has median 55 and the outer third (cells 4, 5) median 15.
    const carbon = [60, 50, 40, 30, 20, 10];
    const centre = [0, 1000, 2000, 3000, 4000, 5000];
    // The river runs past cells 0 and 1 (within one 1 km cell width); ESV there is 8 and 6, elsewhere 4, 3, 2, 1.
    const esv = [8, 6, 4, 3, 2, 1];
    const river = [0, 1000, 2000, 3000, 4000, 5000];
    const m = measurePatterns(carbon, esv, centre, river, 1000);
    const p = publishedPattern(m);
    expect(p.carbon_centre_rho).toBeCloseTo(-1, 12);
    expect(p.carbon_centre_edge_ratio).toBeCloseTo(55 / 15, 12);
    // river cells' median 7 against all others' (4, 3, 2, 1) median 2.5
    expect(p.esv_river_other_ratio).toBeCloseTo(7 / 2.5, 12);
    expect(centreHigh(p)).toBe(true);
    expect(riverHigh(p)).toBe(true);
    // Higher along the channel but rising away from it is not a basin pattern.
    expect(riverHigh({...p, esv_river_rho: 0.3})).toBe(false);
    // Falling from the centre with an outer third above the inner one is not "high centre, low edge".
    expect(centreHigh({...p, carbon_centre_edge_ratio: 0.9})).toBe(false);
    // No river: no river pattern.
    const none = publishedPattern(measurePatterns(carbon, esv, centre, null, 1000));
    expect(none.esv_river_rho).toBeNull();
    expect(riverHigh(none)).toBe(false);
  });
});
