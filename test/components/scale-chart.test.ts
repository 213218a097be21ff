// ScaleChart (src/components/scale-chart.ts).

import {describe, expect, it} from "vitest";
import {ScaleChart} from "../../src/components/scale-chart.js";
import {count, expectFigure, newDocument, snapshotHtml} from "./helpers.js";

const MORAN = [1, 2].flatMap((cell_km) =>
  [2000, 2020].map((epoch) => ({
    cell_km,
    epoch,
    n: 100 / cell_km,
    excluded: 0,
    neighborless: 0,
    i: -0.2 - 0.1 * cell_km - (epoch - 2000) / 200,
    p_sim: 0.001,
    z_sim: -5,
    p_sim_pairs: cell_km === 2 && epoch === 2000 ? 0.2 : 0.001,
    z_sim_pairs: -4,
    hh: 5,
    ll: 10,
    lh: 3 * cell_km,
    hl: 2,
    ns: 100 / cell_km - 20 - 3 * cell_km,
    alpha: 0.05,
    correction: "none",
    permutations: 999,
    weights: "queen"
  }))
);

describe("ScaleChart", () => {
  it("plots I per cell size and epoch, and the share of each LISA type", async () => {
    const el = ScaleChart(MORAN, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "scale-chart", caption: /moran\.arrow/});
    const svgs = el.querySelectorAll("svg[class^='plot-'][aria-label]");
    expect(svgs.length).toBe(2);
    expect(count(el, "g.atlas-i circle")).toBe(MORAN.length);
    // hollow dot where p > alpha (pairs null)
    const hollow = [...el.querySelectorAll("g.atlas-i circle")].filter((c) => c.getAttribute("fill") === "var(--plot-background)");
    expect(hollow).toHaveLength(1);
    expect(count(el, "g.atlas-lisa-types rect")).toBe(MORAN.length * 5);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/scale-chart.html");
    const y = ScaleChart(MORAN, {document: newDocument(), nullModel: "y", epoch: 2020});
    expect([...y.querySelectorAll("g.atlas-i circle")].filter((c) => c.getAttribute("fill") === "var(--plot-background)")).toHaveLength(0);
    expect(count(y, "g.atlas-lisa-types rect")).toBe(2 * 5);
  });
});
