// TransitionMatrix (src/components/transition-matrix.ts).

import {describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {TransitionMatrix} from "../../src/components/transition-matrix.js";
import {TRANSITIONS, count, expectFigure, newDocument, root, snapshotHtml} from "./helpers.js";

describe("TransitionMatrix", () => {
  it("tabulates km² with row and column totals", async () => {
    const el = TransitionMatrix(TRANSITIONS, {document: newDocument()});
    expectFigure(el, {kind: "transition-matrix", caption: /transitions\.arrow/});
    const rows = [...el.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Cultivated land", "75.00", "5.00", "20.00", "100.00", "25.00"],
      ["Forest land", "5.00", "65.00", "10.00", "80.00", "15.00"],
      ["Construction land", "0.00", "0.00", "20.00", "20.00", "0.00"]
    ]);
    const foot = [...el.querySelectorAll("tfoot tr")].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(foot[0]).toEqual(["Total 2020", "80.00", "70.00", "50.00", "200.00", ""]);
    expect(foot[2]).toEqual(["Net change", "−20.00", "−10.00", "30.00", "", ""]);
    expect(count(el, "[data-diagonal]")).toBe(3);
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/transition-matrix.html");
  });
});

describe("wide tables", () => {
  it("scroll in a box that shows it scrolls, the key column sticky (style.css)", () => {
    const el = TransitionMatrix(TRANSITIONS, {document: newDocument()});
    const box = el.querySelector(".atlas-scroll-frame > .atlas-scroll")!;
    expect(box.querySelector(":scope > table.atlas-matrix")).not.toBeNull();
    expect(box.getAttribute("style")).toBeNull();
    const hint = el.querySelector(".atlas-scroll-frame > .atlas-scroll-hint") as HTMLElement;
    expect(hint.textContent).toMatch(/scroll/i);
    expect(hint.hidden).toBe(true); // shown by a ResizeObserver when the table overflows
    const css = readFileSync(join(root, "src", "style.css"), "utf8");
    const rule = (selector: string) =>
      css.match(new RegExp(`${selector.replace(/[.*+?^${}()|[\]\\>]/g, "\\$&")}\\s*\\{([^}]*)\\}`))?.[1] ?? "";
    expect(rule(".atlas-scroll tr > :first-child")).toMatch(/position: sticky;[\s\S]*left: 0;[\s\S]*background:/);
    expect(rule(".atlas-scroll")).toMatch(/overflow-x: auto;[\s\S]*local[\s\S]*scroll/);
  });
});
