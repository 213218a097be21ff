// Per-cell carbon emission intensity and ESV intensity of one epoch, on the
// fishnet of a GridComposition. The formulas are those of carbon.ts and
// esv.ts applied to each cell's class areas; only the allocation of the
// region's indirect (energy) emissions is specific to cells.
import {CLASSES} from "./classes.js";
import type {GridComposition} from "./grid.js";
import type {Study} from "./params.js";
import {directEmissions, landUseCoefficients} from "./carbon.js";
import {esvTotal, valueCoefficients, type ValueCoefficients} from "./esv.js";

const CONSTRUCTION = CLASSES.indexOf("construction");

export interface GridIntensity {
  /** indices into the grid's columns of the cells kept (insideShare ≥ minimum), ascending */
  kept: Int32Array;
  /** cells left out for insideShare below the minimum */
  leftOut: number;
  minInsideShare: number;
  /** region construction land, km², that indirect emissions were allocated over */
  regionConstructionKm2: number;
  /** the following are per kept cell, aligned with `kept` */
  /** cell area inside the study area, km² (insideShare × cell side²) */
  insideKm2: Float64Array;
  /** direct emissions of the cell's classes, t C */
  direct: Float64Array;
  /** the cell's share of the region's indirect emissions, t C */
  indirect: Float64Array;
  /** (direct + indirect) / insideKm2, t C/km² (÷ 100 for t C/hm²) */
  carbon: Float64Array;
  /** ESV / insideKm2, yuan/km² */
  esv: Float64Array;
}

export interface IntensityOptions {
  /**
   * Region construction land, km², to allocate over; by default the sum over
   * all cells of the grid, left-out cells included, so that left-out cells
   * keep their share rather than inflate the others'.
   */
  regionConstructionKm2?: number;
  /** precomputed value coefficients (e.g. from a sensitivity run) */
  vc?: ValueCoefficients;
}

/**
 * Carbon and ESV intensity of each cell of one epoch. `indirectT` is the
 * region's indirect emissions of that epoch in t C (carbon.ts
 * indirectEmissions(...).total); each cell gets indirectT × its construction
 * km² / the region's construction km².
 */
export function gridIntensity(grid: GridComposition, study: Study, indirectT: number, options: IntensityOptions = {}): GridIntensity {
  const n = grid.id.length;
  const minInsideShare = study.grid.minInsideShare;
  const coef = landUseCoefficients(study);
  const vc = options.vc ?? valueCoefficients(study);

  let regionConstructionKm2 = options.regionConstructionKm2 ?? 0;
  if (options.regionConstructionKm2 === undefined) for (let j = 0; j < n; j++) regionConstructionKm2 += grid.classKm2[CONSTRUCTION][j];
  if (indirectT !== 0 && !(regionConstructionKm2 > 0))
    throw new Error(`cannot allocate ${indirectT} t C of indirect emissions: the region has no construction land`);

  const keptList: number[] = [];
  for (let j = 0; j < n; j++) if (grid.insideShare[j] >= minInsideShare) keptList.push(j);
  const kept = Int32Array.from(keptList);
  const m = kept.length;
  const out = {
    insideKm2: new Float64Array(m),
    direct: new Float64Array(m),
    indirect: new Float64Array(m),
    carbon: new Float64Array(m),
    esv: new Float64Array(m)
  };

  const cellArea = grid.cellKm * grid.cellKm;
  const areas = new Float64Array(CLASSES.length);
  const dirScratch = new Float64Array(CLASSES.length);
  const esvScratch = new Float64Array(vc.perClassService.length);
  for (let k = 0; k < m; k++) {
    const j = kept[k];
    for (let c = 0; c < CLASSES.length; c++) areas[c] = grid.classKm2[c][j];
    directEmissions(areas, coef, dirScratch);
    let direct = 0;
    for (let c = 0; c < CLASSES.length; c++) direct += dirScratch[c];
    const indirect = indirectT === 0 ? 0 : (indirectT * areas[CONSTRUCTION]) / regionConstructionKm2;
    const inside = grid.insideShare[j] * cellArea;
    out.insideKm2[k] = inside;
    out.direct[k] = direct;
    out.indirect[k] = indirect;
    out.carbon[k] = (direct + indirect) / inside;
    out.esv[k] = esvTotal(areas, vc, esvScratch) / inside;
  }
  return {kept, leftOut: n - m, minInsideShare, regionConstructionKm2, ...out};
}

/**
 * Net carbon and ESV of areas inside the study area (its districts or
 * counties): direct emissions of their classes, plus the region's indirect
 * emissions allotted by their share of the region's construction land (the
 * rule of the grid cells), and the ESV of their classes.
 */
export function areaBalance(
  classKm2: ArrayLike<number>,
  study: Study,
  indirectT: number,
  regionConstructionKm2: number
): {areaKm2: number; directT: number; indirectT: number; netT: number; esvYuan: number} {
  const direct = directEmissions(classKm2, landUseCoefficients(study)).reduce((a, b) => a + b, 0);
  const indirect = regionConstructionKm2 > 0 ? (indirectT * classKm2[CONSTRUCTION]) / regionConstructionKm2 : 0;
  let areaKm2 = 0;
  for (let k = 0; k < CLASSES.length; k++) areaKm2 += classKm2[k];
  return {areaKm2, directT: direct, indirectT: indirect, netT: direct + indirect, esvYuan: esvTotal(classKm2, valueCoefficients(study))};
}
