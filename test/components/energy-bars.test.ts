// EnergyBars (src/components/energy-bars.ts).

import {describe, expect, it} from "vitest";
import {EnergyBars} from "../../src/components/energy-bars.js";
import {count, expectFigure, newDocument, snapshotHtml, swatches} from "./helpers.js";

const ENERGY = [2000, 2020].flatMap((epoch, i) => [
  {epoch, fuel: "raw_coal", quantity: 10 + i, unit: "10^4 t", tce: 71430, t: 54000, e4t: 5.4 + i},
  {epoch, fuel: "natural_gas", quantity: 1 + i, unit: "10^8 m3", tce: 13300, t: 5960, e4t: 0.596 + i}
]);

describe("EnergyBars", () => {
  it("stacks fuels per epoch", async () => {
    const el = EnergyBars(ENERGY, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "energy-bars", caption: /energy\.arrow/});
    expect(count(el, "g.atlas-fuels rect")).toBe(ENERGY.length);
    expect(swatches(el)).toEqual(["Raw coal", "Natural gas"]);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/energy-bars.html");
  });
});
