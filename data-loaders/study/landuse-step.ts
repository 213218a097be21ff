// Step 1 of the study: land-cover rasters → class areas per epoch, transition
// matrices (consecutive periods and first → last), and per-cell composition
// for each offered cell size. Reads the rasters through the land-use engine;
// a whole study counts these in the one pass of study-pass.ts.
import {CLASSES} from "../../src/lib/classes.js";
import type {Study} from "../../src/lib/params.js";
import type {EnergyTable} from "../../src/lib/energy.js";
import {
  baseJob,
  checkAllMapped,
  checkCellSizes,
  gridParts,
  gridResults,
  openEpochs,
  tabulation,
  tabulationParts,
  type Epochs,
  type GridParts,
  type TabulationParts
} from "../raster/engine.js";
import {checkNodataUnmapped, classTable, type ClassTable} from "../raster/class-table.js";
import {epochName, type EpochSource} from "../raster/mosaic.js";
import {runJob, type JobOutput} from "../raster/run-job.js";

export interface LanduseStep {
  epochs: number[];
  crs: string;
  pixelArea: string;
  /** share of the boundary's area on the rasters */
  coverage: number;
  /** nominal areas, partial coverage, NoData inside the boundary: results to read with care */
  warnings: string[];
  /** epoch index → km² per class (CLASSES order) */
  areasKm2: number[][];
  /** epoch index → pixels per class */
  pixels: number[][];
  /** [from epoch index, to epoch index, class × class km² matrix (rows from, columns to)] */
  transitions: {from: number; to: number; km2: number[][]; pixels: number[][]}[];
  grids: GridStep[];
}

export interface GridStep {
  cellKm: number;
  proj: string;
  cellM: number;
  ixMin: number;
  iyMax: number;
  nRows: number;
  nCols: number;
  ids: number[];
  rows: number[];
  cols: number[];
  /** epoch index → {classKm2: CLASSES order → per cell, insideShare per cell} */
  epochs: {classKm2: number[][]; insideShare: number[]}[];
}

/** Consecutive periods, then first → last. */
export function periods(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) out.push([i, i + 1]);
  if (n > 2) out.push([0, n - 1]);
  return out;
}

/** The land use of a study's rasters: opened and checked before any heavy pass. */
export interface LanduseInputs {
  e: Epochs;
  table: ClassTable;
  pairs: [number, number][];
  tabulation: TabulationParts;
  grid: GridParts;
}

export async function landuseInputs(study: Study, rasters: readonly EpochSource[], boundary: string): Promise<LanduseInputs> {
  const warn = (m: string) => process.stderr.write(`warning: ${m}\n`);
  const e = await openEpochs(rasters, {mask: boundary, warn});
  const table = classTable(study.reclassification.table);
  checkNodataUnmapped(e.infos, table, "reclassification.table");
  // Before any heavy pass: cell sizes the rasters and the boundary can carry.
  checkCellSizes(e, study.grid.cellSizesKm, "grid.cellSizesKm");
  const pairs = periods(rasters.length);
  return {
    e,
    table,
    pairs,
    tabulation: tabulationParts(e, pairs),
    grid: gridParts(e, {cellKm: study.grid.cellSizesKm, proj: study.grid.proj, table})
  };
}

/** Land use alone (areas, transitions, composition) in one pass over the rasters. */
export async function landuseStep(
  study: Study,
  rasters: readonly EpochSource[],
  boundary: string,
  log: (m: string) => void
): Promise<LanduseStep> {
  const inputs = await landuseInputs(study, rasters, boundary);
  log(`land use: areas, ${inputs.pairs.length} transition matrices and per-cell composition at ${study.grid.cellSizesKm.join(", ")} km`);
  const out = await runJob({...baseJob(inputs.e), ...inputs.tabulation, grids: inputs.grid.grids});
  return landuseResult(study, inputs, out);
}

/** The land-use step's result from a pass that counted the inputs' tabulation and grids; unmapped codes and empty epochs stop the run here. */
export function landuseResult(study: Study, {e, table, pairs, tabulation: parts, grid}: LanduseInputs, out: JobOutput): LanduseStep {
  const warn = (m: string) => process.stderr.write(`warning: ${m}\n`);
  const tab = tabulation(e, parts, out);
  checkAllMapped(e, tab.areas, table);
  tab.areas.forEach((rows, i) => {
    const valid = rows.reduce((n, r) => n + r.pixels, 0);
    const epoch = study.study.epochs[i];
    if (valid === 0)
      throw new Error(
        `${e.infos[i].name} (epoch ${epoch}): no valid pixel inside the boundary (all ${e.mask.pixels} are NoData ${e.infos[i].nodata}); expected land cover over the study area`
      );
    if (valid < e.mask.pixels) {
      const share = 1 - valid / e.mask.pixels;
      const m = `${e.infos[i].name} (epoch ${epoch}): ${+(100 * share).toFixed(2)} % of the pixels inside the boundary are NoData and are not counted`;
      e.warnings.push(m);
      warn(m);
    }
  });
  const k = (code: number) => CLASSES.indexOf(table.get(code) as (typeof CLASSES)[number]);

  const areasKm2 = tab.areas.map((rows) => {
    const a = CLASSES.map(() => 0);
    for (const r of rows) a[k(r.code)] += r.km2;
    return a;
  });
  const pixels = tab.areas.map((rows) => {
    const a = CLASSES.map(() => 0);
    for (const r of rows) a[k(r.code)] += r.pixels;
    return a;
  });
  const transitions = tab.transitions.map((rows, p) => {
    const km2 = CLASSES.map(() => CLASSES.map(() => 0));
    const px = CLASSES.map(() => CLASSES.map(() => 0));
    for (const r of rows) {
      km2[k(r.from)][k(r.to)] += r.km2;
      px[k(r.from)][k(r.to)] += r.pixels;
    }
    return {from: pairs[p][0], to: pairs[p][1], km2, pixels: px};
  });

  // Every code is mapped (checked above), so no cell holds an unmapped pixel either.
  const grids = gridResults(e, grid, out);
  return {
    epochs: study.study.epochs,
    crs: e.crs.name,
    pixelArea: e.geometry.kind,
    coverage: e.coverage,
    warnings: e.warnings,
    areasKm2,
    pixels,
    transitions,
    grids: grids.map((g) => ({
      cellKm: g.plan.cellKm,
      proj: g.plan.proj,
      cellM: g.plan.cellM,
      ixMin: g.plan.ixMin,
      iyMax: g.plan.iyMax,
      nRows: g.plan.nRows,
      nCols: g.plan.nCols,
      ids: Array.from(g.ids),
      rows: Array.from(g.rows),
      cols: Array.from(g.cols),
      epochs: g.epochs.map((ep) => ({
        classKm2: CLASSES.map((c) => {
          const idx = g.labels.indexOf(c);
          return idx < 0 ? new Array(g.ids.length).fill(0) : Array.from(ep.km2[idx]);
        }),
        insideShare: Array.from(ep.insideShare)
      }))
    }))
  };
}

/**
 * Energy emissions are allocated to grid cells by their construction land:
 * an epoch with energy use and no construction land inside the boundary has
 * nowhere to put them. Say which raster and epoch, before the analysis.
 */
export function checkConstructionForEnergy(land: LanduseStep, rasters: readonly EpochSource[], energy: EnergyTable): void {
  const k = CLASSES.indexOf("construction");
  land.epochs.forEach((y, e) => {
    const used = Object.entries(energy.quantities).filter(([, q]) => q[e] > 0);
    if (land.areasKm2[e][k] > 0 || used.length === 0) return;
    throw new Error(
      `${epochName(rasters[e])} (epoch ${y}): no construction land inside the boundary, but ${energy.file} gives energy use in ${y} ` +
        `(${used.map(([f]) => f).join(", ")}), whose emissions are allocated over construction land. ` +
        `Expected pixels of a code that reclassification.table maps to "construction" in every epoch with energy use`
    );
  });
}
