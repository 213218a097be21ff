// study.json for the site: the validated parameters, the study's headline
// numbers, the display rasters' placement, provenance and calibration.
import {readFileSync} from "node:fs";
import type {StudyRun} from "./run-study.js";
import {studySummary} from "./summary.js";

export function studyMeta(run: StudyRun): object {
  const p = run.loaded.params;
  return {
    title: p.study.title,
    region: p.study.region,
    epochs: p.study.epochs,
    reconstruction: p.study.reconstruction,
    parameters: p,
    summary: studySummary(run),
    display: {width: run.display.width, height: run.display.height, factor: run.display.factor, bounds: run.display.bounds},
    boundary: JSON.parse(readFileSync(run.loaded.paths.boundary, "utf8")),
    provenance: run.provenance,
    calibration: run.calibration,
    pixel_area: run.land.pixelArea,
    crs: run.land.crs
  };
}
