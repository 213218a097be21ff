// The explorer's state: what a reviewer may change (land-use
// carbon coefficients, fuel coefficients, the standard equivalent value E,
// the class-to-row mapping of the ESV table), the published state of a
// build, how a state lives in a URL, and the study it makes. Pure TypeScript
// (no Node, no DOM): the Review page and its web worker run this very file.
import {CLASSES, type LandClass} from "../classes.js";
import type {Study} from "../params.js";
import {standardEquivalentValue} from "../esv.js";
/** Classes with a direct (area × coefficient) carbon coefficient. */
export const DIRECT_CLASSES = ["cultivated", "forest", "grassland", "water", "unused"] as const;

/** Rows of the equivalent-factor table a class may be mapped onto (the mapping is a study parameter). */
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
