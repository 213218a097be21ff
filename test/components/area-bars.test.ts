// AreaBars (src/components/area-bars.ts).

import {describe, expect, it} from "vitest";
import {tableFromArrays} from "apache-arrow";
import {AreaBars} from "../../src/components/area-bars.js";
import {AREAS, count, expectFigure, newDocument, plotSvg, snapshotHtml, swatches} from "./helpers.js";

describe("AreaBars", () => {
  it("draws a bar per row, a class legend, a caption and an accessible label", async () => {
    const document = newDocument();
    const el = AreaBars(AREAS, {document, width: 640});
    expectFigure(el, {kind: "area-bars", caption: /landuse-areas\.arrow/});
    const svg = plotSvg(el);
    expect(svg.getAttribute("width")).toBe("640");
    expect(svg.getAttribute("aria-label")).toMatch(/land-use area/);
    expect(count(el, "g.atlas-areas rect")).toBe(AREAS.length);
    expect(swatches(el)).toEqual(["Cultivated land", "Forest land", "Construction land"]);
    expect(count(svg, "[aria-label=tip]")).toBe(1);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/area-bars.html");
  });

  it("stacks, switches to rows on narrow screens, and reads Arrow tables", async () => {
    const stacked = AreaBars(AREAS, {document: newDocument(), width: 500, layout: "stacked", caption: "My caption."});
    expect(count(stacked, "g.atlas-areas rect")).toBe(AREAS.length);
    expect(stacked.querySelector("figcaption")?.textContent).toMatch(/^My caption\./);
    const narrow = AreaBars(AREAS, {document: newDocument(), width: 375});
    expect(plotSvg(narrow).getAttribute("width")).toBe("375");
    expect(count(narrow, "g.atlas-areas rect")).toBe(AREAS.length);
    const table = tableFromArrays({
      epoch: new Int32Array(AREAS.map((d) => d.epoch)),
      class: AREAS.map((d) => d.class),
      km2: new Float64Array(AREAS.map((d) => d.km2)),
      share: new Float64Array(AREAS.map((d) => d.share))
    });
    const fromArrow = AreaBars(table, {document: newDocument(), width: 640});
    expect(count(fromArrow, "g.atlas-areas rect")).toBe(AREAS.length);
    await expect(await snapshotHtml(stacked)).toMatchFileSnapshot("../snapshots/components/area-bars-stacked.html");
  });
});
