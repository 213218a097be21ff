// storyFigure (src/components/story-figure.ts): every figure a story page can
// place, drawn from served files. Framework's FileAttachment is replaced by
// one that serves a small study (study.json, layers.json and Arrow tables in
// the pipeline's shapes, the wide grid tables included), so the real
// study-files.js reads them as on a page; the log says which files each
// figure fetched.
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {tableFromArrays, tableFromJSON} from "apache-arrow";
import type {FeatureCollection} from "geojson";
import {FIGURE_KINDS} from "../../src/lib/story-figures.js";
import {CLUSTER_LABELS} from "../../src/lib/moran.js";
import {epochColumn, NO_CELL, NO_P} from "../../src/lib/grid-wide.js";
import {lisaLabel} from "../../src/lib/palette.js";
import {f3} from "../../src/components/format.js";
import {OUTLINE, PLACES, TRANSITIONS, count, expectFigure, newDocument, plotSvg, swatches} from "./helpers.js";

const served = vi.hoisted(() => ({files: new Map<string, unknown>(), fetched: new Set<string>()}));
vi.mock("observablehq:stdlib", () => ({
  FileAttachment: (path: string) => {
    const name = path.replace(/^.*\//, "");
    const get = async () => {
      if (!served.files.has(name)) throw new Error(`test: no file ${name}`);
      served.fetched.add(name);
      return served.files.get(name);
    };
    return {name, json: get, arrow: get, url: async () => `data/${name}`};
  }
}));

// ------------------------------------------------------------ the study

const EPOCHS = [2000, 2010, 2020];
const PERMUTATIONS = 99;
const zeroClasses = {grassland: 0, water: 0, unused: 0};
const STUDY = {
  title: "Test study",
  epochs: EPOCHS,
  claims: [],
  river: "Test River",
  display: {bounds: [112.999, 27.981, 113.032, 28.001]},
  reconstruction: {reconstructed: true, note: "made for the test"},
  parameters: {
    grid: {cellSizesKm: [1, 2], defaultCellKm: 1, minInsideShare: 0.6},
    spatial: {weights: "rook", permutations: PERMUTATIONS, alpha: 0.05, correction: "none", globalNull: "pairs"}
  },
  summary: {
    areas_km2: {
      "2000": {cultivated: 100, forest: 80, construction: 20, ...zeroClasses},
      "2010": {cultivated: 90, forest: 75, construction: 35, ...zeroClasses},
      "2020": {cultivated: 80, forest: 70, construction: 50, ...zeroClasses}
    },
    change_km2: {cultivated: -20, forest: -10, construction: 30, ...zeroClasses},
    carbon_1e4t: {
      "2000": {direct: -1, indirect: 10, net: 9},
      "2010": {direct: -0.8, indirect: 18, net: 17.2},
      "2020": {direct: -0.7, indirect: 26, net: 25.3}
    },
    esv_1e8yuan: {"2000": 10, "2010": 9.5, "2020": 9},
    moran: Object.fromEntries(
      ["1", "2"].map((k) => [
        k,
        Object.fromEntries(EPOCHS.map((e) => [String(e), {I: -0.3, p: 0.01, types: {HH: 1, LL: 1, LH: 1, HL: 1}}]))
      ])
    ),
    patterns: {
      "1": Object.fromEntries(
        EPOCHS.map((e) => [
          String(e),
          // 2010: carbon rises from the centre, and the river's cells are not richer
          e === 2010
            ? {carbon_centre_rho: 0.3, carbon_centre_edge_ratio: 0.5, esv_river_rho: 0.1, esv_river_other_ratio: 0.8}
            : {carbon_centre_rho: -0.4, carbon_centre_edge_ratio: 3, esv_river_rho: -0.2, esv_river_other_ratio: 1.5}
        ])
      )
    }
  }
};

const LAYERS = {
  boundary: {type: "FeatureCollection", features: [{type: "Feature", properties: {name: "Part A"}, geometry: OUTLINE}]},
  rivers: {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: {name: "Test River"},
        geometry: {
          type: "LineString",
          coordinates: [
            [113.0, 27.99],
            [113.03, 27.995]
          ]
        }
      }
    ]
  } as FeatureCollection,
  places: PLACES,
  river: "Test River"
};

// --------------------------------------------------------- long tables

const CLASSES3 = ["cultivated", "forest", "construction"] as const;
const AREAS = EPOCHS.flatMap((epoch) =>
  CLASSES3.map((c) => {
    const km2 = STUDY.summary.areas_km2[String(epoch) as "2000"][c];
    return {epoch, class: c, km2, share: km2 / 200};
  })
);

// 2000–2020 from the component fixture; the two steps split it evenly
const TRANSITION_ROWS = [
  ...TRANSITIONS.map((d) => ({...d})),
  ...[
    [2000, 2010],
    [2010, 2020]
  ].flatMap(([a, b]) => TRANSITIONS.map((d) => ({...d, period: `${a}–${b}`, from_epoch: a, to_epoch: b, km2: d.km2 / 2})))
];

const DYNAMICS = ["2000–2010", "2010–2020", "2000–2020"].flatMap((period) => {
  const [a, b] = period.split("–").map(Number);
  return [...CLASSES3, "all"].map((c) => ({
    period,
    from_epoch: a,
    to_epoch: b,
    class: c,
    km2_start: 100,
    km2_end: 110,
    change_km2: 10,
    dynamic_pct_per_year: c === "construction" ? 7.5 : 1
  }));
});

// sources 11 and 26.8, indirect 10 and 26, net 9 and 25.3 in the first and last epochs
const CARBON = [
  [2000, 1, -2, 10],
  [2010, 0.9, -1.7, 18],
  [2020, 0.8, -1.5, 26]
].flatMap(([epoch, cultivated, forest, energy]) => [
  {epoch, source: "cultivated", method: "direct", t: cultivated * 1e4, e4t: cultivated},
  {epoch, source: "forest", method: "direct", t: forest * 1e4, e4t: forest},
  {epoch, source: "energy", method: "indirect", t: energy * 1e4, e4t: energy}
]);

const ENERGY = EPOCHS.flatMap((epoch, k) => [
  {epoch, fuel: "raw_coal", quantity: 100, unit: "1e4 t", tce: 70, t: 1e5, e4t: 8 + 6 * k},
  {epoch, fuel: "natural_gas", quantity: 10, unit: "1e8 m3", tce: 12, t: 2e4, e4t: 2 + 4 * k}
]);

// ESV: 10, 9.5, 9 (the summary's); forest 6 of the first epoch's 10
const ESV = EPOCHS.flatMap((epoch, k) =>
  (
    [
      ["forest", "climate_regulation", 4 - 0.25 * k],
      ["forest", "soil_conservation", 2],
      ["cultivated", "food_production", 3 - 0.25 * k],
      ["cultivated", "climate_regulation", 1]
    ] as const
  ).map(([c, service, e8yuan]) => ({epoch, class: c, service, yuan: e8yuan * 1e8, e8yuan}))
);

const MORAN = [1, 2].flatMap((cell_km) =>
  EPOCHS.map((epoch, k) => ({
    cell_km,
    epoch,
    n: cell_km === 1 ? 6 : 2,
    excluded: 0,
    neighborless: 0,
    i: -0.3 - 0.05 * k,
    p_sim: 0.02,
    z_sim: -3,
    p_sim_pairs: 0.01,
    z_sim_pairs: -4,
    hh: 1,
    ll: 1,
    lh: 1,
    hl: 1,
    ns: 2,
    alpha: 0.05,
    correction: "none",
    permutations: PERMUTATIONS,
    weights: "rook"
  }))
);

// ---------------------------------------------------- the wide grid tables

/** The cells: six of 1 km (ids 0–5, 3 × 2 near 28° N) and two of 2 km. */
const CELLS = [
  ...Array.from({length: 6}, (_, id) => ({
    cell_km: 1,
    id,
    lon: 113 + ((id % 3) + 0.5) * 0.0102,
    lat: 28 - (Math.floor(id / 3) + 0.5) * 0.009
  })),
  ...[0, 1].map((j) => ({cell_km: 2, id: 100 + j, lon: 113 + (j + 0.5) * 0.0204, lat: 27.991}))
];
/** Carbon intensity: cell 4 is outside the analysis in 2000; cell 5 keeps 500 in every epoch while the others rise. */
const carbonOf = (id: number, k: number) => (id === 4 && k === 0 ? NaN : id === 5 ? 500 : 100 * id + 1000 * k);
const esvOf = (id: number, k: number) => (id === 4 && k === 0 ? NaN : 5000 - 500 * (id % 100) + 100 * k);
/** LISA types of the 1 km cells per epoch (null: not in the analysis); the 2 km cells are never significant. */
const CLUSTERS = [
  ["HH", "LL", "NS", "LH", null, "neighborless"],
  ["HH", "HH", "NS", "LL", "HL", "NS"],
  ["HL", "LL", "NS", "LH", "HH", "NS"]
];
const clusterOf = (id: number, k: number) => (id >= 100 ? "NS" : CLUSTERS[k][id]);
const Z_X = [1.2, -0.8, 0.1, -0.5, 0.9, -0.9];
const LAG = [0.7, -0.6, 0.05, 0.4, -0.3, 0.2];

function wideTables(cells: typeof CELLS) {
  const base = {cell_km: Float32Array.from(cells, (c) => c.cell_km), id: Int32Array.from(cells, (c) => c.id)};
  const map: Record<string, Float32Array | Int32Array> = {
    ...base,
    lon: Float32Array.from(cells, (c) => c.lon),
    lat: Float32Array.from(cells, (c) => c.lat)
  };
  const lisa: Record<string, Float32Array | Int32Array | Uint32Array | Uint8Array> = {...base};
  EPOCHS.forEach((_, k) => {
    map[epochColumn("carbon_intensity", k)] = Float32Array.from(cells, (c) => carbonOf(c.id, k));
    map[epochColumn("esv_intensity", k)] = Float32Array.from(cells, (c) => esvOf(c.id, k));
    const type = cells.map((c) => clusterOf(c.id, k));
    const tested = (t: string | null, c: {id: number}) => t !== null && t !== "neighborless" && c.id < 100;
    lisa[epochColumn("z_x", k)] = Float32Array.from(cells, (c, i) => (type[i] === null ? NaN : c.id < 100 ? Z_X[c.id] : 0));
    lisa[epochColumn("lag_z_y", k)] = Float32Array.from(cells, (c, i) => (tested(type[i], c) ? LAG[c.id] : NaN));
    // p = k / (R + 1): 1 (0.01) in a cluster, 20 (0.2) when not significant
    lisa[epochColumn("p", k)] = Uint32Array.from(cells, (c, i) =>
      type[i] === null || type[i] === "neighborless" ? NO_P : type[i] === "NS" ? 20 : 1
    );
    lisa[epochColumn("cluster", k)] = Uint8Array.from(type, (t) => (t === null ? NO_CELL : CLUSTER_LABELS.indexOf(t as "NS")));
  });
  return {map: tableFromArrays(map), lisa: tableFromArrays(lisa)};
}

function serve() {
  const light = wideTables(CELLS.filter((c) => c.cell_km === 1));
  const all = wideTables(CELLS);
  const files: Record<string, unknown> = {
    "study.json": STUDY,
    "layers.json": LAYERS,
    "landuse-areas.arrow": tableFromJSON(AREAS),
    "transitions.arrow": tableFromJSON(TRANSITION_ROWS),
    "dynamics.arrow": tableFromJSON(DYNAMICS),
    "carbon.arrow": tableFromJSON(CARBON),
    "energy.arrow": tableFromJSON(ENERGY),
    "esv.arrow": tableFromJSON(ESV),
    "moran.arrow": tableFromJSON(MORAN),
    "grid-map.arrow": light.map,
    "grid-lisa.arrow": light.lisa,
    "grid-map-all.arrow": all.map,
    "grid-lisa-all.arrow": all.lisa
  };
  served.files = new Map(Object.entries(files));
  served.fetched.clear();
}

// ----------------------------------------------------------------- tests

/** A fresh page: study-files.js with empty caches, a DOM to draw in. */
async function page() {
  vi.resetModules();
  serve();
  return (await import("../../src/components/story-figure.js")).storyFigure;
}
let storyFigure: Awaited<ReturnType<typeof page>>;
beforeEach(async () => {
  vi.stubGlobal("document", newDocument());
  storyFigure = await page();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const draw = async (name: string, options = {}, width = 640) => (await storyFigure(name, options))(width);
const fetched = () => [...served.fetched].sort();
const takeaway = (el: Element) => el.querySelector(".atlas-takeaway")?.textContent;
const badge = (el: Element) => el.querySelector(".atlas-caption-note")?.textContent;
const fills = (el: Element) => [...el.querySelectorAll("g.atlas-cells path")].map((p) => p.getAttribute("fill"));

describe("storyFigure", () => {
  it("draws every figure the story vocabulary lists", async () => {
    const required = {epoch: "2020", value: "carbon"};
    for (const kind of FIGURE_KINDS) {
      const options = Object.fromEntries(kind.required.map((k) => [k, required[k as keyof typeof required]]));
      const el = await draw(kind.name, options);
      expect(el.tagName, kind.name).toBe("FIGURE");
      expect(el.querySelector("figcaption")?.textContent, kind.name).toBeTruthy();
    }
  });

  it("study-area-map: the overview's map of the parts, rivers and places, from layers.json alone", async () => {
    const el = await draw("study-area-map");
    expectFigure(el, {kind: "study-area-map", caption: /study area/});
    expect(el.textContent).toContain("Town");
    expect(fetched()).toEqual(["layers.json", "study.json"]);
  });

  it("land-cover-map: the chosen epoch's slice of the stacked PNG, with the map layers and the badge", async () => {
    const el = await draw("land-cover-map", {epoch: "2010"});
    expectFigure(el, {kind: "land-cover-map", caption: /landcover\.png/, download: false});
    const img = el.querySelector("image")!;
    expect(img.getAttribute("href")).toBe("data/landcover.png");
    // the second of three stacked epochs
    expect(img.parentElement!.getAttribute("viewBox")).toBe("0 1 1 1");
    expect(img.getAttribute("height")).toBe("3");
    expect(badge(el)).toBe("reconstructed data");
    expect(el.textContent).toContain("Town");
    expect(fetched()).toEqual(["layers.json", "study.json"]);
  });

  it("area-bars: grouped, with the gainer and the biggest loser as takeaway", async () => {
    const el = await draw("area-bars");
    expectFigure(el, {kind: "area-bars", caption: /landuse-areas\.arrow/});
    expect(takeaway(el)).toBe("Construction land gained +30.00 km², cultivated land lost most.");
    expect(badge(el)).toBe("reconstructed data");
    expect(fetched()).toEqual(["landuse-areas.arrow", "study.json"]);
  });

  it("transition-sankey: the whole study by default, any period by from-to", async () => {
    const whole = await draw("transition-sankey");
    expectFigure(whole, {kind: "transition-sankey", caption: /2000–2020/});
    // 5 + 20 + 5 + 10 km² moved between classes
    expect(takeaway(whole)).toBe("40 km² changed class in 2000–2020.");
    const step = await draw("transition-sankey", {period: "2010-2020"});
    expect(step.querySelector("figcaption")?.textContent).toMatch(/2010–2020/);
    expect(takeaway(step)).toBe("20 km² changed class in 2010–2020.");
    expect(fetched()).toEqual(["study.json", "transitions.arrow"]);
  });

  it("dynamics-chart and scale-chart read their one table", async () => {
    const dyn = await draw("dynamics-chart");
    expectFigure(dyn, {kind: "dynamics-chart", caption: /dynamics\.arrow/});
    expect(badge(dyn)).toBe("reconstructed data");
    const scale = await draw("scale-chart");
    expectFigure(scale, {kind: "scale-chart", caption: /moran\.arrow/});
    expect(scale.textContent).toMatch(/pseudo p ≤ 0\.05/);
    expect(fetched()).toEqual(["dynamics.arrow", "moran.arrow", "study.json"]);
  });

  it("carbon-bars, energy-bars and esv-bars carry the takeaways of their pages", async () => {
    const carbon = await draw("carbon-bars");
    expectFigure(carbon, {kind: "carbon-bars", caption: /carbon\.arrow/});
    // 25.3 / 9 = 2.811; 26 / 26.8 = 97.0 %
    expect(takeaway(carbon)).toBe("Net emissions rose 2.81-fold; energy is 97.0 % of the sources in 2020.");
    const energy = await draw("energy-bars");
    expectFigure(energy, {kind: "energy-bars", caption: /energy\.arrow/});
    expect(takeaway(energy)).toBe("Raw coal is the largest fuel in 2020.");
    const byClass = await draw("esv-bars");
    // (10 − 9) / 10 = 10 %; forest 6 of 10 in 2000
    expect(takeaway(byClass)).toBe("ESV fell 10.00 %; forest land holds 60.0 % of it in 2000.");
    expect(byClass.querySelector("figcaption")?.textContent).toMatch(/by land-use class/);
    const byService = await draw("esv-bars", {by: "service"});
    expectFigure(byService, {kind: "esv-bars", caption: /by service/});
    expect(fetched()).toEqual(["carbon.arrow", "energy.arrow", "esv.arrow", "study.json"]);
  });

  it("intensity-map: one epoch's cells from the light table, coloured on one domain over every epoch", async () => {
    const e2000 = await draw("intensity-map", {value: "carbon", epoch: "2000"});
    expectFigure(e2000, {kind: "grid-map", caption: /./});
    // cell 4 is not in the 2000 analysis
    expect(count(e2000, "g.atlas-cells path")).toBe(5);
    expect(plotSvg(e2000).getAttribute("aria-label")).toMatch(/carbon emission intensity.*2000, 1 km cells/);
    expect(takeaway(e2000)).toBe("Carbon intensity falls away from the centre.");
    expect(badge(e2000)).toBe("reconstructed data");
    const e2020 = await draw("intensity-map", {value: "carbon", epoch: "2020"});
    expect(count(e2020, "g.atlas-cells path")).toBe(6);
    // cell 5 has 500 in both epochs: the same colour only if the domain spans every epoch (2000's own range ends at 500, 2020's starts at 2000)
    expect(fills(e2000)[4]).toBe(fills(e2020)[5]);
    expect(new Set(fills(e2020)).size).toBe(6);
    const esv = await draw("intensity-map", {value: "esv", epoch: "2010"});
    expect(plotSvg(esv).getAttribute("aria-label")).toMatch(/esv intensity.*2010, 1 km cells/i);
    expect(takeaway(esv)).toBe("ESV intensity is not higher along the river.");
    expect(fetched()).toEqual(["grid-map.arrow", "layers.json", "study.json"]);
  });

  it("intensity-map at another cell size reads the table of every size, and has no takeaway without a published pattern", async () => {
    const el = await draw("intensity-map", {value: "esv", epoch: "2020", cell: "2"});
    expect(count(el, "g.atlas-cells path")).toBe(2);
    expect(plotSvg(el).getAttribute("aria-label")).toMatch(/2020, 2 km cells/);
    expect(takeaway(el)).toBeUndefined();
    expect(fetched()).toEqual(["grid-map-all.arrow", "layers.json", "study.json"]);
  });

  it("lisa-map: the clusters of the chosen epoch, counted in the legend", async () => {
    const el = await draw("lisa-map", {epoch: "2000"});
    expectFigure(el, {kind: "lisa-map", caption: /./});
    expect(count(el, "g.atlas-cells path")).toBe(5);
    const legend = swatches(el);
    for (const [type, n] of [
      ["HH", 1],
      ["LL", 1],
      ["LH", 1],
      ["HL", 0],
      ["NS", 1],
      ["neighborless", 1]
    ] as const)
      expect(legend).toContain(`${lisaLabel(type)} (${n})`);
    expect(badge(el)).toBe("reconstructed data");
    expect(fetched()).toEqual(["grid-lisa.arrow", "grid-map.arrow", "layers.json", "moran.arrow", "study.json"]);
  });

  it("moran-scatter: a dot per tested cell, the line of the published I, the Coupling page's caption", async () => {
    const el = await draw("moran-scatter", {epoch: "2010"});
    expectFigure(el, {kind: "moran-scatter", caption: /Bivariate Moran scatterplot, 2010, 1 km cells/});
    const caption = el.querySelector("figcaption")!;
    // I of 2010 on the 1 km grid: −0.3 − 0.05
    expect(caption.textContent).toContain(`slope I = ${f3(-0.35)}`);
    expect(caption.textContent).toMatch(/rook contiguity, row-standardised/);
    expect(caption.querySelectorAll("i").length).toBeGreaterThan(3);
    expect(plotSvg(el).textContent).toContain(`pseudo p = ${f3(0.01)}`);
    // every 2010 cell has z_x and a lag
    expect(count(plotSvg(el), "circle")).toBe(6);
    expect(fetched()).toEqual(["grid-lisa.arrow", "grid-map.arrow", "moran.arrow", "study.json"]);
  });

  it("cluster-flows: every epoch's clusters; a grid without any says so instead", async () => {
    const el = await draw("cluster-flows");
    expectFigure(el, {kind: "cluster-flows", caption: /LISA cluster type of each 1 km cell in every epoch/});
    expect(el.querySelector("figcaption")?.textContent).toMatch(/cells not significant in an epoch are left out/);
    const none = await draw("cluster-flows", {cell: "2"});
    expect(none.tagName).toBe("P");
    expect(none.className).toBe("atlas-no-clusters");
    expect(none.textContent).toMatch(/^No cell of the 2 km grid is in a significant cluster in any epoch \(pseudo p ≤ 0\.05\)/);
    expect(fetched()).toEqual([
      "grid-lisa-all.arrow",
      "grid-lisa.arrow",
      "grid-map-all.arrow",
      "grid-map.arrow",
      "moran.arrow",
      "study.json"
    ]);
  });

  it("draws without the badge for a study of real data", async () => {
    served.files.set("study.json", {...STUDY, reconstruction: {reconstructed: false, note: ""}});
    const el = await draw("area-bars");
    expect(badge(el)).toBeUndefined();
  });

  it("stops with an error naming the figure and the option", async () => {
    await expect(storyFigure("pie-chart", {})).rejects.toThrow(/story figure "pie-chart": no such figure; the figures are: study-area-map/);
    await expect(storyFigure("area-bars", {epoch: "2000"})).rejects.toThrow(/story figure "area-bars" takes no options; got epoch=/);
    await expect(storyFigure("lisa-map", {})).rejects.toThrow(/story figure "lisa-map" needs epoch=/);
    await expect(storyFigure("land-cover-map", {epoch: "2005"})).rejects.toThrow(
      /story figure "land-cover-map": epoch=2005 is not an epoch of this study \(2000, 2010, 2020\)/
    );
    await expect(storyFigure("lisa-map", {epoch: "2000", cell: "3"})).rejects.toThrow(
      /"lisa-map": cell=3 is not a cell size of this study \(1, 2 km\)/
    );
    await expect(storyFigure("transition-sankey", {period: "2020-2000"})).rejects.toThrow(
      /"transition-sankey": period=2020-2000 is not a period from an earlier/
    );
    await expect(storyFigure("transition-sankey", {period: "2000-2015"})).rejects.toThrow(
      /period=2000-2015 is not a period between epochs of this study \(2000, 2010, 2020\)/
    );
    await expect(storyFigure("esv-bars", {by: "fuel"})).rejects.toThrow(/"esv-bars": by=fuel is not one of class, service/);
    // a period of two epochs that the table does not hold
    served.files.set("transitions.arrow", tableFromJSON(TRANSITION_ROWS.filter((d) => d.period === "2000–2020")));
    await expect(storyFigure("transition-sankey", {period: "2000-2010"})).rejects.toThrow(
      /"transition-sankey": period=2000-2010 has no transitions in transitions\.arrow/
    );
  });
});
