// DynamicsChart (src/components/dynamics-chart.ts).

import {describe, expect, it} from "vitest";
import {DynamicsChart} from "../../src/components/dynamics-chart.js";
import {count, expectFigure, newDocument, snapshotHtml, swatches} from "./helpers.js";

const DYNAMICS = [
  ...["2000–2010", "2010–2020", "2000–2020"].flatMap((period, i) => {
    const [a, b] = [
      [2000, 2010],
      [2010, 2020],
      [2000, 2020]
    ][i];
    return [
      {
        period,
        from_epoch: a,
        to_epoch: b,
        class: "cultivated",
        km2_start: 100,
        km2_end: 90,
        change_km2: -10,
        dynamic_pct_per_year: -1 / (i === 2 ? 2 : 1)
      },
      {
        period,
        from_epoch: a,
        to_epoch: b,
        class: "construction",
        km2_start: 20,
        km2_end: 30,
        change_km2: 10,
        dynamic_pct_per_year: 5 / (i === 2 ? 2 : 1)
      },
      {period, from_epoch: a, to_epoch: b, class: "all", km2_start: 200, km2_end: 200, change_km2: 0, dynamic_pct_per_year: 0.5}
    ];
  })
];

describe("DynamicsChart", () => {
  it("draws a bar per class and sub-period and the comprehensive degree per period", async () => {
    const el = DynamicsChart(DYNAMICS, {document: newDocument(), width: 560});
    expectFigure(el, {kind: "dynamics-chart", caption: /dynamics\.arrow/});
    expect(count(el, "g.atlas-single-dynamic-degree rect")).toBe(4); // the 2000–2020 span is left out
    expect(count(el, "g.atlas-comprehensive-dynamic-degree circle")).toBe(2);
    expect(count(el, "g.atlas-comprehensive-line path")).toBe(1);
    expect(swatches(el)).toEqual(["Cultivated land", "Construction land"]);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/dynamics-chart.html");
    const span = DynamicsChart(DYNAMICS, {document: newDocument(), periods: ["2000–2020"]});
    expect(count(span, "g.atlas-single-dynamic-degree rect")).toBe(2);
  });
});
