// The land-use engine's entry points: open a set of epoch rasters (checked to
// share one grid), then count areas and transitions, or aggregate them onto a
// fishnet. Node only; the arithmetic on the results lives in src/lib/landuse.ts.
//
//   const e = await openEpochs(["lc_2003.tif", …, "lc_2021.tif"], {mask: "boundary.geojson"});
//   const t = await tabulate(e, {pairs: [[0, 1], [1, 2], [2, 3], [3, 4], [0, 4]]}); // one pass
//   checkAllMapped(e, t.areas, table);                       // unmapped codes stop the run
//   const grids = await gridComposition(e, {cellKm: [1, 2, 3, 5], table}); // one pass
import {basename} from "node:path";
import type {GridTask, JobSpec} from "./chunk-kernel.js";
import {checkMapped, classLabels, type ClassTable} from "./class-table.js";
import {rasterCrs, type RasterCrs} from "./crs.js";
import {checkSameGrid} from "./epochs.js";
import {planFishnet, type FishnetPlan} from "./fishnet.js";
import {fullSpans, maskCoverage, maskedArea, maskSpans, readMaskFeatures, type MaskSpans} from "./mask.js";
import {openEpoch, type EpochSource} from "./mosaic.js";
import type {RasterInfo} from "./open-raster.js";
import {pixelGeometry, type PixelGeometry} from "./pixel-geometry.js";
import {runJob, type JobOutput, type MergedHistogram, type RunOptions} from "./run-job.js";

export const DEFAULT_FISHNET_PROJ = "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +ellps=WGS84 +units=m";

export interface Epochs {
  infos: RasterInfo[];
  crs: RasterCrs;
  geometry: PixelGeometry;
  mask: MaskSpans;
  masked: boolean;
  /** share of the mask's area that lies on the rasters (1 without a mask) */
  coverage: number;
  /**
   * Conditions under which the numbers are still computed but must be read
   * with care (nominal areas, a boundary reaching beyond the rasters). They
   * go to stderr as they arise and are carried in every JSON result, so that
   * a result never looks cleaner than it is.
   */
  warnings: string[];
}

export interface OpenOptions {
  /** GeoJSON (Multi)Polygon in WGS84: only pixels whose centre is inside count */
  mask?: string;
  warn?: (message: string) => void;
}

/** Each epoch is one raster or several on one grid (mosaic.ts); the epochs must share one grid. */
export async function openEpochs(paths: readonly EpochSource[], opts: OpenOptions = {}): Promise<Epochs> {
  if (paths.length === 0) throw new Error("no raster given; expected one or more land-cover GeoTIFFs");
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    (opts.warn ?? ((x: string) => process.stderr.write(`warning: ${x}\n`)))(m);
  };
  // Every raster is opened at once; a failure is reported for the first bad file in the given order, so the message never depends on timing.
  const opened = await Promise.allSettled(paths.map(openEpoch));
  const failed = opened.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const infos = opened.map((r) => (r as PromiseFulfilledResult<RasterInfo>).value);
  const crss = infos.map(rasterCrs);
  checkSameGrid(infos, crss);
  const crs = crss[0];
  const geometry = pixelGeometry(infos[0], crs, warn);
  let mask = fullSpans(infos[0]);
  let coverage = 1;
  if (opts.mask) {
    const name = basename(opts.mask);
    const features = readMaskFeatures(opts.mask);
    mask = maskSpans(features, infos[0], crs, name);
    const rowAreas = (y0: number, dy: number, dx: number, rows: number) =>
      pixelGeometry({...infos[0], y0, dy, dx, height: rows}, crs, () => {}).rowAreaM2;
    coverage = maskCoverage(features, infos[0], crs, rowAreas);
    if (coverage < 0.999) {
      const pct = (v: number) => `${+(100 * v).toFixed(1)} %`;
      warn(
        `${name}: only ${pct(coverage)} of the boundary's area lies on the rasters (${infos[0].name}…); ` +
          `the other ${pct(1 - coverage)} has no data and is not counted: areas, carbon and ESV cover the rasters' part only. ` +
          `Expected rasters covering the whole boundary`
      );
    }
  }
  return {infos, crs, geometry, mask, masked: !!opts.mask, coverage, warnings};
}

/**
 * Refuse cell sizes that cannot give a grid: cells smaller than a pixel (the
 * per-cell composition would be pixel noise, and the fishnet as large as the
 * raster or larger), or so large that the study area holds fewer than two.
 * `key` names where the sizes came from (a study-file key or a CLI option).
 */
export function checkCellSizes(e: Epochs, cellSizesKm: number[], key: string): void {
  const pixelM = Math.sqrt(e.geometry.rowAreaM2.reduce((a, b) => Math.max(a, b), 0));
  const areaM2 = maskedArea(e.mask, e.geometry.rowAreaM2);
  const largest = Math.sqrt(areaM2 / 2) / 1000;
  for (const km of cellSizesKm) {
    if (km * 1000 < pixelM)
      throw new Error(
        `${key}: ${km} km cells are smaller than the rasters' pixels (${+pixelM.toPrecision(3)} m, ${e.infos[0].name}); ` +
          `expected cells of at least ${+(pixelM / 1000).toPrecision(3)} km`
      );
    if ((km * 1000) ** 2 * 2 > areaM2)
      throw new Error(
        `${key}: ${km} km cells: the study area (${+(areaM2 / 1e6).toPrecision(4)} km² on the rasters) holds fewer than 2 of them; ` +
          `expected cells of at most ${+largest.toPrecision(3)} km`
      );
  }
}

export function baseJob(e: Epochs): JobSpec {
  // Chunks are whole block rows of the first raster, about 256 rows tall but
  // at least 8 of them when the raster allows: fixed by the file, never by
  // the thread count.
  const bh = e.infos[0].blockHeight;
  const blockRows = Math.ceil(e.infos[0].height / bh);
  return {
    rasters: e.infos,
    crs: e.crs,
    rowAreaM2: e.geometry.rowAreaM2,
    mask: e.mask,
    chunkRows: bh * Math.max(1, Math.min(Math.round(256 / bh), Math.ceil(blockRows / 8))),
    singles: [],
    pairs: [],
    grids: []
  };
}

export interface CodeArea {
  code: number;
  pixels: number;
  km2: number;
}

export interface CodeTransition {
  from: number;
  to: number;
  pixels: number;
  km2: number;
}

export interface Tabulation {
  /** per raster: pixels and km² of each code present, NoData excluded, by code */
  areas: CodeArea[][];
  /** per requested pair: pixels valid in both rasters, by (from, to) */
  transitions: CodeTransition[][];
}

/** The counting part of a job: the rasters histogrammed alone and the pairs cross-tabulated. */
export interface TabulationParts {
  singles: number[];
  pairs: [number, number][];
}

export function tabulationParts(e: Epochs, pairs: [number, number][] = []): TabulationParts {
  // A raster in a pair gets its histogram from the pair's margins (both are
  // counted before NoData is dropped), so it is read and counted only once.
  const inPair = new Set(pairs.flat());
  return {singles: e.infos.map((_, i) => i).filter((i) => !inPair.has(i)), pairs};
}

/** Areas of every raster and transitions of the given raster pairs, in one pass over the files. */
export async function tabulate(e: Epochs, opts: RunOptions & {pairs?: [number, number][]} = {}): Promise<Tabulation> {
  const parts = tabulationParts(e, opts.pairs);
  return tabulation(e, parts, await runJob({...baseJob(e), ...parts}, opts));
}

/** A job's histograms as areas and transitions by code. */
export function tabulation(e: Epochs, {singles, pairs}: TabulationParts, out: JobOutput): Tabulation {
  const areas = e.infos.map((info, i) => {
    let h = out.singles[singles.indexOf(i)];
    if (!h) {
      const p = pairs.findIndex((pair) => pair.includes(i));
      h = margin(out.pairs[p], pairs[p][0] === i ? "from" : "to");
    }
    const rows: CodeArea[] = [];
    for (let code = 0; code < 256; code++) {
      if (h.pixels[code] > 0 && code !== info.nodata) rows.push({code, pixels: h.pixels[code], km2: h.m2[code] / 1e6});
    }
    return rows;
  });
  const transitions = out.pairs.map((h, p) => {
    const [na, nb] = [e.infos[pairs[p][0]].nodata, e.infos[pairs[p][1]].nodata];
    const rows: CodeTransition[] = [];
    for (let i = 0; i < 65536; i++) {
      const from = i >> 8,
        to = i & 255;
      if (h.pixels[i] > 0 && from !== na && to !== nb) rows.push({from, to, pixels: h.pixels[i], km2: h.m2[i] / 1e6});
    }
    return rows;
  });
  return {areas, transitions};
}

/** Row (from) or column (to) sums of a pair histogram. */
function margin(h: MergedHistogram, side: "from" | "to"): MergedHistogram {
  const out = {pixels: new Float64Array(256), m2: new Float64Array(256)};
  for (let i = 0; i < 65536; i++) {
    if (h.pixels[i] === 0) continue;
    const code = side === "from" ? i >> 8 : i & 255;
    out.pixels[code] += h.pixels[i];
    out.m2[code] += h.m2[i];
  }
  return out;
}

/** Throw if a raster holds codes the table does not map. */
export function checkAllMapped(e: Epochs, areas: CodeArea[][], table: ClassTable): void {
  areas.forEach((rows, i) => {
    const pixels = new Float64Array(256);
    for (const r of rows) pixels[r.code] = r.pixels;
    checkMapped(e.infos[i].name, pixels, e.infos[i].nodata, table);
  });
}

export interface GridResult {
  plan: FishnetPlan;
  /** class names (with a table) or codes as strings (without) */
  labels: string[];
  /** cells with any valid pixel in any epoch, by id = row · nCols + col */
  ids: Int32Array;
  rows: Int32Array;
  cols: Int32Array;
  /** per epoch */
  epochs: {km2: Float64Array[]; insideShare: Float64Array}[];
}

export interface GridOptions extends RunOptions {
  cellKm: number[];
  proj?: string;
  /** code → class; without it each code is its own label */
  table?: ClassTable | null;
}

/** The fishnet part of a job: one grid task per cell size, every raster's codes mapped to the table's classes. */
export interface GridParts {
  labels: string[];
  slotsPerRaster: number;
  plans: FishnetPlan[];
  grids: GridTask[];
}

export function gridParts(e: Epochs, opts: {cellKm: number[]; proj?: string; table: ClassTable}): GridParts {
  const {table} = opts;
  const labels = classLabels(table);
  const K = labels.length;
  if (K > 254)
    throw new Error(`${e.infos[0].name}: ${K} classes; a grid holds at most 254 (map codes to fewer classes with a class table)`);
  const slotsPerRaster = K + 2; // classes, then "unmapped", then NoData (ignored)
  const luts = e.infos.map((info) => {
    const lut = new Uint8Array(256).fill(K);
    for (const [code, name] of table) lut[code] = labels.indexOf(name);
    if (info.nodata !== null) lut[info.nodata] = K + 1;
    return lut;
  });
  const plans = opts.cellKm.map((km) => planFishnet(e.infos[0], e.crs, km, opts.proj ?? DEFAULT_FISHNET_PROJ));
  return {labels, slotsPerRaster, plans, grids: plans.map((plan) => ({plan, luts, slotsPerRaster}))};
}

/** Per-cell km² of each class (or code) for every epoch, for each cell size, in one pass over the files. */
export async function gridComposition(e: Epochs, opts: GridOptions): Promise<GridResult[]> {
  let table = opts.table ?? null;
  if (!table) {
    // Codes are the files' own: find them first (a fast counting pass).
    const codes = new Set((await tabulate(e, opts)).areas.flat().map((a) => a.code));
    table = new Map([...codes].sort((a, b) => a - b).map((c) => [c, String(c)]));
  }
  const parts = gridParts(e, {...opts, table});
  const out = await runJob({...baseJob(e), grids: parts.grids}, opts);
  if (gridUnmapped(e, parts, out)) {
    // Name the codes: a counting pass gives each unmapped code's pixels, and throws.
    checkAllMapped(e, (await tabulate(e, opts)).areas, table);
  }
  return gridResults(e, parts, out);
}

/** Whether any cell holds a pixel of a code the table does not map. */
function gridUnmapped(e: Epochs, {labels, slotsPerRaster}: GridParts, out: JobOutput): boolean {
  const K = labels.length;
  const stride = slotsPerRaster * e.infos.length;
  return out.grids.some((rows) =>
    rows.some((row) => {
      for (let o = 0; row && o < row.length; o += stride)
        for (let i = 0; i < e.infos.length; i++) if (row[o + i * slotsPerRaster + K] > 0) return true;
      return false;
    })
  );
}

/** A job's fishnet sums as each grid's cells (those with area in any epoch) and their composition. */
export function gridResults(e: Epochs, {labels, slotsPerRaster, plans}: GridParts, out: JobOutput): GridResult[] {
  const K = labels.length;
  const stride = slotsPerRaster * e.infos.length;
  return plans.map((plan, g) => {
    const rows = out.grids[g];
    const nE = e.infos.length;
    // cells with area in any epoch, in id order
    const ids: number[] = [];
    rows.forEach((row, r) => {
      if (row) for (let c = 0; c < plan.nCols; c++) if (hasArea(row, c * stride, nE, slotsPerRaster, K)) ids.push(r * plan.nCols + c);
    });
    const n = ids.length;
    const cellArea = plan.cellM * plan.cellM;
    const epochs = e.infos.map(() => ({km2: labels.map(() => new Float64Array(n)), insideShare: new Float64Array(n)}));
    const rowOf = new Int32Array(n);
    const colOf = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const r = Math.floor(ids[j] / plan.nCols);
      const c = ids[j] - r * plan.nCols;
      rowOf[j] = r;
      colOf[j] = c;
      const v = rows[r]!;
      for (let i = 0; i < nE; i++) {
        const o = c * stride + i * slotsPerRaster;
        let sum = 0;
        for (let k = 0; k < K; k++) {
          epochs[i].km2[k][j] = v[o + k] / 1e6;
          sum += v[o + k];
        }
        epochs[i].insideShare[j] = sum / cellArea;
      }
    }
    return {plan, labels, ids: Int32Array.from(ids), rows: rowOf, cols: colOf, epochs};
  });
}

function hasArea(v: Float64Array, o: number, epochs: number, slots: number, K: number): boolean {
  for (let i = 0; i < epochs; i++) for (let k = 0; k < K; k++) if (v[o + i * slots + k] > 0) return true;
  return false;
}
