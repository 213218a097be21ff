// LISA quadrant and cluster labels against R spdep (test/fixtures/moran/make-quadrants.R):
// a grid where every type (High-High, Low-Low, Low-High, High-Low) is present
// and significant. The labels are what the cluster maps show, so a swap of two
// codes must fail here, not only a check that each code is one of the four.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {gridContiguity} from "../src/lib/weights.js";
import {bivariateMoran, CLUSTER_LABELS, CLUSTER_TYPES, prepareBV, QUADRANT_LABELS, quadrants} from "../src/lib/moran.js";
import {readGrid} from "../data-loaders/cli/moran.js";

const FIX = "test/fixtures/moran";
const d = readGrid(join(FIX, "grid-quadrants.csv"), "carbon", "esv");
const e = JSON.parse(readFileSync(join(FIX, "expected-grid-quadrants-queen.json"), "utf8")) as {
  alpha: number;
  local: {id: number; zx: number; lag: number; quadrant: string; p: number; cluster: string}[];
};
const w = gridContiguity(d.row, d.col, "queen");

describe("LISA quadrants and clusters equal spdep's", () => {
  it("the fixture has every type, each significant somewhere", () => {
    for (const t of CLUSTER_TYPES) {
      expect(e.local.some((c) => c.quadrant === t)).toBe(true);
      expect(e.local.some((c) => c.cluster === t)).toBe(true);
    }
  });

  it("every cell's quadrant is spdep's (scale(x) and lag.listw(scale(y)) cut at 0)", () => {
    const prep = prepareBV(d.x, d.y, w);
    const q = quadrants(prep, w);
    expect(d.ids).toEqual(e.local.map((c) => c.id));
    e.local.forEach((cell, i) => {
      expect(Math.abs(prep.zx[i] - cell.zx)).toBeLessThan(1e-9);
      expect(Math.abs(prep.lag[i] - cell.lag)).toBeLessThan(1e-9);
      expect(QUADRANT_LABELS[q[i]], `cell ${cell.id}`).toBe(cell.quadrant);
    });
  });

  it("a value exactly at the mean, or a lag of exactly 0, is Low (z ≤ 0), by hand", () => {
    // One row of three cells, rook: x = y = 1, 2, 3, so z = −1, 0, 1 (sample sd 1). Lags of z_y:
    // cell 0 → z_y[1] = 0; cell 1 → (−1 + 1)/2 = 0; cell 2 → z_y[1] = 0. Quadrants: cell 0 z_x < 0,
    // lag 0: LL; cell 1 z_x = 0, lag 0: LL; cell 2 z_x > 0, lag 0: HL.
    const row = gridContiguity([0, 0, 0], [0, 1, 2], "rook");
    const prep = prepareBV([1, 2, 3], [1, 2, 3], row);
    expect(Array.from(prep.lag)).toEqual([0, 0, 0]);
    expect(Array.from(quadrants(prep, row), (q) => QUADRANT_LABELS[q])).toEqual(["LL", "LL", "HL"]);
  });

  it("every cell whose p is clearly on one side of α has spdep's cluster label", () => {
    const res = bivariateMoran(d.x, d.y, w, {alpha: e.alpha, global: false});
    // spdep's p comes from 9999 draws (with replacement), ours from 999 (without): near α the
    // two may fall on different sides by chance. Cells whose spdep p is within 0.03 of α (over
    // four standard errors of our p there) are left out; the others must agree exactly.
    const clear = e.local.map((c, i) => ({c, i})).filter(({c}) => Math.abs(c.p - e.alpha) > 0.03);
    expect(clear.length).toBeGreaterThan(e.local.length * 0.8);
    for (const t of [...CLUSTER_TYPES, "NS"]) expect(clear.some(({c}) => c.cluster === t)).toBe(true);
    for (const {c, i} of clear) expect(CLUSTER_LABELS[res.cluster[i]], `cell ${c.id} (spdep p ${c.p})`).toBe(c.cluster);
  });
});
