// GridMap (src/components/grid-map.ts).

import {describe, expect, it} from "vitest";
import {GridMap} from "../../src/components/grid-map.js";
import type {FeatureCollection, Polygon} from "geojson";
import {cellSquare} from "../../src/components/map.js";
import type {GridRow} from "../../src/components/tables.js";
import {OUTLINE, count, expectFigure, gridRows, newDocument, plotSvg, snapshotHtml} from "./helpers.js";

/** The same cells as GeoJSON squares, wound anticlockwise as RFC 7946 says (d3 wants the opposite). */
function gridCells(rows: GridRow[]): FeatureCollection {
  const seen = new Set<number>();
  const features = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const sq = cellSquare(r.lon, r.lat, 1);
    const ring = sq.coordinates[0].slice().reverse();
    features.push({
      type: "Feature" as const,
      properties: {id: r.id, row: r.row, col: r.col},
      geometry: {type: "Polygon", coordinates: [ring]} as Polygon
    });
  }
  return {type: "FeatureCollection", features};
}

describe("GridMap", () => {
  it("fills a cell per row of the epoch, with a continuous legend and tooltips", async () => {
    const rows = gridRows();
    const el = GridMap(rows, {document: newDocument(), width: 400, epoch: 2020, outline: OUTLINE});
    expectFigure(el, {kind: "grid-map", caption: /grid-map\.arrow/});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toMatch(/carbon emission intensity.*2020, 1 km cells/);
    expect(count(el, "g.atlas-cells path")).toBe(6);
    const legend = el.querySelector("svg.atlas-ramp");
    expect(legend?.getAttribute("aria-label")).toMatch(/Carbon emission intensity/);
    expect(count(legend!, "rect")).toBeGreaterThan(10);
    expect(count(svg, "[aria-label=tip]")).toBe(1);
    // aspect: height follows the outline's ground size, not the plate carrée
    expect(Number(svg.getAttribute("height"))).toBeGreaterThan(0);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/grid-map.html");
  });

  it("uses the pipeline's cell polygons in either winding, and asks for an epoch when rows hold several", () => {
    const rows = gridRows();
    const el = GridMap(rows, {document: newDocument(), width: 400, epoch: 2000, cells: gridCells(rows), value: "esv_intensity"});
    const paths = [...el.querySelectorAll("g.atlas-cells path")];
    expect(paths).toHaveLength(6);
    // every cell stays inside the frame (a wrongly wound ring would cover the globe)
    for (const p of paths) {
      const nums = (p.getAttribute("d") ?? "").match(/-?\d+(\.\d+)?/g)!.map(Number);
      for (const v of nums) expect(Math.abs(v)).toBeLessThan(1000);
    }
    expect(() => GridMap(rows, {document: newDocument()})).toThrow(/epoch/);
  });
});
