// Map furniture (src/components/map-furniture.ts): scale bar, north arrow, rivers and place names on GridMap, LisaMap and LandCoverMap.

import {describe, expect, it} from "vitest";
import * as d3 from "d3";
import type {FeatureCollection, Polygon} from "geojson";
import {niceKm} from "../../src/components/map-furniture.js";
import {fitMap} from "../../src/components/map.js";
import {GridMap} from "../../src/components/grid-map.js";
import {LisaMap} from "../../src/components/lisa-map.js";
import {LandCoverMap} from "../../src/components/land-cover-map.js";
import {OUTLINE, PLACES, count, gridRows, newDocument, plotSvg} from "./helpers.js";

/** The km a scale bar's label claims: "5 km" or "500 m". */
function claimedKm(text: string): number {
  const m = text.match(/^([\d.]+) (km|m)$/);
  expect(m, `scale bar label "${text}"`).not.toBeNull();
  return m![2] === "km" ? Number(m![1]) : Number(m![1]) / 1000;
}

/** px per km east–west through the middle of a map, from its own edges: their lon/lat by the inverse projection, their ground distance on the sphere. */
function pxPerKmAcross(frame: {projection: d3.GeoProjection; width: number; height: number}): number {
  const y = frame.height / 2;
  const a = frame.projection.invert!([0, y])!;
  const b = frame.projection.invert!([frame.width, y])!;
  return frame.width / (d3.geoDistance(a, b) * 6371.0088);
}

const translateOf = (g: Element) =>
  (g.getAttribute("transform") ?? "")
    .match(/translate\(([-\d.]+),([-\d.]+)\)/)!
    .slice(1)
    .map(Number);

/** A scale bar whose px length is the km it claims times the map's px per km, a north arrow in another corner. */
function expectFurniture(el: Element, pxPerKm: number): void {
  const svg = plotSvg(el);
  const [width, height] = [Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))];
  const bar = el.querySelector("g.atlas-scale-bar");
  expect(bar, "scale bar").not.toBeNull();
  const km = claimedKm(bar!.querySelector("text")!.textContent!);
  expect(niceKm(km), "a round length").toBe(km);
  const line = bar!.querySelector("line.atlas-scale-bar-line")!;
  const px = Number(line.getAttribute("x2")) - Number(line.getAttribute("x1"));
  // sphere (here) against ellipsoid (the component): 0.2 % apart at 28° N
  expect(px / (km * pxPerKm)).toBeCloseTo(1, 2);
  expect(px).toBeGreaterThan(width * 0.05);
  expect(px).toBeLessThanOrEqual(Math.min(160, width / 4) + 1e-9);
  const arrow = el.querySelector("g.atlas-north-arrow");
  expect(arrow?.textContent).toBe("N");
  const [bx, by] = translateOf(bar!);
  const [ax, ay] = translateOf(arrow!);
  for (const [x, y] of [
    [bx, by],
    [ax, ay]
  ]) {
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThan(width);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThan(height);
  }
  // different corners
  expect(bx < width / 2 === ax < width / 2 && by < height / 2 === ay < height / 2).toBe(false);
  // no pointer events: the cells' tooltips keep working
  expect(el.querySelector("g.atlas-map-furniture")?.getAttribute("pointer-events")).toBe("none");
}

const RIVERS: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: {name: "Main river"},
      geometry: {
        type: "LineString",
        coordinates: [
          [112.99, 27.985],
          [113.0, 27.987],
          [113.01, 27.99],
          [113.02, 27.993],
          [113.04, 27.995]
        ]
      }
    },
    {
      type: "Feature",
      properties: {name: "Side river"},
      geometry: {
        type: "LineString",
        coordinates: [
          [113.005, 28.0],
          [113.006, 27.99],
          [113.007, 27.982]
        ]
      }
    }
  ]
};

describe("map furniture", () => {
  it("gives GridMap a scale bar true to its projection, a north arrow, rivers and place names", () => {
    const el = GridMap(gridRows(), {
      document: newDocument(),
      width: 400,
      epoch: 2020,
      outline: OUTLINE,
      places: PLACES,
      rivers: RIVERS,
      river: "Main river"
    });
    expectFurniture(el, pxPerKmAcross(fitMap(OUTLINE, {width: 400})));
    // places inside the map are named, in order; the one outside is left out
    expect([...el.querySelectorAll("g.atlas-place-labels text")].map((t) => t.textContent)).toEqual(["Town", "Village"]);
    expect(count(el, "g.atlas-place-dots circle")).toBe(2);
    const lines = [...el.querySelectorAll("g.atlas-river-lines path")];
    expect(lines.map((p) => p.getAttribute("aria-label"))).toEqual(["Main river", "Side river"]);
    // the main river is drawn wider
    expect(Number(lines[0].getAttribute("stroke-width"))).toBeGreaterThan(Number(lines[1].getAttribute("stroke-width")));
    const riverLabels = el.querySelector("g.atlas-river-labels")!;
    expect(riverLabels.getAttribute("font-style")).toBe("italic");
    expect([...riverLabels.querySelectorAll("text")].map((t) => t.textContent)).toEqual(["Main river", "Side river"]);
    // drawn over the cells
    const marks = [...plotSvg(el).children].map((c) => c.getAttribute("class") ?? "");
    expect(marks.indexOf("atlas-map-furniture")).toBeGreaterThan(marks.findIndex((c) => c.includes("atlas-cells")));
  });

  it("gives LisaMap and LandCoverMap the same furniture, and each map can leave it out", () => {
    const lisa = LisaMap(gridRows(), {document: newDocument(), width: 360, epoch: 2000, outline: OUTLINE, places: PLACES, rivers: RIVERS});
    expectFurniture(lisa, pxPerKmAcross(fitMap(OUTLINE, {width: 360})));
    expect([...lisa.querySelectorAll("g.atlas-place-labels text")].map((t) => t.textContent)).toEqual(["Town", "Village"]);
    expect(count(lisa, "g.atlas-river-lines path")).toBe(2);
    const bounds = [112.999, 27.981, 113.032, 28.001] as const;
    const land = LandCoverMap({src: "landcover.png", bounds}, {document: newDocument(), width: 500, outline: OUTLINE, places: PLACES});
    expectFurniture(land, pxPerKmAcross(fitMap(OUTLINE, {width: 500})));
    expect(land.querySelector("g.atlas-place-labels text")?.textContent).toBe("Town");
    const bare = GridMap(gridRows(), {document: newDocument(), width: 400, epoch: 2020, furniture: false});
    expect(bare.querySelector("g.atlas-scale-bar")).toBeNull();
    expect(bare.querySelector("g.atlas-north-arrow")).toBeNull();
  });

  it("chooses round lengths in km for a map's width, wherever it is", () => {
    expect([0.83, 1, 1.9, 2, 4.99, 5, 9.9, 12, 37, 140].map(niceKm)).toEqual([0.5, 1, 1, 2, 2, 5, 5, 10, 20, 100]);
    // a map of 1° near 60° N: the bar follows the shorter degree of longitude there
    const box: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [10, 59.5],
          [10, 60.5],
          [11, 60.5],
          [11, 59.5],
          [10, 59.5]
        ]
      ]
    };
    const rows = gridRows().map((r) => ({...r, lon: r.lon - 113 + 10.5, lat: r.lat - 28 + 60}));
    const el = GridMap(rows, {document: newDocument(), width: 640, epoch: 2000, outline: box});
    expectFurniture(el, pxPerKmAcross(fitMap(box, {width: 640})));
    // the map is as tall as it may be (720 px), so narrower than 640 px: 20 km is the round length that fits in 160 px
    const k = pxPerKmAcross(fitMap(box, {width: 640}));
    expect(160 / k).toBeGreaterThan(20);
    expect(160 / k).toBeLessThan(50);
    expect(claimedKm(el.querySelector("g.atlas-scale-bar text")!.textContent!)).toBe(20);
  });

  it("labels the ends of continuous legends with the range of the data", () => {
    const el = GridMap(gridRows(), {document: newDocument(), width: 400, epoch: 2020, outline: OUTLINE});
    const num = (s: string | null | undefined) => Number((s ?? "").replace(/,/g, "").replace("−", "-"));
    const values = gridRows()
      .filter((d) => d.epoch === 2020)
      .map((d) => d.carbon_intensity as number);
    expect(num(el.querySelector("svg.atlas-ramp .atlas-ramp-min")?.textContent)).toBe(Math.min(...values));
    expect(num(el.querySelector("svg.atlas-ramp .atlas-ramp-max")?.textContent)).toBe(Math.max(...values));
    expect(el.querySelector("svg.atlas-ramp")?.getAttribute("aria-label")).toMatch(/from 1,000 to 1,500$/);
  });
});
