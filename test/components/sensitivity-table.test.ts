// SensitivityTable (src/components/sensitivity-table.ts).

import {describe, expect, it} from "vitest";
import {SensitivityTable} from "../../src/components/sensitivity-table.js";
import {count, expectFigure, newDocument, snapshotHtml} from "./helpers.js";

const SENSITIVITY = [2000, 2020].flatMap((epoch) => [
  {epoch, class: "cultivated", cs_up: 0.25, cs_down: 0.25},
  {epoch, class: "forest", cs_up: 0.7, cs_down: 0.7},
  {epoch, class: "water", cs_up: 1.2, cs_down: 1.2}
]);

describe("SensitivityTable", () => {
  it("shows CS per class and epoch, bold where ESV is elastic", async () => {
    const el = SensitivityTable(SENSITIVITY, {document: newDocument()});
    expectFigure(el, {kind: "sensitivity-table", caption: /esv-sensitivity\.arrow/});
    expect(count(el, "tbody tr")).toBe(3);
    expect([...el.querySelectorAll("thead th")].map((t) => t.textContent)).toEqual(["Class", "2000", "2020"]);
    expect(count(el, "[data-elastic]")).toBe(2);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/sensitivity-table.html");
    const split = SensitivityTable([{epoch: 2000, class: "forest", cs_up: 0.7, cs_down: 0.69}], {document: newDocument()});
    expect([...split.querySelectorAll("thead th")].map((t) => t.textContent)).toEqual(["Class", "2000 +50 %", "2000 −50 %"]);
  });
});
