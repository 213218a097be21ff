// CarbonBars (src/components/carbon-bars.ts).

import {describe, expect, it} from "vitest";
import * as d3 from "d3";
import {CarbonBars} from "../../src/components/carbon-bars.js";
import {count, expectFigure, newDocument, plotSvg, snapshotHtml, swatches} from "./helpers.js";

const CARBON = [2000, 2020].flatMap((epoch, i) => [
  {epoch, source: "cultivated", method: "direct", t: 42200, e4t: 4.22},
  {epoch, source: "forest", method: "direct", t: -51520 + i * 6440, e4t: -5.152 + i * 0.644},
  {epoch, source: "grassland", method: "direct", t: 0, e4t: 0},
  {epoch, source: "energy", method: "indirect", t: 1e6 * (1 + 2 * i), e4t: 100 * (1 + 2 * i)}
]);

describe("CarbonBars", () => {
  it("stacks sources up and sinks down, with net emissions per epoch", async () => {
    const el = CarbonBars(CARBON, {document: newDocument(), width: 560});
    expectFigure(el, {kind: "carbon-bars", caption: /carbon\.arrow/});
    expect(count(el, "g.atlas-sources-and-sinks rect")).toBe(CARBON.filter((d) => d.e4t !== 0).length);
    expect(count(el, "g.atlas-net-emissions circle")).toBe(2);
    const nets = d3.rollups(
      CARBON,
      (v) => d3.sum(v, (d) => d.e4t),
      (d) => d.epoch
    );
    expect(plotSvg(el).getAttribute("aria-description")).toContain(`2020: ${d3.format(",.2f")(nets[1][1])}`);
    expect(swatches(el)).toContain("Energy use (indirect)");
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/carbon-bars.html");
    expect(count(CarbonBars(CARBON, {document: newDocument(), method: "direct"}), "g.atlas-sources-and-sinks rect")).toBe(4);
  });
});
