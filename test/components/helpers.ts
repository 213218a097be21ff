// Shared by the chart tests in this folder (one file per component, in the
// manner of Plot's own tests): a jsdom `document`, the common checks of a
// figure, the HTML a snapshot holds, and the fixtures more than one test uses.
//
// Snapshots go through vitest's file snapshots:
//   toMatchFileSnapshot("../snapshots/components/<name>.html") on the string snapshotHtml(el) returns.
// A missing snapshot is written on a local run and fails when the CI variable
// is set (CI=true: vitest then never writes snapshots); `npx vitest run -u
// test/components` rewrites them all.
import type {TransitionRow} from "../../src/components/tables.js";
import {expect} from "vitest";
import {join} from "node:path";
import prettier from "prettier";
import type {FeatureCollection, Polygon} from "geojson";
import type {GridRow} from "../../src/components/tables.js";

// @types/jsdom is not installed: import it untyped, typed here by what the tests use
const jsdomModule = "jsdom";
const {JSDOM} = (await import(jsdomModule)) as {
  JSDOM: new (html: string, options?: {url?: string}) => {window: Window & typeof globalThis};
};

/** The repository's root folder. */
export const root = join(import.meta.dirname, "..", "..");
const snapshotDir = join(root, "test", "snapshots", "components");

export function newDocument(): Document {
  return new JSDOM("<!doctype html><html><body></body></html>", {url: "http://localhost/atlas/"}).window.document;
}

/** An element's HTML as its snapshot holds it: formatted by prettier with the project's settings. */
export async function snapshotHtml(el: Element): Promise<string> {
  const config = (await prettier.resolveConfig(join(snapshotDir, "x.html"))) ?? {};
  // Plot numbers clip paths globally; none should appear, but keep snapshots independent of test order if one does
  const html = el.outerHTML.replace(/plot-clip-\d+/g, "plot-clip");
  return prettier.format(html, {...config, parser: "html", filepath: "x.html"});
}

/** Common checks: a <figure> with an aria-labelled chart, a caption and (unless told) a CSV button; SVG and PNG buttons when it holds a chart svg. */
export function expectFigure(el: Element, {kind, caption, download = true}: {kind: string; caption: RegExp; download?: boolean}) {
  expect(el.tagName).toBe("FIGURE");
  expect(el.classList.contains(`atlas-${kind}`)).toBe(true);
  expect(el.getAttribute("aria-label")).toBeTruthy();
  const labelled = el.querySelector("svg[aria-label], table[aria-label]");
  expect(labelled, "an element with aria-label").not.toBeNull();
  const figcaption = el.querySelector("figcaption");
  expect(figcaption?.textContent).toMatch(caption);
  expect(!!el.querySelector("button.atlas-download:not([data-format])")).toBe(download);
  const chart = [...el.querySelectorAll("svg")].some((s) => !s.closest(".atlas-legend, figcaption") && !s.parentElement?.closest("svg"));
  for (const format of ["SVG", "PNG"]) {
    const button = el.querySelector(`figcaption button.atlas-download[data-format=${format.toLowerCase()}]`);
    expect(!!button, `${format} button`).toBe(chart);
    if (button) expect(button.getAttribute("aria-label")).toMatch(new RegExp(`^Download ${format}\\b`));
  }
}

export const plotSvg = (el: Element) => el.querySelector("svg[class^='plot-']") as SVGSVGElement;
export const count = (el: Element, selector: string) => el.querySelectorAll(selector).length;
export const swatches = (el: Element) => [...el.querySelectorAll("[class$='-swatch']")].map((s) => s.textContent?.trim());

// --------------------------------------------------------------- fixtures

export const AREAS = [
  {epoch: 2000, class: "cultivated", km2: 100, share: 0.5},
  {epoch: 2000, class: "forest", km2: 80, share: 0.4},
  {epoch: 2000, class: "construction", km2: 20, share: 0.1},
  {epoch: 2020, class: "cultivated", km2: 80, share: 0.4},
  {epoch: 2020, class: "forest", km2: 70, share: 0.35},
  {epoch: 2020, class: "construction", km2: 50, share: 0.25}
];

export const TRANSITIONS = [
  ["cultivated", "cultivated", 75],
  ["cultivated", "forest", 5],
  ["cultivated", "construction", 20],
  ["forest", "cultivated", 5],
  ["forest", "forest", 65],
  ["forest", "construction", 10],
  ["construction", "construction", 20],
  ["construction", "cultivated", 0]
].map(([from, to, km2]) => ({period: "2000–2020", from_epoch: 2000, to_epoch: 2020, from, to, km2}) as TransitionRow);

/** A 3 × 2 grid of 1 km cells near 28° N, two epochs; clusters chosen to cover every type. */
export function gridRows(): GridRow[] {
  const clusters = [
    ["HH", "LL", "NS", "LH", "HL", "neighborless"],
    ["HH", "HH", "NS", "LL", "HL", "NS"]
  ];
  const rows: GridRow[] = [];
  [2000, 2020].forEach((epoch, e) => {
    for (let id = 0; id < 6; id++) {
      const row = Math.floor(id / 3);
      const col = id % 3;
      const z = [1.2, -0.8, 0.1, -0.5, 0.9, -0.9][id];
      const lag = [0.7, -0.6, 0.05, 0.4, -0.3, 0][id];
      rows.push({
        epoch,
        cell_km: 1,
        id,
        row,
        col,
        lon: 113 + (col + 0.5) * 0.0102,
        lat: 28 - (row + 0.5) * 0.009,
        inside_share: 1,
        km2_cultivated: id / 10,
        km2_forest: 1 - id / 10,
        km2_grassland: 0,
        km2_water: 0,
        km2_construction: 0,
        km2_unused: 0,
        carbon_t: 100 * id,
        carbon_intensity: 100 * id + 1000 * e,
        esv_yuan: 5000 - 500 * id,
        esv_intensity: 5000 - 500 * id,
        z_x: z,
        lag_z_y: clusters[e][id] === "neighborless" ? 0 : lag,
        local_i: z * lag,
        p: clusters[e][id] === "NS" ? 0.2 : 0.01,
        quadrant: z > 0 ? (lag > 0 ? "HH" : "HL") : lag > 0 ? "LH" : "LL",
        cluster: clusters[e][id]
      });
    }
  });
  return rows;
}

export const OUTLINE: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [112.999, 27.981],
      [112.999, 28.001],
      [113.032, 28.001],
      [113.032, 27.981],
      [112.999, 27.981]
    ]
  ]
};

export const PLACES: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {type: "Feature", properties: {name: "Town"}, geometry: {type: "Point", coordinates: [113.01, 27.99]}},
    {type: "Feature", properties: {name: "Village"}, geometry: {type: "Point", coordinates: [113.025, 27.995]}},
    {type: "Feature", properties: {name: "Far away"}, geometry: {type: "Point", coordinates: [114, 29]}}
  ]
};
