// MoranScatter (src/components/moran-scatter.ts).

import {describe, expect, it} from "vitest";
import * as d3 from "d3";
import {MoranScatter, moranSlope} from "../../src/components/moran-scatter.js";
import {count, expectFigure, gridRows, newDocument, plotSvg, snapshotHtml} from "./helpers.js";

describe("MoranScatter", () => {
  it("plots z_x against lag_z_y with the line of slope I", async () => {
    const rows = gridRows().filter((d) => d.epoch === 2000);
    const el = MoranScatter(rows, {document: newDocument(), width: 400});
    expectFigure(el, {kind: "moran-scatter", caption: /Moran/});
    expect(count(el, "g.atlas-cells circle")).toBe(6);
    const i = d3.sum(rows, (d) => d.z_x! * d.lag_z_y!) / d3.sum(rows, (d) => d.z_x! ** 2);
    expect(moranSlope(rows)).toBeCloseTo(i, 12);
    expect(el.querySelector("g.atlas-i")?.textContent).toBe(`Moran's I = ${d3.format(".3f")(i)}`);
    expect(count(el, "g.atlas-quadrant text")).toBe(4);
    // the drawn line goes through the origin with slope I (in data units)
    const svg = plotSvg(el);
    const path = el.querySelector("g.atlas-slope path")!.getAttribute("d")!;
    const [x0, y0, x1, y1] = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect(Number(svg.getAttribute("width"))).toBe(400);
    expect(Math.sign((y1 - y0) / (x1 - x0))).toBe(-Math.sign(i)); // screen y points down
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/moran-scatter.html");
  });
});
