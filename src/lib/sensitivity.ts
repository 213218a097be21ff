// The sensitivity explorer's state and computation: what a reviewer may
// change (land-use carbon coefficients, fuel coefficients, the standard
// equivalent value E, the class-to-row mapping of the ESV table), how that
// state lives in a URL, and the recomputation of regional totals, per-cell
// intensities and bivariate Moran / LISA from the per-cell composition of the
// grid tables. Pure TypeScript (no Node, no DOM): the Review page's web
// worker and test/sensitivity.test.ts run this very file, and it calls the
// formulas the pipeline called (carbon.ts, esv.ts, intensity.ts, weights.ts,
// moran.ts); nothing here re-implements a formula.
import {CLASSES, type LandClass} from "./classes.js";
import type {Study} from "./params.js";
import type {EnergyTable} from "./energy.js";
import type {GridComposition} from "./grid.js";
import {carbonBalance} from "./carbon.js";
import {toE4t, toE8yuan} from "./units.js";
import {esvTotal, standardEquivalentValue, valueCoefficients} from "./esv.js";
import {gridCoupling} from "./coupling.js";
import {CLUSTER_LABELS} from "./moran.js";

/** Classes with a direct (area × coefficient) carbon coefficient. */
export const DIRECT_CLASSES = ["cultivated", "forest", "grassland", "water", "unused"] as const;

/** Rows of the equivalent-factor table a class may be mapped onto (STUDY.md: the mapping is a parameter). */
export const ROW_CANDIDATES: Partial<Record<LandClass, string[][]>> = {
  cultivated: [["dry_land"], ["paddy"], ["dry_land", "paddy"]],
  forest: [["broadleaf"], ["mixed_forest"], ["shrub"], ["broadleaf", "mixed_forest"]],
  grassland: [["steppe"], ["shrub_grass"], ["steppe", "shrub_grass"]],
  water: [["water_system"], ["wetland"], ["water_system", "wetland"]],
  unused: [["bare_land"], ["desert"], ["bare_land", "desert"]]
};

/** Permutation counts offered for the live LISA. */
export const PERMUTATION_CHOICES = [99, 199, 499, 999] as const;

// ------------------------------------------------------------------ state

/** Everything a reviewer can set; the URL holds the entries that differ from the published ones. */
export interface ExplorerState {
  /** grid cell size, km */
  cellKm: number;
  /** epoch of the maps */
  epoch: number;
  /** permutations of the live LISA */
  perms: number;
  /** t C/hm²/yr per class with a direct coefficient */
  landCarbon: Record<string, number>;
  /** kgce per unit (kg or m³) per fuel */
  standardCoal: Record<string, number>;
  /** t C/tce per fuel */
  carbonPerCoal: Record<string, number>;
  /** standard equivalent value, yuan/hm² */
  E: number;
  /** class → row option id (see rowOptions) */
  rows: Record<string, string>;
}

export interface RowOption {
  /** "dry_land", "dry_land+paddy" (equal weights) or "published" (the study file's weights, when unequal) */
  id: string;
  label: string;
  weights: Record<string, number>;
  published: boolean;
}

const pretty = (row: string) => row.replace(/_/g, " ");

function describeWeights(weights: Record<string, number>): string {
  const rows = Object.keys(weights);
  if (!rows.length) return "no value";
  if (rows.length === 1) return pretty(rows[0]);
  const equal = rows.every((r) => weights[r] === weights[rows[0]]);
  return equal ? rows.map(pretty).join(" + ") + " (equal)" : rows.map((r) => `${weights[r]} × ${pretty(r)}`).join(" + ");
}

/** The id of a set of weights: the rows joined by "+" when the weights are equal, else null. */
function idOf(weights: Record<string, number>, rowOrder: string[]): string | null {
  const rows = Object.keys(weights).sort((a, b) => rowOrder.indexOf(a) - rowOrder.indexOf(b));
  if (!rows.length) return "none";
  const w = weights[rows[0]];
  return rows.every((r) => Math.abs(weights[r] - w) < 1e-12) ? rows.join("+") : null;
}

function weightsOf(id: string): Record<string, number> {
  if (id === "none") return {};
  const rows = id.split("+");
  return Object.fromEntries(rows.map((r) => [r, 1 / rows.length]));
}

/** The mappings offered for one class: the published one first, then the usual alternatives present in the table. */
export function rowOptions(study: Study, cls: LandClass): RowOption[] {
  const tableRows = Object.keys(study.esv.equivalentFactors.rows);
  const published = study.esv.classRows[cls];
  const pubId = idOf(published, tableRows) ?? "published";
  const out: RowOption[] = [{id: pubId, label: `${describeWeights(published)}, published`, weights: {...published}, published: true}];
  for (const rows of ROW_CANDIDATES[cls] ?? []) {
    if (!rows.every((r) => tableRows.includes(r))) continue;
    const id = rows.join("+");
    if (id === pubId) continue;
    const weights = weightsOf(id);
    out.push({id, label: describeWeights(weights), weights, published: false});
  }
  return out;
}

/** The state of the published parameters. */
export function publishedState(study: Study, cellKm?: number, epoch?: number, perms = 199): ExplorerState {
  const {fuels} = study.carbon.energy;
  return {
    cellKm: cellKm ?? study.grid.defaultCellKm,
    epoch: epoch ?? study.study.epochs[study.study.epochs.length - 1],
    perms,
    landCarbon: Object.fromEntries(DIRECT_CLASSES.map((c) => [c, study.carbon.landUse[c].value])),
    standardCoal: Object.fromEntries(Object.entries(fuels).map(([k, f]) => [k, f.standardCoal.value])),
    carbonPerCoal: Object.fromEntries(Object.entries(fuels).map(([k, f]) => [k, f.carbon.value])),
    E: standardEquivalentValue(study.esv.standardValue),
    rows: Object.fromEntries(CLASSES.filter((c) => rowOptions(study, c).length > 1).map((c) => [c, rowOptions(study, c)[0].id]))
  };
}

/** Is the state's model (not its view: cell size, epoch, permutations) the published one? */
export function isPublishedModel(state: ExplorerState, published: ExplorerState): boolean {
  return modelEntries(state).every(([k, v]) => modelValue(published, k) === v);
}

/** [url key, value] of the model parameters, in a fixed order. */
function modelEntries(s: ExplorerState): [string, number | string][] {
  return [
    ...Object.entries(s.landCarbon).map(([k, v]) => [`c.${k}`, v] as [string, number]),
    ...Object.entries(s.standardCoal).map(([k, v]) => [`sc.${k}`, v] as [string, number]),
    ...Object.entries(s.carbonPerCoal).map(([k, v]) => [`cc.${k}`, v] as [string, number]),
    ["E", s.E],
    ...Object.entries(s.rows).map(([k, v]) => [`esv.${k}`, v] as [string, string])
  ];
}

function modelValue(s: ExplorerState, key: string): number | string | undefined {
  const [group, name] = key.includes(".") ? [key.slice(0, key.indexOf(".")), key.slice(key.indexOf(".") + 1)] : [key, ""];
  if (group === "c") return s.landCarbon[name];
  if (group === "sc") return s.standardCoal[name];
  if (group === "cc") return s.carbonPerCoal[name];
  if (group === "esv") return s.rows[name];
  if (group === "E") return s.E;
  return undefined;
}

/** URL query (without "?") holding what differs from `published`: e.g. "c.forest=-0.581&E=3000&km=1". */
export function encodeState(state: ExplorerState, published: ExplorerState): string {
  const q = new URLSearchParams();
  if (state.cellKm !== published.cellKm) q.set("km", String(state.cellKm));
  if (state.epoch !== published.epoch) q.set("epoch", String(state.epoch));
  if (state.perms !== published.perms) q.set("perms", String(state.perms));
  for (const [k, v] of modelEntries(state)) if (modelValue(published, k) !== v) q.set(k, String(v));
  return q.toString();
}

/**
 * The state a URL query describes, starting from `published`. Unknown keys,
 * values out of range and rows not offered are ignored (listed in `ignored`),
 * so that a shared link never breaks the page.
 */
export function decodeState(
  search: string,
  published: ExplorerState,
  study: Study,
  offered: {cellSizes: number[]; epochs: number[]}
): {state: ExplorerState; ignored: string[]} {
  const state: ExplorerState = structuredClone(published);
  const ignored: string[] = [];
  const q = new URLSearchParams(search.replace(/^\?/, ""));
  for (const [key, raw] of q) {
    const num = raw.trim() === "" ? NaN : Number(raw);
    const ok = (() => {
      if (key === "km") return offered.cellSizes.includes(num) && ((state.cellKm = num), true);
      if (key === "epoch") return offered.epochs.includes(num) && ((state.epoch = num), true);
      if (key === "perms") return (PERMUTATION_CHOICES as readonly number[]).includes(num) && ((state.perms = num), true);
      if (key === "E") return num > 0 && Number.isFinite(num) && ((state.E = num), true);
      const dot = key.indexOf(".");
      const group = key.slice(0, dot),
        name = key.slice(dot + 1);
      if (dot < 0) return false;
      if (group === "c") return name in state.landCarbon && Number.isFinite(num) && ((state.landCarbon[name] = num), true);
      if (group === "sc") return name in state.standardCoal && num > 0 && Number.isFinite(num) && ((state.standardCoal[name] = num), true);
      if (group === "cc")
        return name in state.carbonPerCoal && num > 0 && Number.isFinite(num) && ((state.carbonPerCoal[name] = num), true);
      if (group === "esv")
        return name in state.rows && rowOptions(study, name as LandClass).some((o) => o.id === raw) && ((state.rows[name] = raw), true);
      return false;
    })();
    if (!ok) ignored.push(`${key}=${raw}`);
  }
  return {state, ignored};
}

/** The study with the state's coefficients in place of the published ones (units and sources kept; changed values say so). */
export function studyWithState(study: Study, state: ExplorerState): Study {
  const s: Study = structuredClone(study);
  const edited = "changed in the sensitivity explorer";
  for (const c of DIRECT_CLASSES) {
    const v = state.landCarbon[c];
    if (v !== undefined && v !== s.carbon.landUse[c].value) s.carbon.landUse[c] = {...s.carbon.landUse[c], value: v, source: edited};
  }
  for (const [k, f] of Object.entries(s.carbon.energy.fuels)) {
    const sc = state.standardCoal[k],
      cc = state.carbonPerCoal[k];
    if (sc !== undefined && sc !== f.standardCoal.value) f.standardCoal = {...f.standardCoal, value: sc, source: edited};
    if (cc !== undefined && cc !== f.carbon.value) f.carbon = {...f.carbon, value: cc, source: edited};
  }
  if (state.E !== standardEquivalentValue(s.esv.standardValue))
    s.esv.standardValue = {method: "direct", value: {value: state.E, unit: "yuan/hm²", source: edited}};
  for (const c of CLASSES) {
    const id = state.rows[c];
    if (id === undefined) continue;
    const option = rowOptions(study, c).find((o) => o.id === id);
    if (!option) throw new Error(`sensitivity: no ESV row option "${id}" for ${c}`);
    s.esv.classRows[c] = {...option.weights};
  }
  return s;
}

/** Throws, naming the parameter, when a coefficient is not a usable number. */
export function checkState(state: ExplorerState): void {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(state.landCarbon)) if (!Number.isFinite(v)) bad.push(`carbon coefficient of ${k}`);
  for (const [k, v] of Object.entries(state.standardCoal))
    if (!(v > 0 && Number.isFinite(v))) bad.push(`standard-coal coefficient of ${k}`);
  for (const [k, v] of Object.entries(state.carbonPerCoal)) if (!(v > 0 && Number.isFinite(v))) bad.push(`carbon coefficient of ${k}`);
  if (!(state.E > 0 && Number.isFinite(state.E))) bad.push("E");
  if (bad.length) throw new Error(`expected finite numbers (positive for fuels and E): ${bad.join(", ")}`);
}

// ------------------------------------------------------------------ data

/** The region's class areas per epoch (landuse-areas.arrow) and the energy table (energy.arrow). */
export interface RegionData {
  epochs: number[];
  /** epoch index → km² per class, CLASSES order */
  areasKm2: number[][];
  energy: EnergyTable;
}

/** One grid (grid-<k>km.arrow): per epoch, the kept cells' composition. */
export interface GridData {
  cellKm: number;
  epochs: {epoch: number; grid: GridComposition}[];
}

/** Rows of landuse-areas.arrow → RegionData.areasKm2 (CLASSES order). */
export function areasFromRows(rows: Iterable<{epoch: number; class: string; km2: number}>, epochs: number[]): number[][] {
  const out = epochs.map(() => new Array<number>(CLASSES.length).fill(NaN));
  for (const r of rows) {
    const e = epochs.indexOf(Number(r.epoch)),
      k = CLASSES.indexOf(r.class as LandClass);
    if (e >= 0 && k >= 0) out[e][k] = Number(r.km2);
  }
  out.forEach((a, e) =>
    a.forEach((v, k) => {
      if (!Number.isFinite(v)) throw new Error(`landuse-areas: no area for ${CLASSES[k]} in ${epochs[e]}`);
    })
  );
  return out;
}

/** Rows of energy.arrow → the EnergyTable the carbon formulas read. */
export function energyFromRows(
  rows: Iterable<{epoch: number; fuel: string; quantity: number; unit: string}>,
  epochs: number[]
): EnergyTable {
  const quantities: Record<string, number[]> = {};
  const units: Record<string, string> = {};
  for (const r of rows) {
    const e = epochs.indexOf(Number(r.epoch));
    if (e < 0) continue;
    (quantities[r.fuel] ??= epochs.map(() => NaN))[e] = Number(r.quantity);
    units[r.fuel] = r.unit;
  }
  return {file: "energy.arrow", epochs: [...epochs], quantities, units, ignored: []};
}

/** Columns of one epoch of a grid table (kept cells) → the GridComposition gridIntensity reads. */
export function compositionFromColumns(
  cellKm: number,
  cols: {
    id: ArrayLike<number>;
    row: ArrayLike<number>;
    col: ArrayLike<number>;
    inside_share: ArrayLike<number>;
    km2: Record<string, ArrayLike<number>>;
  }
): GridComposition {
  const n = cols.id.length;
  let nRows = 0,
    nCols = 0;
  for (let i = 0; i < n; i++) {
    nRows = Math.max(nRows, cols.row[i] + 1);
    nCols = Math.max(nCols, cols.col[i] + 1);
  }
  return {
    cellKm,
    proj: "",
    x0: NaN,
    y0: NaN,
    nRows,
    nCols,
    id: Int32Array.from(cols.id),
    row: Int32Array.from(cols.row),
    col: Int32Array.from(cols.col),
    insideShare: Float64Array.from(cols.inside_share),
    classKm2: CLASSES.map((c) => {
      const a = cols.km2[c];
      if (!a) throw new Error(`grid table: no column km2_${c}`);
      return Float64Array.from(a);
    })
  };
}

// ------------------------------------------------------------------ computation

export interface RegionTotals {
  epoch: number;
  /** t C */
  direct: number;
  indirect: number;
  net: number;
  /** 10⁴ t C */
  net_e4t: number;
  /** yuan */
  esv: number;
  /** 10⁸ yuan */
  esv_e8yuan: number;
}

/** Net carbon and ESV of the region in every epoch, from the region's class areas (as the pipeline computes them). */
export function regionTotals(study: Study, data: RegionData): RegionTotals[] {
  const vc = valueCoefficients(study);
  return data.epochs.map((epoch, e) => {
    const c = carbonBalance(epoch, data.areasKm2[e], study, data.energy);
    const esv = esvTotal(data.areasKm2[e], vc);
    return {epoch, direct: c.direct, indirect: c.indirect, net: c.net, net_e4t: toE4t(c.net), esv, esv_e8yuan: toE8yuan(esv)};
  });
}

export interface GridEpochRecompute {
  epoch: number;
  n: number;
  I: number;
  p_sim: number;
  p_sim_pairs: number;
  /** cells per cluster label (CLUSTER_LABELS) */
  counts: Record<string, number>;
  /** per cell, in the grid table's order (only for the epochs asked in `cells`) */
  cells?: {id: Int32Array; carbon: Float64Array; esv: Float64Array; cluster: Uint8Array; p: Float64Array};
}

export interface GridRecomputeOptions {
  perms: number;
  /** epochs whose per-cell values are returned; default none */
  cells?: number[];
  /** compute the global permutation tests (p_sim, p_sim_pairs); default true */
  global?: boolean;
}

/**
 * Per-cell carbon and ESV intensity (gridIntensity) and bivariate Moran / LISA
 * (gridContiguity, bivariateMoran) of every epoch of one grid, exactly as the
 * pipeline's analysis step calls them. The grid tables hold only kept cells,
 * so the indirect emissions are allocated over the region's construction land
 * from `data` (the pipeline's default sums every cell of the fishnet, which
 * is the same area: consistency check K3).
 */
export function gridRecompute(study: Study, data: RegionData, grid: GridData, o: GridRecomputeOptions): GridEpochRecompute[] {
  const vc = valueCoefficients(study);
  const construction = CLASSES.indexOf("construction");
  const want = new Set(o.cells ?? []);
  return grid.epochs.map(({epoch, grid: comp}) => {
    const e = data.epochs.indexOf(epoch);
    if (e < 0) throw new Error(`sensitivity: no region data for epoch ${epoch}`);
    const indirect = carbonBalance(epoch, data.areasKm2[e], study, data.energy).indirect;
    const {
      intensity: gi,
      kept,
      moran: m
    } = gridCoupling(comp, study, {
      indirectT: indirect,
      regionConstructionKm2: data.areasKm2[e][construction],
      vc,
      perms: o.perms,
      global: o.global
    });
    const counts: Record<string, number> = Object.fromEntries(CLUSTER_LABELS.map((c) => [c, 0]));
    for (const c of m.cluster) counts[CLUSTER_LABELS[c]]++;
    const out: GridEpochRecompute = {epoch, n: m.n, I: m.I, p_sim: m.p_sim, p_sim_pairs: m.p_sim_pairs, counts};
    if (want.has(epoch))
      out.cells = {id: Int32Array.from(kept, (j) => comp.id[j]), carbon: gi.carbon, esv: gi.esv, cluster: m.cluster, p: m.p};
    return out;
  });
}

// ------------------------------------------------------------------ from Arrow tables

/** What the explorer needs of an Arrow table (apache-arrow's Table has it; typed structurally to keep this file free of imports). */
export interface ColumnTable {
  numRows: number;
  getChild(name: string): {toArray(): ArrayLike<unknown>} | null;
}

function column(t: ColumnTable, name: string, table: string): ArrayLike<unknown> {
  const c = t.getChild(name);
  if (!c) throw new Error(`${table}: no column ${name}`);
  return c.toArray();
}

function numbers(t: ColumnTable, name: string, table: string): Float64Array {
  return Float64Array.from(column(t, name, table) as ArrayLike<number>, Number);
}

/** A grid table (grid-<k>km.arrow, every epoch) → per-epoch compositions of its cells, in table order. */
export function gridDataFromTable(t: ColumnTable, cellKm: number): GridData {
  const name = "grid.arrow";
  const epoch = numbers(t, "epoch", name);
  const size = numbers(t, "cell_km", name);
  const id = numbers(t, "id", name),
    row = numbers(t, "row", name),
    col = numbers(t, "col", name),
    inside = numbers(t, "inside_share", name);
  const km2 = Object.fromEntries(CLASSES.map((c) => [c, numbers(t, `km2_${c}`, name)]));
  const epochs = [...new Set(epoch.filter((_, i) => size[i] === cellKm))].sort((a, b) => a - b);
  if (!epochs.length) throw new Error(`${name}: no rows with cell_km ${cellKm}`);
  return {
    cellKm,
    epochs: epochs.map((y) => {
      const idx: number[] = [];
      for (let i = 0; i < t.numRows; i++) if (epoch[i] === y && size[i] === cellKm) idx.push(i);
      const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
      return {
        epoch: y,
        grid: compositionFromColumns(cellKm, {
          id: pick(id),
          row: pick(row),
          col: pick(col),
          inside_share: pick(inside),
          km2: Object.fromEntries(CLASSES.map((c) => [c, pick(km2[c])]))
        })
      };
    })
  };
}

/** landuse-areas.arrow and energy.arrow → RegionData. */
export function regionDataFromTables(areas: ColumnTable, energy: ColumnTable, epochs: number[]): RegionData {
  const rowsOf = <K extends string>(t: ColumnTable, keys: K[], table: string) => {
    const cols = keys.map((k) => column(t, k, table));
    return Array.from({length: t.numRows}, (_, i) => Object.fromEntries(keys.map((k, j) => [k, cols[j][i]])) as Record<K, never>);
  };
  return {
    epochs: [...epochs],
    areasKm2: areasFromRows(rowsOf(areas, ["epoch", "class", "km2"], "landuse-areas.arrow"), epochs),
    energy: energyFromRows(rowsOf(energy, ["epoch", "fuel", "quantity", "unit"], "energy.arrow"), epochs)
  };
}
