// No number is typed into a page's prose by hand (DESIGN.md, issue 6): every
// figure a reader sees in the narrative is a live expression over the data.
import {describe, expect, it} from "vitest";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {bareNumbers} from "../src/lib/prose-numbers.js";

const SRC = join(import.meta.dirname, "..", "src");

describe("the bare-number detector", () => {
  it("flags numbers typed into prose", () => {
    const found = bareNumbers("# Title\n\nCultivated land fell by 392.77 km², and ESV by 5.34 %.\n");
    expect(found.map((f) => f.text)).toEqual(["392.77", "5.34"]);
    expect(found[0].line).toBe(3);
  });
  it("flags numbers in HTML text and thousands separators", () => {
    expect(bareNumbers("<p>Net emissions reached 4,109.21 ×10⁴ t.</p>").map((f) => f.text)).toEqual(["4,109.21"]);
  });
  it("ignores live expressions, code, TeX, years, sections, citations and identifiers", () => {
    const md = [
      "---",
      "title: 2 things",
      "---",
      "## 2. Land use",
      "Cultivated land fell by ${fmt(change.cultivated * 100 / 3)} km² between 2000 and 2020.",
      "```js",
      "const x = 42;",
      "```",
      "See `cell_km = 5`, claim C14, EPSG:4326 and CO2 (Xie et al. 2015, Journal of Natural Resources 30(8)).",
      '<div class="card" style="width: 300px">${html`<b>${3 + 4}</b>`}</div>',
      "$$E = \\frac{1}{7}$$"
    ].join("\n");
    expect(bareNumbers(md)).toEqual([]);
  });
});

describe("reference pages and the generated overview", () => {
  const pages = readdirSync(SRC).filter((f) => f.endsWith(".md"));
  it("exist", () => expect(pages.length).toBeGreaterThan(0));
  for (const page of pages) {
    it(`${page} has no number typed into its prose`, () => {
      const found = bareNumbers(readFileSync(join(SRC, page), "utf8"));
      expect(found.map((f) => `${page}:${f.line}: "${f.text}" in: ${f.context}`)).toEqual([]);
    });
  }
});
