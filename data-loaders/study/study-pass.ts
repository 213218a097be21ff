// Everything of a study that needs pixels, in one pass over its rasters: each
// epoch's raster is decoded once, block row by block row on the worker pool,
// and counted into class areas, transition matrices, per-cell composition at
// every cell size, the land use of each part of the boundary and the display
// rasters' majority counts. Decoding is the dominant cost of a study, and the
// counting loops run while a decoded tile is still in cache.
import type {Study} from "../../src/lib/params.js";
import {baseJob} from "../raster/engine.js";
import type {EpochSource} from "../raster/mosaic.js";
import {runJob} from "../raster/run-job.js";
import {checkStudySize, studyProgress} from "../raster/progress.js";
import {displayPlan, displayRasters, type DisplayRaster} from "./display-raster.js";
import {endOfStep} from "./timings.js";
import {landuseInputs, landuseResult, type LanduseStep} from "./landuse-step.js";
import {zoneParts, zonesResult, type ZonesStep} from "./zones-step.js";

export interface StudyPass {
  land: LanduseStep;
  zones: ZonesStep;
  display: DisplayRaster;
}

export interface PassOptions {
  /** no progress on stderr */
  quiet?: boolean;
  threads?: number;
}

export async function studyPass(
  study: Study,
  rasters: readonly EpochSource[],
  boundary: string,
  log: (m: string) => void,
  opts: PassOptions = {}
): Promise<StudyPass> {
  const inputs = await landuseInputs(study, rasters, boundary);
  const {e, table, pairs} = inputs;
  const job = baseJob(e);
  // Before anything heavy: a study larger than one machine should take is refused, with what it would cost.
  checkStudySize(e.infos, job.chunkRows, inputs.grid.plans, study.grid.cellSizesKm);
  const parts = zoneParts(boundary, e, table);
  const display = displayPlan(e, table);
  endOfStep("the rasters opened and checked, the boundary and its parts rasterised, the grids planned");
  log(
    `one pass over ${rasters.length} epoch${rasters.length === 1 ? "" : "s"}: areas, ${pairs.length} transition matrices, ` +
      `composition at ${study.grid.cellSizesKm.join(", ")} km, ${parts.zones.length} part${parts.zones.length === 1 ? "" : "s"} of the boundary, display rasters`
  );
  const out = await runJob(
    {...job, ...inputs.tabulation, grids: inputs.grid.grids, zones: parts.task, display: display.task},
    {threads: opts.threads, progress: opts.quiet ? undefined : studyProgress(e.infos)}
  );
  endOfStep("the one pass over the rasters");
  return {
    land: landuseResult(study, inputs, out),
    zones: zonesResult(parts.zones, out.zones!),
    display: displayRasters(e, display, out.display!)
  };
}
