// The overview's pieces: StudyAreaMap under jsdom, the d3-free number formats
// and CSV of figure.ts (equal to d3's), and the promise that the overview's
// modules import neither d3 nor a second Plot (the overview must stay light: issue 6).
import {describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import type {FeatureCollection} from "geojson";
import {StudyAreaMap, GROUP_COLORS} from "../src/components/study-area-map.js";
import {chartFigure, toCsv} from "../src/components/figure.js";
import {labelBox, overlaps, placeLabels} from "../src/components/label-placement.js";
import {numberFormat} from "../src/components/format.js";

const jsdomModule = "jsdom";
const {JSDOM} = (await import(jsdomModule)) as {JSDOM: new (html: string) => {window: Window & typeof globalThis}};
const newDocument = (): Document => new JSDOM("<!doctype html><html><body></body></html>").window.document;

const square = (x: number, y: number, s: number) => ({
  type: "Polygon" as const,
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y]
    ]
  ]
});

const boundary: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {type: "Feature", properties: {name: "Alpha", group: "North"}, geometry: square(112.8, 28.0, 0.2)},
    {type: "Feature", properties: {name: "Beta", group: "East"}, geometry: square(113.0, 27.8, 0.2)},
    {type: "Feature", properties: {name: "Gamma", group: "West"}, geometry: square(112.8, 27.8, 0.2)}
  ]
};
const rivers: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: {name: "Main river", reconstructed: true},
      geometry: {
        type: "LineString",
        coordinates: [
          [113.1, 27.8],
          [112.95, 28.0],
          [112.9, 28.2]
        ]
      }
    },
    {
      type: "Feature",
      properties: {name: "Side river"},
      geometry: {
        type: "LineString",
        coordinates: [
          [113.2, 27.85],
          [113.1, 27.85]
        ]
      }
    }
  ]
};
const places: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: {name: "Town", reconstructed: true},
      geometry: {type: "Point", coordinates: [112.95, 28.1]}
    }
  ]
};

describe("StudyAreaMap", () => {
  it("colours the parts by group, names them, marks the sketched rivers as approximate, and offers the parts as CSV", () => {
    const document = newDocument();
    const el = StudyAreaMap({boundary, rivers, places, river: "Main river"}, {Plot, document, width: 400});
    expect(el.tagName).toBe("FIGURE");
    expect(el.classList.contains("atlas-study-area-map")).toBe(true);
    const svg = el.querySelector("svg[aria-label]")!;
    expect(svg.getAttribute("aria-label")).toMatch(/study area/);
    const districts = el.querySelectorAll("g.atlas-districts path");
    expect(districts).toHaveLength(3);
    const fills = Array.from(districts, (p) => p.getAttribute("fill"));
    expect(new Set(fills)).toEqual(new Set(GROUP_COLORS.slice(0, 3)));
    expect(el.querySelectorAll("g.atlas-rivers path")).toHaveLength(2);
    const riverLabels = Array.from(el.querySelectorAll("g.atlas-river-labels text"), (t) => t.textContent);
    expect(riverLabels).toContain("Main river (approx.)");
    expect(Array.from(el.querySelectorAll("g.atlas-district-labels text"), (t) => t.textContent)).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(el.querySelector("g.atlas-city-labels text")?.textContent).toBe("Town");
    expect(el.querySelector("figcaption")?.textContent).toMatch(/approximate/);
    expect(el.querySelector("button.atlas-download")).not.toBeNull();
  });

  it("draws a boundary without names or groups as one area, with no labels or group legend", () => {
    const document = newDocument();
    const one: FeatureCollection = {
      type: "FeatureCollection",
      features: [{type: "Feature", properties: {}, geometry: square(10.4, 47.4, 0.2)}]
    };
    const el = StudyAreaMap({boundary: one}, {Plot, document, width: 400});
    expect(el.querySelectorAll("g.atlas-districts path")).toHaveLength(1);
    expect(el.querySelectorAll("g.atlas-district-labels text")).toHaveLength(0);
    expect(el.querySelector("figcaption")?.textContent).toMatch(/one area/);
    expect(el.querySelector("figcaption")?.textContent).not.toMatch(/approximate/);
  });

  it("keeps a km as long east–west as north–south (height from the latitude), capped by maxHeight", () => {
    const document = newDocument();
    const el = StudyAreaMap({boundary}, {Plot, document, width: 406});
    const svg = el.querySelector(":scope > svg")!;
    // 0.4° × 0.4° box at 28° N: height / width = 1 / cos 28° (inner size, 6 px margin, a 40 px strip below for the scale bar)
    const h = Number(svg.getAttribute("height"));
    expect((h - 12 - 40) / (406 - 12)).toBeCloseTo(1 / Math.cos((28 * Math.PI) / 180), 2);
    const capped = StudyAreaMap({boundary}, {Plot, document, width: 406, maxHeight: 200}).querySelector(":scope > svg")!;
    expect(Number(capped.getAttribute("height"))).toBe(200);
  });
});

describe("StudyAreaMap furniture", () => {
  it("has a scale bar true to its projection and a north arrow", () => {
    const document = newDocument();
    const width = 406;
    const el = StudyAreaMap({boundary, rivers, places, river: "Main river"}, {Plot, document, width});
    const bar = el.querySelector("g.atlas-scale-bar")!;
    const m = bar.querySelector("text")!.textContent!.match(/^(\d+) km$/)!;
    const km = Number(m[1]);
    const line = bar.querySelector("line.atlas-scale-bar-line")!;
    const px = Number(line.getAttribute("x2")) - Number(line.getAttribute("x1"));
    // independently: the 0.4° box spans the inner width (6 px margins); its ground width at its centre latitude (28° N), on the sphere
    const ground = d3.geoDistance([112.8, 28], [113.2, 28]) * 6371.0088;
    expect(px / (km * ((width - 12) / ground))).toBeCloseTo(1, 2);
    expect([1, 2, 5, 10, 20]).toContain(km);
    expect(el.querySelector("g.atlas-north-arrow text")?.textContent).toBe("N");
    // the overview's map draws its own rivers and places: the furniture adds none
    expect(el.querySelector("g.atlas-place-labels")).toBeNull();
    expect(el.querySelector("g.atlas-river-lines")).toBeNull();
    const bare = StudyAreaMap({boundary}, {Plot, document, width, furniture: false});
    expect(bare.querySelector("g.atlas-scale-bar, g.atlas-north-arrow")).toBeNull();
  });
});

/** Nine districts on a 3 × 3 grid of small squares that fill the map, with names long enough to collide at 375 px. */
const NINE = ["Furong", "Tianxin", "Yuelu", "Kaifu", "Yuhua", "Wangcheng", "Changsha County", "Liuyang", "Ningxiang"];
const nine: FeatureCollection = {
  type: "FeatureCollection",
  features: NINE.map((name, i) => ({
    type: "Feature",
    properties: {name, group: "Changsha"},
    geometry: square(112.9 + (i % 3) * 0.06, 28.1 + Math.floor(i / 3) * 0.06, 0.06)
  }))
};

/** A translated group's box: its transform and the size of its first rect (the scale bar) or a given size. */
function groupBox(g: Element, w?: number, h?: number) {
  const [, x, y] = (g.getAttribute("transform") ?? "").match(/translate\(([-\d.]+),([-\d.]+)\)/)!.map(Number);
  const r = g.querySelector("rect");
  return {x, y, width: w ?? Number(r!.getAttribute("width")), height: h ?? Number(r!.getAttribute("height"))};
}

describe("labels and furniture that do not collide", () => {
  it("placeLabels: labels piled on one spot come apart or are left out, never overlapping; apart ones stay put", () => {
    const piled = NINE.map((text, i) => ({x: 100 + i, y: 80 + (i % 2), text, fontSize: 10}));
    const at = placeLabels(piled, {width: 300, height: 200});
    const boxes = at.flatMap((p, i) => (p ? [labelBox(piled[i].text, 10, p[0], p[1])] : []));
    expect(boxes.length).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
    for (const b of boxes) expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= 300 && b.y + b.height <= 200).toBe(true);
    const apart = [
      {x: 50, y: 50, text: "West", fontSize: 10},
      {x: 250, y: 150, text: "East", fontSize: 10}
    ];
    expect(placeLabels(apart, {width: 300, height: 200})).toEqual([
      [50, 50],
      [250, 150]
    ]);
    // a box to avoid (a place's name) moves the label off its anchor
    const moved = placeLabels([{x: 50, y: 50, text: "West", fontSize: 10}], {width: 300, height: 200}, [labelBox("Town", 12, 50, 50)]);
    expect(moved[0]).not.toEqual([50, 50]);
  });

  for (const width of [375, 640])
    it(`nine districts at ${width} px: no two names overlap, and the scale bar and north arrow cover none of the area`, () => {
      const el = StudyAreaMap({boundary: nine}, {Plot, document: newDocument(), width});
      const texts = Array.from(el.querySelectorAll("g.atlas-district-labels text"));
      expect(texts.length).toBeGreaterThanOrEqual(5);
      const size = width < 420 ? 8 : 9.5; // the map's label size (fontSize − 1)
      const boxes = texts.map((t) => labelBox(t.textContent ?? "", size, Number(t.getAttribute("x")), Number(t.getAttribute("y"))));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          expect(overlaps(boxes[i], boxes[j]), `${texts[i].textContent} / ${texts[j].textContent}`).toBe(false);
      // the districts' extent in px, from their paths
      const ys = Array.from(el.querySelectorAll("g.atlas-districts path"), (p) =>
        (p.getAttribute("d") ?? "")
          .match(/-?\d+(\.\d+)?/g)!
          .map(Number)
          .filter((_, k) => k % 2 === 1)
      ).flat();
      const bottom = Math.max(...ys);
      const bar = groupBox(el.querySelector("g.atlas-scale-bar")!);
      const arrow = groupBox(el.querySelector("g.atlas-north-arrow")!, 22, 34);
      for (const b of [bar, arrow]) expect(b.y, "furniture below the area").toBeGreaterThanOrEqual(bottom);
    });
});

describe("figure helpers without d3", () => {
  it("format numbers as d3-format does", () => {
    const xs = [0, 1, -1, 2.5, -2.5, 1234567.891, -1234567.5, -0.001, 0.004, -0.0534, 12.3456, 1e6, NaN];
    for (const x of xs) {
      expect(numberFormat(2)(x)).toBe(d3.format(",.2f")(x));
      expect(numberFormat(0)(x)).toBe(d3.format(",d")(x));
      expect(numberFormat(3)(x)).toBe(d3.format(",.3f")(x));
      expect(numberFormat(2, {signed: true})(x)).toBe(d3.format("+,.2f")(x));
      expect(numberFormat(1, {grouping: false, percent: true})(x)).toBe(d3.format(".1%")(x));
      expect(numberFormat(1, {grouping: false})(x)).toBe(d3.format(".1f")(x));
    }
  });

  it("write CSV as d3.csvFormat does", () => {
    const rows = [{a: "x,y", b: 'he said "hi"', c: 1.5, d: null, e: undefined, f: " lead", g: "line\nbreak", h: true}];
    expect(toCsv(rows)).toBe(d3.csvFormat(rows as never));
    expect(toCsv(rows, ["c", "a"])).toBe(d3.csvFormat(rows as never, ["c", "a"]));
  });

  it("add a note after the caption", () => {
    const document = newDocument();
    const el = chartFigure({
      document,
      kind: "x",
      content: document.createElement("div"),
      defaultCaption: "Caption.",
      defaultAriaLabel: "x",
      note: "Reconstruction."
    });
    expect(el.querySelector("figcaption")?.textContent).toBe("Caption. Reconstruction.");
    expect(el.querySelector(".atlas-caption-note")).not.toBeNull();
  });

  it("are not built on d3, and neither is the overview (it loads no d3 and one Plot)", () => {
    const root = join(import.meta.dirname, "..", "src");
    for (const f of [
      "components/figure.ts",
      "components/study-area-map.ts",
      "components/map-furniture.ts",
      "lib/palette.ts",
      "lib/classes.ts"
    ])
      expect(readFileSync(join(root, f), "utf8"), f).not.toMatch(
        /^import (?!type )[^;]*from "(d3|@observablehq\/plot)"|npm:d3|\bd3\.[a-z]/m
      );
    const overview = readFileSync(join(root, "overview.md"), "utf8");
    expect(overview).not.toMatch(/\bd3\.|\.arrow\(\)/);
  });
});
