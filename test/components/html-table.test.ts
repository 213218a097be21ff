// htmlTable (src/components/html-table.ts), the one table builder: header
// scopes, row headers, cell and row attributes, one <tbody> per group.

import {describe, expect, it} from "vitest";
import {htmlTable} from "../../src/components/html-table.js";
import {newDocument} from "./helpers.js";

describe("htmlTable", () => {
  it("marks column and row headers, and sets table, row and cell attributes in order", () => {
    const doc = newDocument();
    const link = doc.createElement("a");
    link.textContent = "[1]";
    const t = htmlTable(doc, {
      head: ["Class", ["km²", {class: "atlas-right"}]],
      body: [["Forest", ["12.50", {class: "atlas-num"}]], {cells: ["Water", link], attrs: {"data-row": "water"}}],
      foot: [["Total", "12.50"]],
      attrs: {class: "atlas-x", "aria-label": "Areas"}
    });
    expect(t.outerHTML).toBe(
      '<table class="atlas-x" aria-label="Areas">' +
        '<thead><tr><th scope="col">Class</th><th class="atlas-right" scope="col">km²</th></tr></thead>' +
        '<tbody><tr><th scope="row">Forest</th><td class="atlas-num">12.50</td></tr>' +
        '<tr data-row="water"><th scope="row">Water</th><td><a>[1]</a></td></tr></tbody>' +
        '<tfoot><tr><th scope="row">Total</th><td>12.50</td></tr></tfoot></table>'
    );
  });

  it("builds one tbody per group, heads it by rowgroup, and lets a first cell be a td", () => {
    const doc = newDocument();
    const t = htmlTable(doc, {
      head: ["Id", "Claim"],
      groups: [
        {
          rows: [
            ["C1", "epochs"],
            [
              ["", {tag: "td"}],
              ["a note", {colspan: "1"}]
            ]
          ],
          attrs: {"data-claim": "C1"}
        },
        {rows: [["C2", "area"]]}
      ],
      rowScope: "rowgroup"
    });
    const bodies = t.querySelectorAll("tbody");
    expect(bodies).toHaveLength(2);
    expect(bodies[0].getAttribute("data-claim")).toBe("C1");
    expect(bodies[0].querySelector("tr th")?.getAttribute("scope")).toBe("rowgroup");
    // The note row's first cell is a plain td, with no scope.
    const note = bodies[0].querySelectorAll("tr")[1];
    expect([...note.children].map((c) => c.tagName)).toEqual(["TD", "TD"]);
    expect(note.firstElementChild?.hasAttribute("scope")).toBe(false);
    expect(t.querySelector("tfoot")).toBeNull();
  });
});
