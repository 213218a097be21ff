// LisaMap (src/components/lisa-map.ts).

import {describe, expect, it} from "vitest";
import {LisaMap} from "../../src/components/lisa-map.js";
import {LISA_COLORS} from "../../src/lib/palette.js";
import {OUTLINE, expectFigure, gridRows, newDocument, snapshotHtml, swatches} from "./helpers.js";

describe("LisaMap", () => {
  it("colours cells in GeoDa's colours and counts each type in the legend", async () => {
    const rows = gridRows();
    const el = LisaMap(rows, {document: newDocument(), width: 400, epoch: 2000, outline: OUTLINE});
    expectFigure(el, {kind: "lisa-map", caption: /GeoDa/});
    const fills = [...el.querySelectorAll("g.atlas-cells path")].map((p) => p.getAttribute("fill"));
    expect(fills).toEqual(["HH", "LL", "NS", "LH", "HL", "neighborless"].map((c) => LISA_COLORS[c as keyof typeof LISA_COLORS]));
    expect(swatches(el)).toEqual([
      "High-High (1)",
      "Low-Low (1)",
      "Low-High (1)",
      "High-Low (1)",
      "Not significant (1)",
      "Neighborless (1)"
    ]);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/lisa-map.html");
    const later = LisaMap(rows, {document: newDocument(), width: 400, epoch: 2020});
    expect(swatches(later)).toEqual(["High-High (2)", "Low-Low (1)", "Low-High (0)", "High-Low (1)", "Not significant (2)"]);
  });
});
