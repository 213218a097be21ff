// The number check of story pages (src/lib/number-check.ts) on a hand-made
// catalogue: a right number typed at another precision or with other
// separators is found, a wrong one is not, years and marked numbers are not
// checked, units scale, and derived values (changes, ratios, percent changes)
// are worked out by hand here.
import {describe, expect, it} from "vitest";
import {candidates, checkNumbers} from "../src/lib/number-check.js";
import type {StoryValue} from "../src/lib/story-values.js";

const catalogue: StoryValue[] = [
  {name: "net-carbon", params: {epoch: "2000"}, value: 1099.8396, unit: "e4t"},
  {name: "net-carbon", params: {epoch: "2020"}, value: 4109.2099, unit: "e4t"},
  {name: "area-change", params: {class: "construction", period: "2000-2020"}, value: 661.8006, unit: "km2"},
  {name: "area-change", params: {class: "forest", period: "2000-2020"}, value: -268.1, unit: "km2"},
  {name: "esv", params: {epoch: "2000"}, value: 392.0602, unit: "e8yuan"},
  {name: "esv", params: {epoch: "2020"}, value: 373.7916, unit: "e8yuan"},
  {name: "moran-i", params: {cell: "1", epoch: "2020"}, value: -0.2876, unit: "stat"}
];
const pool = candidates(catalogue);
const claims = [{id: "C11", claim: "ESV decrease 2000→2020 (%)", reported: 5.34}];
const check = (md: string) => checkNumbers("story/x.md", md, pool, claims);

describe("the number check", () => {
  it("matches a published value typed at the typed precision, with any separator", () => {
    const r = check("Net emissions reached 4 109.21×10⁴ t, or 4,109.2 ×10^4 t, or 4109 ×10⁴ t.\n");
    expect(r.map((n) => [n.status, n.match])).toEqual([
      ["matched", "net-carbon epoch=2020"],
      ["matched", "net-carbon epoch=2020"],
      ["matched", "net-carbon epoch=2020"]
    ]);
    expect(r[0].matchValue).toBe("4,109.21\u00a0×10⁴\u00a0t");
  });
  it("finds a wrong number", () => {
    const r = check("Net emissions reached 4 109.31 ×10⁴ t in the last epoch.\n");
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({status: "unmatched", line: 1, text: "4 109.31 ×10⁴ t"});
  });
  it("scales units: Mt is 100 × 10⁴ t, hm² a hundredth of km²", () => {
    // 4109.2099 ×10⁴ t = 41.092099 Mt; 661.8006 km² = 66 180.06 hm²
    expect(check("That is 41.09 Mt.").map((n) => n.match)).toEqual(["net-carbon epoch=2020"]);
    expect(check("That is 41.19 Mt.").map((n) => n.status)).toEqual(["unmatched"]);
    expect(check("It gained 66 180.06 hm².").map((n) => n.match)).toEqual(["area-change class=construction period=2000-2020"]);
  });
  it("compares without sign unless a sign is typed", () => {
    expect(check("Forest lost 268.1 km².").map((n) => n.status)).toEqual(["matched"]);
    expect(check("Forest changed by −268.10 km².").map((n) => n.status)).toEqual(["matched"]);
    expect(check("Forest changed by +268.10 km².").map((n) => n.status)).toEqual(["unmatched"]);
  });
  it("works out changes, ratios and percent changes between epochs", () => {
    // 4109.2099 / 1099.8396 = 3.7362…; (373.7916 − 392.0602) / 392.0602 = −4.6596 %; 4109.2099 − 1099.8396 = 3009.3703
    const r = check("A 3.74-fold rise; ESV fell 4.66 %; emissions grew by 3 009.37 ×10⁴ t.");
    expect(r.map((n) => n.match)).toEqual([
      "ratio of net-carbon from=2000 to=2020",
      "percent change of esv from=2000 to=2020",
      "change of net-carbon from=2000 to=2020"
    ]);
  });
  it("takes the unit of the number a range runs to", () => {
    const r = check("It rose from 1 099.84 to 4 109.21 ×10⁴ t.");
    expect(r.map((n) => [n.text, n.match])).toEqual([
      ["1 099.84 ×10⁴ t", "net-carbon epoch=2000"],
      ["4 109.21 ×10⁴ t", "net-carbon epoch=2020"]
    ]);
  });
  it("says when a number equals only what the study reports", () => {
    expect(check("The paper states a fall of 5.34 %.")).toEqual([
      expect.objectContaining({status: "reported", claim: "C11", match: "C11: ESV decrease 2000→2020 (%)"})
    ]);
  });
  it("skips years, enumerations, claim ids, citations, code, shortcodes and marked numbers", () => {
    const md = [
      "---",
      "title: 5 findings",
      "---",
      "## 2. Results",
      "(1) From 2000 to 2020, claim C14 held (Xie et al. 2015, Journal of Natural Resources 30(8)).",
      "The value {{value net-carbon epoch=2020}} and {{external 29.3076 GJ/tce}} and `1.23` here.",
      "```js",
      "const x = 123.45;",
      "```",
      "[^1]: Liu et al. (2017), Acta Ecologica Sinica 37(7): 2341–2352."
    ].join("\n");
    expect(check(md)).toEqual([]);
  });
  it("reports the line of each number", () => {
    expect(check("First line.\n\nSecond: 999.99 km².\n").map((n) => n.line)).toEqual([3]);
  });
});
