// ClusterFlows (src/components/cluster-flows.ts).

import {describe, expect, it} from "vitest";
import * as d3 from "d3";
import {ClusterFlows, clusterTransitions} from "../../src/components/cluster-flows.js";
import {count, expectFigure, gridRows, newDocument, snapshotHtml, swatches} from "./helpers.js";

describe("ClusterFlows", () => {
  it("counts cells moving between cluster types and draws them as ribbons", async () => {
    const rows = gridRows();
    const t = clusterTransitions(rows, [2000, 2020]);
    expect(d3.sum(t, (d) => d.cells)).toBe(6);
    expect(t.find((d) => d.from === "LL" && d.to === "HH")?.cells).toBe(1);
    const el = ClusterFlows(rows, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "cluster-flows", caption: /grid-lisa\.arrow/});
    expect(count(el, "g.atlas-flows path")).toBe(t.length);
    const nodes2000 = new Set(rows.filter((d) => d.epoch === 2000).map((d) => d.cluster)).size;
    const nodes2020 = new Set(rows.filter((d) => d.epoch === 2020).map((d) => d.cluster)).size;
    expect(count(el, "g.atlas-nodes rect")).toBe(nodes2000 + nodes2020);
    expect(swatches(el)).toEqual(["High-High", "Low-Low", "Low-High", "High-Low", "Not significant", "Neighborless"]);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/cluster-flows.html");
  });
});
