// The figures a story page places by name ({{figure NAME key=value …}}, the
// list and its options in src/lib/story-figures.ts). Each is drawn exactly as
// its reference page draws it: the same chart factory, data, caption,
// takeaway, reconstruction badge and map layers, with the page's controls at
// their defaults unless the author chose. Only the tables a figure needs are
// fetched, and each chart factory is imported when its figure is asked for,
// so a story page loads the code and data of its own figures only.
import {rowsOf} from "./figure.js";
import {f3} from "./format.js";
import {captionBadge, reconstructionBadge} from "./notice.js";
import {
  areaTakeaway,
  carbonIntensityTakeaway,
  carbonTakeaway,
  clusterFlowsCaption,
  energyTakeaway,
  esvIntensityTakeaway,
  esvTakeaway,
  transitionTakeaway
} from "./takeaways.js";
import {CARBON_INTENSITY_COLOR, ESV_INTENSITY_COLOR} from "./intensity-scales.js";
// @ts-expect-error -- study-files.js is plain JS (Framework needs literal FileAttachment names there); typed by StudyFiles below
import * as served from "./study-files.js";
import type {GridLayerOptions} from "./grid-common.js";
import type {StudyAreaLayers} from "./study-area-map.js";
import type {CarbonRow, DynamicsRow, EnergyRow, EsvRow, GridRow, MoranRow, TransitionRow, AreaRow} from "./tables.js";
import {findings, type FindingsInput} from "../lib/findings.js";
import {CLUSTER_TYPES} from "../lib/moran.js";
import type {EpochPattern} from "../lib/patterns.js";
import {FIGURE_CHOICES, FIGURE_KINDS, type FigureKind, type FigureOption, type FigureOptions} from "../lib/story-figures.js";

/** The part of study.json the figures read. */
interface StoryStudy extends FindingsInput {
  display: {bounds: [number, number, number, number]};
  reconstruction: {reconstructed: boolean; note: string};
  parameters: FindingsInput["parameters"] & {
    grid: {defaultCellKm: number; cellSizesKm: number[]};
    spatial: {globalNull: "pairs" | "y"; correction: string};
  };
  summary: FindingsInput["summary"] & {patterns: Record<string, Record<string, EpochPattern>>};
}

type MapLayers = Pick<GridLayerOptions, "outline" | "boundaries" | "rivers" | "places" | "river">;

/** What the figures use of study-files.js, typed. */
interface StudyFiles {
  loadStudy(): Promise<StoryStudy>;
  loadLayers(): Promise<StudyAreaLayers>;
  loadTable(name: string): Promise<Iterable<object>>;
  loadGridRows(study: StoryStudy, o: {cellKm: number; epoch: number; lisa?: boolean}): Promise<GridRow[]>;
  gridExtent(study: StoryStudy, name: string, cellKm: number): Promise<[number, number]>;
  mapLayers(layers: StudyAreaLayers): MapLayers;
  FILES: {landcover: {url(): Promise<string>}};
}
const files = served as StudyFiles;

/** What a story page's cell puts in `resize(…)`. */
type Draw = (width: number) => HTMLElement;

/** The author's options, read and checked against the study; every error names the figure and the option. */
interface Chosen {
  study: StoryStudy;
  epoch(): number;
  cell(): number;
  period(): [number, number];
  by(): "class" | "service";
  value(): "carbon" | "esv";
}

/** Place figure `name` with the author's `options` (strings from the shortcode); resolves to the drawing function. */
export async function storyFigure(name: string, options: FigureOptions = {}): Promise<Draw> {
  const kind = FIGURE_KINDS.find((f) => f.name === name);
  if (!kind) throw new Error(`story figure "${name}": no such figure; the figures are: ${FIGURE_KINDS.map((f) => f.name).join(", ")}`);
  for (const key of Object.keys(options))
    if (!(kind.options as readonly string[]).includes(key))
      throw new Error(`story figure "${name}" takes ${kind.options.length ? kind.options.join(", ") : "no options"}; got ${key}=`);
  for (const key of kind.required) if (options[key] === undefined) throw new Error(`story figure "${name}" needs ${key}=…`);
  const draw = DRAW[name];
  if (!draw)
    throw new Error(`story figure "${name}" is listed in src/lib/story-figures.ts but not drawn in src/components/story-figure.ts`);
  return draw(chosen(kind, options, await files.loadStudy()));
}

function chosen(kind: FigureKind, options: FigureOptions, study: StoryStudy): Chosen {
  const fail = (key: FigureOption, expected: string): never => {
    throw new Error(`story figure "${kind.name}": ${key}=${options[key]} is not ${expected}`);
  };
  const epochs = study.epochs;
  const epochOf = (key: FigureOption, v: string) => {
    const e = Number(v);
    return epochs.includes(e) ? e : fail(key, `an epoch of this study (${epochs.join(", ")})`);
  };
  const choice = <K extends "by" | "value">(key: K, fallback: (typeof FIGURE_CHOICES)[K][number]) => {
    const v = options[key] ?? fallback;
    return (FIGURE_CHOICES[key] as readonly string[]).includes(v)
      ? (v as (typeof FIGURE_CHOICES)[K][number])
      : fail(key, `one of ${FIGURE_CHOICES[key].join(", ")}`);
  };
  return {
    study,
    epoch: () => epochOf("epoch", options.epoch ?? fail("epoch", "given")),
    cell: () => {
      const {cellSizesKm, defaultCellKm} = study.parameters.grid;
      const k = options.cell === undefined ? defaultCellKm : Number(options.cell);
      return cellSizesKm.includes(k) ? k : fail("cell", `a cell size of this study (${cellSizesKm.join(", ")} km)`);
    },
    period: () => {
      if (options.period === undefined) return [epochs[0], epochs[epochs.length - 1]];
      const m = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(options.period);
      if (!m) return fail("period", `a period written from-to (e.g. ${epochs[0]}-${epochs[epochs.length - 1]})`);
      const [from, to] = [Number(m[1]), Number(m[2])];
      if (!epochs.includes(from) || !epochs.includes(to))
        return fail("period", `a period between epochs of this study (${epochs.join(", ")})`);
      return from < to ? [from, to] : fail("period", "a period from an earlier epoch to a later one");
    },
    by: () => choice("by", "class"),
    value: () => choice("value", "carbon")
  };
}

const table = async <T>(name: string): Promise<T[]> => rowsOf((await files.loadTable(name)) as Iterable<T>);

/** One drawing per figure of FIGURE_KINDS, as its reference page draws it (the page named in each comment). */
const DRAW: Record<string, (o: Chosen) => Promise<Draw>> = {
  // the overview's study-area map
  "study-area-map": async () => {
    const [layers, Plot, {StudyAreaMap}] = await Promise.all([
      files.loadLayers(),
      import("@observablehq/plot"),
      import("./study-area-map.js")
    ]);
    return (width) => StudyAreaMap(layers, {Plot, width, maxHeight: 640});
  },

  // land-use.md: the land-cover map of the year chosen
  "land-cover-map": async ({study, epoch}) => {
    const year = epoch();
    const [layers, src, {LandCoverMap}] = await Promise.all([
      files.loadLayers(),
      files.FILES.landcover.url(),
      import("./land-cover-map.js")
    ]);
    const image = {src, index: study.epochs.indexOf(year), count: study.epochs.length, bounds: study.display.bounds, year};
    return (width) => LandCoverMap(image, {width, ...files.mapLayers(layers), maxHeight: 760, note: reconstructionBadge(study)});
  },

  // land-use.md: areas, grouped (the page's default layout)
  "area-bars": async ({study}) => {
    const [areas, {AreaBars}] = await Promise.all([table<AreaRow>("landuse-areas"), import("./area-bars.js")]);
    const {change, gainer, losers} = findings(study);
    const takeaway = areaTakeaway(change, gainer, losers[0]);
    return (width) => AreaBars(areas, {width, layout: "grouped", note: reconstructionBadge(study), takeaway});
  },

  // land-use.md: the transitions of the period chosen
  "transition-sankey": async ({study, period}) => {
    const [from, to] = period();
    const [transitions, {TransitionSankey}] = await Promise.all([table<TransitionRow>("transitions"), import("./transition-sankey.js")]);
    const rows = transitions.filter((d) => d.from_epoch === from && d.to_epoch === to);
    if (!rows.length) throw new Error(`story figure "transition-sankey": period=${from}-${to} has no transitions in transitions.arrow`);
    const name = rows[0].period;
    const changed = rows.filter((d) => d.from !== d.to && d.km2 > 0).reduce((s, d) => s + d.km2, 0);
    const takeaway = transitionTakeaway(changed, name);
    return (width) =>
      TransitionSankey(transitions, {width, period: name, height: width < 500 ? 420 : 480, note: reconstructionBadge(study), takeaway});
  },

  // land-use.md: dynamic degrees on the linear scale (the page's default)
  "dynamics-chart": async ({study}) => {
    const [dynamics, {DynamicsChart}] = await Promise.all([table<DynamicsRow>("dynamics"), import("./dynamics-chart.js")]);
    return (width) => DynamicsChart(dynamics, {width, yType: "linear", note: reconstructionBadge(study)});
  },

  // carbon.md: all sources and sinks (the page's default)
  "carbon-bars": async ({study}) => {
    const [carbon, {CarbonBars}] = await Promise.all([table<CarbonRow>("carbon"), import("./carbon-bars.js")]);
    const last = study.epochs[study.epochs.length - 1];
    const totals = (epoch: number) => {
      const rows = carbon.filter((d) => d.epoch === epoch);
      const sum = (f: (d: CarbonRow) => boolean) => rows.filter(f).reduce((s, d) => s + d.e4t, 0);
      return {sources: sum((d) => d.e4t > 0), indirect: sum((d) => d.method === "indirect"), net: sum(() => true)};
    };
    const [c0, c1] = [totals(study.epochs[0]), totals(last)];
    const takeaway = carbonTakeaway(c0.net, c1.net, c1.indirect / c1.sources, last);
    return (width) => CarbonBars(carbon, {width, note: captionBadge(study, "carbon"), takeaway});
  },

  // carbon.md: energy by fuel, in carbon (the page's default measure)
  "energy-bars": async ({study}) => {
    const [energy, {EnergyBars}] = await Promise.all([table<EnergyRow>("energy"), import("./energy-bars.js")]);
    const last = study.epochs[study.epochs.length - 1];
    const topFuel = energy.filter((d) => d.epoch === last).sort((a, b) => b.e4t - a.e4t)[0];
    const takeaway = energyTakeaway(topFuel?.fuel, last);
    return (width) => EnergyBars(energy, {width, value: "e4t", note: captionBadge(study, "carbon"), takeaway});
  },

  // esv.md: ESV stacked by class or by service
  "esv-bars": async ({study, by}) => {
    const stackBy = by();
    const [esv, {EsvBars}] = await Promise.all([table<EsvRow>("esv"), import("./esv-bars.js")]);
    const F = findings(study);
    const first = study.epochs[0];
    const forest = esv.filter((d) => d.epoch === first && d.class === "forest").reduce((s, d) => s + d.e8yuan, 0);
    const takeaway = esvTakeaway(F.esvFall, forest / F.esvFirst, first);
    return (width) => EsvBars(esv, {width, by: stackBy, height: width < 500 ? 380 : 360, note: captionBadge(study, "esv"), takeaway});
  },

  // carbon.md and esv.md: the intensity map, coloured on one domain over every epoch
  "intensity-map": async ({study, value, epoch, cell}) => {
    const [what, year, cellKm] = [value(), epoch(), cell()];
    const column = what === "carbon" ? "carbon_intensity" : "esv_intensity";
    const [layers, rows, extent, {GridMap}] = await Promise.all([
      files.loadLayers(),
      files.loadGridRows(study, {cellKm, epoch: year}),
      files.gridExtent(study, column, cellKm),
      import("./grid-map.js")
    ]);
    const pattern = study.summary.patterns[String(cellKm)]?.[String(year)];
    const color = what === "carbon" ? {...CARBON_INTENSITY_COLOR, domain: extent} : {...ESV_INTENSITY_COLOR, domain: [0, extent[1]]};
    const takeaway = what === "carbon" ? carbonIntensityTakeaway(pattern) : esvIntensityTakeaway(pattern);
    const note = captionBadge(study, what);
    return (width) =>
      GridMap(rows, {width, epoch: year, cellKm, takeaway, ...files.mapLayers(layers), value: column, maxHeight: 760, color, note});
  },

  // coupling.md: the LISA map of the epoch and grid chosen
  "lisa-map": async (o) => {
    const c = await coupling(o, "lisa-map");
    const [layers, rows, {LisaMap}] = await Promise.all([files.loadLayers(), epochRows(o.study, c), import("./lisa-map.js")]);
    const options = {epoch: c.epoch, cellKm: c.cellKm, ...files.mapLayers(layers), note: captionBadge(o.study, "coupling")};
    const tests = {alpha: c.alpha, correction: c.current.correction, permutations: c.permutations};
    return (width) => LisaMap(rows, {width, ...options, ...tests, maxHeight: Math.max(300, Math.min(560, Math.round(width * 1.15)))});
  },

  // coupling.md: the Moran scatterplot of the epoch and grid chosen
  "moran-scatter": async (o) => {
    const c = await coupling(o, "moran-scatter");
    const [rows, {MoranScatter}] = await Promise.all([epochRows(o.study, c), import("./moran-scatter.js")]);
    const {epoch, cellKm, current} = c;
    const p = o.study.parameters.spatial.globalNull === "pairs" ? current.p_sim_pairs : current.p_sim;
    return (width) => {
      const caption = rich([
        "Bivariate Moran scatterplot, ",
        `${epoch}, ${cellKm} km cells: standardised carbon emission intensity `,
        ["i", "z"],
        ["sub", "x"],
        " against the spatial lag of standardised ESV intensity (",
        ["i", "W"],
        ["i", "z"],
        ["sub", "y"],
        `) (${current.weights} contiguity, row-standardised). The line through the origin has slope `,
        ["i", "I"],
        ` = ${f3(current.i)}; the pseudo `,
        ["i", "p"],
        ` shown is the reported null's (${o.study.parameters.spatial.globalNull === "pairs" ? "pairs permuted" : "y permuted"}). `,
        "Dots coloured by LISA cluster. Source: grid.arrow (z_x, lag_z_y, cluster) and moran.arrow, computed by the study pipeline."
      ]);
      const weights = `${current.weights} contiguity, row-standardised`;
      return MoranScatter(rows, {width, epoch, cellKm, i: current.i, p: p ?? undefined, height: Math.min(width, 480), weights, caption});
    };
  },

  // coupling.md: Moran's I and the clusters at every cell size, dots by the study's null
  "scale-chart": async ({study}) => {
    const [moran, {ScaleChart}] = await Promise.all([moranRows(), import("./scale-chart.js")]);
    const alpha = moran[0]?.alpha ?? study.parameters.spatial.alpha;
    const nullModel = study.parameters.spatial.globalNull;
    return (width) => ScaleChart(moran, {width, nullModel, alpha, height: Math.max(220, Math.min(300, width * 0.45))});
  },

  // coupling.md: cells moving between LISA types, the not significant hidden (the page's default)
  "cluster-flows": async ({study, cell}) => {
    const cellKm = cell();
    const [moran, {ClusterFlows}] = await Promise.all([moranRows(), import("./cluster-flows.js")]);
    const epochs = [...new Set(moran.map((d) => d.epoch))].sort((a, b) => a - b);
    if (!moran.some((d) => d.cell_km === cellKm))
      throw new Error(`story figure "cluster-flows": cell=${cellKm} has no results in moran.arrow`);
    const rows = (await Promise.all(epochs.map((epoch) => files.loadGridRows(study, {cellKm, epoch, lisa: true})))).flat();
    const alpha = moran[0]?.alpha ?? study.parameters.spatial.alpha;
    const correction = study.parameters.spatial.correction;
    if (!rows.some((d) => (CLUSTER_TYPES as readonly unknown[]).includes(d.cluster)))
      return () =>
        rich(
          [
            `No cell of the ${cellKm} km grid is in a significant cluster in any epoch (pseudo `,
            ["i", "p"],
            ` ≤ ${alpha}${correction !== "none" ? `, after the ${correction} correction` : ""}), so there are no movements between cluster types to draw. `,
            "With so few cells, a test at this level rarely finds any; a finer grid has more."
          ],
          {tag: "p", className: "atlas-no-clusters"}
        );
    const caption = clusterFlowsCaption(cellKm, true);
    return (width) =>
      ClusterFlows(rows, {width, cellKm, hideNotSignificant: true, height: Math.max(320, Math.min(480, width * 0.6)), caption});
  }
};

/** moran.arrow, sorted as the Coupling page sorts it. */
const moranRows = async () => (await table<MoranRow>("moran")).sort((a, b) => a.cell_km - b.cell_km || a.epoch - b.epoch);

interface Coupling {
  epoch: number;
  cellKm: number;
  current: MoranRow;
  alpha: number;
  permutations: number;
}

/** The Coupling page's settings for one epoch and grid: its global result, α and the permutation count. */
async function coupling({study, epoch, cell}: Chosen, name: string): Promise<Coupling> {
  const [e, cellKm] = [epoch(), cell()];
  const moran = await moranRows();
  const current = moran.find((d) => d.cell_km === cellKm && d.epoch === e);
  if (!current) throw new Error(`story figure "${name}": epoch=${e} cell=${cellKm} has no results in moran.arrow`);
  const spatial = study.parameters.spatial;
  return {epoch: e, cellKm, current, alpha: moran[0]?.alpha ?? spatial.alpha, permutations: moran[0]?.permutations ?? spatial.permutations};
}

const epochRows = (study: StoryStudy, c: Coupling) => files.loadGridRows(study, {cellKm: c.cellKm, epoch: c.epoch, lisa: true});

type Part = string | [tag: string, text: string];

/** Text with italics and subscripts (a part is text or [tag, text]), as nodes in the page's document: the chart factories draw without htl. */
function rich(parts: Part[], {tag = "span", className}: {tag?: string; className?: string} = {}): HTMLElement {
  const doc = (globalThis as {document?: Document}).document;
  if (!doc) throw new Error("story figures draw in a browser (or a test's DOM)");
  const wrap = doc.createElement(tag);
  if (className) wrap.className = className;
  for (const part of parts) {
    if (typeof part === "string") wrap.append(part);
    else {
      const el = doc.createElement(part[0]);
      el.textContent = part[1];
      wrap.append(el);
    }
  }
  return wrap;
}
