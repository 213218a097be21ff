// The explorer's recomputation: regional totals (carbon, ESV) and, on a
// grid, per-cell intensities and bivariate Moran / LISA, from a study made
// by state.ts and the data read by adapters.ts. Pure TypeScript (no Node, no
// DOM): the Review page's web worker and test/explorer.test.ts run this very
// file, and it calls the formulas the pipeline called (carbon.ts, esv.ts,
// intensity.ts, weights.ts, moran.ts); nothing here re-implements a formula.
import {CLASSES} from "../classes.js";
import type {Study} from "../params.js";
import {carbonBalance} from "../carbon.js";
import {toE4t, toE8yuan} from "../units.js";
import {esvTotal, valueCoefficients} from "../esv.js";
import {gridCoupling} from "../coupling.js";
import {CLUSTER_LABELS} from "../moran.js";
import type {GridData, RegionData} from "./adapters.js";
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
