// One grid, one epoch: per-cell carbon and ESV intensity, contiguity weights
// on the kept cells, and the bivariate Moran / LISA of the two. The pipeline's
// analysis step and the in-browser sensitivity explorer both call this, so
// the explorer reproduces the build exactly with the published parameters.
import type {GridComposition} from "./grid.js";
import type {Study} from "./params.js";
import type {ValueCoefficients} from "./esv.js";
import {gridIntensity, type GridIntensity} from "./intensity.js";
import {gridContiguity, type GridWeights} from "./weights.js";
import {bivariateMoran, type BivariateMoranOptions, type BivariateMoranResult} from "./moran.js";

export interface GridCoupling {
  intensity: GridIntensity;
  /** indices (into the composition's cells) of the cells kept, as the Moran arrays are ordered */
  kept: number[];
  weights: GridWeights;
  moran: BivariateMoranResult;
}

export interface GridCouplingOptions {
  /** t C of the region's indirect (energy) emissions in this epoch */
  indirectT: number;
  /** the region's construction land, km², that indirect emissions are allocated over */
  regionConstructionKm2: number;
  vc?: ValueCoefficients;
  /** permutations (default: the study's) */
  perms?: number;
  /** run the global permutation tests (default true) */
  global?: boolean;
}

/** What gridCoupling computes before the permutation tests, and the options they run with (the pipeline runs them on every core). */
export function couplingInputs(
  comp: GridComposition,
  study: Study,
  o: GridCouplingOptions
): Omit<GridCoupling, "moran"> & {moranOptions: BivariateMoranOptions} {
  const intensity = gridIntensity(comp, study, o.indirectT, {vc: o.vc, regionConstructionKm2: o.regionConstructionKm2});
  const kept = Array.from(intensity.kept);
  const weights = gridContiguity(
    kept.map((j) => comp.row[j]),
    kept.map((j) => comp.col[j]),
    study.spatial.weights
  );
  const moranOptions: BivariateMoranOptions = {
    perms: o.perms ?? study.spatial.permutations,
    seed: study.spatial.seed,
    alpha: study.spatial.alpha,
    correction: study.spatial.correction,
    global: o.global ?? true,
    names: {x: "carbon intensity", y: "ESV intensity"}
  };
  return {intensity, kept, weights, moranOptions};
}

export function gridCoupling(comp: GridComposition, study: Study, o: GridCouplingOptions): GridCoupling {
  const {intensity, kept, weights, moranOptions} = couplingInputs(comp, study, o);
  return {intensity, kept, weights, moran: bivariateMoran(intensity.carbon, intensity.esv, weights, moranOptions)};
}
