// TransitionSankey (src/components/transition-sankey.ts).

import {describe, expect, it} from "vitest";
import {TransitionSankey} from "../../src/components/transition-sankey.js";
import {TRANSITIONS, count, expectFigure, newDocument, snapshotHtml} from "./helpers.js";

describe("TransitionSankey", () => {
  it("draws a ribbon per non-zero flow and a node per class and epoch", async () => {
    const el = TransitionSankey(TRANSITIONS, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "transition-sankey", caption: /transitions\.arrow/});
    expect(count(el, "g.atlas-flows path")).toBe(TRANSITIONS.filter((d) => d.km2 > 0).length);
    expect(count(el, "g.atlas-nodes rect")).toBe(6);
    expect(el.querySelector("g.atlas-labels")?.textContent).toContain("Cultivated land 100.00");
    expect(count(el, "[aria-label=tip]")).toBe(1);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/transition-sankey.html");
  });

  it("can leave persistence out, and asks for a period when rows hold several", () => {
    const el = TransitionSankey(TRANSITIONS, {document: newDocument(), width: 480, persistence: false});
    expect(count(el, "g.atlas-flows path")).toBe(TRANSITIONS.filter((d) => d.km2 > 0 && d.from !== d.to).length);
    const two = [...TRANSITIONS, {...TRANSITIONS[0], period: "2000–2005", to_epoch: 2005}];
    expect(() => TransitionSankey(two, {document: newDocument()})).toThrow(/period/);
    expect(count(TransitionSankey(two, {document: newDocument(), period: "2000–2005"}), "g.atlas-flows path")).toBe(1);
  });
});

describe("wide tables", () => {
  it("label Sankey nodes at 11 px or more", () => {
    const el = TransitionSankey(TRANSITIONS, {document: newDocument(), width: 375});
    for (const g of el.querySelectorAll("g.atlas-labels, g.atlas-from-epoch, g.atlas-to-epoch"))
      expect(Number(g.getAttribute("font-size"))).toBeGreaterThanOrEqual(11);
  });
});
