// EsvBars (src/components/esv-bars.ts).

import {describe, expect, it} from "vitest";
import * as d3 from "d3";
import {EsvBars} from "../../src/components/esv-bars.js";
import {count, expectFigure, newDocument, snapshotHtml, swatches} from "./helpers.js";

const ESV = [2000, 2020].flatMap((epoch, i) =>
  ["cultivated", "forest"].flatMap((cls, c) =>
    ["food_production", "water_supply", "climate_regulation"].map((service, s) => {
      const e8yuan = (c === 0 && s === 1 ? -0.5 : 1 + c + s) * (1 - 0.1 * i);
      return {epoch, class: cls, service, yuan: e8yuan * 1e8, e8yuan};
    })
  )
);

describe("EsvBars", () => {
  it("sums ESV by class or by service, negative values below zero", async () => {
    const el = EsvBars(ESV, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "esv-bars", caption: /esv\.arrow/});
    expect(count(el, "g.atlas-classes rect")).toBe(4);
    const totals = [...el.querySelectorAll("g.atlas-totals text")].map((t) => t.textContent);
    expect(totals).toEqual([
      d3.format(",.2f")(
        d3.sum(
          ESV.filter((d) => d.epoch === 2000),
          (d) => d.e8yuan
        )
      ),
      d3.format(",.2f")(
        d3.sum(
          ESV.filter((d) => d.epoch === 2020),
          (d) => d.e8yuan
        )
      )
    ]);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/esv-bars.html");
    const bySvc = EsvBars(ESV, {document: newDocument(), width: 480, by: "service"});
    expect(count(bySvc, "g.atlas-services rect")).toBe(6);
    expect(swatches(bySvc)).toEqual(["Food production", "Water supply", "Climate regulation"]);
    await expect(await snapshotHtml(bySvc)).toMatchFileSnapshot("../snapshots/components/esv-bars-service.html");
  });
});
