// Chart factories under jsdom, in the manner of Plot's own tests: each
// factory is called with tiny deterministic data and a jsdom `document`; the
// returned element is checked for its marks, legend, accessible label and
// caption, and its HTML (formatted by prettier with the project's settings)
// is compared to test/snapshots/components/<name>.html. A missing snapshot is
// written on first run; UPDATE_SNAPSHOTS=1 rewrites them all.
import {describe, expect, it} from "vitest";
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import * as d3 from "d3";
import prettier from "prettier";
import {tableFromArrays} from "apache-arrow";
import type {FeatureCollection, Polygon} from "geojson";
import {
  CLASSES,
  CLASS_COLORS,
  CLASS_RGB,
  LISA_COLORS,
  LISA_ORDER,
  SERVICES,
  SERVICE_LABELS,
  epochColors,
  hexToRgb
} from "../src/lib/palette.js";
import {XIE_2015} from "../src/lib/esv-factors.js";
import {AreaBars} from "../src/components/area-bars.js";
import {TransitionSankey} from "../src/components/transition-sankey.js";
import {TransitionMatrix} from "../src/components/transition-matrix.js";
import {DynamicsChart} from "../src/components/dynamics-chart.js";
import {CarbonBars} from "../src/components/carbon-bars.js";
import {EnergyBars} from "../src/components/energy-bars.js";
import {EsvBars} from "../src/components/esv-bars.js";
import {SensitivityTable} from "../src/components/sensitivity-table.js";
import {GridMap} from "../src/components/grid-map.js";
import {LisaMap} from "../src/components/lisa-map.js";
import {MoranScatter, moranSlope} from "../src/components/moran-scatter.js";
import {ClusterFlows, clusterTransitions} from "../src/components/cluster-flows.js";
import {LandCoverMap, classOfPixel} from "../src/components/land-cover-map.js";
import {ScaleChart} from "../src/components/scale-chart.js";
import {figureSvg, figureSvgExport, rowsOf, toCsv} from "../src/components/figure.js";
import {cellSquare, fitMap, rewind} from "../src/components/map.js";
import {niceKm} from "../src/components/map-furniture.js";
import {flowLayout} from "../src/components/flows.js";
import type {GridRow} from "../src/components/tables.js";

// @types/jsdom is not installed: import it untyped, typed here by what the tests use
const jsdomModule = "jsdom";
const {JSDOM} = (await import(jsdomModule)) as {
  JSDOM: new (html: string, options?: {url?: string}) => {window: Window & typeof globalThis};
};

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const snapshotDir = join(root, "test", "snapshots", "components");

function newDocument(): Document {
  return new JSDOM("<!doctype html><html><body></body></html>", {url: "http://localhost/atlas/"}).window.document;
}

async function serialize(el: Element): Promise<string> {
  const config = (await prettier.resolveConfig(join(snapshotDir, "x.html"))) ?? {};
  // Plot numbers clip paths globally; none should appear, but keep snapshots independent of test order if one does
  const html = el.outerHTML.replace(/plot-clip-\d+/g, "plot-clip");
  return prettier.format(html, {...config, parser: "html", filepath: "x.html"});
}

async function expectSnapshot(name: string, el: Element): Promise<void> {
  const actual = await serialize(el);
  const file = join(snapshotDir, `${name}.html`);
  if (!existsSync(file) || process.env.UPDATE_SNAPSHOTS) {
    mkdirSync(snapshotDir, {recursive: true});
    writeFileSync(file, actual);
    return;
  }
  expect(actual, `snapshot ${name}.html differs (UPDATE_SNAPSHOTS=1 rewrites it)`).toBe(readFileSync(file, "utf8"));
}

/** Common checks: a <figure> with an aria-labelled chart, a caption and (unless told) a CSV button; SVG and PNG buttons when it holds a chart svg. */
function expectFigure(el: Element, {kind, caption, download = true}: {kind: string; caption: RegExp; download?: boolean}) {
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

const plotSvg = (el: Element) => el.querySelector("svg[class^='plot-']") as SVGSVGElement;
const count = (el: Element, selector: string) => el.querySelectorAll(selector).length;
const swatches = (el: Element) => [...el.querySelectorAll("[class$='-swatch']")].map((s) => s.textContent?.trim());

// --------------------------------------------------------------- fixtures

const AREAS = [
  {epoch: 2000, class: "cultivated", km2: 100, share: 0.5},
  {epoch: 2000, class: "forest", km2: 80, share: 0.4},
  {epoch: 2000, class: "construction", km2: 20, share: 0.1},
  {epoch: 2020, class: "cultivated", km2: 80, share: 0.4},
  {epoch: 2020, class: "forest", km2: 70, share: 0.35},
  {epoch: 2020, class: "construction", km2: 50, share: 0.25}
];

const TRANSITIONS = [
  ["cultivated", "cultivated", 75],
  ["cultivated", "forest", 5],
  ["cultivated", "construction", 20],
  ["forest", "cultivated", 5],
  ["forest", "forest", 65],
  ["forest", "construction", 10],
  ["construction", "construction", 20],
  ["construction", "cultivated", 0]
].map(
  ([from, to, km2]) =>
    ({period: "2000–2020", from_epoch: 2000, to_epoch: 2020, from, to, km2}) as {
      period: string;
      from_epoch: number;
      to_epoch: number;
      from: string;
      to: string;
      km2: number;
    }
);

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

const CARBON = [2000, 2020].flatMap((epoch, i) => [
  {epoch, source: "cultivated", method: "direct", t: 42200, e4t: 4.22},
  {epoch, source: "forest", method: "direct", t: -51520 + i * 6440, e4t: -5.152 + i * 0.644},
  {epoch, source: "grassland", method: "direct", t: 0, e4t: 0},
  {epoch, source: "energy", method: "indirect", t: 1e6 * (1 + 2 * i), e4t: 100 * (1 + 2 * i)}
]);

const ENERGY = [2000, 2020].flatMap((epoch, i) => [
  {epoch, fuel: "raw_coal", quantity: 10 + i, unit: "10^4 t", tce: 71430, t: 54000, e4t: 5.4 + i},
  {epoch, fuel: "natural_gas", quantity: 1 + i, unit: "10^8 m3", tce: 13300, t: 5960, e4t: 0.596 + i}
]);

const ESV = [2000, 2020].flatMap((epoch, i) =>
  ["cultivated", "forest"].flatMap((cls, c) =>
    ["food_production", "water_supply", "climate_regulation"].map((service, s) => {
      const e8yuan = (c === 0 && s === 1 ? -0.5 : 1 + c + s) * (1 - 0.1 * i);
      return {epoch, class: cls, service, yuan: e8yuan * 1e8, e8yuan};
    })
  )
);

const SENSITIVITY = [2000, 2020].flatMap((epoch) => [
  {epoch, class: "cultivated", cs_up: 0.25, cs_down: 0.25},
  {epoch, class: "forest", cs_up: 0.7, cs_down: 0.7},
  {epoch, class: "water", cs_up: 1.2, cs_down: 1.2}
]);

/** A 3 × 2 grid of 1 km cells near 28° N, two epochs; clusters chosen to cover every type. */
function gridRows(): GridRow[] {
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

/** The same cells as GeoJSON squares, wound anticlockwise as RFC 7946 says (d3 wants the opposite). */
function gridCells(rows: GridRow[]): FeatureCollection {
  const seen = new Set<number>();
  const features = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const sq = cellSquare(r.lon, r.lat, 1);
    const ring = sq.coordinates[0].slice().reverse();
    features.push({
      type: "Feature" as const,
      properties: {id: r.id, row: r.row, col: r.col},
      geometry: {type: "Polygon", coordinates: [ring]} as Polygon
    });
  }
  return {type: "FeatureCollection", features};
}

const OUTLINE: Polygon = {
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

const MORAN = [1, 2].flatMap((cell_km) =>
  [2000, 2020].map((epoch) => ({
    cell_km,
    epoch,
    n: 100 / cell_km,
    excluded: 0,
    neighborless: 0,
    i: -0.2 - 0.1 * cell_km - (epoch - 2000) / 200,
    p_sim: 0.001,
    z_sim: -5,
    p_sim_pairs: cell_km === 2 && epoch === 2000 ? 0.2 : 0.001,
    z_sim_pairs: -4,
    hh: 5,
    ll: 10,
    lh: 3 * cell_km,
    hl: 2,
    ns: 100 / cell_km - 20 - 3 * cell_km,
    alpha: 0.05,
    correction: "none",
    permutations: 999,
    weights: "queen"
  }))
);

// ------------------------------------------------------------------ tests

describe("palette", () => {
  it("keeps GeoDa's LISA colours and a grey that is not white", () => {
    expect(LISA_COLORS.HH).toBe("#ff0000");
    expect(LISA_COLORS.LL).toBe("#0000ff");
    expect(LISA_COLORS.LH).toBe("#a7adf9");
    expect(LISA_COLORS.HL).toBe("#f4ada8");
    expect(d3.lab(LISA_COLORS.NS).l).toBeLessThan(90);
    expect([...LISA_ORDER]).toEqual(["HH", "LL", "LH", "HL", "NS", "neighborless"]);
  });

  it("lists the 11 services in the order of the Xie 2015 table, each with a label", () => {
    expect([...SERVICES]).toEqual(XIE_2015.services);
    for (const s of SERVICES) expect(SERVICE_LABELS[s]).toMatch(/^[A-Z]/);
  });

  it("gives the display rasters one RGB triple per class, in class order", () => {
    expect(CLASS_RGB).toHaveLength(CLASSES.length);
    CLASSES.forEach((c, i) => expect(CLASS_RGB[i]).toEqual(hexToRgb(CLASS_COLORS[c])));
  });

  it("keeps land-use classes apart for colour-blind readers (ΔE*ab ≥ 20 under protan, deutan, tritan simulation)", () => {
    // Machado et al. 2009, severity 1, applied in linear RGB
    const M = {
      normal: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1]
      ],
      protan: [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998]
      ],
      deutan: [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.01182, 0.04294, 0.968881]
      ],
      tritan: [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.3039]
      ]
    };
    const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const gam = (c: number) =>
      255 * (Math.min(1, Math.max(0, c)) <= 0.0031308 ? 12.92 * Math.max(0, c) : 1.055 * Math.min(1, c) ** (1 / 2.4) - 0.055);
    for (const [name, m] of Object.entries(M)) {
      const labs = CLASSES.map((c) => {
        const v = hexToRgb(CLASS_COLORS[c]).map(lin);
        const o = m.map((r) => r[0] * v[0] + r[1] * v[1] + r[2] * v[2]).map(gam);
        return d3.lab(d3.rgb(o[0], o[1], o[2]));
      });
      let min = Infinity;
      for (let i = 0; i < labs.length; i++)
        for (let j = i + 1; j < labs.length; j++)
          min = Math.min(min, Math.hypot(labs[i].l - labs[j].l, labs[i].a - labs[j].a, labs[i].b - labs[j].b));
      expect(min, name).toBeGreaterThanOrEqual(20);
    }
  });

  it("spreads epoch colours over the ramp, oldest first", () => {
    expect(epochColors(5)).toHaveLength(5);
    expect(new Set(epochColors(5)).size).toBe(5);
    expect(epochColors(0)).toEqual([]);
  });
});

describe("figure helpers", () => {
  it("turns Arrow tables into plain rows, BigInt columns into numbers", () => {
    const t = tableFromArrays({epoch: new BigInt64Array([2000n, 2020n]), class: ["forest", "water"], km2: new Float64Array([1.5, 2])});
    const rows = rowsOf<{epoch: number; class: string; km2: number}>(t);
    expect(rows).toEqual([
      {epoch: 2000, class: "forest", km2: 1.5},
      {epoch: 2020, class: "water", km2: 2}
    ]);
    expect(toCsv(rows)).toBe("epoch,class,km2\n2000,forest,1.5\n2020,water,2");
  });

  it("writes the chart's rows as CSV through a Blob URL on click", async () => {
    const document = newDocument();
    const view = document.defaultView as unknown as {URL: {createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void}};
    const blobs: Blob[] = [];
    view.URL.createObjectURL = (b: Blob) => (blobs.push(b), "blob:test");
    view.URL.revokeObjectURL = () => {};
    // jsdom does not navigate; keep it from saying so
    (document.defaultView as unknown as {HTMLAnchorElement: typeof HTMLAnchorElement}).HTMLAnchorElement.prototype.click = () => {};
    const el = AreaBars(AREAS, {document, width: 640, filename: "areas.csv"});
    document.body.append(el);
    (el.querySelector("button.atlas-download") as HTMLButtonElement).click();
    expect(blobs).toHaveLength(1);
    const text = await blobs[0].text();
    expect(text.split("\n")[0]).toBe("epoch,class,km2,share");
    expect(text.split("\n")).toHaveLength(AREAS.length + 1);
  });
});

describe("map frame", () => {
  it("gives a 1° × 1° box at 28° N the aspect of its ground size (taller than wide by 1/cos 28°)", () => {
    const box: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [113, 27.5],
          [113, 28.5],
          [114, 28.5],
          [114, 27.5],
          [113, 27.5]
        ]
      ]
    };
    const frame = fitMap(box, {width: 400, margin: 0});
    expect(frame.height / 400).toBeCloseTo(1 / Math.cos((28 * Math.PI) / 180), 2);
    const conic = fitMap(box, {width: 400, margin: 0, projection: "conic-equal-area"});
    expect(conic.height / 400).toBeGreaterThan(1.05);
    expect(conic.height / 400).toBeLessThan(1.2);
  });

  it("rewinds RFC 7946 polygons for d3 (small area either way)", () => {
    const ccw = {type: "Polygon" as const, coordinates: [cellSquare(113, 28, 1).coordinates[0].slice().reverse()]};
    expect(d3.geoArea(ccw)).toBeGreaterThan(2 * Math.PI);
    expect(d3.geoArea(rewind(ccw))).toBeLessThan(1e-6);
    expect(d3.geoArea(cellSquare(113, 28, 1))).toBeLessThan(1e-6);
  });

  it("builds cell squares of the right ground size", () => {
    const sq = cellSquare(113, 28, 2);
    const [[w, s], , [e, n]] = sq.coordinates[0];
    expect(d3.geoDistance([w, 28], [e, 28]) * 6371.0088).toBeCloseTo(2, 1);
    expect(d3.geoDistance([113, s], [113, n]) * 6371.0088).toBeCloseTo(2, 1);
  });
});

describe("flow layout", () => {
  it("stacks nodes in category order and conserves each node's in- and outflow", () => {
    const layout = flowLayout(
      2,
      ["a", "b"],
      [
        {column: 0, source: "a", target: "a", value: 3},
        {column: 0, source: "a", target: "b", value: 1},
        {column: 0, source: "b", target: "b", value: 2}
      ],
      {heightPx: 100, gapPx: 10}
    );
    expect(layout.nodes.map((n) => [n.column, n.key, n.value])).toEqual([
      [0, "a", 4],
      [0, "b", 2],
      [1, "a", 3],
      [1, "b", 3]
    ]);
    for (const r of layout.ribbons) {
      expect(r.sy1 - r.sy0).toBeCloseTo(r.value);
      expect(r.ty1 - r.ty0).toBeCloseTo(r.value);
    }
    // the gap is 10 px of 100
    expect((layout.gap / layout.span) * 100).toBeCloseTo(10);
  });
});

describe("AreaBars", () => {
  it("draws a bar per row, a class legend, a caption and an accessible label", async () => {
    const document = newDocument();
    const el = AreaBars(AREAS, {document, width: 640});
    expectFigure(el, {kind: "area-bars", caption: /landuse-areas\.arrow/});
    const svg = plotSvg(el);
    expect(svg.getAttribute("width")).toBe("640");
    expect(svg.getAttribute("aria-label")).toMatch(/land-use area/);
    expect(count(el, "g.atlas-areas rect")).toBe(AREAS.length);
    expect(swatches(el)).toEqual(["Cultivated land", "Forest land", "Construction land"]);
    expect(count(svg, "[aria-label=tip]")).toBe(1);
    await expectSnapshot("area-bars", el);
  });

  it("stacks, switches to rows on narrow screens, and reads Arrow tables", async () => {
    const stacked = AreaBars(AREAS, {document: newDocument(), width: 500, layout: "stacked", caption: "My caption."});
    expect(count(stacked, "g.atlas-areas rect")).toBe(AREAS.length);
    expect(stacked.querySelector("figcaption")?.textContent).toMatch(/^My caption\./);
    const narrow = AreaBars(AREAS, {document: newDocument(), width: 375});
    expect(plotSvg(narrow).getAttribute("width")).toBe("375");
    expect(count(narrow, "g.atlas-areas rect")).toBe(AREAS.length);
    const table = tableFromArrays({
      epoch: new Int32Array(AREAS.map((d) => d.epoch)),
      class: AREAS.map((d) => d.class),
      km2: new Float64Array(AREAS.map((d) => d.km2)),
      share: new Float64Array(AREAS.map((d) => d.share))
    });
    const fromArrow = AreaBars(table, {document: newDocument(), width: 640});
    expect(count(fromArrow, "g.atlas-areas rect")).toBe(AREAS.length);
    await expectSnapshot("area-bars-stacked", stacked);
  });
});

describe("TransitionSankey", () => {
  it("draws a ribbon per non-zero flow and a node per class and epoch", async () => {
    const el = TransitionSankey(TRANSITIONS, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "transition-sankey", caption: /transitions\.arrow/});
    expect(count(el, "g.atlas-flows path")).toBe(TRANSITIONS.filter((d) => d.km2 > 0).length);
    expect(count(el, "g.atlas-nodes rect")).toBe(6);
    expect(el.querySelector("g.atlas-labels")?.textContent).toContain("Cultivated land 100.00");
    expect(count(el, "[aria-label=tip]")).toBe(1);
    await expectSnapshot("transition-sankey", el);
  });

  it("can leave persistence out, and asks for a period when rows hold several", () => {
    const el = TransitionSankey(TRANSITIONS, {document: newDocument(), width: 480, persistence: false});
    expect(count(el, "g.atlas-flows path")).toBe(TRANSITIONS.filter((d) => d.km2 > 0 && d.from !== d.to).length);
    const two = [...TRANSITIONS, {...TRANSITIONS[0], period: "2000–2005", to_epoch: 2005}];
    expect(() => TransitionSankey(two, {document: newDocument()})).toThrow(/period/);
    expect(count(TransitionSankey(two, {document: newDocument(), period: "2000–2005"}), "g.atlas-flows path")).toBe(1);
  });
});

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
    await expectSnapshot("transition-matrix", el);
  });
});

describe("DynamicsChart", () => {
  it("draws a bar per class and sub-period and the comprehensive degree per period", async () => {
    const el = DynamicsChart(DYNAMICS, {document: newDocument(), width: 560});
    expectFigure(el, {kind: "dynamics-chart", caption: /dynamics\.arrow/});
    expect(count(el, "g.atlas-single-dynamic-degree rect")).toBe(4); // the 2000–2020 span is left out
    expect(count(el, "g.atlas-comprehensive-dynamic-degree circle")).toBe(2);
    expect(count(el, "g.atlas-comprehensive-line path")).toBe(1);
    expect(swatches(el)).toEqual(["Cultivated land", "Construction land"]);
    await expectSnapshot("dynamics-chart", el);
    const span = DynamicsChart(DYNAMICS, {document: newDocument(), periods: ["2000–2020"]});
    expect(count(span, "g.atlas-single-dynamic-degree rect")).toBe(2);
  });
});

describe("CarbonBars", () => {
  it("stacks sources up and sinks down, with net emissions per epoch", async () => {
    const el = CarbonBars(CARBON, {document: newDocument(), width: 560});
    expectFigure(el, {kind: "carbon-bars", caption: /carbon\.arrow/});
    expect(count(el, "g.atlas-sources-and-sinks rect")).toBe(CARBON.filter((d) => d.e4t !== 0).length);
    expect(count(el, "g.atlas-net-emissions circle")).toBe(2);
    const nets = d3.rollups(
      CARBON,
      (v) => d3.sum(v, (d) => d.e4t),
      (d) => d.epoch
    );
    expect(plotSvg(el).getAttribute("aria-description")).toContain(`2020: ${d3.format(",.2f")(nets[1][1])}`);
    expect(swatches(el)).toContain("Energy use (indirect)");
    await expectSnapshot("carbon-bars", el);
    expect(count(CarbonBars(CARBON, {document: newDocument(), method: "direct"}), "g.atlas-sources-and-sinks rect")).toBe(4);
  });
});

describe("EnergyBars", () => {
  it("stacks fuels per epoch", async () => {
    const el = EnergyBars(ENERGY, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "energy-bars", caption: /energy\.arrow/});
    expect(count(el, "g.atlas-fuels rect")).toBe(ENERGY.length);
    expect(swatches(el)).toEqual(["Raw coal", "Natural gas"]);
    await expectSnapshot("energy-bars", el);
  });
});

describe("EsvBars", () => {
  it("sums ESV by class or by service, negative values below zero", async () => {
    const el = EsvBars(ESV, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "esv-bars", caption: /esv\.arrow/});
    expect(count(el, "g.atlas-classes rect")).toBe(4);
    const totals = [...el.querySelectorAll("g.atlas-totals text")].map((t) => t.textContent);
    expect(totals).toEqual([
      d3.format(",.2f")(
        d3.sum(
          ESV.filter((d) => d.epoch === 2000),
          (d) => d.e8yuan
        )
      ),
      d3.format(",.2f")(
        d3.sum(
          ESV.filter((d) => d.epoch === 2020),
          (d) => d.e8yuan
        )
      )
    ]);
    await expectSnapshot("esv-bars", el);
    const bySvc = EsvBars(ESV, {document: newDocument(), width: 480, by: "service"});
    expect(count(bySvc, "g.atlas-services rect")).toBe(6);
    expect(swatches(bySvc)).toEqual(["Food production", "Water supply", "Climate regulation"]);
    await expectSnapshot("esv-bars-service", bySvc);
  });
});

describe("SensitivityTable", () => {
  it("shows CS per class and epoch, bold where ESV is elastic", async () => {
    const el = SensitivityTable(SENSITIVITY, {document: newDocument()});
    expectFigure(el, {kind: "sensitivity-table", caption: /esv-sensitivity\.arrow/});
    expect(count(el, "tbody tr")).toBe(3);
    expect([...el.querySelectorAll("thead th")].map((t) => t.textContent)).toEqual(["Class", "2000", "2020"]);
    expect(count(el, "[data-elastic]")).toBe(2);
    await expectSnapshot("sensitivity-table", el);
    const split = SensitivityTable([{epoch: 2000, class: "forest", cs_up: 0.7, cs_down: 0.69}], {document: newDocument()});
    expect([...split.querySelectorAll("thead th")].map((t) => t.textContent)).toEqual(["Class", "2000 +50 %", "2000 −50 %"]);
  });
});

describe("GridMap", () => {
  it("fills a cell per row of the epoch, with a continuous legend and tooltips", async () => {
    const rows = gridRows();
    const el = GridMap(rows, {document: newDocument(), width: 400, epoch: 2020, outline: OUTLINE});
    expectFigure(el, {kind: "grid-map", caption: /grid-map\.arrow/});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toMatch(/carbon emission intensity.*2020, 1 km cells/);
    expect(count(el, "g.atlas-cells path")).toBe(6);
    const legend = el.querySelector("svg.atlas-ramp");
    expect(legend?.getAttribute("aria-label")).toMatch(/Carbon emission intensity/);
    expect(count(legend!, "rect")).toBeGreaterThan(10);
    expect(count(svg, "[aria-label=tip]")).toBe(1);
    // aspect: height follows the outline's ground size, not the plate carrée
    expect(Number(svg.getAttribute("height"))).toBeGreaterThan(0);
    await expectSnapshot("grid-map", el);
  });

  it("uses the pipeline's cell polygons in either winding, and asks for an epoch when rows hold several", () => {
    const rows = gridRows();
    const el = GridMap(rows, {document: newDocument(), width: 400, epoch: 2000, cells: gridCells(rows), value: "esv_intensity"});
    const paths = [...el.querySelectorAll("g.atlas-cells path")];
    expect(paths).toHaveLength(6);
    // every cell stays inside the frame (a wrongly wound ring would cover the globe)
    for (const p of paths) {
      const nums = (p.getAttribute("d") ?? "").match(/-?\d+(\.\d+)?/g)!.map(Number);
      for (const v of nums) expect(Math.abs(v)).toBeLessThan(1000);
    }
    expect(() => GridMap(rows, {document: newDocument()})).toThrow(/epoch/);
  });
});

describe("LisaMap", () => {
  it("colours cells in GeoDa's colours and counts each type in the legend", async () => {
    const rows = gridRows();
    const el = LisaMap(rows, {document: newDocument(), width: 400, epoch: 2000, outline: OUTLINE});
    expectFigure(el, {kind: "lisa-map", caption: /GeoDa/});
    const fills = [...el.querySelectorAll("g.atlas-cells path")].map((p) => p.getAttribute("fill"));
    expect(fills).toEqual(["HH", "LL", "NS", "LH", "HL", "neighborless"].map((c) => LISA_COLORS[c as keyof typeof LISA_COLORS]));
    expect(swatches(el)).toEqual([
      "High-High (1)",
      "Low-Low (1)",
      "Low-High (1)",
      "High-Low (1)",
      "Not significant (1)",
      "Neighborless (1)"
    ]);
    await expectSnapshot("lisa-map", el);
    const later = LisaMap(rows, {document: newDocument(), width: 400, epoch: 2020});
    expect(swatches(later)).toEqual(["High-High (2)", "Low-Low (1)", "Low-High (0)", "High-Low (1)", "Not significant (2)"]);
  });
});

describe("MoranScatter", () => {
  it("plots z_x against lag_z_y with the line of slope I", async () => {
    const rows = gridRows().filter((d) => d.epoch === 2000);
    const el = MoranScatter(rows, {document: newDocument(), width: 400});
    expectFigure(el, {kind: "moran-scatter", caption: /Moran/});
    expect(count(el, "g.atlas-cells circle")).toBe(6);
    const i = d3.sum(rows, (d) => d.z_x! * d.lag_z_y!) / d3.sum(rows, (d) => d.z_x! ** 2);
    expect(moranSlope(rows)).toBeCloseTo(i, 12);
    expect(el.querySelector("g.atlas-i")?.textContent).toBe(`Moran's I = ${d3.format(".3f")(i)}`);
    expect(count(el, "g.atlas-quadrant text")).toBe(4);
    // the drawn line goes through the origin with slope I (in data units)
    const svg = plotSvg(el);
    const path = el.querySelector("g.atlas-slope path")!.getAttribute("d")!;
    const [x0, y0, x1, y1] = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect(Number(svg.getAttribute("width"))).toBe(400);
    expect(Math.sign((y1 - y0) / (x1 - x0))).toBe(-Math.sign(i)); // screen y points down
    await expectSnapshot("moran-scatter", el);
  });
});

describe("ClusterFlows", () => {
  it("counts cells moving between cluster types and draws them as ribbons", async () => {
    const rows = gridRows();
    const t = clusterTransitions(rows, [2000, 2020]);
    expect(d3.sum(t, (d) => d.cells)).toBe(6);
    expect(t.find((d) => d.from === "LL" && d.to === "HH")?.cells).toBe(1);
    const el = ClusterFlows(rows, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "cluster-flows", caption: /grid-lisa\.arrow/});
    expect(count(el, "g.atlas-flows path")).toBe(t.length);
    const nodes2000 = new Set(rows.filter((d) => d.epoch === 2000).map((d) => d.cluster)).size;
    const nodes2020 = new Set(rows.filter((d) => d.epoch === 2020).map((d) => d.cluster)).size;
    expect(count(el, "g.atlas-nodes rect")).toBe(nodes2000 + nodes2020);
    expect(swatches(el)).toEqual(["High-High", "Low-Low", "Low-High", "High-Low", "Not significant", "Neighborless"]);
    await expectSnapshot("cluster-flows", el);
  });
});

describe("LandCoverMap", () => {
  it("places one epoch of the stacked display raster at its bounds, under the outline, with the class legend", async () => {
    const bounds = [112.999, 27.981, 113.032, 28.001] as const;
    const el = LandCoverMap(
      {src: "landcover.png", index: 4, count: 5, bounds, year: 2020},
      {document: newDocument(), width: 400, outline: OUTLINE}
    );
    expectFigure(el, {kind: "land-cover-map", caption: /landcover\.png/, download: false});
    expect(el.querySelector("figcaption a.atlas-download")?.getAttribute("href")).toBe("landcover.png");
    const img = el.querySelector("image")!;
    expect(img.getAttribute("href")).toBe("landcover.png");
    // the viewport shows the fifth of five stacked images: the PNG is five units tall, the view starts at 4
    const view = img.parentElement!;
    expect(view.getAttribute("viewBox")).toBe("0 4 1 1");
    expect(img.getAttribute("height")).toBe("5");
    expect(() => LandCoverMap({src: "x.png", index: 5, count: 5, bounds}, {document: newDocument()})).toThrow(/index/);
    const svg = plotSvg(el);
    const [w, h] = [Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))];
    // the raster box spans the frame (its bounds are the outline's), with the ground aspect at 28° N
    expect(Number(view.getAttribute("width"))).toBeCloseTo(w - 8, 0);
    const ground = (0.02 * 110.85) / (0.033 * 98.3);
    expect(Number(view.getAttribute("height")) / Number(view.getAttribute("width"))).toBeCloseTo(ground, 1);
    expect(h).toBeGreaterThan(0);
    expect(swatches(el)).toHaveLength(6);
    expect(classOfPixel(...CLASS_RGB[1], 255)).toBe("forest");
    expect(classOfPixel(0, 0, 0, 0)).toBeNull();
    await expectSnapshot("land-cover-map", el);
  });
});

describe("ScaleChart", () => {
  it("plots I per cell size and epoch, and the share of each LISA type", async () => {
    const el = ScaleChart(MORAN, {document: newDocument(), width: 480});
    expectFigure(el, {kind: "scale-chart", caption: /moran\.arrow/});
    const svgs = el.querySelectorAll("svg[class^='plot-'][aria-label]");
    expect(svgs.length).toBe(2);
    expect(count(el, "g.atlas-i circle")).toBe(MORAN.length);
    // hollow dot where p > alpha (pairs null)
    const hollow = [...el.querySelectorAll("g.atlas-i circle")].filter((c) => c.getAttribute("fill") === "var(--plot-background)");
    expect(hollow).toHaveLength(1);
    expect(count(el, "g.atlas-lisa-types rect")).toBe(MORAN.length * 5);
    await expectSnapshot("scale-chart", el);
    const y = ScaleChart(MORAN, {document: newDocument(), nullModel: "y", epoch: 2020});
    expect([...y.querySelectorAll("g.atlas-i circle")].filter((c) => c.getAttribute("fill") === "var(--plot-background)")).toHaveLength(0);
    expect(count(y, "g.atlas-lisa-types rect")).toBe(2 * 5);
  });
});

// ------------------------------------------------------ map furniture

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

const PLACES: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {type: "Feature", properties: {name: "Town"}, geometry: {type: "Point", coordinates: [113.01, 27.99]}},
    {type: "Feature", properties: {name: "Village"}, geometry: {type: "Point", coordinates: [113.025, 27.995]}},
    {type: "Feature", properties: {name: "Far away"}, geometry: {type: "Point", coordinates: [114, 29]}}
  ]
};
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

// ------------------------------------------------------ image downloads

describe("SVG and PNG downloads", () => {
  const parse = (document: Document, svg: string) => {
    const parsed = new document.defaultView!.DOMParser().parseFromString(svg, "image/svg+xml");
    expect(parsed.querySelector("parsererror")).toBeNull();
    return parsed.documentElement;
  };

  it("serialize a map with its legend as a standalone SVG: xmlns, colours written out, no CSS variables", () => {
    const document = newDocument();
    const el = GridMap(gridRows(), {document, width: 400, epoch: 2020, outline: OUTLINE, places: PLACES});
    document.body.append(el);
    const svg = figureSvg(el);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).not.toContain("var(");
    expect(svg).not.toMatch(/currentcolor/i);
    const root = parse(document, svg);
    expect(root.getAttribute("width")).toBe("400");
    // the ramp legend above, then the map with its furniture; no tooltip
    const parts = [...root.children].filter((c) => c.tagName === "svg");
    expect(parts.map((p) => p.getAttribute("class"))).toEqual(["atlas-ramp atlas-legend", plotSvg(el).getAttribute("class")]);
    expect(Number(parts[1].getAttribute("y"))).toBeGreaterThanOrEqual(Number(parts[0].getAttribute("height")));
    expect(Number(root.getAttribute("height"))).toBeGreaterThanOrEqual(
      Number(parts[1].getAttribute("y")) + Number(plotSvg(el).getAttribute("height"))
    );
    expect(root.querySelector("g.atlas-scale-bar")).not.toBeNull();
    expect(root.querySelector("[aria-label=tip]")).toBeNull();
    // the page's own svg is untouched
    expect(el.querySelector("g.atlas-map-furniture [stroke='var(--plot-background)']")).not.toBeNull();
  });

  it("turn Plot's swatch legends into SVG", () => {
    const document = newDocument();
    const el = LisaMap(gridRows(), {document, width: 400, epoch: 2000});
    const root = parse(document, figureSvg(el));
    const texts = [...root.querySelectorAll(":scope > svg:first-of-type text")].map((t) => t.textContent);
    expect(texts).toEqual(swatches(el));
    const fills = [...root.querySelectorAll(":scope > svg:first-of-type rect")].map((r) => r.getAttribute("fill"));
    expect(fills.slice(0, 2)).toEqual([LISA_COLORS.HH, LISA_COLORS.LL]);
  });

  it("inline the land-cover PNG as a data URL, so that the file stands alone", async () => {
    const document = newDocument();
    const view = document.defaultView as unknown as Window & typeof globalThis;
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    const asked: string[] = [];
    view.fetch = (async (url: string) => {
      asked.push(url);
      return {ok: true, blob: async () => new view.Blob([bytes], {type: "image/png"})};
    }) as unknown as typeof fetch;
    const el = LandCoverMap({src: "landcover.png", bounds: [112.999, 27.981, 113.032, 28.001]}, {document, width: 400, outline: OUTLINE});
    expectFigure(el, {kind: "land-cover-map", caption: /landcover\.png/, download: false});
    const {svg, width} = await figureSvgExport(el);
    expect(asked).toEqual([new URL("landcover.png", document.baseURI).href]);
    expect(width).toBe(400);
    const href = parse(document, svg).querySelector("image")?.getAttribute("href");
    expect(href).toBe(`data:image/png;base64,${Buffer.from(bytes).toString("base64")}`);
    // the page keeps the URL
    expect(el.querySelector("image")?.getAttribute("href")).toBe("landcover.png");
  });

  it("save the SVG through a Blob URL made on click", async () => {
    const document = newDocument();
    const view = document.defaultView as unknown as {URL: {createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void}};
    const saved: Blob[] = [];
    view.URL.createObjectURL = (b: Blob) => (saved.push(b), "blob:test");
    view.URL.revokeObjectURL = () => {};
    let downloaded = "";
    (document.defaultView as unknown as {HTMLAnchorElement: typeof HTMLAnchorElement}).HTMLAnchorElement.prototype.click = function (
      this: HTMLAnchorElement
    ) {
      downloaded = this.download;
    };
    const el = MoranScatter(
      gridRows().filter((d) => d.epoch === 2000),
      {document, width: 400}
    );
    document.body.append(el);
    expect(saved).toHaveLength(0);
    (el.querySelector("button[data-format=svg]") as HTMLButtonElement).click();
    for (let i = 0; i < 50 && !saved.length; i++) await new Promise((r) => setTimeout(r, 5));
    expect(saved).toHaveLength(1);
    expect(saved[0].type).toMatch(/^image\/svg\+xml/);
    expect((await saved[0].text()).startsWith("<svg")).toBe(true);
    expect(downloaded).toMatch(/\.svg$/);
    expect(el.querySelector("button[data-format=png]")?.getAttribute("aria-label")).toMatch(/^Download PNG .*\.png\)$/);
  });
});

// ------------------------------------------------------ tables at 375 px

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

  it("label Sankey nodes at 11 px or more", () => {
    const el = TransitionSankey(TRANSITIONS, {document: newDocument(), width: 375});
    for (const g of el.querySelectorAll("g.atlas-labels, g.atlas-from-epoch, g.atlas-to-epoch"))
      expect(Number(g.getAttribute("font-size"))).toBeGreaterThanOrEqual(11);
  });
});
